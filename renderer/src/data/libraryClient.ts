import type { ExportOutcome, NewsmarkApi, Notice } from '../../../shared/contract';
import type { ExportOptions } from '../../../shared/exportRecord';
import { summarise, type DocumentSummary, type NewsDocument, type Settings } from '../../../shared/model';
import { applyOperation, type DocumentOperation } from '../../../shared/operations';
import type { AppError, Result } from '../../../shared/result';
import { UndoHistory } from '../../../shared/undoHistory';

export interface SaveState {
  /** Changes made here that the host has not yet confirmed as on disk. */
  pending: number;
  /** Why the last attempt failed; the changes stay pending and are sent again. */
  error: string | null;
}

export interface Message {
  level: 'info' | 'error';
  text: string;
}

export interface LibrarySnapshot {
  phase: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  summaries: DocumentSummary[];
  settings: Settings | null;
  notices: Notice[];
  /** Loaded documents as the user sees them: stored state with unconfirmed changes applied. */
  documents: ReadonlyMap<string, NewsDocument>;
  save: SaveState;
  message: Message | null;
}

/**
 * Errors that retrying cannot fix: the document's unsent changes are dropped, the user told
 * why, and the document fetched again as stored. Anything else (a full disk, a host that
 * restarted and no longer knows this window's token) is retried with the change kept.
 */
const PERMANENT: ReadonlySet<AppError['code']> = new Set(['invalid_request', 'invalid_span', 'invalid_operation', 'not_found', 'conflict']);
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];
/** Unconfirmed changes are also kept in the window's storage, so a reload or a host restart keeps them. */
const UNSAVED_KEY = 'newsmark.unsaved';

/**
 * The renderer's view of the library, treating the main process as a server: it fetches and
 * caches what it shows, applies each change at once (so a highlight appears without waiting),
 * sends it, and keeps it marked unsaved until the host confirms it is on disk. Failed sends
 * are retried in order; changes to one document are sent one at a time.
 */
function describeFailure(error: AppError): string {
  if (error.code === 'unauthorized') {
    return 'the Newsmark host no longer accepts this window (was it restarted?). Open the address it printed; your changes are kept in this browser and sent when you do';
  }
  return error.message;
}

