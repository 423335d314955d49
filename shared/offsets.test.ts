import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { codePointLength, createOffsetConverter, splitsSurrogatePair } from './offsets';
import { codePointBoundaries, pythonSlice } from './testing/codePoints';

/** One piece of hard text: astral emoji, ZWJ sequences, combining marks, RTL, lone surrogates. */
const hardPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'Z', ' ', '.', '\n', '\u00a0', '\t', '“', '’') },
  { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.constantFrom('👩\u200d💻', '👨\u200d👩\u200d👧\u200d👦', '🏳\ufe0f\u200d🌈', '👍🏽', '🇷🇺') },
  { weight: 1, arbitrary: fc.constantFrom('e\u0301', '\u0301', 'a\u0308\u0323', '\u200d') },
  { weight: 1, arbitrary: fc.constantFrom('שלום', 'مرحبا', '\u200f', '\u202e', 'ב') },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const hardText = fc.string({ unit: hardPiece, maxLength: 40 });

/** Python's view of one fixed sentence, computed with CPython 3 (`str.find`, utf-16-le length). */
const SENTENCE = 'Putin 🇷🇺 said “no” — 👩\u200d💻 שלום, مرحبا; cafe\u0301 😀!';
const PYTHON_OFFSETS = [
  { part: 'Putin', codePoints: [0, 5], utf16: [0, 5] },
  { part: 'said', codePoints: [9, 13], utf16: [11, 15] },
  { part: '“no”', codePoints: [14, 18], utf16: [16, 20] },
  { part: '👩\u200d💻', codePoints: [21, 24], utf16: [23, 28] },
  { part: 'שלום', codePoints: [25, 29], utf16: [29, 33] },
  { part: 'مرحبا', codePoints: [31, 36], utf16: [35, 40] },
  { part: 'cafe\u0301', codePoints: [38, 43], utf16: [42, 47] },
  { part: '😀', codePoints: [44, 45], utf16: [48, 50] },
  { part: '!', codePoints: [45, 46], utf16: [50, 51] },
] as const;

describe('createOffsetConverter against offsets computed by Python', () => {
  const converter = createOffsetConverter(SENTENCE);

  test('the sentence is 46 code points and 51 UTF-16 units, as in Python', () => {
    expect([converter.codePointLength, SENTENCE.length]).toEqual([46, 51]);
  });

  for (const { part, codePoints, utf16 } of PYTHON_OFFSETS) {
    test(`${part}: UTF-16 ${utf16.join('–')} ↔ code points ${codePoints.join('–')}`, () => {
      expect(utf16.map((offset) => converter.toCodePoint(offset))).toEqual(codePoints);
      expect(codePoints.map((offset) => converter.toUtf16(offset))).toEqual(utf16);
      expect(SENTENCE.slice(utf16[0], utf16[1])).toBe(part);
      expect(pythonSlice(SENTENCE, codePoints[0], codePoints[1])).toBe(part);
    });
  }
});

