import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openSuggestions } from '../../../shared/suggestions/openSuggestions';
import type { Suggestions } from '../../../shared/suggestions/suggest';
import { openSuggestionsAfter } from './openSuggestionsAfter';

type RealSpan = { start: number; end: number; label: string };

const range = fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 6 })).map(([start, length]) => ({ start, end: start + length }));
const realSpan = fc.record({ range, label: fc.constantFrom('quote', 'attribution', 'claim') }).map(({ range: { start, end }, label }): RealSpan => ({ start, end, label }));
const suggestions = fc.array(fc.record({ range, label: fc.constantFrom('quote' as const, 'attribution' as const) }), { maxLength: 8 }).map((drawn): Suggestions => {
  const spans = drawn.map(({ range: { start, end }, label }, index) => ({ key: `${label}:${start}-${end}#${index}`, label, start, end, ruleId: 'quote.direct' as const }));
  const links = spans.slice(1).map((span, index) => ({ key: `${spans[index]!.key}>${span.key}`, ruleId: 'link.nearest-attribution' as const, headKey: spans[index]!.key, childKey: span.key }));
  return { spans, links };
});
/** A change to a span list: spans added somewhere, one restamped (same range, new object), or one removed. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), spans: fc.array(realSpan, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('restamp' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
);

function changed(spans: readonly RealSpan[], step: { kind: 'add' | 'restamp' | 'remove'; at: number; spans?: RealSpan[] }): RealSpan[] {
  const at = spans.length === 0 ? 0 : step.at % (spans.length + (step.kind === 'add' ? 1 : 0));
  if (step.kind === 'add') return [...spans.slice(0, at), ...step.spans!, ...spans.slice(at)];
  if (spans.length === 0) return [...spans];
  if (step.kind === 'restamp') return spans.map((span, index) => (index === at ? { ...span } : span));
  return spans.filter((_, index) => index !== at);
}

describe('open suggestions worked out from the last answer', () => {
  test('after any run of additions, restamps and removals, equal to working them out afresh', () => {
    fc.assert(
      fc.property(suggestions, fc.array(realSpan, { maxLength: 10 }), fc.array(change, { maxLength: 12 }), (source, start, steps) => {
        let spans: readonly RealSpan[] = start;
        let before = { source, spans, value: openSuggestions(source, spans) };
        for (const step of steps) {
          spans = changed(spans, step);
          const value = openSuggestionsAfter(before, source, spans);
          expect(value).toEqual(openSuggestions(source, spans));
          before = { source, spans, value };
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a span that covers no suggestion keeps the answer as it was (same object)', () => {
    const source: Suggestions = { spans: [{ key: 'quote:0-5', label: 'quote', start: 0, end: 5, ruleId: 'quote.direct' }], links: [] };
    const spans = [{ start: 10, end: 12, label: 'claim' }];
    const before = { source, spans, value: openSuggestions(source, spans) };
    expect(openSuggestionsAfter(before, source, [...spans, { start: 0, end: 5, label: 'claim' }])).toBe(before.value);
    expect(openSuggestionsAfter(before, source, [...spans, { start: 2, end: 3, label: 'quote' }]).spans).toEqual([]);
  });
});
