import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LABELS, type Span } from '../../../shared/model';
import { patchSpanListRows, spanListRows } from './spanListRows';

let made = 0;
/** A span of one of the settings' labels or of labels the settings do not name ('speech', 'other'). */
const span = fc.record({ start: fc.nat(40), length: fc.integer({ min: 1, max: 5 }), label: fc.constantFrom('claim', 'quote', 'attribution', 'speech', 'other') }).map(
  ({ start, length, label }): Span => ({ id: `s${made++}`, start, end: start + length, label, createdAt: '', updatedAt: '', annotator: 'a' }),
);

/** A change to the list: spans added, one removed, one changed in place (its label kept or not), or the order shuffled. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), spans: fc.array(span, { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('change' as const), at: fc.nat(), label: fc.option(fc.constantFrom('claim', 'quote', 'speech'), { nil: undefined }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
);

function changed(spans: readonly Span[], step: { kind: 'add' | 'remove' | 'change' | 'swap'; at: number; spans?: Span[]; label?: string }): Span[] {
  const at = spans.length === 0 ? 0 : step.at % (spans.length + (step.kind === 'add' ? 1 : 0));
  if (step.kind === 'add') return [...spans.slice(0, at), ...step.spans!, ...spans.slice(at)];
  if (spans.length === 0) return [...spans];
  if (step.kind === 'remove') return spans.filter((_, index) => index !== at);
  if (step.kind === 'change') return spans.map((one, index) => (index === at ? { ...one, end: one.end + 1, label: step.label ?? one.label } : one));
  const next = [...spans];
  const other = (at + 1) % spans.length;
  [next[at], next[other]] = [next[other]!, next[at]!];
  return next;
}

describe('span list rows', () => {
  test('headings in settings order, then labels only spans use, each followed by its spans in order', () => {
    const spans = changed([], { kind: 'add', at: 0, spans: [] });
    expect(spanListRows(spans, DEFAULT_LABELS).map((row) => row.label)).toEqual(['claim', 'quote', 'attribution']);
    const a: Span = { id: 'a', start: 0, end: 2, label: 'quote', createdAt: '', updatedAt: '', annotator: 'x' };
    const b: Span = { ...a, id: 'b', label: 'speech' };
    const c: Span = { ...a, id: 'c', start: 3, end: 5 };
    expect(spanListRows([b, a, c], DEFAULT_LABELS).map((row) => (row.kind === 'group' ? `${row.label}:${row.count}` : row.span.id))).toEqual([
      'claim:0',
      'quote:2',
      'a',
      'c',
      'attribution:0',
      'speech:1',
      'b',
    ]);
  });

  test('patched after any run of changes, equal to working them out afresh; unchanged rows kept', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), fc.array(change, { maxLength: 10 }), (start, steps) => {
        let spans: readonly Span[] = start;
        let rows = spanListRows(spans, DEFAULT_LABELS);
        for (const step of steps) {
          const next = changed(spans, step);
          const patched = patchSpanListRows(rows, spans, next, DEFAULT_LABELS);
          expect(patched).toEqual(spanListRows(next, DEFAULT_LABELS));
          // A span row the change did not touch is the same object as before.
          const before = new Map(rows.flatMap((row) => (row.kind === 'span' ? [[row.span, row] as const] : [])));
          const kept = patched.filter((row) => row.kind === 'span' && before.get(row.span) === row).length;
          const oneSettingsSpanAdded = step.kind === 'add' && step.spans.length === 1 && DEFAULT_LABELS.some((label) => label.name === step.spans[0]!.label);
          if (oneSettingsSpanAdded) expect(kept).toBe(spans.length);
          spans = next;
          rows = patched;
        }
      }),
      { numRuns: 300 },
    );
  });
});
