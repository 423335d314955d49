import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TextRange } from './spans';
import { SAMPLE_CORPUS as CORPUS } from './testing/sampleCorpus';
import { nextBoundary, snapToWords, type CaretUnit } from './textBoundaries';

const numRuns = 300;
const WHITE_SPACE = /\s/u;

// References that segment the whole text at once, to hold the windowed module to.
const wholeText = {
  grapheme: new Intl.Segmenter(undefined, { granularity: 'grapheme' }),
  word: new Intl.Segmenter(undefined, { granularity: 'word' }),
  sentence: new Intl.Segmenter(undefined, { granularity: 'sentence' }),
};

function segmentsOf(text: string, granularity: keyof typeof wholeText): { start: number; end: number; wordLike: boolean }[] {
  return [...wholeText[granularity].segment(text)].map(({ index, segment, isWordLike }) => ({
    start: index,
    end: index + segment.length,
    wordLike: isWordLike === true,
  }));
}

function graphemeBoundaries(text: string): Set<number> {
  return new Set([0, ...segmentsOf(text, 'grapheme').map((segment) => segment.end)]);
}

/** Where the caret should land from any offset, computed once from the whole text's segments. */
function wholeTextMover(text: string, unit: CaretUnit): (offset: number, direction: 1 | -1) => number {
  const stops =
    unit === 'character'
      ? segmentsOf(text, 'grapheme')
      : unit === 'word'
        ? segmentsOf(text, 'word').filter((segment) => segment.wordLike)
        : segmentsOf(text, 'sentence').flatMap((segment) => {
            const content = text.slice(segment.start, segment.end);
            const start = segment.start + (content.length - content.trimStart().length);
            const end = segment.start + content.trimEnd().length;
            if (start >= end) return [];
            // Trimmed ends widen to whole clusters (a combining mark on a space).
            const clusters = segmentsOf(text.slice(segment.start, segment.end), 'grapheme').map((cluster) => ({ start: cluster.start + segment.start, end: cluster.end + segment.start }));
            return [{ start: clusters.find((cluster) => cluster.end > start)!.start, end: clusters.findLast((cluster) => cluster.start < end)!.end }];
          });
  return (offset, direction) => {
    if (offset === (direction === 1 ? text.length : 0)) return offset;
    if (direction === 1) return stops.find((stop) => stop.end > offset)?.end ?? text.length;
    return stops.findLast((stop) => stop.start < offset)?.start ?? 0;
  };
}

function expectedBoundary(text: string, offset: number, unit: CaretUnit, direction: 1 | -1): number {
  return wholeTextMover(text, unit)(offset, direction);
}

/** Every stop of moving forward through the whole text, from its start. */
function stopsForward(text: string, move: (offset: number) => number): number[] {
  const stops: number[] = [];
  for (let offset = 0; offset < text.length; ) stops.push((offset = move(offset)));
  return stops;
}

/** "start–end «selected text»", so that a failing assertion shows what was selected. */
function show(text: string, range: TextRange | null): string {
  return range ? `${range.start}–${range.end} «${text.slice(range.start, range.end)}»` : 'null';
}

/** Snaps the first occurrence of `selected` in `text`, returned as it shows. */
function snapText(text: string, selected: string, occurrence = 0): string {
  let start = -1;
  for (let found = 0; found <= occurrence; found++) start = text.indexOf(selected, start + 1);
  if (start < 0) throw new Error(`${JSON.stringify(selected)} is not in ${JSON.stringify(text)}`);
  return show(text, snapToWords(text, start, start + selected.length));
}

function expectedShow(text: string, expected: string | null): string {
  if (expected === null) return 'null';
  const start = text.indexOf(expected);
  return show(text, { start, end: start + expected.length });
}

