import { describe, expect, test, vi } from 'vitest';
import type { NewsmarkApi, RequestArgs, RequestName, RequestResult } from '../../../shared/contract';
import { DEFAULT_LABELS, summarise, withoutText, type NewsDocument, type Settings } from '../../../shared/model';
import { applyOperation } from '../../../shared/operations';
import { fail, ok, type AppError, type Result } from '../../../shared/result';
import { LibraryClient } from './libraryClient';

const SETTINGS: Settings = { annotator: 'ana', labels: [...DEFAULT_LABELS], snapToWords: true };

function article(id: string): NewsDocument {
  return {
    id,
    text: `Psaki said “we are ready” in ${id}.`,
    meta: { title: id },
    status: 'todo',
    spans: [],
    relations: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    annotator: 'import',
    revision: 0,
  };
}

/**
 * A host in memory that applies operations as the store does, with its own clock, and answers
 * `updateDocument` with whatever `failWith` says first.
 */
class FakeHost implements NewsmarkApi {
  readonly host = 'web' as const;
  readonly documents = new Map<string, NewsDocument>([['a', article('a')], ['b', article('b')]]);
  failWith: (documentId: string) => AppError | null = () => null;
  private clock = 0;

  async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>> {
    return this.answer(name, args) as Result<RequestResult<K>>;
  }

  private answer(name: RequestName, args: unknown): Result<unknown> {
    switch (name) {
      case 'listDocuments':
        return ok([...this.documents.values()].map(summarise));
      case 'getSettings':
        return ok(SETTINGS);
      case 'getNotices':
        return ok([]);
      case 'getDocument': {
        const found = this.documents.get((args as { id: string }).id);
        return found ? ok(found) : fail('not_found', 'no such document');
      }
      case 'updateDocument': {
        const { documentId, operation } = args as RequestArgs<'updateDocument'>;
        const refused = this.failWith(documentId);
        if (refused) return { ok: false, error: refused };
        const now = new Date(Date.UTC(2030, 0, 1, 0, 0, ++this.clock)).toISOString();
        const result = applyOperation(this.documents.get(documentId)!, operation, { annotator: 'ana', now, labels: SETTINGS.labels.map((label) => label.name) });
        if (!result.ok) return result;
        this.documents.set(documentId, result.value);
        return ok({ annotations: withoutText(result.value), summary: summarise(result.value) });
      }
      default:
        return fail('invalid_request', `not in this fake: ${name}`);
    }
  }

  exportDocuments(): never {
    throw new Error('not in this fake');
  }

  importFile(): never {
    throw new Error('not in this fake');
  }
}

/** A Storage in memory, shared between clients as a browser's is between reloads. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

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
