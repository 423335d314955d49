import { trimRange, type TextRange } from './spans';

/**
 * Word, character and sentence boundaries for selecting article text, with Intl.Segmenter (Unicode
 * UAX #29 as ICU implements it). Offsets are JavaScript string indices (UTF-16 code units).
 *
 * These run on every key press over articles of 200,000 characters, so nothing segments the whole
 * text: each lookup segments one window around the offset — the paragraph (text between "\n"
 * characters) or, in a long paragraph, a few hundred characters cut where a boundary is certain —
 * and moves on to the next window only when the answer lies beyond it.
 */

export type CaretUnit = 'character' | 'word' | 'sentence';

type Granularity = 'grapheme' | 'word' | 'sentence';

// Created once: constructing a segmenter loads ICU break rules, which costs far more than using one.
const SEGMENTERS: Record<Granularity, Intl.Segmenter> = {
  grapheme: new Intl.Segmenter(undefined, { granularity: 'grapheme' }),
  word: new Intl.Segmenter(undefined, { granularity: 'word' }),
  sentence: new Intl.Segmenter(undefined, { granularity: 'sentence' }),
};

// Half the width of the window segmented inside a long paragraph. Sentences get a wider window
// because a window edge is only an approximate sentence boundary (see windowAround).
const WINDOW_RADIUS: Record<Granularity, number> = { grapheme: 256, word: 256, sentence: 2048 };

const WHITE_SPACE = /\s/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

interface Segment extends TextRange {
  wordLike: boolean;
}

interface SegmentWindow {
  from: number;
  to: number;
  segments: Segment[];
}

/** Length of the paragraph separator ("\n" or "\r\n") starting at `offset`, or 0. */
function separatorLength(text: string, offset: number): number {
  if (text[offset] === '\n') return 1;
  return text[offset] === '\r' && text[offset + 1] === '\n' ? 2 : 0;
}

/**
 * True when `offset` is a break for graphemes and words whatever surrounds the window: white space
 * before it and a letter or digit after it. No UAX #29 grapheme or word rule joins those two (a
 * letter is never a combining mark, joiner or format character), so cutting the text there gives
 * the same segments as segmenting it whole.
 */
function isCertainBreak(text: string, offset: number): boolean {
  return WHITE_SPACE.test(text[offset - 1]!) && LETTER_OR_DIGIT.test(text[offset]!);
}

/** The nearest certain break at or before `offset` and after `limit`, else `limit`. */
function certainBreakAtOrBefore(text: string, offset: number, limit: number): number {
  for (let position = offset; position > limit; position--) {
    if (isCertainBreak(text, position)) return position;
  }
  return limit;
}

/** The nearest certain break at or after `offset` and before `limit`, else `limit`. */
function certainBreakAtOrAfter(text: string, offset: number, limit: number): number {
  for (let position = offset; position < limit; position++) {
    if (isCertainBreak(text, position)) return position;
  }
  return limit;
}

/**
 * The window to segment for the code unit at `offset` (0 <= offset < text.length). A paragraph
 * separator is a window of its own: "\n" breaks graphemes, words and sentences alike. Otherwise the
 * window is the paragraph, narrowed in a long paragraph to certain breaks about WINDOW_RADIUS either
 * side of the offset. For graphemes and words that narrowing is exact; for sentences, whose rules
 * look across white space, a window edge is only approximately a sentence boundary (and may end a
 * sentence just before it, as in "p.c. 5 | percent"), so in a paragraph longer than twice
 * WINDOW_RADIUS.sentence a sentence longer than WINDOW_RADIUS.sentence may end at or near one.
 */