describe('snapToWords', () => {
  const SNAPS: { name: string; text: string; selected: string; snapped: string | null }[] = [
    { name: 'a selection starting inside a word', text: 'He said Hello there', selected: 'ello', snapped: 'Hello' },
    { name: 'a selection ending inside a word', text: 'He said Hello there', selected: 'Hel', snapped: 'Hello' },
    { name: 'both ends inside words', text: 'agreed to meet with Russian counterpart', selected: 'eed to meet with Rus', snapped: 'agreed to meet with Russian' },
    { name: 'a whole word stays as it is', text: 'agreed to meet', selected: 'to', snapped: 'to' },
    { name: 'a quote mark and comma selected on purpose', text: 'He said "Hello, world"', selected: '"Hello,', snapped: '"Hello,' },
    { name: 'punctuation next to a word is not added', text: 'He said "Hello, world"', selected: 'ell', snapped: 'Hello' },
    { name: 'curly quotes selected on purpose', text: 'Russia “does not invade Ukraine,” Psaki said', selected: '“does not invade Ukraine,”', snapped: '“does not invade Ukraine,”' },
    { name: 'guillemets and a mid-word end', text: 'il a dit «bonjour» hier', selected: '«bonj', snapped: '«bonjour' },
    { name: 'white space either side is trimmed', text: 'said  Hello  there', selected: '  Hello  ', snapped: 'Hello' },
    { name: 'white space and a partial word', text: 'said  Hello  there', selected: ' Hel', snapped: 'Hello' },
    { name: 'nothing but white space', text: 'a \u00a0\t\n b', selected: ' \u00a0\t\n ', snapped: null },
    { name: 'a contraction is one word', text: "we can't go", selected: 'an', snapped: "can't" },
    { name: 'a curly-apostrophe possessive is one word', text: 'Washington’s position', selected: 'ington’', snapped: 'Washington’s' },
    { name: 'a hyphenated word is two words to the segmenter', text: 'a well-known fact', selected: 'kno', snapped: 'known' },
    { name: 'across the hyphen takes both words', text: 'a well-known fact', selected: 'll-kn', snapped: 'well-known' },
    { name: 'a decimal number is one word', text: 'rose 3.14 percent', selected: '.1', snapped: '3.14' },
    { name: 'an abbreviation keeps its inner dots', text: 'the U.S. said', selected: '.S', snapped: 'U.S' },
    { name: 'a selection inside an Arabic word', text: 'قال الرئيس إن', selected: 'رئي', snapped: 'الرئيس' },
    { name: 'a selection across two Arabic words', text: 'قال الرئيس إن', selected: 'ال الر', snapped: 'قال الرئيس' },
    { name: 'a selection inside a Hebrew word', text: 'אמר ראש הממשלה', selected: 'משל', snapped: 'הממשלה' },
    { name: 'a letter with a combining accent is kept whole', text: 'un cafe\u0301 noir', selected: 'caf', snapped: 'cafe\u0301' },
    { name: 'Cyrillic in brackets', text: '[США Джо Байден]', selected: 'айд', snapped: 'Байден' },
  ];
  for (const { name, text, selected, snapped } of SNAPS) {
    test(`${name}: ${JSON.stringify(selected)} in ${JSON.stringify(text)} → ${JSON.stringify(snapped)}`, () => {
      expect(snapText(text, selected)).toBe(expectedShow(text, snapped));
    });
  }

  const CLUSTERS: { name: string; text: string; start: number; end: number; snapped: TextRange }[] = [
    // 'ok 👍🏽 go': 👍 is 3–5, the skin tone 5–7.
    { name: 'the thumb without its skin tone', text: 'ok 👍🏽 go', start: 3, end: 5, snapped: { start: 3, end: 7 } },
    { name: 'half the skin tone (a split surrogate pair)', text: 'ok 👍🏽 go', start: 6, end: 7, snapped: { start: 3, end: 7 } },
    { name: 'the man of a ZWJ family', text: 'a 👨‍👩‍👧 b', start: 2, end: 4, snapped: { start: 2, end: 10 } },
    { name: 'from inside the family to the next word', text: 'a 👨‍👩‍👧 bee', start: 5, end: 12, snapped: { start: 2, end: 14 } },
    { name: 'one regional indicator of a flag', text: 'x 🇺🇦 y', start: 4, end: 6, snapped: { start: 2, end: 6 } },
    { name: 'a combining mark on its own', text: 'Ang\u0303', start: 3, end: 4, snapped: { start: 0, end: 4 } },
    { name: 'a combining mark on a space is trimmed with the space', text: 'a \u0301b', start: 2, end: 4, snapped: { start: 3, end: 4 } },
  ];
  for (const { name, text, start, end, snapped } of CLUSTERS) {
    test(`${name}: ${JSON.stringify(text)} ${start}–${end} → ${snapped.start}–${snapped.end}`, () => {
      expect(show(text, snapToWords(text, start, end))).toBe(show(text, snapped));
    });
  }

  test('an empty selection is null', () => {
    expect(snapToWords('Hello', 2, 2)).toBeNull();
  });

  test('rejects reversed, fractional and out-of-text offsets with a RangeError', () => {
    expect(() => snapToWords('Hello', 3, 1)).toThrow(/reversed/);
    expect(() => snapToWords('Hello', 0.5, 2)).toThrow(RangeError);
    expect(() => snapToWords('Hello', 0, 6)).toThrow(/outside the text/);
  });

  describe('on the sample corpus', () => {
    test('the corpus is there', () => {
      expect(CORPUS.length).toBeGreaterThanOrEqual(5);
    });
    // Words of letters only, between white space (or line ends) and white space or punctuation.
    const PLAIN_WORD = /(?<=^|\s)\p{L}{4,}(?=[\s,.;:!?)”]|$)/gmu;
    for (const [name, text] of CORPUS) {
      test(`${name}: every mid-word selection widens to the whole word`, () => {
        const words = [...text.matchAll(PLAIN_WORD)];
        expect(words.length).toBeGreaterThan(50);
        for (const { index, 0: word } of words) {
          const whole = { start: index, end: index + word.length };
          expect(show(text, snapToWords(text, index + 1, index + word.length - 1))).toBe(show(text, whole));
        }
      });
      test(`${name}: every whole line, selected with its line break, trims to the line`, () => {
        let start = 0;
        for (const line of text.split('\n')) {
          const end = start + line.length;
          const content = line.trim();
          const expected = content ? { start: start + line.indexOf(content), end: start + line.indexOf(content) + content.length } : null;
          expect(show(text, snapToWords(text, start, Math.min(end + 1, text.length)))).toBe(show(text, expected));
          start = end + 1;
        }
      });
    }
  });
});

