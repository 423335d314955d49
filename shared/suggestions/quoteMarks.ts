/**
 * Direct quotations: the text between a pair of quotation marks, in UTF-16 offsets into the
 * article's plain text, end exclusive.
 *
 * Marks recognised (opening → closing): " " (straight), “ ” (English, Chinese), ‘ ’ (English
 * single), « » (French, Russian, Spanish), » « (German, Danish), „ “ and „ ” (German, Polish),
 * ‚ ‘ (German single), 「 」 and 『 』 (Chinese, Japanese).
 *
 * A quote that runs across paragraphs follows the typographers' convention: each paragraph opens
 * with the mark again and only the last one closes. When a paragraph ends with the quote still
 * open and the next paragraph begins with the same opening mark, the quote continues; any other
 * unclosed mark is dropped (an unmatched mark is far more often a typo than a quote).
 *
 * The apostrophe is the closing single mark (’), so ‘ ’ quotes are only taken where ‘ follows a
 * space, a line start or an opening bracket, and ’ is followed by neither a letter nor a digit.
 */

export interface QuotedRange {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark. */
  close: number;
  /** The quoted words: inside the marks, less surrounding white space and a trailing comma. */
  start: number;
  end: number;
}

const PAIRS: Readonly<Record<string, readonly string[]>> = {
  '"': ['"'],
  '\u201C': ['\u201D'],
  '\u2018': ['\u2019'],
  '\u00AB': ['\u00BB'],
  '\u00BB': ['\u00AB'],
  '\u201E': ['\u201C', '\u201D'],
  '\u201A': ['\u2018', '\u2019'],
  '\u300C': ['\u300D'],
  '\u300E': ['\u300F'],
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** What may stand before an opening mark: nothing, white space, an opening bracket or dash, a colon. */
const BEFORE_OPENING = /[\s([{\u2014\u2013\-:\u3001\u3002\uFF0C\uFF1A]/u;
/** Trailing characters that belong to the sentence around a quote rather than to the quote. */
const TRAILING = /[\s,\uFF0C\u3001]+$/u;
const LEADING = /^\s+/u;

function isOpeningAt(text: string, index: number): boolean {
  const mark = text[index]!;
  if (!(mark in PAIRS)) return false;
  const before = index === 0 ? '' : text[index - 1]!;
  const after = text[index + 1] ?? '';
  // CJK corner brackets and German low marks are never anything but opening marks.
  if (mark === '\u300C' || mark === '\u300E' || mark === '\u201E' || mark === '\u00AB') return after !== '';
  // “ also opens Chinese quotes, which follow a CJK character with no space.
  if (mark === '\u201C' && /[\u3000-\u9FFF\uFF00-\uFFEF]/u.test(before)) return true;
  if (before !== '' && !BEFORE_OPENING.test(before) && !/[\u201C\u2018\u00AB]/u.test(before)) return false;
  return after !== '' && !/\s/u.test(after) || mark === '\u00BB' || mark === '\u00AB';
}

function isClosingAt(text: string, index: number, closers: readonly string[]): boolean {
  const mark = text[index]!;
  if (!closers.includes(mark)) return false;
  // An apostrophe inside a word (Washington’s, hasn’t) does not close a ‘ quote.
  if (mark === '\u2019' && LETTER_OR_DIGIT.test(text[index + 1] ?? '') && LETTER_OR_DIGIT.test(text[index - 1] ?? '')) return false;
  return true;
}

/** Where the paragraph holding `index` ends (the next line break, or the text's end). */
function paragraphEnd(text: string, index: number): number {
  const next = text.indexOf('\n', index);
  return next === -1 ? text.length : next;
}

/** The first non-blank offset of the paragraph after `end`, or -1 at the text's end. */
function nextParagraphStart(text: string, end: number): number {
  let index = end;
  while (index < text.length && /\s/u.test(text[index]!)) index++;
  return index < text.length ? index : -1;
}

function inner(text: string, open: number, close: number): QuotedRange | null {
  let start = open + 1;
  let end = close - 1;
  const leading = LEADING.exec(text.slice(start, end));
  if (leading) start += leading[0].length;
  const trailing = TRAILING.exec(text.slice(start, end));
  if (trailing) end -= trailing[0].length;
  if (!LETTER_OR_DIGIT.test(text.slice(start, end))) return null;
  return { open, close, start, end };
}

/**
 * Every direct quotation in `text`, in reading order. Quotes do not nest: an inner quotation
 * (‘…’ inside “…”) is part of its outer one.
 */
export function findQuotedRanges(text: string): QuotedRange[] {
  const ranges: QuotedRange[] = [];
  let index = 0;
  while (index < text.length) {
    if (!isOpeningAt(text, index)) {
      index++;
      continue;
    }
    const mark = text[index]!;
    const closers = PAIRS[mark]!;
    const open = index;
    let cursor = index + 1;
    let closed = -1;
    while (cursor < text.length) {
      const limit = paragraphEnd(text, cursor);
      let found = -1;
      for (let at = cursor; at < limit; at++) {
        if (isClosingAt(text, at, closers) && at > open + 1) {
          found = at;
          break;
        }
      }
      if (found !== -1) {
        closed = found;
        break;
      }
      // Unclosed at the paragraph's end: it continues only where the next paragraph reopens it.
      const next = nextParagraphStart(text, limit);
      if (next === -1 || text[next] !== mark) break;
      cursor = next + 1;
    }
    if (closed === -1) {
      index = open + 1;
      continue;
    }
    const range = inner(text, open, closed + 1);
    if (range) ranges.push(range);
    index = closed + 1;
  }
  return ranges;
}
