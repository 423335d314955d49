import { describe, expect, test, vi } from 'vitest';
import { LibraryClient } from './libraryClient';
import { FakeHost, memoryStorage } from './testing/fakeHost';

async function settled(client: LibraryClient): Promise<void> {
  await vi.waitFor(() => expect(client.getSave().pending).toBe(0));
}

const quote = { type: 'createSpan', span: { id: 's1', start: 11, end: 25, label: 'quote' } } as const;

describe('LibraryClient', () => {
  test('undo and redo are stored, and redo puts back what the host stored, its stamps included', async () => {
    const host = new FakeHost();
    const client = new LibraryClient(host, memoryStorage());
    await client.load();
    await client.openDocument('a');
    const original = host.documents.get('a')!;
    client.apply('a', quote);
    await settled(client);
    const stored = host.documents.get('a')!;
    expect(client.undo('a')).toBe(true);
    await settled(client);
    expect({ ...host.documents.get('a')!, revision: 0 }).toEqual(original);
    expect(client.redo('a')).toBe(true);
    await settled(client);
    expect({ ...host.documents.get('a')!, revision: stored.revision }).toEqual(stored);
    expect(client.getDocument('a')).toEqual(host.documents.get('a'));
  });

  test('the host answers what a change did; when another window saved in between, the window fetches the stored document', async () => {
    const host = new FakeHost();
    const client = new LibraryClient(host, memoryStorage());
    await client.load();
    await client.openDocument('a');
    const requests = vi.spyOn(host, 'request');
    client.apply('a', quote);
    await settled(client);
    expect(client.getDocument('a')).toEqual(host.documents.get('a'));
    expect(requests.mock.calls.map(([name]) => name)).toEqual(['updateDocument']);
    // Another window adds a span: this one's stored state is now a revision behind.
    const elsewhere = host.documents.get('a')!;
    const theirs = { ...elsewhere.spans[0]!, id: 's9', start: 0, end: 3, label: 'claim' };
    host.documents.set('a', { ...elsewhere, spans: [theirs, ...elsewhere.spans], revision: elsewhere.revision + 1 });
    client.apply('a', { type: 'createSpan', span: { id: 's2', start: 0, end: 10, label: 'claim' } });
    await settled(client);
    await vi.waitFor(() => expect(client.getDocument('a')).toEqual(host.documents.get('a')));
    expect(client.getDocument('a')!.spans.map((span) => span.id).sort()).toEqual(['s1', 's2', 's9']);
    expect(requests.mock.calls.map(([name]) => name)).toEqual(['updateDocument', 'updateDocument', 'getDocument']);
  });

  test('several operations are one change: one undo step puts back the state before them all', async () => {
    const host = new FakeHost();
    const client = new LibraryClient(host, memoryStorage());
    await client.load();
    await client.openDocument('a');
    const original = host.documents.get('a')!;
    const claim = { type: 'createSpan', span: { id: 's2', start: 0, end: 10, label: 'claim' } } as const;
    expect(client.applyAll('a', [quote, claim])).toBeNull();
    await settled(client);
    expect(host.documents.get('a')!.spans.map((span) => span.id).sort()).toEqual(['s1', 's2']);
    expect(client.undo('a')).toBe(true);
    await settled(client);
    expect({ ...host.documents.get('a')!, revision: 0 }).toEqual(original);
    expect(client.canUndo('a')).toBe(false);
    // All or none: the second cannot apply (past the text's end), so nothing is made.
    const before = host.documents.get('a')!;
    const outside = { type: 'createSpan', span: { id: 's3', start: 0, end: 1_000_000, label: 'quote' } } as const;
    expect(client.applyAll('a', [claim, outside])).not.toBeNull();
    await settled(client);
    expect(host.documents.get('a')).toEqual(before);
  });

  test('unsaved changes outlive the window: a new client (a reload) sends them again', async () => {
    vi.useFakeTimers();
    try {
      const host = new FakeHost();
      const storage = memoryStorage();
      host.failWith = () => ({ code: 'unauthorized', message: 'bad token' });
      const first = new LibraryClient(host, storage);
      await first.load();
      await first.openDocument('a');
      first.apply('a', quote);
      await vi.advanceTimersByTimeAsync(10);
      // Refused for the token, the change is kept and the user told what to do.
      expect(first.getSave()).toMatchObject({ pending: 1, error: expect.stringContaining('restarted') });
      expect(host.documents.get('a')!.spans).toEqual([]);

      host.failWith = () => null;
      const second = new LibraryClient(host, storage);
      await second.load();
      await vi.advanceTimersByTimeAsync(10);
      expect(host.documents.get('a')!.spans.map((span) => span.id)).toEqual(['s1']);
      expect(second.getSave().pending).toBe(0);
      expect(storage.getItem('newsmark.unsaved')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  test('a failing article does not hold up another, and each retries on its own', async () => {
    vi.useFakeTimers();
    try {
      const host = new FakeHost();
      host.failWith = (id) => (id === 'a' ? { code: 'storage_failed', message: 'disk full' } : null);
      const client = new LibraryClient(host, memoryStorage());
      await client.load();
      await Promise.all([client.openDocument('a'), client.openDocument('b')]);
      client.apply('a', quote);
      client.apply('b', quote);
      await vi.advanceTimersByTimeAsync(10);
      expect(host.documents.get('b')!.spans).toHaveLength(1);
      expect(client.getSave()).toEqual({ pending: 1, error: 'disk full' });
      host.failWith = () => null;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(host.documents.get('a')!.spans).toHaveLength(1);
      expect(client.getSave()).toEqual({ pending: 0, error: null });
    } finally {
      vi.useRealTimers();
    }
  });

  test('a change refused for good drops the changes made on top of it and shows the stored article', async () => {
    const host = new FakeHost();
    const client = new LibraryClient(host, memoryStorage());
    await client.load();
    await client.openDocument('a');
    host.failWith = () => ({ code: 'conflict', message: 'changed elsewhere' });
    client.apply('a', quote);
    client.apply('a', { type: 'setStatus', status: 'done' });
    await vi.waitFor(() => expect(client.notices.get().message?.text).toContain('changed elsewhere'));
    await settled(client);
    expect(client.notices.get().message?.text).toContain('with 1 later change');
    expect(client.getDocument('a')).toEqual(host.documents.get('a'));
    expect(client.canUndo('a')).toBe(false);
  });
});

describe('LibraryClient slices', () => {
  test('a change tells the article at once; the list, the saving status and the panel hear after the paint, once', async () => {
    vi.useFakeTimers();
    try {
      const client = new LibraryClient(new FakeHost(), memoryStorage());
      await client.load();
      await client.openDocument('a');
      const heard: string[] = [];
      client.subscribe('document:a', () => heard.push(`article ${client.getDocument('a')!.spans.length}`));
      client.subscribe('document:a', () => heard.push('panel'), 'afterPaint');
      client.subscribe('summaries', () => heard.push(`list ${client.getSummaries()[0]!.counts.quote}`), 'afterPaint');
      client.subscribe('save', () => heard.push(`save ${client.getSave().pending}`), 'afterPaint');
      client.subscribe('document:b', () => heard.push('other article'));
      client.apply('a', quote);
      expect(heard).toEqual(['article 1']);
      await vi.advanceTimersByTimeAsync(0);
      // By then the host has confirmed the change: each after-paint listener hears once, of the
      // latest; the article is not told of the confirmation (its stamps are nothing it draws).
      expect(heard).toEqual(['article 1', 'panel', 'list 1', 'save 0']);
      expect(client.getDocument('a')!.revision).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  test('the saving status keeps its identity while nothing in it changes', async () => {
    const client = new LibraryClient(new FakeHost(), memoryStorage());
    await client.load();
    await client.openDocument('a');
    const before = client.getSave();
    client.apply('a', quote);
    await settled(client);
    client.apply('a', { type: 'setStatus', status: 'done' });
    expect(client.getSave()).toEqual({ pending: 1, error: null });
    await settled(client);
    expect(client.getSave()).toEqual(before);
  });

  test('undo history follows the document: can undo after a change, can redo after an undo', async () => {
    const client = new LibraryClient(new FakeHost(), memoryStorage());
    await client.load();
    await client.openDocument('a');
    expect([client.canUndo('a'), client.canRedo('a')]).toEqual([false, false]);
    client.apply('a', quote);
    expect([client.canUndo('a'), client.canRedo('a')]).toEqual([true, false]);
    client.undo('a');
    expect([client.canUndo('a'), client.canRedo('a')]).toEqual([false, true]);
    expect(client.getDocument('a')!.spans).toEqual([]);
    expect(client.undo('a')).toBe(false);
    await settled(client);
  });

  test('a document that cannot be found is said in the message, and its kept changes forgotten', async () => {
    const storage = memoryStorage();
    storage.setItem('newsmark.unsaved', JSON.stringify({ gone: [quote] }));
    const client = new LibraryClient(new FakeHost(), storage);
    await client.load();
    await client.openDocument('gone');
    expect(client.notices.get().message).toEqual({ level: 'error', text: 'no such document' });
    expect(storage.getItem('newsmark.unsaved')).toBeNull();
  });
});