describe('nextBoundary', () => {
  // Offsets in 'He said “Hello, world.” 👍🏽 Done. Then ok':
  // He 0–2, said 3–7, “ 8, Hello 9–14, world 16–21, 👍🏽 24–28, Done 29–33, Then 35–39, ok 40–42.
  const SAMPLE = 'He said “Hello, world.” 👍🏽 Done. Then ok';
  const MOVES: { name: string; text: string; offset: number; unit: CaretUnit; direction: 1 | -1; to: number }[] = [
    { name: 'character: one letter', text: SAMPLE, offset: 0, unit: 'character', direction: 1, to: 1 },
    { name: 'character: over an emoji with skin tone', text: SAMPLE, offset: 24, unit: 'character', direction: 1, to: 28 },
    { name: 'character: back over an emoji with skin tone', text: SAMPLE, offset: 28, unit: 'character', direction: -1, to: 24 },
    { name: 'character: from inside a surrogate pair', text: SAMPLE, offset: 25, unit: 'character', direction: 1, to: 28 },
    { name: 'character: over a flag', text: '🇺🇦!', offset: 0, unit: 'character', direction: 1, to: 4 },
    { name: 'character: over CR LF as one', text: 'a\r\nb', offset: 1, unit: 'character', direction: 1, to: 3 },
    { name: 'word: from a word start to its end', text: SAMPLE, offset: 0, unit: 'word', direction: 1, to: 2 },
    { name: 'word: from mid-word to its end', text: SAMPLE, offset: 4, unit: 'word', direction: 1, to: 7 },
    { name: 'word: over a space and a quote to the next word end', text: SAMPLE, offset: 7, unit: 'word', direction: 1, to: 14 },
    { name: 'word: over punctuation and an emoji', text: SAMPLE, offset: 21, unit: 'word', direction: 1, to: 33 },
    { name: 'word: back from mid-word to its start', text: SAMPLE, offset: 12, unit: 'word', direction: -1, to: 9 },
    { name: 'word: back from a word start to the previous word', text: SAMPLE, offset: 9, unit: 'word', direction: -1, to: 3 },
    { name: 'word: back over an emoji and punctuation', text: SAMPLE, offset: 29, unit: 'word', direction: -1, to: 16 },
    { name: 'word: to the text end past trailing punctuation', text: 'ok?!', offset: 2, unit: 'word', direction: 1, to: 4 },
    { name: 'word: to the text start past leading punctuation', text: '«ok', offset: 1, unit: 'word', direction: -1, to: 0 },
    { name: 'word: right to left text moves in logical order', text: 'قال الرئيس إن', offset: 1, unit: 'word', direction: 1, to: 3 },
    { name: 'word: over a line break', text: 'one\n\ntwo', offset: 3, unit: 'word', direction: 1, to: 8 },
    { name: 'sentence: to the end of the first sentence, before its space', text: SAMPLE, offset: 0, unit: 'sentence', direction: 1, to: 23 },
    { name: 'sentence: from a sentence end to the next', text: SAMPLE, offset: 23, unit: 'sentence', direction: 1, to: 34 },
    { name: 'sentence: from the white space after one to the next end', text: SAMPLE, offset: 33, unit: 'sentence', direction: 1, to: 34 },
    { name: 'sentence: back to the start of the current sentence', text: SAMPLE, offset: 38, unit: 'sentence', direction: -1, to: 35 },
    { name: 'sentence: back from a sentence start to the previous one', text: SAMPLE, offset: 35, unit: 'sentence', direction: -1, to: 24 },
    { name: 'sentence: a line break ends a sentence without a full stop', text: 'Breaking news\nBiden spoke.', offset: 0, unit: 'sentence', direction: 1, to: 13 },
    { name: 'sentence: back over blank lines to the previous paragraph', text: 'One. Two.\n\n  Three.', offset: 13, unit: 'sentence', direction: -1, to: 5 },
    { name: 'sentence: after leading white space of a paragraph', text: 'One.\n  Two. Three', offset: 15, unit: 'sentence', direction: -1, to: 12 },
    { name: 'sentence: an abbreviation before a lower-case word does not end it', text: 'It grew 3 p.c. in May. Then', offset: 0, unit: 'sentence', direction: 1, to: 22 },
    { name: 'at the end of the text, forward stays', text: 'abc', offset: 3, unit: 'word', direction: 1, to: 3 },
    { name: 'at the start of the text, backward stays', text: 'abc', offset: 0, unit: 'sentence', direction: -1, to: 0 },
    { name: 'an offset past the end is clamped', text: 'abc def', offset: 99, unit: 'word', direction: -1, to: 4 },
    { name: 'a negative offset is clamped', text: 'abc def', offset: -5, unit: 'character', direction: 1, to: 1 },
  ];
  for (const { name, text, offset, unit, direction, to } of MOVES) {
    test(`${name}: ${JSON.stringify(text)} from ${offset} → ${to}`, () => {
      expect(nextBoundary(text, offset, unit, direction)).toBe(to);
    });
  }

  test('rejects an offset that is not a number', () => {
    expect(() => nextBoundary('abc', Number.NaN, 'word', 1)).toThrow(RangeError);
  });

  for (const [name, text] of CORPUS) {
    test(`${name}: forward and backward by sentence land on the whole text's sentence ends and starts`, () => {
      const ends = stopsForward(text, (offset) => nextBoundary(text, offset, 'sentence', 1));
      const starts: number[] = [];
      for (let offset = text.length; offset > 0; ) starts.push((offset = nextBoundary(text, offset, 'sentence', -1)));
      const expected = wholeTextMover(text, 'sentence');
      expect(ends).toEqual(stopsForward(text, (offset) => expected(offset, 1)));
      expect(ends.length).toBeGreaterThan(10);
      // Every sentence end is a terminator, quote or bracket, or the end of a line.
      for (const end of ends) {
        expect(WHITE_SPACE.test(text[end - 1]!)).toBe(false);
        expect(end === text.length || WHITE_SPACE.test(text[end]!)).toBe(true);
      }
      // Every line's end is a sentence end.
      for (const match of text.matchAll(/\S(?=\r?\n)/gu)) expect(ends).toContain(match.index + 1);
      expect(starts.at(-1)).toBe(0);
      for (const start of starts) expect(start === 0 || WHITE_SPACE.test(text[start - 1]!)).toBe(true);
    });
  }

  test('in one 30,000-character paragraph of corpus text, sentence movement matches segmenting it whole', () => {
    const paragraph = CORPUS.map(([, text]) => text.replace(/\s+/gu, ' ')).join(' ').repeat(3);
    expect(paragraph.length).toBeGreaterThan(30_000);
    const expected = wholeTextMover(paragraph, 'sentence');
    expect(stopsForward(paragraph, (offset) => nextBoundary(paragraph, offset, 'sentence', 1))).toEqual(
      stopsForward(paragraph, (offset) => expected(offset, 1)),
    );
    let backward = paragraph.length;
    while (backward > 0) {
      const to = nextBoundary(paragraph, backward, 'sentence', -1);
      expect(to).toBe(expected(backward, -1));
      backward = to;
    }
  });
});

