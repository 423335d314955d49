import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyChange, describeChange } from './annotationChange';
import type { NewsDocument } from './model';
import { applyOperation, type OperationContext } from './operations';
import { operationArbitraries, PROPERTY_TEXT } from './testing/operationArbitraries';

const LABELS = ['claim', 'quote', 'attribution'] as const;
const CONTEXT: OperationContext = { annotator: 'ana', now: '2024-03-01T10:00:00.000Z', labels: LABELS, relationTypes: ['attributed_to'] };
const START: NewsDocument = {
  id: 'doc-1',
  text: PROPERTY_TEXT,
  meta: { title: 'A title' },
  status: 'todo',
  spans: [],
  relations: [],
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  annotator: 'bo',
  revision: 3,
};
const { operation } = operationArbitraries(LABELS);

/** The host's side over the wire: the change as JSON, the window's copy of the document as JSON. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('an annotation change', () => {
  test('applied to the state it was made on (as the window holds it), gives exactly the stored document', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
        let stored = START;
        let held = overTheWire(START);
        for (const each of operations) {
          const result = applyOperation(stored, each, CONTEXT);
          if (!result.ok) continue;
          const change = overTheWire(describeChange(stored, result.value));
          const applied = applyChange(held, change);
          expect(applied).toEqual(result.value);
          // Items the change left alone stay the window's own objects.
          applied!.spans.forEach((span, index) => {
            if (index < change.spans.start) expect(span).toBe(held.spans[index]);
          });
          stored = result.value;
          held = applied!;
        }
      }),
      { numRuns: 300 },
    );
  });

  test('carries only what changed, never the text', () => {
    const spans = Array.from({ length: 50 }, (_, index) => ({ id: `s${index}`, start: index % 10, end: (index % 10) + 1, label: 'claim', createdAt: 'x', updatedAt: 'x', annotator: 'bo' }));
    const before = { ...START, text: 'x'.repeat(20), spans };
    const result = applyOperation(before, { type: 'createSpan', span: { id: 'new', start: 12, end: 15, label: 'quote' } }, CONTEXT);
    if (!result.ok) throw new Error(result.error.message);
    const change = describeChange(before, result.value);
    expect(change.spans).toEqual({ start: 50, removed: 0, inserted: [result.value.spans[50]] });
    expect(change.relations).toEqual({ start: 0, removed: 0, inserted: [] });
    expect(JSON.stringify(change)).not.toContain('xxxx');
  });

  test('is refused by a state it was not made on: another revision, another document, a list it does not fit', () => {
    const result = applyOperation(START, { type: 'createSpan', span: { id: 'a', start: 0, end: 2, label: 'claim' } }, CONTEXT);
    if (!result.ok) throw new Error(result.error.message);
    const change = describeChange(START, result.value);
    expect(applyChange({ ...START, revision: 4 }, change)).toBeNull();
    expect(applyChange({ ...START, id: 'doc-2' }, change)).toBeNull();
    expect(applyChange(START, { ...change, spans: { start: 1, removed: 0, inserted: [] } })).toBeNull();
    expect(applyChange(START, { ...change, relations: { start: 0, removed: 1, inserted: [] } })).toBeNull();
    expect(applyChange(START, change)).toEqual(result.value);
  });
});
