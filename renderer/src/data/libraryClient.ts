import type { NewsmarkApi } from '../../../shared/contract';
import { summarise, type DocumentSummary, type NewsDocument } from '../../../shared/model';
import { applyOperation, type DocumentOperation } from '../../../shared/operations';
import type { AppError } from '../../../shared/result';
import type { DocumentFilter } from '../../../shared/librarySearch';
import { DocumentListPages, type ListState } from './documentListPages';
import { documentSlice, type LibrarySlice, type LibraryStatus, type SaveState } from './librarySlices';
import { NoticeBoard } from './noticeBoard';
import { operationContext, relationTypeNames } from './operationContext';
import { differsOnlyInStamps } from './shareUnchanged';
import { shownState } from './shownState';
import { storedAfter } from './storedAfter';
import { rightAfterPaint, SliceNotifier, type Timing } from './sliceNotifier';
import { UndoHistories, type TaggedStep } from './undoHistories';
import { SaveQueue } from './saveQueue';
import { UnsavedChanges, type StorageLike } from './unsavedChanges';

/**
 * The renderer's view of the library, treating the main process as a server: it fetches and
 * caches what it shows, applies each change at once (so a highlight appears without waiting),
 * sends it, and keeps it marked unsaved (see UnsavedChanges) until the host confirms it is on
 * disk. SaveQueue sends the changes, one document's one at a time, and retries failed sends.
 * Components follow slices of it (`subscribe`), each at its timing: the article at once, the
 * rest after the paint.
 */
export class LibraryClient {
  private status: LibraryStatus = { phase: 'loading', loadError: null, settings: null };
  /** The document list, fetched by pages; the slice 'summaries' follows it. */
  private readonly list: DocumentListPages;
  /** Loaded documents as the user sees them: stored state with unconfirmed changes applied. */
  private readonly shown = new Map<string, NewsDocument>();
  private readonly confirmed = new Map<string, NewsDocument>();
  private readonly loading = new Map<string, Promise<NewsDocument | null>>();
  private readonly notifier = new SliceNotifier<LibrarySlice>();
  /** The host's notices and the window's message. */
  readonly notices = new NoticeBoard(() => this.notifier.notify('notices'));
  private readonly unsaved: UnsavedChanges;
  private readonly histories = new UndoHistories();
  private readonly queue: SaveQueue;

  constructor(
    private readonly host: NewsmarkApi,
    storage: StorageLike | null = globalThis.localStorage ?? null,
  ) {
    this.unsaved = new UnsavedChanges(storage);
    this.queue = new SaveQueue(host, this.unsaved, {
      confirmed: async (documentId, operation, change) => {
        const stored = await storedAfter(this.host, documentId, this.confirmed.get(documentId), { operation, change }, this.context());
        this.confirmed.set(documentId, stored);
        this.histories.confirm(documentId, operation, stored);
        this.showDocument(documentId, { confirmation: true });
      },
      refused: async (documentId, message) => {
        this.histories.clear(documentId);
        this.notices.tell({ level: 'error', text: message });
        const stored = await this.host.request('getDocument', { id: documentId });
        if (stored.ok) this.confirmed.set(documentId, stored.value);
        this.showDocument(documentId);
      },
      settled: () => this.publishSave(),
    });
    this.list = new DocumentListPages(
      host,
      () => this.notifier.notify('summaries'),
      () => void this.refreshNotices(),
      (row) => (this.shown.has(row.id) ? summarise(this.shown.get(row.id)!) : row),
    );
  }

  subscribe(slice: LibrarySlice, listener: () => void, timing: Timing = 'now'): () => void {
    return this.notifier.subscribe(slice, listener, timing);
  }

  getStatus = (): LibraryStatus => this.status;
  /** The list as far as it is fetched: totals, and rows by index (undefined until their page comes). */
  getList = (): ListState => this.list.get();
  /** The rows fetched so far, in library order (every row once `getList().complete`). */
  getSummaries = (): readonly DocumentSummary[] => this.list.fetchedRows();
  /** Those of them naming a speaker: the same array until one of them changes, not per page fetched. */
  getSpeakerRows = (): readonly DocumentSummary[] => this.list.speakerRows();
  /** Asks for the list's rows `start` to `end` (the ones on screen), if not fetched yet. */
  ensureRows(start: number, end: number): void {
    this.list.ensure(start, end);
  }
  /**
   * The next (`step` 1) or previous (-1) article after `documentId` in library order passing
   * `filter`, without needing every row fetched: it fetches the pages it looks through. Null at
   * the list's end.
   */
  neighbourId(documentId: string, step: 1 | -1, filter: DocumentFilter): Promise<string | null> {
    return this.list.neighbourId(documentId, step, filter);
  }
  getSave = (): SaveState => this.queue.state;
  getDocument = (documentId: string): NewsDocument | null => this.shown.get(documentId) ?? null;