describe('createOffsetConverter tables', () => {
  const TABLE = [
    { name: 'empty text', text: '', utf16: [0], codePoints: [0] },
    { name: 'ASCII is the identity', text: 'abc', utf16: [0, 1, 2, 3], codePoints: [0, 1, 2, 3] },
    { name: 'one emoji is two units, one code point', text: '😀', utf16: [0, 2], codePoints: [0, 1] },
    { name: 'emoji between letters', text: 'a😀b', utf16: [0, 1, 3, 4], codePoints: [0, 1, 2, 3] },
    { name: 'two emoji in a row', text: '😀😀x', utf16: [0, 2, 4, 5], codePoints: [0, 1, 2, 3] },
    { name: 'ZWJ sequence is three code points', text: '👩\u200d💻', utf16: [0, 2, 3, 5], codePoints: [0, 1, 2, 3] },
    { name: 'combining acute is its own code point', text: 'e\u0301x', utf16: [0, 1, 2, 3], codePoints: [0, 1, 2, 3] },
    { name: 'Hebrew is BMP, one unit each', text: 'שלום', utf16: [0, 1, 2, 3, 4], codePoints: [0, 1, 2, 3, 4] },
    { name: 'Arabic is BMP, one unit each', text: 'سلام', utf16: [0, 1, 2, 3, 4], codePoints: [0, 1, 2, 3, 4] },
    { name: 'lone high surrogate counts as one', text: '\ud83dx', utf16: [0, 1, 2], codePoints: [0, 1, 2] },
    { name: 'lone low surrogate counts as one', text: 'x\ude00', utf16: [0, 1, 2], codePoints: [0, 1, 2] },
    { name: 'low then high is two lone surrogates', text: '\ude00\ud83d', utf16: [0, 1, 2], codePoints: [0, 1, 2] },
    { name: 'lone high before a pair', text: '\ud83d\ud83d\ude00', utf16: [0, 1, 3], codePoints: [0, 1, 2] },
    { name: 'pair before a lone low', text: '\ud83d\ude00\ude00', utf16: [0, 2, 3], codePoints: [0, 1, 2] },
  ];
  for (const { name, text, utf16, codePoints } of TABLE) {
    test(`${name}: UTF-16 [${utf16}] ↔ code points [${codePoints}]`, () => {
      const converter = createOffsetConverter(text);
      expect(converter.codePointLength).toBe(codePoints[codePoints.length - 1]);
      expect(utf16.map((offset) => converter.toCodePoint(offset))).toEqual(codePoints);
      expect(codePoints.map((offset) => converter.toUtf16(offset))).toEqual(utf16);
    });
  }

  test.each([
    { text: '😀', offset: 1 },
    { text: 'a😀b', offset: 2 },
    { text: '👩\u200d💻', offset: 4 },
    { text: '\ud83d\ud83d\ude00', offset: 2 },
  ].map((row) => [JSON.stringify(row.text), row] as const))('toCodePoint inside the pair of %s throws a RangeError naming it', (_shown, { text, offset }) => {
    expect(() => createOffsetConverter(text).toCodePoint(offset)).toThrow(RangeError);
    expect(() => createOffsetConverter(text).toCodePoint(offset)).toThrow(/splits a surrogate pair/);
  });

  test.each([
    { text: 'abc', offset: -1 },
    { text: 'abc', offset: 4 },
    { text: 'abc', offset: 1.5 },
    { text: 'abc', offset: Number.NaN },
    { text: 'a😀', offset: 4 },
    { text: 'a😀', offset: -1 },
  ].map((row) => [`${row.offset} in ${JSON.stringify(row.text)}`, row] as const))('toCodePoint(%s) outside the text throws a RangeError', (_shown, { text, offset }) => {
    expect(() => createOffsetConverter(text).toCodePoint(offset)).toThrow(/outside the text/);
  });

  test.each([
    { text: 'abc', offset: 4 },
    { text: 'a😀', offset: 3 },
    { text: 'a😀', offset: -1 },
    { text: 'a😀', offset: 0.5 },
  ].map((row) => [`${row.offset} in ${JSON.stringify(row.text)}`, row] as const))('toUtf16(%s) outside the text throws a RangeError', (_shown, { text, offset }) => {
    expect(() => createOffsetConverter(text).toUtf16(offset)).toThrow(RangeError);
  });

  test.each([
    { text: '😀', offset: 1, splits: true },
    { text: '😀', offset: 0, splits: false },
    { text: '😀', offset: 2, splits: false },
    { text: '\ude00\ud83d', offset: 1, splits: false },
    { text: '\ud83d\ud83d\ude00', offset: 1, splits: false },
    { text: '\ud83d\ud83d\ude00', offset: 2, splits: true },
    { text: 'abc', offset: 5, splits: false },
  ].map((row) => [`${JSON.stringify(row.text)} at ${row.offset} is ${row.splits}`, row] as const))('splitsSurrogatePair: %s', (_shown, { text, offset, splits }) => {
    expect(splitsSurrogatePair(text, offset)).toBe(splits);
  });

  test('codePointLength counts a family emoji as seven code points', () => {
    expect(codePointLength('👨\u200d👩\u200d👧\u200d👦')).toBe(7);
  });
});

describe('createOffsetConverter properties over emoji, ZWJ, combining marks, RTL and lone surrogates', () => {
  const numRuns = 400;

  test('codePointLength equals the number of code points Array.from sees', () => {
    fc.assert(fc.property(hardText, (text) => codePointLength(text) === Array.from(text).length), { numRuns });
  });

  test('a UTF-16 range that splits no pair, converted to code points, slices the same text Python would', () => {
    fc.assert(
      fc.property(hardText, fc.nat(), fc.nat(), (text, first, second) => {
        const boundaries = codePointBoundaries(text);
        const a = boundaries[first % boundaries.length]!;
        const b = boundaries[second % boundaries.length]!;
        const [start, end] = [Math.min(a, b), Math.max(a, b)];
        const converter = createOffsetConverter(text);
        expect(pythonSlice(text, converter.toCodePoint(start), converter.toCodePoint(end))).toBe(text.slice(start, end));
      }),
      { numRuns },
    );
  });

  test('every UTF-16 offset either maps to the code points before it or, inside a pair, throws RangeError', () => {
    fc.assert(
      fc.property(hardText, (text) => {
        const boundaries = codePointBoundaries(text);
        const converter = createOffsetConverter(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const index = boundaries.indexOf(offset);
          if (index >= 0) expect(converter.toCodePoint(offset)).toBe(index);
          else expect(() => converter.toCodePoint(offset)).toThrow(RangeError);
        }
      }),
      { numRuns },
    );
  });

  test('toUtf16(toCodePoint(x)) === x for every offset that splits no pair', () => {
    fc.assert(
      fc.property(hardText, (text) => {
        const converter = createOffsetConverter(text);
        for (const offset of codePointBoundaries(text)) expect(converter.toUtf16(converter.toCodePoint(offset))).toBe(offset);
      }),
      { numRuns },
    );
  });

  test('toCodePoint(toUtf16(c)) === c and toUtf16(c) is the UTF-16 length of the first c code points', () => {
    fc.assert(
      fc.property(hardText, (text) => {
        const converter = createOffsetConverter(text);
        for (let codePoint = 0; codePoint <= converter.codePointLength; codePoint++) {
          const utf16 = converter.toUtf16(codePoint);
          expect(utf16).toBe(pythonSlice(text, 0, codePoint).length);
          expect(converter.toCodePoint(utf16)).toBe(codePoint);
        }
      }),
      { numRuns },
    );
  });
});