/** Random text from words, punctuation, quotes, emoji, right-to-left words, CJK, combining marks and line breaks. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Hello', 'world', 'a', "can't", 'well-known', 'U.S.', '3.14', 'Putin', 'said') },
  { weight: 5, arbitrary: fc.constantFrom(' ', ' ', '  ', '\u00a0', '\t') },
  { weight: 3, arbitrary: fc.constantFrom(',', '.', '!', '?', ';', ':', '-', '—', '(', ')', '. ') },
  { weight: 2, arbitrary: fc.constantFrom('"', "'", '“', '”', '«', '»', '’') },
  { weight: 2, arbitrary: fc.constantFrom('👍🏽', '👨‍👩‍👧', '🇺🇦', '😀', '👍') },
  { weight: 2, arbitrary: fc.constantFrom('قال', 'الرئيس', 'إن', 'שלום', 'ראש', 'הממשלה') },
  { weight: 2, arbitrary: fc.constantFrom('東京都に住む', '中文', '。') },
  { weight: 2, arbitrary: fc.constantFrom('\u0301', 'e\u0301', 'a\u0308\u0323', 'n\u0303') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\n\n') },
);
const mixedText = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));
/**
 * Long paragraphs, so that the windows inside a paragraph are used: ordinary ones, and ones with
 * few words (runs of emoji and punctuation), so that a word search often crosses a window's edge.
 */