  async load(): Promise<void> {
    const [summaries, settings, notices] = await Promise.all([
      this.list.loadFirstScreen(),
      this.host.request('getSettings', {}),
      this.host.request('getNotices', {}),
    ]);
    if (!summaries.ok || !settings.ok) {
      const error = !summaries.ok ? summaries.error : !settings.ok ? settings.error : null;
      this.status = { ...this.status, phase: 'failed', loadError: error?.message ?? 'The library could not be loaded.' };
      this.notifier.notify('status');
      return;
    }
    this.status = { phase: 'ready', loadError: null, settings: settings.value };
    this.notices.replace(notices.ok ? notices.value : []);
    this.notifier.notify('summaries', 'status');
    for (const id of this.unsaved.documentIds()) void this.openDocument(id);
  }

  /**
   * After the store rewrote documents (a label renamed or deleted): forgets what this window
   * holds of them, fetches the list and settings again, and reopens the ones that were shown.
   * Every undo history is forgotten too, since its states may carry the old label names.
   */
  async reloadDocuments(ids: readonly string[]): Promise<void> {
    const shown = ids.filter((id) => this.shown.has(id));
    for (const id of ids) {
      if (this.unsaved.of(id).length > 0) continue;
      this.confirmed.delete(id);
      this.shown.delete(id);
    }
    this.histories.clear();
    this.notifier.notify(...[...ids, ...this.shown.keys()].map(documentSlice));
    await this.load();
    await Promise.all(shown.map((id) => this.openDocument(id)));
  }

