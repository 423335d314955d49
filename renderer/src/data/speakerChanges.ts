import type { NewsmarkApi } from '../../../shared/contract';
import type { AnnotationState } from '../../../shared/operations';
import { fail, type Result } from '../../../shared/result';
import type { DriftReport, LibraryChange, SpeakerEntry } from '../../../shared/storyContract';
import type { LibraryClient } from './libraryClient';
import { whenSettled } from './whenSettled';

/** How long a rename waits for this window's unconfirmed changes to land before it refuses. */
const SETTLE_WAIT_MS = 5_000;

/** One article in a library-wide change: its states either side, and its revision now. */
interface ChangedArticle {
  documentId: string;
  revision: number;
  before: AnnotationState;
  after: AnnotationState;
}

/** One library-wide change as undo and redo know it. */
interface Step {
  /** What it did, for the message after undo or redo ("merged Psaki, Jen Psaki into Jen Psaki"). */
  description: string;
  articles: ChangedArticle[];
}

/**
 * The speaker index, the drift report and speaker renames (merges), with one undo and redo
 * history of those renames across the library. Each rename is one durable change on the host
 * (renameSpeaker); undoing it is one restoreDocuments request putting every article it changed
 * back, guarded by the revision each article had right after. After each change the articles
 * this window holds are fetched again (LibraryClient.changedElsewhere), so the open article never
 * shows the old speaker. Followers (`subscribe`) hear of every change, to fetch the index again.
 */
export class SpeakerChanges {
  private readonly undoSteps: Step[] = [];
  private readonly redoSteps: Step[] = [];
  private readonly listeners = new Set<() => void>();
  /** Counts changes; the views fetch again when it moves. */
  private version = 0;
  private busy = false;

  constructor(
    private readonly host: NewsmarkApi,
    private readonly client: LibraryClient,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Every speaker named on a span, with their quotes grouped (see shared/speakerIndex.ts). */
  index(): Promise<Result<SpeakerEntry[]>> {
    return this.host.request('speakerIndex', {});
  }

  /** Every quote told in two or more articles with different words. */
  driftReport(): Promise<Result<DriftReport>> {
    return this.host.request('driftReport', {});
  }

  /** Whether a rename, undo or redo is being saved (another waits for it). */
  isBusy = (): boolean => this.busy;
  canUndo = (): boolean => this.undoSteps.length > 0 && !this.busy;
  canRedo = (): boolean => this.redoSteps.length > 0 && !this.busy;
  /** What the next undo would reverse, for its button's tooltip; null when there is none. */
  undoDescription = (): string | null => this.undoSteps.at(-1)?.description ?? null;
  redoDescription = (): string | null => this.redoSteps.at(-1)?.description ?? null;

  /**
   * Gives every span naming one of `from` the speaker `to` (a rename with one name, a merge with
   * several), as one change undo reverses. Waits first for this window's unsaved changes to land,
   * so none is made on a state the rename did not see.
   */
  async rename(from: readonly string[], to: string): Promise<Result<LibraryChange>> {
    if (this.busy) return fail('conflict', 'A speaker change is still being saved; try again in a moment.');
    this.busy = true;
    this.changed();
    try {
      if (!(await whenSettled((listener) => this.client.subscribe('save', listener), () => this.client.getSave().pending === 0, SETTLE_WAIT_MS))) {
        return this.refused(fail('conflict', 'Some changes are not saved yet, so the speakers were not renamed. Try again once they are saved.'));
      }
      const result = await this.host.request('renameSpeaker', { from: [...from], to });
      if (!result.ok) return this.refused(result);
      const description = from.length > 1 ? `merging ${from.join(', ')} into ${to}` : `renaming ${from[0]} to ${to}`;
      if (result.value.changed.length > 0) {
        this.undoSteps.push({ description, articles: result.value.changed.map(({ documentId, revision, before, after }) => ({ documentId, revision, before, after })) });
        this.redoSteps.length = 0;
        await this.client.changedElsewhere(result.value.changed.map((change) => change.documentId));
      }
      this.client.notices.tell({ level: 'info', text: `${result.value.count} span(s) in ${result.value.changed.length} article(s) now name ${to}.` });
      return result;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  /** Reverses the latest rename; false when there is none (or one is being saved). */
  undo = (): Promise<boolean> => this.step('undo');
  /** Makes the latest undone rename again. */
  redo = (): Promise<boolean> => this.step('redo');

  private async step(direction: 'undo' | 'redo'): Promise<boolean> {
    const from = direction === 'undo' ? this.undoSteps : this.redoSteps;
    const to = direction === 'undo' ? this.redoSteps : this.undoSteps;
    const step = from.at(-1);
    if (!step || this.busy) return false;
    this.busy = true;
    this.changed();
    try {
      const documents = step.articles.map(({ documentId, revision, before, after }) => ({ documentId, revision, state: direction === 'undo' ? before : after }));
      const result = await this.host.request('restoreDocuments', { documents });
      const ids = step.articles.map((article) => article.documentId);
      if (!result.ok) {
        // Some articles changed since (edited in this or another window): the others were put
        // back, those were left as they are; this history no longer matches the library.
        this.undoSteps.length = 0;
        this.redoSteps.length = 0;
        await this.client.changedElsewhere(ids);
        this.client.notices.tell({ level: 'error', text: `Could not ${direction} ${step.description} everywhere: ${result.error.message}` });
        return false;
      }
      const revisions = new Map(result.value.changed.map((change) => [change.documentId, change.revision]));
      from.pop();
      to.push({ ...step, articles: step.articles.map((article) => ({ ...article, revision: revisions.get(article.documentId) ?? article.revision })) });
      await this.client.changedElsewhere(ids);
      this.client.notices.tell({ level: 'info', text: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.description}.` });
      return true;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  private refused<T>(result: Result<T>): Result<T> {
    if (!result.ok) this.client.notices.tell({ level: 'error', text: result.error.message });
    return result;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
