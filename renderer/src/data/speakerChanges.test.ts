import { describe, expect, test, vi } from 'vitest';
import type { NewsDocument } from '../../../shared/model';
import { LibraryClient } from './libraryClient';
import { SpeakerChanges } from './speakerChanges';
import { memoryStorage } from './testing/fakeHost';
import { SpeakerHost } from './testing/speakerHost';

/** The speakers of an article's spans in one line: "s1 Jen Psaki (was Psaki)". */
function speakers(document: NewsDocument | null | undefined): string {
  return (document?.spans ?? []).map((span) => `${span.id} ${span.speaker ?? '-'}${span.speakerOriginal ? ` (was ${span.speakerOriginal})` : ''}`).join(' | ');
}

async function library() {
  const host = new SpeakerHost();
  const client = new LibraryClient(host, memoryStorage());
  await client.load();
  await client.openDocument('a');
  client.apply('a', { type: 'createSpan', span: { id: 's1', start: 11, end: 25, label: 'quote', speaker: 'Psaki' } });
  await vi.waitFor(() => expect(client.getSave().pending).toBe(0));
  host.documents.set('b', { ...host.documents.get('b')!, spans: [{ id: 's2', start: 11, end: 25, label: 'quote', speaker: 'Jen Psaki', createdAt: '', updatedAt: '', annotator: 'ana' }] });
  return { host, client, speakers: new SpeakerChanges(host, client) };
}

describe('SpeakerChanges', () => {
  test('a merge is one request; the open article follows at once; one undo and one redo reverse and repeat it everywhere', async () => {
    const { host, client, speakers: changes } = await library();
    expect(client.canUndo('a')).toBe(true);
    // Followed as React follows a store (useSyncExternalStore passes the methods unbound).
    const { subscribe, getVersion } = changes;
    let heard = 0;
    const stop = subscribe(() => heard++);

    const merged = await changes.rename(['Psaki', 'Jen Psaki'], 'Jen Psaki');
    expect(merged.ok && merged.value.changed.map((change) => change.documentId)).toEqual(['a']);
    expect(host.requests).toEqual(['renameSpeaker Psaki + Jen Psaki → Jen Psaki']);
    expect(speakers(client.getDocument('a'))).toBe('s1 Jen Psaki (was Psaki)');
    expect(speakers(host.documents.get('b'))).toBe('s2 Jen Psaki');
    await changes.undo();

    const title = 'White House press secretary Jen Psaki';
    await changes.rename(['Psaki', 'Jen Psaki'], title);
    expect(speakers(client.getDocument('a'))).toBe(`s1 ${title} (was Psaki)`);
    expect(speakers(host.documents.get('b'))).toBe(`s2 ${title} (was Jen Psaki)`);
    // The article's own history predates the merge: undoing it there would bring "Psaki" back.
    expect(client.canUndo('a')).toBe(false);
    expect([changes.canUndo(), changes.canRedo(), changes.undoDescription()]).toEqual([true, false, `merging Psaki, Jen Psaki into ${title}`]);

    expect(await changes.undo()).toBe(true);
    expect(host.requests.at(-1)).toBe('restoreDocuments a@4 b@1');
    expect(speakers(client.getDocument('a'))).toBe('s1 Psaki');
    expect(speakers(host.documents.get('b'))).toBe('s2 Jen Psaki');
    expect([changes.canUndo(), changes.canRedo()]).toEqual([false, true]);

    expect(await changes.redo()).toBe(true);
    expect(host.requests.at(-1)).toBe('restoreDocuments a@5 b@2');
    expect(speakers(client.getDocument('a'))).toBe(`s1 ${title} (was Psaki)`);
    expect(client.notices.get().message?.text).toBe(`Redone: merging Psaki, Jen Psaki into ${title}.`);
    stop();
    expect([heard, getVersion()]).toEqual([10, 10]);
  });

  test('an undo after an article changed since is refused for it, said, and the history let go', async () => {
    const { host, client, speakers: changes } = await library();
    await changes.rename(['Psaki'], 'Jen Psaki');
    client.apply('a', { type: 'setStatus', status: 'done' });
    await vi.waitFor(() => expect(client.getSave().pending).toBe(0));

    expect(await changes.undo()).toBe(false);
    expect(client.notices.get().message).toMatchObject({ level: 'error', text: expect.stringContaining('Could not undo renaming Psaki to Jen Psaki') });
    expect(speakers(host.documents.get('a'))).toBe('s1 Jen Psaki (was Psaki)');
    expect([changes.canUndo(), changes.canRedo()]).toEqual([false, false]);
  });

  test('a rename waits for unsaved changes, and refuses (saying why) when they do not land', async () => {
    vi.useFakeTimers();
    try {
      const { host, client, speakers: changes } = await library();
      host.failWith = () => ({ code: 'storage_failed', message: 'disk full' });
      client.apply('a', { type: 'setStatus', status: 'done' });
      const renaming = changes.rename(['Psaki'], 'Jen Psaki');
      expect(changes.isBusy()).toBe(true);
      await vi.advanceTimersByTimeAsync(6_000);
      expect((await renaming).ok).toBe(false);
      expect(host.requests).toEqual([]);
      expect(client.notices.get().message?.text).toContain('not saved yet');
    } finally {
      vi.useRealTimers();
    }
  });
});