  /** Loads a document (once; later calls share the answer). Null when it cannot be loaded. */
  openDocument(id: string): Promise<NewsDocument | null> {
    const shown = this.shown.get(id);
    if (shown) return Promise.resolve(shown);
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.host.request('getDocument', { id }).then(async (result) => {
        this.loading.delete(id);
        if (!result.ok) {
          this.notices.tell({ level: 'error', text: result.error.message });
          if (result.error.code === 'not_found') this.unsaved.drop(id);
          // A damaged file is reported through the notices; fetch them and the corrected list.
          await this.reloadList();
          return null;
        }
        this.confirmed.set(id, result.value);
        this.showDocument(id);
        // Reading a document can find something wrong in it (a span that does not fit), said in the notices.
        void this.refreshNotices();
        // Changes kept from before a reload are sent again; operations are idempotent.
        if (this.unsaved.of(id).length > 0) void this.queue.send(id);
        return this.shown.get(id) ?? null;
      });
      this.loading.set(id, loading);
    }
    return loading;
  }

  /**
   * Fetches a loaded document again, to show changes made to it in another window. A document
   * with changes not yet confirmed here is left as it is (its sends answer with the stored state).
   */
  async refresh(id: string): Promise<void> {
    if (!this.confirmed.has(id) || this.unsaved.of(id).length > 0 || this.queue.isSending(id)) return;
    const result = await this.host.request('getDocument', { id });
    if (!result.ok || this.unsaved.of(id).length > 0 || this.queue.isSending(id)) return;
    this.confirmed.set(id, result.value);
    this.showDocument(id);
  }

  /**
   * The host changed these documents in one library-wide change (a speaker rename or its undo):
   * each one this window holds is fetched again, and its undo history — whose states predate
   * the change — is forgotten. One with changes still unsaved here is left to its sends, whose
   * answers carry the stored state. When some are not held, the list (whose rows name their
   * speakers) is fetched again too.
   */
  async changedElsewhere(ids: readonly string[]): Promise<void> {
    const held = ids.filter((id) => this.confirmed.has(id));
    for (const id of held) this.histories.clear(id);
    await Promise.all([...held.map((id) => this.refresh(id)), ...(held.length < ids.length ? [this.reloadList()] : [])]);
  }

  /** Shows the notices the host has that this window has not shown yet (dismissed ones stay dismissed). */
  private async refreshNotices(): Promise<void> {
    const notices = await this.host.request('getNotices', {});
    if (notices.ok) this.notices.add(notices.value);
  }

  /** Fetches the list again from its first screen (after an import added articles), and the notices. */
  async reloadList(): Promise<void> {
    await Promise.all([this.list.loadFirstScreen(), this.refreshNotices()]);
  }

  private context() {
    return operationContext(this.status.settings);
  }

  /** The library's relation types, the default first. */
  relationTypes = (): string[] => relationTypeNames(this.status.settings);

  /**
   * Recomputes what is shown of a document (`applied`: the caller has) and tells the article at
   * once; the list's row and the saving status after the paint. A confirmation tells only those.
   */
  private showDocument(id: string, { confirmation = false, applied }: { confirmation?: boolean; applied?: NewsDocument } = {}): void {
    const stored = this.confirmed.get(id);
    if (!stored) return;
    const previous = this.shown.get(id);
    const shown = applied ?? shownState(stored, this.unsaved.of(id), this.context(), previous);
    if (shown === previous) {
      this.publishSave();
      return;
    }
    this.shown.set(id, shown);
    if (confirmation && previous && differsOnlyInStamps(previous, shown)) {
      // Most confirmations: nothing is redrawn; followers read the stamped document when they next render.
      this.publishSave();
      return;
    }
    this.queue.updateState();
    if (confirmation) this.notifier.notifyAfterPaint(documentSlice(id));
    else this.notifier.notify(documentSlice(id));
    // The list's row (its counts and status) follows; replaceRow tells the list's followers.
    this.list.replaceRow(summarise(shown));
    this.notifier.notify('save');
  }

  private publishSave(): void {
    if (this.queue.updateState()) this.notifier.notify('save');
  }

  /** Whether undo from the open article `documentId` has something to undo (see UndoHistories: maybe in another article). */
  canUndo = (documentId: string): boolean => this.histories.canUndo(documentId);
  canRedo = (documentId: string): boolean => this.histories.canRedo(documentId);
  /** Undoes the latest change made from the open article `documentId` (in it, or carried from it to another); false when there is none. */
  undo = (documentId: string): boolean => this.step(documentId, 'undo');
  /** Makes the latest change undone from the open article `documentId` again; false when there is none. */
  redo = (documentId: string): boolean => this.step(documentId, 'redo');

  private step(origin: string, direction: 'undo' | 'redo'): boolean {
    const step = this.histories[direction](origin, (id) => this.shown.get(id));
    if (!step || this.applyAll(step.documentId, [step.operation], { record: false }) !== null) return false;
    this.histories.tellTaggedStep({ documentId: step.documentId, direction, tag: step.tag });
    if (step.documentId !== origin) {
      this.notifier.notifyAfterPaint(documentSlice(origin));
      // The change is in an article the user does not see: say where it was.
      const title = this.shown.get(step.documentId)?.meta.title ?? step.documentId;
      this.notices.tell({ level: 'info', text: `${direction === 'undo' ? 'Undone' : 'Redone'} in “${title}”.` });
    }
    return true;
  }

  /** Hears every undo and redo of a step recorded with a tag (see applyAll); returns the unsubscribe. */
  onTaggedStep = (listener: (step: TaggedStep) => void): (() => void) => this.histories.onTaggedStep(listener);

  /**
   * Applies a change now and sends it. Returns the error when the change cannot apply to the
   * document as shown (the change is then not made, and the user told why), else null. Several
   * operations as one change: applyAll.
   */
  apply(documentId: string, operation: DocumentOperation, { record = true } = {}): AppError | null {
    return this.applyAll(documentId, [operation], { record });
  }

  /**
   * Applies several changes to one document as one change: all or none of them (the error of the
   * first that cannot apply), and one undo step. `origin` is the article the user is in when it
   * is not this document (carrying a label over from the story view): undo from there undoes it.
   * `tag` is handed to onTaggedStep's listeners when the step is undone or redone.
   */
  applyAll(documentId: string, operations: readonly DocumentOperation[], { record = true, origin = documentId, tag }: { record?: boolean; origin?: string; tag?: unknown } = {}): AppError | null {
    const shown = this.shown.get(documentId);
    if (!shown) return { code: 'not_found', message: 'The article is not loaded yet.' };
    let changed = shown;
    const applied: DocumentOperation[] = [];
    for (const operation of operations) {
      const check = applyOperation(changed, operation, this.context());
      if (!check.ok) {
        this.notices.tell({ level: 'error', text: check.error.message });
        return check.error;
      }
      if (check.value !== changed) applied.push(operation);
      changed = check.value;
    }
    if (applied.length === 0) return null;
    // The step is matched to the store's answer to its last operation (see UndoHistory.confirm).
    if (record) this.histories.record(documentId, shown, changed, applied.at(-1)!, origin, tag);
    for (const operation of applied) this.unsaved.add(documentId, operation);
    // Applied to what is shown, the change gives the shown state (see shownState) at no more cost.
    this.showDocument(documentId, { applied: changed });
    // What undo from the origin does has changed too (its slice carries its undo history).
    if (record && origin !== documentId) this.notifier.notifyAfterPaint(documentSlice(origin));
    // Sent after the paint, not before it: the change is kept (UnsavedChanges) and counted unsaved from now.
    rightAfterPaint(() => void this.queue.send(documentId));
    return null;
  }
}