export class LibraryClient {
  private snapshot: LibrarySnapshot = {
    phase: 'loading',
    loadError: null,
    summaries: [],
    settings: null,
    notices: [],
    documents: new Map(),
    save: { pending: 0, error: null },
    message: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly confirmed = new Map<string, NewsDocument>();
  private readonly pending = new Map<string, DocumentOperation[]>();
  private readonly sending = new Set<string>();
  private readonly loading = new Map<string, Promise<NewsDocument | null>>();
  private readonly histories = new Map<string, UndoHistory>();
  private readonly noticesShown = new Set<string>();
  /** Per document: why its latest send failed, and how many times in a row. */
  private readonly failures = new Map<string, { error: string; count: number }>();

  constructor(
    private readonly api: NewsmarkApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
  ) {
    for (const [id, operations] of Object.entries(this.readUnsaved())) this.pending.set(id, operations);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LibrarySnapshot => this.snapshot;

  private publish(changes: Partial<LibrarySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }

  async load(): Promise<void> {
    const [summaries, settings, notices] = await Promise.all([
      this.api.request('listDocuments', {}),
      this.api.request('getSettings', {}),
      this.api.request('getNotices', {}),
    ]);
    if (!summaries.ok || !settings.ok) {
      const error = !summaries.ok ? summaries.error : !settings.ok ? settings.error : null;
      this.publish({ phase: 'failed', loadError: error?.message ?? 'The library could not be loaded.' });
      return;
    }
    for (const notice of notices.ok ? notices.value : []) this.noticesShown.add(notice.message);
    this.publish({ phase: 'ready', summaries: summaries.value, settings: settings.value, notices: notices.ok ? notices.value : [] });
    for (const id of this.pending.keys()) void this.openDocument(id);
  }

  /**
   * After the store rewrote documents (a label renamed or deleted): forgets what this window
   * holds of them, fetches the list and settings again, and reopens the ones that were shown.
   * Every undo history is forgotten too, since its states may carry the old label names.
   */
  async reloadDocuments(ids: readonly string[]): Promise<void> {
    const shown = ids.filter((id) => this.snapshot.documents.has(id));
    const documents = new Map(this.snapshot.documents);
    for (const id of ids) {
      if (this.pending.get(id)?.length) continue;
      this.confirmed.delete(id);
      documents.delete(id);
    }
    for (const history of this.histories.values()) history.clear();
    this.publish({ documents });
    await this.load();
    await Promise.all(shown.map((id) => this.openDocument(id)));
  }

  /** Loads a document (once; later calls share the answer). Null when it cannot be loaded. */
  openDocument(id: string): Promise<NewsDocument | null> {
    const shown = this.snapshot.documents.get(id);
    if (shown) return Promise.resolve(shown);
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.api.request('getDocument', { id }).then(async (result) => {
        this.loading.delete(id);
        if (!result.ok) {
          this.publish({ message: { level: 'error', text: result.error.message } });
          if (result.error.code === 'not_found' && this.pending.delete(id)) this.writeUnsaved();
          // A damaged file is reported through the notices; fetch them and the corrected list.
          await this.refreshListAndNotices();
          return null;
        }
        this.confirmed.set(id, result.value);
        this.showDocument(id);
        // Reading a document can find something wrong in it (a span that does not fit), said in the notices.
        void this.refreshNotices();
        // Changes kept from before a reload are sent again; operations are idempotent.
        if (this.pending.get(id)?.length) void this.send(id);
        return this.snapshot.documents.get(id) ?? null;
      });
      this.loading.set(id, loading);
    }
    return loading;
  }

  /** Shows the notices the host has that this window has not shown yet (dismissed ones stay dismissed). */
  private async refreshNotices(): Promise<void> {
    const notices = await this.api.request('getNotices', {});
    if (!notices.ok) return;
    const fresh = notices.value.filter((notice) => !this.noticesShown.has(notice.message));
    for (const notice of fresh) this.noticesShown.add(notice.message);
    if (fresh.length > 0) this.publish({ notices: [...this.snapshot.notices, ...fresh] });
  }

  private async refreshListAndNotices(): Promise<void> {
    const [summaries] = await Promise.all([this.api.request('listDocuments', {}), this.refreshNotices()]);
    if (summaries.ok) this.publish({ summaries: summaries.value });
  }

  private context() {
    const settings = this.snapshot.settings;
    return {
      annotator: settings?.annotator ?? 'annotator',
      now: new Date().toISOString(),
      labels: settings?.labels.map((label) => label.name) ?? [],
    };
  }

  /** Recomputes what is shown of a document: its stored state plus its unconfirmed changes. */
  private showDocument(id: string): void {
    const stored = this.confirmed.get(id);
    if (!stored) return;
    let shown = stored;
    for (const operation of this.pending.get(id) ?? []) {
      const result = applyOperation(shown, operation, this.context());
      if (result.ok) shown = result.value;
    }
    const documents = new Map(this.snapshot.documents);
    documents.set(id, shown);
    const summary = summarise(shown);
    const summaries = this.snapshot.summaries.map((entry) => (entry.id === id ? summary : entry));
    this.publish({ documents, summaries, save: this.saveState() });
  }

  private saveState(): SaveState {
    let pending = 0;
    for (const operations of this.pending.values()) pending += operations.length;
    const failure = [...this.failures.values()][0];
    return { pending, error: pending > 0 && failure ? failure.error : null };
  }

  private readUnsaved(): Record<string, DocumentOperation[]> {
    try {
      const stored = JSON.parse(this.storage?.getItem(UNSAVED_KEY) ?? '{}') as unknown;
      return stored && typeof stored === 'object' ? (stored as Record<string, DocumentOperation[]>) : {};
    } catch {
      return {};
    }
  }

  private writeUnsaved(): void {
    const unsaved = Object.fromEntries([...this.pending].filter(([, operations]) => operations.length > 0));
    try {
      if (Object.keys(unsaved).length === 0) this.storage?.removeItem(UNSAVED_KEY);
      else this.storage?.setItem(UNSAVED_KEY, JSON.stringify(unsaved));
    } catch {
      // Storage full or refused: the changes are still pending in memory and being sent.
    }
  }

  private history(documentId: string): UndoHistory {
    let history = this.histories.get(documentId);
    if (!history) this.histories.set(documentId, (history = new UndoHistory()));
    return history;
  }

  canUndo(documentId: string): boolean {
    return this.histories.get(documentId)?.canUndo ?? false;
  }

  canRedo(documentId: string): boolean {
    return this.histories.get(documentId)?.canRedo ?? false;
  }

  /** Undoes the latest change made here to a document; false when there is none. */
  undo(documentId: string): boolean {
    return this.travel(documentId, (history, shown) => history.undo(shown));
  }

  /** Makes the latest undone change again; false when there is none. */
  redo(documentId: string): boolean {
    return this.travel(documentId, (history, shown) => history.redo(shown));
  }

  private travel(documentId: string, step: (history: UndoHistory, shown: NewsDocument) => DocumentOperation | null): boolean {
    const shown = this.snapshot.documents.get(documentId);
    const history = this.histories.get(documentId);
    if (!shown || !history) return false;
    const operation = step(history, shown);
    if (!operation) return false;
    return this.apply(documentId, operation, { record: false }) === null;
  }

  /**
   * Applies a change now and sends it. Returns the error when the change cannot apply to the
   * document as shown (the change is then not made), else null.
   */
  apply(documentId: string, operation: DocumentOperation, { record = true } = {}): AppError | null {
    const shown = this.snapshot.documents.get(documentId);
    if (!shown) return { code: 'not_found', message: 'The article is not loaded yet.' };
    const check = applyOperation(shown, operation, this.context());
    if (!check.ok) {
      this.publish({ message: { level: 'error', text: check.error.message } });
      return check.error;
    }
    if (check.value === shown) return null;
    if (record) this.history(documentId).record(shown, check.value, operation);
    this.pending.set(documentId, [...(this.pending.get(documentId) ?? []), operation]);
    this.writeUnsaved();
    this.showDocument(documentId);
    void this.send(documentId);
    return null;
  }

  private async send(documentId: string): Promise<void> {
    if (this.sending.has(documentId)) return;
    this.sending.add(documentId);
    try {
      for (;;) {
        const operation = this.pending.get(documentId)?.[0];
        if (!operation) break;
        const result = await this.api.request('updateDocument', { documentId, operation });
        if (!result.ok && !PERMANENT.has(result.error.code)) {
          const count = (this.failures.get(documentId)?.count ?? 0) + 1;
          this.failures.set(documentId, { error: describeFailure(result.error), count });
          this.publish({ save: this.saveState() });
          setTimeout(() => void this.send(documentId), RETRY_DELAYS_MS[Math.min(count - 1, RETRY_DELAYS_MS.length - 1)]!);
          return;
        }
        this.failures.delete(documentId);
        if (!result.ok) {
          await this.dropUnsaved(documentId, result.error);
          break;
        }
        this.pending.get(documentId)?.shift();
        this.writeUnsaved();
        const text = this.confirmed.get(documentId)?.text ?? '';
        const stored = { ...result.value.annotations, text };
        this.confirmed.set(documentId, stored);
        this.histories.get(documentId)?.confirm(operation, stored);
        this.showDocument(documentId);
      }
      this.publish({ save: this.saveState() });
    } finally {
      this.sending.delete(documentId);
    }
  }

  /**
   * A change the host refused for good: the changes made on top of it cannot stand either, so
   * they are dropped with the document's undo history, and the document is shown as stored.
   */
  private async dropUnsaved(documentId: string, error: AppError): Promise<void> {
    const dropped = this.pending.get(documentId)?.length ?? 0;
    this.pending.delete(documentId);
    this.writeUnsaved();
    this.histories.get(documentId)?.clear();
    const more = dropped > 1 ? ` (with ${dropped - 1} later change${dropped > 2 ? 's' : ''})` : '';
    this.publish({ message: { level: 'error', text: `A change was refused${more}: ${error.message}. The article shows what is stored.` } });
    const stored = await this.api.request('getDocument', { id: documentId });
    if (stored.ok) this.confirmed.set(documentId, stored.value);
    this.showDocument(documentId);
  }

  dismissMessage(): void {
    this.publish({ message: null });
  }

  dismissNotices(): void {
    this.publish({ notices: [] });
  }

  /** Resolves once every change is confirmed, or after `timeoutMs`, with whether all were. */
  private whenSaved(timeoutMs: number): Promise<boolean> {
    if (this.snapshot.save.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve(false);
      }, timeoutMs);
      const unsubscribe = this.subscribe(() => {
        if (this.snapshot.save.pending > 0) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(true);
      });
    });
  }

  /** Exports what is on disk, after waiting (a little) for unconfirmed changes to land. */
  async exportDocuments(options: ExportOptions): Promise<Result<ExportOutcome>> {
    if (!(await this.whenSaved(5_000))) {
      this.publish({ message: { level: 'error', text: 'Some changes are not saved yet; the export holds what is on disk.' } });
    }
    const result = await this.api.exportDocuments(options);
    if (!result.ok) this.publish({ message: { level: 'error', text: `Export failed: ${result.error.message}` } });
    else if (result.value.destination) {
      this.publish({
        message: { level: 'info', text: `Exported ${result.value.documents} articles and ${result.value.spans} spans to ${result.value.destination}.` },
      });
    }
    return result;
  }
}
