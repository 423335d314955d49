import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareSpans, describeSpans, rangeProblem, trimRange, withSpanInOrder, type TextRange } from './spans';

type LabelledRange = TextRange & { label: string };

function range(start: number, end: number, label: string): LabelledRange {
  return Object.freeze({ start, end, label });
}

describe('trimRange', () => {
  const TRIMS: { name: string; text: string; start: number; end: number; trimmed: TextRange | null }[] = [
    { name: 'spaces either side', text: '  Biden said  ', start: 0, end: 14, trimmed: { start: 2, end: 12 } },
    { name: 'no-break spaces either side', text: '\u00a0Putin\u00a0', start: 0, end: 7, trimmed: { start: 1, end: 6 } },
    { name: 'tabs either side', text: '\t\tquote\t', start: 0, end: 8, trimmed: { start: 2, end: 7 } },
    { name: 'newlines and CRs either side', text: '\n\r\nclaim\n\n', start: 0, end: 10, trimmed: { start: 3, end: 8 } },
    { name: 'em space, narrow no-break space and ideographic space', text: '\u2003x\u202f\u3000', start: 0, end: 4, trimmed: { start: 1, end: 2 } },
    { name: 'white space inside is kept', text: 'a b\u00a0c', start: 0, end: 5, trimmed: { start: 0, end: 5 } },
    { name: 'only inside the given range', text: ' a  b ', start: 2, end: 4, trimmed: null },
    { name: 'a sub-range with a space before it', text: 'said: “yes”', start: 5, end: 11, trimmed: { start: 6, end: 11 } },
    { name: 'nothing but white space', text: ' \u00a0\t\n ', start: 0, end: 5, trimmed: null },
    { name: 'an empty range', text: 'abc', start: 1, end: 1, trimmed: null },
    { name: 'no white space at all', text: 'abc', start: 0, end: 3, trimmed: { start: 0, end: 3 } },
    { name: 'a zero-width space, which \\s does not count', text: '\u200bx\u200b', start: 0, end: 3, trimmed: { start: 0, end: 3 } },
    { name: 'an emoji at the edge is kept whole', text: ' 😀 ', start: 0, end: 4, trimmed: { start: 1, end: 3 } },
  ];
  for (const { name, text, start, end, trimmed } of TRIMS) {
    test(`${name}: ${JSON.stringify(text)} ${start}–${end} trims to ${trimmed ? `${trimmed.start}–${trimmed.end}` : 'null'}`, () => {
      expect(trimRange(text, start, end)).toEqual(trimmed);
    });
  }

  test('agrees with String.prototype.trim on the selected slice', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ' ', '\u00a0', '\t', '\n', '\r', '\u2003', '\u200b', '\ufeff'), maxLength: 20 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, first, second) => {
        const start = Math.min(first, second) % (value.length + 1);
        const end = Math.max(start, Math.max(first, second) % (value.length + 1));
        const slice = value.slice(start, end);
        const expected =
          slice.trim() === '' ? null : { start: start + slice.length - slice.trimStart().length, end: end - (slice.length - slice.trimEnd().length) };
        expect(trimRange(value, start, end)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rangeProblem', () => {
  const TEXT = 'Putin 😀 said';
  const PROBLEMS: { start: number; end: number; problem: string | null }[] = [
    { start: 0, end: 5, problem: null },
    { start: 6, end: 8, problem: null },
    { start: 0, end: TEXT.length, problem: null },
    { start: 1.5, end: 3, problem: 'offsets 1.5–3 are not whole numbers' },
    { start: 0, end: Number.NaN, problem: 'offsets 0–NaN are not whole numbers' },
    { start: -1, end: 3, problem: 'offsets -1–3 are outside the text (0–13)' },
    { start: 0, end: 14, problem: 'offsets 0–14 are outside the text (0–13)' },
    { start: 3, end: 3, problem: 'span 3–3 is empty or reversed' },
    { start: 5, end: 2, problem: 'span 5–2 is empty or reversed' },
    { start: 7, end: 13, problem: 'start 7 splits a character in two' },
    { start: 0, end: 7, problem: 'end 7 splits a character in two' },
  ];
  for (const { start, end, problem } of PROBLEMS) {
    test(`${start}–${end} in "Putin 😀 said" is ${problem ? `refused: ${problem}` : 'fine'}`, () => {
      expect(rangeProblem(TEXT, start, end)).toBe(problem);
    });
  }

  test('a range ending between a lone high surrogate and the next letter is fine', () => {
    expect(rangeProblem('\ud83dx', 0, 1)).toBeNull();
  });

  test('any whole-number range splitting no pair is fine, and any splitting one names the split end', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '😀', '\ud83d', '\ude00', 'ש'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, first, second) => {
        const start = Math.min(first, second) % value.length;
        const end = start + 1 + (Math.max(first, second) % (value.length - start));
        const boundaries = new Set([0]);
        let offset = 0;
        for (const character of value) boundaries.add((offset += character.length));
        const problem = rangeProblem(value, start, end);
        if (!boundaries.has(start)) expect(problem).toBe(`start ${start} splits a character in two`);
        else if (!boundaries.has(end)) expect(problem).toBe(`end ${end} splits a character in two`);
        else expect(problem).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeSpans and compareSpans', () => {
  test('writes spans in reading order: by start, then the longer first, then by label', () => {
    const spans = [range(12, 20, 'quote'), range(3, 9, 'claim'), range(3, 15, 'quote'), range(3, 9, 'attribution')];
    expect(describeSpans(spans)).toBe('3-15 quote | 3-9 attribution | 3-9 claim | 12-20 quote');
  });

  test('an empty list is the empty string', () => {
    expect(describeSpans([])).toBe('');
  });

  test('does not reorder the list it is given', () => {
    const spans = [range(12, 20, 'quote'), range(3, 9, 'claim')];
    describeSpans(spans);
    expect(spans.map((span) => span.start)).toEqual([12, 3]);
  });

  test('compareSpans orders any list so that no later span comes before an earlier one in reading order', () => {
    const span = fc.record({ start: fc.nat(30), length: fc.integer({ min: 1, max: 10 }), label: fc.constantFrom('claim', 'quote', 'attribution') });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 10 }), (raw) => {
        const sorted = raw.map(({ start, length, label }) => range(start, start + length, label)).sort(compareSpans);
        for (let index = 1; index < sorted.length; index++) {
          const [before, after] = [sorted[index - 1]!, sorted[index]!];
          expect(before.start < after.start || (before.start === after.start && before.end >= after.end)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('withSpanInOrder', () => {
  test('puts a span where sorting would, for any spans in reading order', () => {
    const span = fc.record({ start: fc.nat(20), length: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom('claim', 'quote', 'Zitat', 'émoi') }).map(({ start, length, label }) => ({ start, end: start + length, label }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), span, (spans, added) => {
        const ordered = [...spans].sort(compareSpans);
        expect(withSpanInOrder(ordered, added)).toEqual([...ordered, added].sort(compareSpans));
      }),
    );
  });
});