const sparseUnit = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(' ', ', ', '—', '👍🏽 ', '🇺🇦', '“…” ', '\u0301', '!') },
  { weight: 1, arbitrary: fc.constantFrom("can't", 'U.S.', '3.14', 'e\u0301te\u0301', 'שלום', '東京都に住む') },
);
const longText = fc
  .oneof(fc.array(unit, { minLength: 200, maxLength: 600 }), fc.array(sparseUnit, { minLength: 300, maxLength: 900 }))
  .map((units) => units.join('').replace(/[\r\n]/gu, ' '));

const textAndSelection = mixedText.chain((text) =>
  fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length)).map(([t, a, b]) => [t, Math.min(a, b), Math.max(a, b)] as const),
);
const textAndOffset = (texts: fc.Arbitrary<string>) => texts.chain((text) => fc.tuple(fc.constant(text), fc.nat(text.length)));
const caretUnit = fc.constantFrom<CaretUnit>('character', 'word', 'sentence');
const direction = fc.constantFrom<1 | -1>(1, -1);

/** The selection trimmed of white space, by whole grapheme clusters as snapToWords documents. */
function trimmedSelection(text: string, start: number, end: number): TextRange | null {
  if (start === end) return null;
  const clusters = segmentsOf(text, 'grapheme').filter((cluster) => cluster.end > start && cluster.start < end);
  const isBlank = (cluster: TextRange) => WHITE_SPACE.test(text.slice(cluster.start, cluster.end));
  while (clusters.length > 0 && isBlank(clusters[0]!)) clusters.shift();
  while (clusters.length > 0 && isBlank(clusters.at(-1)!)) clusters.pop();
  if (clusters.length === 0) return null;
  return { start: Math.max(start, clusters[0]!.start), end: Math.min(end, clusters.at(-1)!.end) };
}

