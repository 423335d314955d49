import fc from 'fast-check';
import type { DocumentOperation } from '../operations';

// 14 UTF-16 units; offset 4 is inside the emoji (3–5) and offsets up to 15 are generated.
export const PROPERTY_TEXT = 'ab 😀 c\nשלום d';
/**
 * Random operations over PROPERTY_TEXT for property tests: on six span ids, the given labels
 * plus one the label set does not know, and mostly valid ranges with some that split the emoji,
 * are reversed, empty or outside the text.
 */
export function operationArbitraries(labels: readonly string[]) {
  const ids = fc.constantFrom('s0', 's1', 's2', 's3', 's4', 's5');
  const label = fc.constantFrom(...labels, 'opinion');
  const offset = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14) }, { weight: 1, arbitrary: fc.nat(16) });
  // Mostly well-ordered ranges, sometimes reversed or empty ones.
  const range = fc.tuple(offset, offset, fc.nat(9)).map(([a, b, reversed]) => (reversed === 0 ? [b, a] : [Math.min(a, b), Math.max(a, b)]));
  const createOperation = fc
    .record({ id: ids, range, label })
    .map(({ id, range: [start, end], label: name }) => ({ type: 'createSpan' as const, span: { id, start: start!, end: end!, label: name } }));
  const operation: fc.Arbitrary<DocumentOperation> = fc.oneof(
    { weight: 4, arbitrary: createOperation },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('deleteSpan' as const), spanId: ids }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('relabelSpan' as const), spanId: ids, label }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('setStatus' as const), status: fc.constantFrom('todo', 'in_progress', 'done', 'skipped') }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('resizeSpan' as const), spanId: ids, range }).map(({ spanId, range: [start, end] }) => ({ type: 'resizeSpan' as const, spanId, start: start!, end: end! })) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('setSpanNote' as const), spanId: ids, note: fc.constantFrom('', ' ', 'check', 'two\nlines') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('setSpanSpeaker' as const), spanId: ids, speaker: fc.constantFrom('', 'Jen Psaki', ' Jen Psaki ') }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('linkSpans' as const), relation: fc.record({ id: fc.constantFrom('l1', 'l2', 'l3'), label: fc.constant('attributed_to' as const), headId: ids, childId: ids }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('unlinkSpans' as const), relationId: fc.constantFrom('l1', 'l2', 'l3') }) },
  );
  return { createOperation, operation };
}
