import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openSuggestions } from './openSuggestions';
import type { SuggestedSpan, Suggestions } from './suggest';

const span = (label: 'quote' | 'attribution', start: number, end: number): SuggestedSpan => ({ key: `${label}:${start}-${end}`, label, start, end, ruleId: label === 'quote' ? 'quote.direct' : 'attribution.speech-verb' });
const QUOTE = span('quote', 1, 13);
const ATTRIBUTION = span('attribution', 16, 26);
const SUGGESTIONS: Suggestions = { spans: [QUOTE, ATTRIBUTION], links: [{ key: `${QUOTE.key}>${ATTRIBUTION.key}`, ruleId: 'link.nearest-attribution', headKey: QUOTE.key, childKey: ATTRIBUTION.key }] };
/** The open suggestions in one line: "quote:1-13 attribution:16-26 | links 1". */
const shown = (result: Suggestions) => `${result.spans.map((each) => each.key).join(' ')} | links ${result.links.length}`;

describe('openSuggestions', () => {
  test.each([
    ['no real spans: everything, the same object', [], 'quote:1-13 attribution:16-26 | links 1'],
    ['the accepted quote itself hides it; its link stays for the attribution', [{ start: 1, end: 13, label: 'quote' }], 'attribution:16-26 | links 1'],
    ['a real span of the label sharing one character hides it', [{ start: 12, end: 14, label: 'quote' }], 'attribution:16-26 | links 1'],
    ['a real span touching it (end = start) does not', [{ start: 13, end: 15, label: 'quote' }], 'quote:1-13 attribution:16-26 | links 1'],
    ['a real span of another label does not (a quote inside a claim)', [{ start: 0, end: 30, label: 'claim' }], 'quote:1-13 attribution:16-26 | links 1'],
    ['a long real span starting before, reaching over it, hides it past shorter ones', [{ start: 0, end: 20, label: 'attribution' }, { start: 2, end: 3, label: 'attribution' }], 'quote:1-13 | links 1'],
    ['both ends real: the link goes too', [{ start: 1, end: 13, label: 'quote' }, { start: 16, end: 26, label: 'attribution' }], ' | links 0'],
  ] as const)('%s', (_name, spans, expected) => {
    const result = openSuggestions(SUGGESTIONS, spans);
    expect(shown(result)).toBe(expected);
    if (spans.length === 0) expect(result).toBe(SUGGESTIONS);
  });

  test('agrees with checking every real span, on random spans', () => {
    const range = fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 15 }), fc.constantFrom('quote', 'attribution', 'claim'));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), fc.array(range, { maxLength: 12 }), (suggested, real) => {
        const spans = suggested.filter(([, , label]) => label !== 'claim').map(([start, length, label]) => span(label as 'quote' | 'attribution', start, start + length));
        const reals = real.map(([start, length, label]) => ({ start, end: start + length, label }));
        const expected = spans.filter((each) => !reals.some((other) => other.label === each.label && other.start < each.end && each.start < other.end));
        expect(openSuggestions({ spans, links: [] }, reals).spans).toEqual(expected);
      }),
    );
  });
});
