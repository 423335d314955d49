import type { Disagreement } from '../../../shared/agreement/compareDocuments';
import type { TheirVersions } from '../../../shared/agreement/comparisonContract';
import { resolveDisagreement, reviewDisagreements } from '../../../shared/review/reviewMerge';
import type { NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import type { AppError, Result } from '../../../shared/result';

/** What review needs of the library client (LibraryClient has it; tests pass a fake). */
export interface ReviewClient {
  getDocument(documentId: string): NewsDocument | null;
  openDocument(documentId: string): Promise<NewsDocument | null>;
  apply(documentId: string, change: readonly DocumentOperation[]): AppError | null;
  undo(documentId: string): boolean;
  redo(documentId: string): boolean;
  /** Hears of changes to one document; returns the unsubscribe. */
  onDocument(documentId: string, listener: () => void): () => void;
  labels(): readonly string[];
  /** Tells the user something went wrong (the window's message). */
  tell(message: string): void;
}

/** What a choice changed of an article, stamps aside: its spans and links. */
function contentOf(document: NewsDocument | null): string {
  if (!document) return '';
  return JSON.stringify([document.spans.map(({ id, start, end, label, speaker, note, annotator }) => [id, start, end, label, speaker, note, annotator]), document.relations.map(({ id, label, headId, childId }) => [id, label, headId, childId])]);
}

/** One disagreement as review lists it. */
export interface ReviewItem {
  /** Unique in the list: the article's id and the disagreement's key. */
  id: string;
  documentId: string;
  title: string;
  disagreement: Disagreement;
  /** Kept as yours here (yours stays, so it is still a difference, but settled). */
  kept: boolean;
}

export type ReviewChoice = 'take_a' | 'take_b';

export interface ReviewSnapshot {
  items: readonly ReviewItem[];
  /** The focused item's id. */
  focused: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Choices standing (not undone): theirs taken, yours kept. */
  taken: number;
  keptCount: number;
}

interface Step {
  documentId: string;
  itemId: string;
  choice: ReviewChoice;
  /** Whether it changed the article (one step of the article's undo history). */
  changed: boolean;
  /** The article's content before and after the change (contentOf), to undo only that change. */
  before: string;
  after: string;
}

/**
 * Review mode: the disagreements between the library's articles (yours, A) and a compared
 * export (theirs, B), worked out afresh from each article as shown, so an edit made in the
 * article view counts at once. Each choice is one change of the article — durable and undoable
 * like any other (LibraryClient.apply) — and one step of review's own history, which undoes
 * choices in the order made, across articles.
 */
export class ReviewSession {
  private theirs: TheirVersions = {};
  private documentIds: string[] = [];
  private items: readonly ReviewItem[] = [];
  private readonly kept = new Set<string>();
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];
  private focused: string | null = null;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void)[] = [];
  private snapshot: ReviewSnapshot = { items: this.items, focused: this.focused, canUndo: false, canRedo: false, taken: 0, keptCount: 0 };

  constructor(
    private readonly client: ReviewClient,
    private readonly newId: () => string,
    /** Told after each choice, undo or redo (the figures are then fetched again). */
    private readonly onChange: () => void = () => {},
  ) {}

  /** Follows the articles of `documentIds` whose version `theirs` holds. */
  async start(documentIds: readonly string[], theirVersions: () => Promise<Result<TheirVersions>>): Promise<Result<null>> {
    const versions = await theirVersions();
    if (!versions.ok) return versions;
    this.theirs = versions.value;
    this.documentIds = documentIds.filter((id) => this.theirs[id]);
    await Promise.all(this.documentIds.map((id) => this.client.openDocument(id)));
    this.stop();
    this.unsubscribe = this.documentIds.map((id) => this.client.onDocument(id, () => this.recompute()));
    this.recompute();
    return { ok: true, value: null };
  }

  /** Stops following the articles. */
  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The list and the focused item; the same object until either changes. */
  getSnapshot = (): ReviewSnapshot => this.snapshot;

  private publish(): void {
    const taken = this.done.filter((step) => step.choice === 'take_b').length;
    this.snapshot = { items: this.items, focused: this.focused, canUndo: this.done.length > 0, canRedo: this.undone.length > 0, taken, keptCount: this.done.length - taken };
    for (const listener of this.listeners) listener();
  }

  private recompute(): void {
    const labels = this.client.labels();
    const items: ReviewItem[] = [];
    for (const documentId of this.documentIds) {
      const document = this.client.getDocument(documentId);
      const theirs = this.theirs[documentId];
      if (!document || !theirs) continue;
      for (const disagreement of reviewDisagreements(document, theirs, labels)) {
        const id = `${documentId}\u0000${disagreement.key}`;
        items.push({ id, documentId, title: document.meta.title, disagreement, kept: this.kept.has(id) });
      }
    }
    const before = this.items.findIndex((item) => item.id === this.focused);
    this.items = items;
    if (!items.some((item) => item.id === this.focused)) this.focused = this.nextOpen(Math.max(0, before));
    this.publish();
  }

  /** The first open item at `from` or after (round to the start), else the item at `from`. */
  private nextOpen(from: number): string | null {
    const count = this.items.length;
    from = Math.max(0, from);
    for (let step = 0; step < count; step++) {
      const item = this.items[(from + step) % count]!;
      if (!item.kept) return item.id;
    }
    return this.items[Math.min(from, count - 1)]?.id ?? null;
  }

  focus(itemId: string): void {
    if (this.focused === itemId || !this.items.some((item) => item.id === itemId)) return;
    this.focused = itemId;
    this.publish();
  }

  /** Moves the focus up or down the list (stops at the ends). */
  moveFocus(step: 1 | -1): void {
    const index = this.items.findIndex((item) => item.id === this.focused);
    const next = this.items[Math.max(0, Math.min(this.items.length - 1, index + step))];
    if (next) this.focus(next.id);
  }

  focusedItem(): ReviewItem | null {
    return this.items.find((item) => item.id === this.focused) ?? null;
  }

  /**
   * Settles the focused disagreement: yours kept, or theirs taken (the operations of
   * shared/review/reviewMerge.ts, applied as one change). The focus moves to the next open one.
   * False when nothing is focused or the change could not apply (the user is told why).
   */
  decide(choice: ReviewChoice): boolean {
    const item = this.focusedItem();
    if (!item) return false;
    const document = this.client.getDocument(item.documentId);
    if (!document) return false;
    // Before the change: applying it recomputes the list.
    const index = this.items.indexOf(item);
    const operations = resolveDisagreement(document, item.disagreement, { kind: choice }, this.newId);
    if (operations.length > 0 && this.client.apply(item.documentId, operations) !== null) return false;
    const after = contentOf(this.client.getDocument(item.documentId));
    this.record({ documentId: item.documentId, itemId: item.id, choice, changed: operations.length > 0, before: contentOf(document), after });
    this.undone.length = 0;
    this.recompute();
    const next = this.nextOpen(index);
    if (next) this.focused = next;
    this.publish();
    return true;
  }

  private record(step: Step): void {
    this.done.push(step);
    if (step.choice === 'take_a') this.kept.add(step.itemId);
    this.onChange();
  }

  /** Whether the step's article is as the step left it (`content`); else the user is told. */
  private stepIs(step: Step, content: string, action: 'undo' | 'redo'): boolean {
    const document = this.client.getDocument(step.documentId);
    if (contentOf(document) === content) return true;
    this.client.tell(`Cannot ${action} this review choice: “${document?.meta.title ?? step.documentId}” was changed since. ${action === 'undo' ? 'Undo' : 'Redo'} in the article view first.`);
    return false;
  }

  canUndo = (): boolean => this.done.length > 0;
  canRedo = (): boolean => this.undone.length > 0;

  /**
   * Undoes the latest choice: its change to the article (one undo step), and its mark. Refused,
   * with the reason, when the article was changed since (an edit by hand): that change would be
   * undone instead.
   */
  undo(): boolean {
    const step = this.done[this.done.length - 1];
    if (!step) return false;
    if (step.changed && !this.stepIs(step, step.after, 'undo')) return false;
    this.done.pop();
    if (step.changed) this.client.undo(step.documentId);
    this.kept.delete(step.itemId);
    this.undone.push(step);
    this.focused = step.itemId;
    this.onChange();
    this.recompute();
    return true;
  }

  redo(): boolean {
    const step = this.undone[this.undone.length - 1];
    if (!step) return false;
    if (step.changed && !this.stepIs(step, step.before, 'redo')) return false;
    this.undone.pop();
    if (step.changed) this.client.redo(step.documentId);
    this.record(step);
    this.recompute();
    return true;
  }
}