function windowBounds(text: string, offset: number, granularity: Granularity): TextRange & { separator: boolean } {
  const separatorStart = text[offset] === '\n' && text[offset - 1] === '\r' ? offset - 1 : offset;
  const separator = separatorLength(text, separatorStart);
  if (separator > 0) return { start: separatorStart, end: separatorStart + separator, separator: true };

  const paragraphStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextNewline = text.indexOf('\n', offset);
  let paragraphEnd = nextNewline === -1 ? text.length : nextNewline;
  // The "\r" of a "\r\n" belongs to the separator, not to the paragraph.
  if (nextNewline !== -1 && text[nextNewline - 1] === '\r') paragraphEnd--;
  const radius = WINDOW_RADIUS[granularity];
  return {
    start: offset - paragraphStart <= radius ? paragraphStart : certainBreakAtOrBefore(text, offset - radius, paragraphStart),
    end: paragraphEnd - offset <= radius ? paragraphEnd : certainBreakAtOrAfter(text, offset + radius, paragraphEnd),
    separator: false,
  };
}

function toSegment(from: number, { index, segment, isWordLike }: Intl.SegmentData): Segment {
  return { start: from + index, end: from + index + segment.length, wordLike: isWordLike === true };
}

/** All the segments of the window around the code unit at `offset` (0 <= offset < text.length). */
function windowAround(text: string, offset: number, granularity: Granularity): SegmentWindow {
  const { start: from, end: to, separator } = windowBounds(text, offset, granularity);
  if (separator) return { from, to, segments: [{ start: from, end: to, wordLike: false }] };
  const segments = Array.from(SEGMENTERS[granularity].segment(text.slice(from, to)), (data) => toSegment(from, data));
  return { from, to, segments };
}

/** Segments in text order, from the one holding `offset` (or starting there) to the end of the text. */
function* segmentsFrom(text: string, offset: number, granularity: Granularity): Generator<Segment> {
  let position = offset;
  while (position < text.length) {
    const window = windowAround(text, position, granularity);
    for (const segment of window.segments) {
      if (segment.end > position) yield segment;
    }
    position = window.to;
  }
}

/** Segments in reverse text order, from the one holding `offset - 1` back to the start of the text. */
function* segmentsBefore(text: string, offset: number, granularity: Granularity): Generator<Segment> {
  let position = offset;
  while (position > 0) {
    const window = windowAround(text, position - 1, granularity);
    for (let index = window.segments.length - 1; index >= 0; index--) {
      const segment = window.segments[index]!;
      if (segment.start < position) yield segment;
    }
    position = window.from;
  }
}

/** The segment that holds the code unit at `offset` (0 <= offset < text.length). */
function segmentAt(text: string, offset: number, granularity: Granularity): Segment {
  const { start: from, end: to, separator } = windowBounds(text, offset, granularity);
  if (separator) return { start: from, end: to, wordLike: false };
  // containing() finds one segment without building the others: this runs on every key press.
  return toSegment(from, SEGMENTERS[granularity].segment(text.slice(from, to)).containing(offset - from)!);
}

function hasWhiteSpace(text: string, range: TextRange): boolean {
  return WHITE_SPACE.test(text.slice(range.start, range.end));
}

/**
 * trimRange, by whole grapheme clusters: a cluster at either edge that holds any white space
 * (a combining mark on a space, say) is dropped with it, so that widening to cluster boundaries
 * afterwards cannot bring white space back.
 */
function trimClusters(text: string, start: number, end: number): TextRange | null {
  let range = trimRange(text, start, end);
  while (range) {
    const first = segmentAt(text, range.start, 'grapheme');
    const last = segmentAt(text, range.end - 1, 'grapheme');
    if (hasWhiteSpace(text, first)) range = trimRange(text, Math.min(first.end, range.end), range.end);
    else if (hasWhiteSpace(text, last)) range = trimRange(text, range.start, Math.max(last.start, range.start));
    else return range;
  }
  return null;
}

function widenStart(text: string, start: number): number {
  const word = segmentAt(text, start, 'word');
  return word.wordLike ? word.start : segmentAt(text, start, 'grapheme').start;
}

function widenEnd(text: string, end: number): number {
  const word = segmentAt(text, end - 1, 'word');
  return word.wordLike ? word.end : segmentAt(text, end - 1, 'grapheme').end;
}

function checkOffset(text: string, offset: number, name: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new RangeError(`${name} ${offset} is outside the text (0–${text.length})`);
  }
}

