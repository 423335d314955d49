import type { NewsDocument } from './model';
import type { AnnotationState, DocumentOperation } from './operations';

/** The part of a document undo puts back (see AnnotationState). */
export function annotationState(document: NewsDocument): AnnotationState {
  const { status, spans, relations, updatedAt, annotator } = document;
  return { status, spans, relations, updatedAt, annotator };
}

interface Step {
  before: AnnotationState;
  after: AnnotationState;
  /** The change as sent (the last one, for a step of several), to match the stored result to it (see confirm). */
  operation: DocumentOperation | null;
  /** Its place in the window's order of changes across documents (see data/undoHistories.ts); 0 when unordered. */
  sequence: number;
  /** What the caller said the change was (an accepted suggestion, say), handed back when it is undone or redone. */
  tag?: unknown;
}

/** How many changes of one document can be undone. */
export const UNDO_DEPTH = 500;

/**
 * One document's undo and redo stacks. Every change is kept as the states before and after it,
 * so undoing is restoring the state before — an operation the store applies and saves like any
 * other — and the export after an undo is byte for byte the export before the change.
 */
export class UndoHistory {
  private readonly undoSteps: Step[] = [];
  private readonly redoSteps: Step[] = [];

  /** Records a change the user made (one step, however many operations made it); it clears what could be redone. */
  record(before: NewsDocument, after: NewsDocument, operation: DocumentOperation | null = null, sequence = 0, tag?: unknown): void {
    if (before === after) return;
    this.undoSteps.push({ before: annotationState(before), after: annotationState(after), operation, sequence, ...(tag === undefined ? {} : { tag }) });
    if (this.undoSteps.length > UNDO_DEPTH) this.undoSteps.shift();
    this.redoSteps.length = 0;
  }

  /**
   * The store answered `operation` with `stored`. Its stamps (the time of the change) are the
   * store's, not the window's guess, so the step's "after" — and the next step's "before" —
   * become what is stored, and redo puts back exactly that.
   */
  confirm(operation: DocumentOperation, stored: NewsDocument): void {
    const index = this.undoSteps.findIndex((step) => step.operation === operation);
    if (index === -1) return;
    const state = annotationState(stored);
    this.undoSteps[index]!.after = state;
    const next = this.undoSteps[index + 1];
    if (next) next.before = state;
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  /** The sequence number of the change undo would undo next, or null when there is none. */
  get undoSequence(): number | null {
    return this.undoSteps.at(-1)?.sequence ?? null;
  }

  /** The sequence number of the change redo would make again next, or null when there is none. */
  get redoSequence(): number | null {
    return this.redoSteps.at(-1)?.sequence ?? null;
  }

  /** The tag of the step the next undo (or redo) would take back (or make again); undefined when it has none. */
  nextTag(direction: 'undo' | 'redo'): unknown {
    const steps = direction === 'undo' ? this.undoSteps : this.redoSteps;
    return steps[steps.length - 1]?.tag;
  }

  /** The operation that undoes the latest change of `current`, or null when there is none. */
  undo(current: NewsDocument): DocumentOperation | null {
    const step = this.undoSteps.pop();
    if (!step) return null;
    this.redoSteps.push(step);
    return { type: 'restore', revision: current.revision, state: step.before };
  }

  /** The operation that makes the latest undone change again, or null when there is none. */
  redo(current: NewsDocument): DocumentOperation | null {
    const step = this.redoSteps.pop();
    if (!step) return null;
    this.undoSteps.push(step);
    return { type: 'restore', revision: current.revision, state: step.after };
  }

  /** Forgets everything, when the document changed in a way this history did not see. */
  clear(): void {
    this.undoSteps.length = 0;
    this.redoSteps.length = 0;
  }
}
