import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NewsDocument } from './model';
import { applyOperation, type DocumentOperation, type OperationContext } from './operations';
import { operationArbitraries, PROPERTY_TEXT } from './testing/operationArbitraries';
import { annotationState, UndoHistory } from './undoHistory';

const LABELS = ['claim', 'quote', 'attribution'];
const START: NewsDocument = Object.freeze({
  id: 'doc-1',
  text: PROPERTY_TEXT,
  meta: { title: 'T' },
  status: 'todo',
  spans: [],
  relations: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  annotator: 'first',
  revision: 0,
});

/** A different time and annotator for every step, so a restore that forgot the stamps would show. */
function contextAt(step: number): OperationContext {
  return { annotator: `annotator-${step % 3}`, now: new Date(Date.UTC(2024, 2, 1, 0, 0, step)).toISOString(), labels: LABELS };
}

function apply(document: NewsDocument, operation: DocumentOperation, step: number): NewsDocument {
  const result = applyOperation(document, operation, contextAt(step));
  if (!result.ok) throw new Error(`${operation.type} failed: ${result.error.message}`);
  return result.value;
}

/** Applies the operations that succeed, recording each change; returns the states passed through. */
function edit(history: UndoHistory, operations: readonly DocumentOperation[]): NewsDocument[] {
  const states = [START];
  for (const [step, operation] of operations.entries()) {
    const before = states[states.length - 1]!;
    const result = applyOperation(before, operation, contextAt(step));
    if (!result.ok || result.value === before) continue;
    history.record(before, result.value);
    states.push(result.value);
  }
  return states;
}

describe('UndoHistory', () => {
  const { operation } = operationArbitraries(LABELS);

  test('any sequence of changes then as many undos gives back the original document, and as many redos the final one', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
        const history = new UndoHistory();
        const states = edit(history, operations);
        let document = states[states.length - 1]!;
        for (let index = states.length - 2; index >= 0; index--) {
          document = apply(document, history.undo(document)!, 100 + index);
          expect(annotationState(document)).toEqual(annotationState(states[index]!));
        }
        expect(history.canUndo).toBe(false);
        expect(history.undo(document)).toBeNull();
        for (let index = 1; index < states.length; index++) {
          document = apply(document, history.redo(document)!, 200 + index);
          expect(annotationState(document)).toEqual(annotationState(states[index]!));
        }
        expect(history.redo(document)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  test("redo puts back the store's stamps, not the window's guess, once the store has answered", () => {
    const history = new UndoHistory();
    const operation: DocumentOperation = { type: 'createSpan', span: { id: 's1', start: 0, end: 2, label: 'claim' } };
    const shown = apply(START, operation, 1);
    history.record(START, shown, operation);
    const stored = apply(START, operation, 7);
    history.confirm(operation, stored);
    const undone = apply(stored, history.undo(stored)!, 8);
    const redone = apply(undone, history.redo(undone)!, 9);
    expect(annotationState(redone)).toEqual(annotationState(stored));
    expect(redone.updatedAt).not.toBe(shown.updatedAt);
  });

  test('a new change after undoing clears what could be redone', () => {
    const history = new UndoHistory();
    const created = apply(START, { type: 'createSpan', span: { id: 's1', start: 0, end: 2, label: 'claim' } }, 1);
    history.record(START, created);
    const undone = apply(created, history.undo(created)!, 2);
    expect(history.canRedo).toBe(true);
    const other = apply(undone, { type: 'setStatus', status: 'done' }, 3);
    history.record(undone, other);
    expect(history.canRedo).toBe(false);
    expect(history.redo(other)).toBeNull();
  });

  test('a step of several operations is undone at once, and hands back its tag to whoever undoes or redoes it', () => {
    const history = new UndoHistory();
    const created = apply(START, { type: 'createSpan', span: { id: 's1', start: 0, end: 2, label: 'quote' } }, 1);
    const both = apply(created, { type: 'createSpan', span: { id: 's2', start: 3, end: 5, label: 'attribution' } }, 2);
    const linked = apply(both, { type: 'linkSpans', relation: { id: 'r1', label: 'attributed_to', headId: 's1', childId: 's2' } }, 3);
    history.record(START, linked, null, 0, 'accepted q1');
    expect(history.nextTag('undo')).toBe('accepted q1');
    expect(history.nextTag('redo')).toBeUndefined();
    const undone = apply(linked, history.undo(linked)!, 4);
    expect([undone.spans.length, undone.relations.length]).toEqual([0, 0]);
    expect([history.nextTag('undo'), history.nextTag('redo')]).toEqual([undefined, 'accepted q1']);
    const redone = apply(undone, history.redo(undone)!, 5);
    expect([redone.spans.length, redone.relations.length]).toEqual([2, 1]);
  });

  test('an undo sent after the document changed elsewhere is refused as a conflict', () => {
    const history = new UndoHistory();
    const created = apply(START, { type: 'createSpan', span: { id: 's1', start: 0, end: 2, label: 'claim' } }, 1);
    history.record(START, created);
    const undo = history.undo(created)!;
    const elsewhere = apply(created, { type: 'setStatus', status: 'done' }, 2);
    expect(applyOperation(elsewhere, undo, contextAt(3))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