/**
 * The selection start–end (UTF-16 offsets, end exclusive) as an annotator means it: white space
 * trimmed off both ends, then each end that falls inside a word-like segment widened outwards to
 * that word's boundary, and an end inside any other grapheme cluster (an emoji with a skin tone,
 * a family joined by ZWJ, a flag, a letter with combining marks) widened to the cluster's boundary.
 * Punctuation and quotes selected on purpose are kept, and never added: `"Hello,` stays as it is,
 * `ello` becomes `Hello`. Words are what the segmenter says: "can't", "U.S" and "3.14" are one word
 * each, "well-known" is two words and the hyphen. A grapheme cluster at either edge that holds
 * white space is trimmed like white space. Returns null when nothing but white space is selected
 * (or nothing). Throws RangeError unless 0 <= start <= end <= text.length are whole numbers.
 */
export function snapToWords(text: string, start: number, end: number): TextRange | null {
  checkOffset(text, start, 'start');
  checkOffset(text, end, 'end');
  if (start > end) throw new RangeError(`selection ${start}–${end} is reversed`);
  const trimmed = trimClusters(text, start, end);
  return trimmed && { start: widenStart(text, trimmed.start), end: widenEnd(text, trimmed.end) };
}

/** The next character boundary (grapheme cluster) after or before `offset`. */
function nextCharacter(text: string, offset: number, direction: 1 | -1): number {
  return direction === 1 ? segmentAt(text, offset, 'grapheme').end : segmentAt(text, offset - 1, 'grapheme').start;
}

/** Ctrl+→ / Ctrl+←: the end of the word the caret is in or the next one; the start of the word or the previous one. */
function nextWord(text: string, offset: number, direction: 1 | -1): number {
  if (direction === 1) {
    for (const segment of segmentsFrom(text, offset, 'word')) if (segment.wordLike) return segment.end;
    return text.length;
  }
  for (const segment of segmentsBefore(text, offset, 'word')) if (segment.wordLike) return segment.start;
  return 0;
}

/** The end (less trailing white space) of the sentence the caret is in or the next one; its start or the previous one's. */
function nextSentence(text: string, offset: number, direction: 1 | -1): number {
  if (direction === 1) {
    for (const segment of segmentsFrom(text, offset, 'sentence')) {
      const content = trimRange(text, segment.start, segment.end);
      // Trimming may stop inside a cluster (a combining mark on a space); the cluster's end is the boundary.
      const end = content && segmentAt(text, content.end - 1, 'grapheme').end;
      if (end && end > offset) return end;
    }
    return text.length;
  }
  for (const segment of segmentsBefore(text, offset, 'sentence')) {
    const content = trimRange(text, segment.start, segment.end);
    const start = content && segmentAt(text, content.start, 'grapheme').start;
    if (content && start! < offset) return start!;
  }
  return 0;
}

/**
 * Where the caret goes from `offset` (a UTF-16 offset, clamped to 0..text.length) when moved by one
 * unit in `direction` (1 forward, -1 backward); `offset` itself at either end of the text.
 * - character: one grapheme cluster, so an emoji, a flag or a letter with its marks moves as one.
 * - word: as Ctrl+→ and Ctrl+← in a text editor — forward to the end of the word the caret is in
 *   or of the next word, backward to the start of the word or of the previous one; words are the
 *   segmenter's word-like segments (punctuation and emoji are skipped over). With no word left in
 *   that direction, the end (or start) of the text.
 * - sentence: forward to the end of the sentence the caret is in, white space after it excluded,
 *   or of the next sentence when the caret is already there; backward to the start of the sentence
 *   (after any white space that leads it) or of the previous one. A "\n" always ends a sentence.
 * Throws RangeError when `offset` is not a number.
 */
export function nextBoundary(text: string, offset: number, unit: CaretUnit, direction: 1 | -1): number {
  if (Number.isNaN(offset)) throw new RangeError('caret offset is not a number');
  const from = Math.min(Math.max(Math.trunc(offset), 0), text.length);
  if ((direction === 1 && from === text.length) || (direction === -1 && from === 0)) return from;
  switch (unit) {
    case 'character':
      return nextCharacter(text, from, direction);
    case 'word':
      return nextWord(text, from, direction);
    case 'sentence':
      return nextSentence(text, from, direction);
  }
}