describe('snapToWords on random text', () => {
  test('is null exactly when the selection holds nothing but white space', () => {
    fc.assert(
      fc.property(textAndSelection, ([text, start, end]) => {
        expect(snapToWords(text, start, end) === null).toBe(trimmedSelection(text, start, end) === null);
      }),
      { numRuns },
    );
  });

  test('contains the trimmed selection and grows only within words and clusters, never past white space', () => {
    fc.assert(
      fc.property(textAndSelection, ([text, start, end]) => {
        const snapped = snapToWords(text, start, end);
        const trimmed = trimmedSelection(text, start, end);
        if (!snapped || !trimmed) return;
        expect(snapped.start).toBeLessThanOrEqual(trimmed.start);
        expect(snapped.end).toBeGreaterThanOrEqual(trimmed.end);
        expect(text.slice(snapped.start, trimmed.start)).not.toMatch(WHITE_SPACE);
        expect(text.slice(trimmed.end, snapped.end)).not.toMatch(WHITE_SPACE);
      }),
      { numRuns },
    );
  });

  test('ends on grapheme boundaries, never splitting a surrogate pair, with no white space at either end', () => {
    fc.assert(
      fc.property(textAndSelection, ([text, start, end]) => {
        const snapped = snapToWords(text, start, end);
        if (!snapped) return;
        const boundaries = graphemeBoundaries(text);
        expect(boundaries.has(snapped.start), show(text, snapped)).toBe(true);
        expect(boundaries.has(snapped.end), show(text, snapped)).toBe(true);
        expect(text.codePointAt(snapped.start)! >= 0xdc00 && text.codePointAt(snapped.start)! <= 0xdfff).toBe(false);
        expect(WHITE_SPACE.test(text[snapped.start]!)).toBe(false);
        expect(WHITE_SPACE.test(text[snapped.end - 1]!)).toBe(false);
      }),
      { numRuns },
    );
  });

  test('is idempotent', () => {
    fc.assert(
      fc.property(textAndSelection, ([text, start, end]) => {
        const snapped = snapToWords(text, start, end);
        if (!snapped) return;
        expect(show(text, snapToWords(text, snapped.start, snapped.end))).toBe(show(text, snapped));
      }),
      { numRuns },
    );
  });

  test('widens each end to the word it falls inside', () => {
    fc.assert(
      fc.property(textAndSelection, ([text, start, end]) => {
        const snapped = snapToWords(text, start, end);
        if (!snapped) return;
        for (const word of segmentsOf(text, 'word').filter((segment) => segment.wordLike)) {
          if (word.start < snapped.start && snapped.start < word.end) expect.fail(`start inside ${show(text, word)}: ${show(text, snapped)}`);
          if (word.start < snapped.end && snapped.end < word.end) expect.fail(`end inside ${show(text, word)}: ${show(text, snapped)}`);
        }
      }),
      { numRuns },
    );
  });
});

