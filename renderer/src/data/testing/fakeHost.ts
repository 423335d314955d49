import type { NewsmarkApi, RequestArgs, RequestName, RequestResult } from '../../../../shared/contract';
import { describeChange } from '../../../../shared/annotationChange';
import { DEFAULT_LABELS, summarise, type NewsDocument, type Settings } from '../../../../shared/model';
import { applyOperation } from '../../../../shared/operations';
import { fail, ok, type AppError, type Result } from '../../../../shared/result';

const SETTINGS: Settings = { annotator: 'ana', labels: [...DEFAULT_LABELS], snapToWords: true };

export function article(id: string): NewsDocument {
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
export class FakeHost implements NewsmarkApi {
  readonly host = 'web' as const;
  readonly documents = new Map<string, NewsDocument>([['a', article('a')], ['b', article('b')]]);
  failWith: (documentId: string) => AppError | null = () => null;
  /** The list version listDocumentPage answers with; a test raises it when articles join or leave. */
  listVersion = 1;
  private clock = 0;

  async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>> {
    return this.answer(name, args) as Result<RequestResult<K>>;
  }

  private answer(name: RequestName, args: unknown): Result<unknown> {
    switch (name) {
      case 'listDocuments':
        return ok([...this.documents.values()].map(summarise));
      case 'listDocumentPage': {
        const { offset, limit } = args as RequestArgs<'listDocumentPage'>;
        const all = [...this.documents.values()];
        const statusCounts = { todo: 0, in_progress: 0, done: 0, skipped: 0 };
        for (const document of all) statusCounts[document.status]++;
        const rows = all.slice(offset, offset + limit).map(({ id, meta, status, spans }) => {
          const { counts } = summarise({ id, meta, status, spans, text: '', updatedAt: '' });
          return { id, title: meta.title, status, counts };
        });
        return ok({ offset, rows, total: all.length, statusCounts, listVersion: this.listVersion, checkingFiles: false });
      }
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
        const before = this.documents.get(documentId)!;
        const result = applyOperation(before, operation, { annotator: 'ana', now, labels: SETTINGS.labels.map((label) => label.name) });
        if (!result.ok) return result;
        this.documents.set(documentId, result.value);
        return ok({ change: describeChange(before, result.value), summary: summarise(result.value) });
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
export function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}
