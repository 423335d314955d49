import { describe, expect, test, vi } from 'vitest';
import { LibraryClient } from '../data/libraryClient';
import { FakeHost, memoryStorage } from '../data/testing/fakeHost';
import { connectSession } from './connectSession';
import { createSessionStore } from './sessionStore';
import { CURRENT_DOCUMENT_KEY } from './workbench';

const quote = { type: 'createSpan', span: { id: 's1', start: 11, end: 25, label: 'quote' } } as const;

async function connected(documentId: string | null) {
  const client = new LibraryClient(new FakeHost(), memoryStorage());
  const session = createSessionStore({ documentId });
  const storage = memoryStorage();
  const disconnect = connectSession(client, session, storage);
  await client.load();
  await vi.waitFor(() => expect(session.getState().documentId && client.getDocument(session.getState().documentId!)).toBeTruthy());
  return { client, session, storage, disconnect };
}

describe('connectSession', () => {
  test('opens the remembered article, loads it and remembers it', async () => {
    const { client, session, storage } = await connected('b');
    expect(session.getState().documentId).toBe('b');
    expect(client.getDocument('b')).not.toBeNull();
    expect(storage.getItem(CURRENT_DOCUMENT_KEY)).toBe('b');
  });

  test('an article not in the list (or none) gives way to the first', async () => {
    expect((await connected('deleted')).session.getState().documentId).toBe('a');
    expect((await connected(null)).session.getState().documentId).toBe('a');
  });

  test('a span that is gone is no longer selected or linked from; until disconnected', async () => {
    const { client, session, disconnect } = await connected('a');
    client.apply('a', quote);
    session.dispatch({ type: 'selectSpan', spanId: 's1' });
    session.dispatch({ type: 'startLinking', sourceId: 's1', targetId: null });
    client.undo('a');
    expect(session.getState()).toMatchObject({ selectedSpanId: null, linking: null });
    disconnect();
    client.redo('a');
    session.dispatch({ type: 'selectSpan', spanId: 'gone' });
    client.apply('a', { type: 'setStatus', status: 'done' });
    expect(session.getState().selectedSpanId).toBe('gone');
  });
});
