import type { NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import { UndoHistory } from '../../../shared/undoHistory';

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
 */
export class UndoHistories {
  private readonly histories = new Map<string, UndoHistory>();
  private readonly taggedStepListeners = new Set<(step: TaggedStep) => void>();

  /** Records a change the user made to a document (`operation`: the last of the step's operations). */
  record(documentId: string, before: NewsDocument, after: NewsDocument, operation: DocumentOperation, tag?: unknown): void {
    let history = this.histories.get(documentId);
    if (!history) this.histories.set(documentId, (history = new UndoHistory()));
    history.record(before, after, operation, tag);
  }

  /** The tag of the step the next undo (or redo) of a document would take (see UndoHistory.nextTag). */
  nextTag(documentId: string, direction: 'undo' | 'redo'): unknown {
    return this.histories.get(documentId)?.nextTag(direction);
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

  canUndo(documentId: string): boolean {
    return this.histories.get(documentId)?.canUndo ?? false;
  }

  canRedo(documentId: string): boolean {
    return this.histories.get(documentId)?.canRedo ?? false;
  }

  /** The operation undoing the latest change to `shown`, or null when there is none. */
  undo(documentId: string, shown: NewsDocument): DocumentOperation | null {
    return this.histories.get(documentId)?.undo(shown) ?? null;
  }

  /** The operation making the latest undone change again, or null when there is none. */
  redo(documentId: string, shown: NewsDocument): DocumentOperation | null {
    return this.histories.get(documentId)?.redo(shown) ?? null;
  }

  /** Forgets one document's history (its changes were refused), or every one (labels were rewritten). */
  clear(documentId?: string): void {
    if (documentId === undefined) for (const history of this.histories.values()) history.clear();
    else this.histories.get(documentId)?.clear();
  }
}