describe('nextBoundary on random text', () => {
  test('matches segmenting the whole text, for every unit and direction', () => {
    fc.assert(
      fc.property(textAndOffset(mixedText), caretUnit, direction, ([text, offset], unitName, step) => {
        expect(nextBoundary(text, offset, unitName, step)).toBe(expectedBoundary(text, offset, unitName, step));
      }),
      { numRuns: numRuns * 2 },
    );
  });

  test('in long paragraphs, where it segments a window around the offset, characters and words still match the whole text', () => {
    fc.assert(
      fc.property(longText, fc.constantFrom<CaretUnit>('character', 'word'), fc.nat(6), (text, unitName, phase) => {
        // Every few offsets rather than one: each offset cuts its window at different places.
        const expected = wholeTextMover(text, unitName);
        for (let offset = phase; offset <= text.length; offset += 7) {
          for (const step of [1, -1] as const) expect(nextBoundary(text, offset, unitName, step), `from ${offset} by ${step}`).toBe(expected(offset, step));
        }
      }),
      { numRuns: 30 },
    );
  });

  test('in a long paragraph with words far apart, word moves from every offset match the whole text', () => {
    // The words hold punctuation ("can't", "U.S", "3.14"), so a window cut inside one would show.
    const text = `can't ${'— '.repeat(200)}U.S. ${'👍🏽'.repeat(100)}3.14 e\u0301te\u0301 ${'«» '.repeat(150)}ok`;
    const expected = wholeTextMover(text, 'word');
    for (let offset = 0; offset <= text.length; offset++) {
      for (const step of [1, -1] as const) expect(nextBoundary(text, offset, 'word', step), `from ${offset} by ${step}`).toBe(expected(offset, step));
    }
  });

  test('a grapheme cluster longer than the window (a space with 600 combining marks) moves as one character', () => {
    const text = `ab ${'\u0301'.repeat(600)} cd`;
    expect(nextBoundary(text, 500, 'character', -1)).toBe(2);
    expect(nextBoundary(text, 500, 'character', 1)).toBe(603);
    expect(snapToWords(text, 0, 500)).toEqual({ start: 0, end: 2 });
  });

  test('a sentence move never stops inside a cluster that starts with white space', () => {
    expect(nextBoundary(' \u0301well-known', 2, 'sentence', -1)).toBe(0);
    expect(nextBoundary('Yes \u0301', 0, 'sentence', 1)).toBe(5);
  });

  test('moves strictly in its direction onto a grapheme boundary, unless at that end of the text', () => {
    fc.assert(
      fc.property(textAndOffset(mixedText), caretUnit, direction, ([text, offset], unitName, step) => {
        const to = nextBoundary(text, offset, unitName, step);
        if (offset === (step === 1 ? text.length : 0)) expect(to).toBe(offset);
        else expect(Math.sign(to - offset)).toBe(step);
        expect(graphemeBoundaries(text).has(to)).toBe(true);
      }),
      { numRuns },
    );
  });

  test('a character forward then back returns to the grapheme boundary it started from', () => {
    fc.assert(
      fc.property(textAndOffset(mixedText), ([text, offset]) => {
        fc.pre(offset < text.length && graphemeBoundaries(text).has(offset));
        expect(nextBoundary(text, nextBoundary(text, offset, 'character', 1), 'character', -1)).toBe(offset);
      }),
      { numRuns },
    );
  });
});
