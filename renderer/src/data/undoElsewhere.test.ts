import { describe, expect, test, vi } from 'vitest';
import type { DocumentOperation } from '../../../shared/operations';
import { LibraryClient } from './libraryClient';
import { FakeHost, memoryStorage } from './testing/fakeHost';

// The fake articles read `Psaki said “we are ready” in a.`: "Psaki said" is 0–10, the quote 11–25.
const span = (id: string, start: number, end: number, label: string, speaker?: string): DocumentOperation => ({ type: 'createSpan', span: { id, start, end, label, ...(speaker ? { speaker } : {}) } });
const CARRIED: DocumentOperation[] = [span('q', 11, 25, 'quote', 'Psaki'), span('att', 0, 10, 'attribution'), { type: 'linkSpans', relation: { id: 'r', label: 'attributed_to', headId: 'q', childId: 'att' } }];

async function opened(): Promise<{ host: FakeHost; client: LibraryClient }> {
  const host = new FakeHost();
  const client = new LibraryClient(host, memoryStorage());
  await client.load();
  await client.openDocument('a');
  await client.openDocument('b');
  return { host, client };
}

async function settled(client: LibraryClient): Promise<void> {
  await vi.waitFor(() => expect(client.getSave().pending).toBe(0));
}

/** A document's spans and links in one line, as stored. */
function stored(host: FakeHost, id: string): string {
  const document = host.documents.get(id)!;
  return [...document.spans.map((each) => `${each.id} ${each.start}-${each.end} ${each.label}${each.speaker ? ` (${each.speaker})` : ''}`), ...document.relations.map((each) => `${each.headId}→${each.childId}`)].join(' | ');
}

describe('a change made from another article (carrying a label over)', () => {
  test('is one change: one undo from the article the user is in removes all of it, one redo puts it back', async () => {
    const { host, client } = await opened();
    expect(client.applyAll('b', CARRIED, { origin: 'a' })).toBeNull();
    await settled(client);
    expect(stored(host, 'b')).toBe('att 0-10 attribution | q 11-25 quote (Psaki) | q→att');
    expect(client.canUndo('a')).toBe(true);
    expect(client.undo('a')).toBe(true);
    await settled(client);
    expect(stored(host, 'b')).toBe('');
    expect(client.notices.get().message?.text).toBe('Undone in “b”.');
    expect(client.canUndo('a')).toBe(false);
    expect(client.redo('a')).toBe(true);
    await settled(client);
    expect(stored(host, 'b')).toBe('att 0-10 attribution | q 11-25 quote (Psaki) | q→att');
  });

  test('undo takes the newest change first, here or there; redo goes back in the opposite order', async () => {
    const { host, client } = await opened();
    client.apply('a', span('a1', 0, 10, 'attribution'));
    client.applyAll('b', [span('b1', 11, 25, 'quote')], { origin: 'a' });
    client.apply('a', span('a2', 11, 25, 'claim'));
    await settled(client);
    const order: string[] = [];
    for (let count = 0; count < 3; count++) {
      client.undo('a');
      await settled(client);
      order.push(`a: ${stored(host, 'a') || '-'} / b: ${stored(host, 'b') || '-'}`);
    }
    expect(order).toEqual(['a: a1 0-10 attribution / b: b1 11-25 quote', 'a: a1 0-10 attribution / b: -', 'a: - / b: -']);
    expect(client.undo('a')).toBe(false);
    client.redo('a');
    await settled(client);
    expect(stored(host, 'a')).toBe('a1 0-10 attribution');
    client.redo('a');
    await settled(client);
    expect(stored(host, 'b')).toBe('b1 11-25 quote');
  });

  test('is undone in its own article too; once that article has changed since, undo from afar leaves it alone', async () => {
    const { host, client } = await opened();
    client.applyAll('b', [span('b1', 11, 25, 'quote')], { origin: 'a' });
    client.apply('b', span('b2', 0, 10, 'attribution'));
    await settled(client);
    expect(client.canUndo('a')).toBe(false);
    expect(client.undo('a')).toBe(false);
    expect(client.undo('b')).toBe(true);
    await settled(client);
    expect(stored(host, 'b')).toBe('b1 11-25 quote');
  });

  test('a new change in the article the user is in means a change undone elsewhere cannot be redone from there', async () => {
    const { host, client } = await opened();
    client.applyAll('b', [span('b1', 11, 25, 'quote')], { origin: 'a' });
    client.undo('a');
    client.apply('a', span('a1', 0, 10, 'attribution'));
    await settled(client);
    expect(client.canRedo('a')).toBe(false);
    expect(client.redo('a')).toBe(false);
    expect(stored(host, 'b')).toBe('');
  });

  test('all or nothing: an operation that cannot apply leaves the article as it was', async () => {
    const { host, client } = await opened();
    const error = client.applyAll('b', [span('b1', 11, 25, 'quote'), { type: 'linkSpans', relation: { id: 'r', label: 'attributed_to', headId: 'b1', childId: 'missing' } }], { origin: 'a' });
    expect(error).not.toBeNull();
    await settled(client);
    expect(stored(host, 'b')).toBe('');
    expect(client.canUndo('a')).toBe(false);
  });
});
