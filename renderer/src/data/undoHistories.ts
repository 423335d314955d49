import type { NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import { UndoHistory } from '../../../shared/undoHistory';

/** A change made to `documentId` while the user was in another article (carrying a label over from the story view). */
interface ChangeElsewhere {
  documentId: string;
  /** The change's sequence number (UndoHistory steps carry it). */
  sequence: number;
}

/** What undo or redo does: the operation, and the document it applies to. */
export interface UndoStep {
  documentId: string;
  operation: DocumentOperation;
  /** The tag the step was recorded with (LibraryClient.applyAll), if any. */
  tag: unknown;
}

type Direction = 'undo' | 'redo';

/** An undo or redo of a step recorded with a tag (LibraryClient.applyAll, onTaggedStep). */
export interface TaggedStep {
  documentId: string;
  direction: 'undo' | 'redo';
  tag: unknown;
}

/**
 * The undo and redo stacks of every document changed in this window (see shared/undoHistory.ts).
 * Undoing yields an operation — restoring the state before — that the client applies and sends
 * like any other change, without recording it again.
 *
 * Undo is asked for from where the user is (the open article, the `origin`). A change is kept in
 * the history of the document it changed, and one made from another article (a label carried
 * over from the story view) is also remembered in the origin's list of changes made elsewhere.
 * Every change has a window-wide sequence number, so undo from an article undoes whichever is
 * newer: its own latest change, or the latest one made from it elsewhere — as long as that is
 * still the latest change of the document it went to (if that document was changed since, the
 * change is no longer undone from afar; opening that document undoes it as usual).
 */
export class UndoHistories {
  private readonly histories = new Map<string, UndoHistory>();
  private sequence = 0;
  private readonly taggedStepListeners = new Set<(step: TaggedStep) => void>();
  /** Per origin: changes made from it to other documents, oldest first; and those undone, for redo. */
  private readonly elsewhere: Record<Direction, Map<string, ChangeElsewhere[]>> = { undo: new Map(), redo: new Map() };

  /** Records a change the user made to a document, from `origin` (the article they were in; the document itself unless said). */
  record(documentId: string, before: NewsDocument, after: NewsDocument, operation: DocumentOperation, origin = documentId, tag?: unknown): void {
    if (before === after) return;
    let history = this.histories.get(documentId);
    if (!history) this.histories.set(documentId, (history = new UndoHistory()));
    const sequence = ++this.sequence;
    history.record(before, after, operation, sequence, tag);
    // A new change from the origin means what was undone from it cannot be redone from it.
    this.elsewhere.redo.delete(origin);
    if (origin !== documentId) this.listOf('undo', origin).push({ documentId, sequence });
  }

  /** Hears every undo and redo of a tagged step; returns the unsubscribe. */
  onTaggedStep(listener: (step: TaggedStep) => void): () => void {
    this.taggedStepListeners.add(listener);
    return () => this.taggedStepListeners.delete(listener);
  }

  /** Tells the listeners that a step was undone or redone (nothing, when it had no tag). */
  tellTaggedStep(step: TaggedStep): void {
    if (step.tag !== undefined) for (const listener of this.taggedStepListeners) listener(step);
  }

  /** The host stored `operation` as `stored`: redo will put back exactly that. */
  confirm(documentId: string, operation: DocumentOperation, stored: NewsDocument): void {
    this.histories.get(documentId)?.confirm(operation, stored);
  }

  /** Whether undo from `origin` has something to undo (in it, or made from it elsewhere). */
  canUndo(origin: string): boolean {
    return this.target('undo', origin) !== null;
  }

  canRedo(origin: string): boolean {
    return this.target('redo', origin) !== null;
  }

  /**
   * The operation undoing the latest change made from `origin` and the document it applies to,
   * or null when there is none. `shown` gives a document as the window shows it.
   */
  undo(origin: string, shown: (documentId: string) => NewsDocument | undefined): UndoStep | null {
    return this.step('undo', origin, shown);
  }

  /** The operation making the latest change undone from `origin` again, or null when there is none. */
  redo(origin: string, shown: (documentId: string) => NewsDocument | undefined): UndoStep | null {
    return this.step('redo', origin, shown);
  }

  /** Forgets one document's history (its changes were refused), or every one (labels were rewritten). */
  clear(documentId?: string): void {
    if (documentId === undefined) {
      for (const history of this.histories.values()) history.clear();
      this.elsewhere.undo.clear();
      this.elsewhere.redo.clear();
    } else this.histories.get(documentId)?.clear();
  }

  private step(direction: Direction, origin: string, shown: (documentId: string) => NewsDocument | undefined): UndoStep | null {
    const documentId = this.target(direction, origin);
    const document = documentId === null ? undefined : shown(documentId);
    if (documentId === null || !document) return null;
    if (documentId !== origin) {
      const change = this.listOf(direction, origin).pop()!;
      this.listOf(direction === 'undo' ? 'redo' : 'undo', origin).push(change);
    }
    const history = this.histories.get(documentId)!;
    const tag = history.nextTag(direction);
    const operation = history[direction](document);
    return operation && { documentId, operation, tag };
  }

  /**
   * The document undo (or redo) from `origin` acts on: the origin itself or the one a change made
   * from it went to, whichever change is newer (for redo: was undone last); null when there is nothing to do. Changes made
   * elsewhere that are no longer their document's latest are forgotten on the way.
   */
  private target(direction: Direction, origin: string): string | null {
    const sequenceOf = (documentId: string) => {
      const history = this.histories.get(documentId);
      return (direction === 'undo' ? history?.undoSequence : history?.redoSequence) ?? null;
    };
    const own = sequenceOf(origin);
    const list = this.elsewhere[direction].get(origin) ?? [];
    while (list.length > 0 && sequenceOf(list.at(-1)!.documentId) !== list.at(-1)!.sequence) list.pop();
    const latest = list.at(-1);
    // Undo goes from the newest change back; so, of two undone changes, the older was undone last and is redone first.
    const first = latest && (own === null || (direction === 'undo' ? latest.sequence > own : latest.sequence < own));
    if (latest && first) return latest.documentId;
    return own === null ? null : origin;
  }

  private listOf(direction: Direction, origin: string): ChangeElsewhere[] {
    let list = this.elsewhere[direction].get(origin);
    if (!list) this.elsewhere[direction].set(origin, (list = []));
    return list;
  }
}
