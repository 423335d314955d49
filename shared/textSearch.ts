import type { TextRange } from './spans';

/**
 * Text search that ignores case and accents the way a reader expects of "find": "cafe" finds
 * "Café", "STRASSE" finds "Straße", "ΟΔΥΣΣΕΥΣ" finds "Οδυσσεύς", and any run of white space
 * (line breaks, no-break spaces) matches any other. Matches are reported as JavaScript string
 * offsets (UTF-16, end exclusive) into the original text, never into a folded copy.
 */

/** A text folded for comparison, with where each folded unit came from in the original. */
interface FoldedText {
  folded: string;
  /** Original offset where the character that produced folded unit i starts. */
  startOf: Int32Array;
  /** Original offset where that character (or run of white space) ends. */
  endOf: Int32Array;
}

const COMBINING_MARK = /\p{M}/gu;
const WHITE_SPACE = /^\s$/u;
const foldCache = new Map<number, string>();

/**
 * One code point folded: decomposed, accents dropped, upper- then lower-cased (so "ß" becomes
 * "ss" and a final sigma "σ"); white space becomes " ".
 */
function foldCodePoint(codePoint: number): string {
  let folded = foldCache.get(codePoint);
  if (folded === undefined) {
    const character = String.fromCodePoint(codePoint);
    folded = WHITE_SPACE.test(character) ? ' ' : character.normalize('NFD').replace(COMBINING_MARK, '').toUpperCase().toLowerCase();
    foldCache.set(codePoint, folded);
  }
  return folded;
}

function foldText(text: string): FoldedText {
  let capacity = text.length + 16;
  let startOf = new Int32Array(capacity);
  let endOf = new Int32Array(capacity);
  const pieces: string[] = [];
  let length = 0;
  let previousWasSpace = false;
  const push = (piece: string, start: number, end: number) => {
    if (length + piece.length > capacity) {
      capacity = (length + piece.length) * 2;
      const grownStarts = new Int32Array(capacity);
      const grownEnds = new Int32Array(capacity);
      grownStarts.set(startOf);
      grownEnds.set(endOf);
      startOf = grownStarts;
      endOf = grownEnds;
    }
    for (let unit = 0; unit < piece.length; unit++) {
      startOf[length] = start;
      endOf[length] = end;
      length++;
    }
    pieces.push(piece);
  };
  for (let offset = 0; offset < text.length; ) {
    const unit = text.charCodeAt(offset);
    // Plain ASCII letters and digits, the bulk of most text, skip the general path.
    const isPlainAscii = unit < 0x80 && unit !== 0x20 && (unit < 0x09 || unit > 0x0d);
    const codePoint = isPlainAscii ? unit : text.codePointAt(offset)!;
    const size = codePoint > 0xffff ? 2 : 1;
    const piece = isPlainAscii ? (unit >= 0x41 && unit <= 0x5a ? String.fromCharCode(unit + 32) : text[offset]!) : foldCodePoint(codePoint);
    if (piece === ' ') {
      // A run of white space is one space, standing for the whole run.
      if (previousWasSpace) endOf[length - 1] = offset + size;
      else push(piece, offset, offset + size);
      previousWasSpace = true;
    } else {
      if (piece.length > 0) push(piece, offset, offset + size);
      else if (length > 0) endOf[length - 1] = offset + size; // an accent belongs to the letter before it
      previousWasSpace = false;
    }
    offset += size;
  }
  return { folded: pieces.join(''), startOf: startOf.subarray(0, length), endOf: endOf.subarray(0, length) };
}

/** The query as it is compared: folded, with white space at its ends dropped. */
function foldQuery(query: string): string {
  return foldText(query).folded.trim();
}

/**
 * Every match of `query` in `text`, left to right and not overlapping, as UTF-16 ranges of the
 * original text; at most `limit` of them. An empty (or white-space-only) query matches nothing.
 */
export function findMatches(text: string, query: string, limit = Number.POSITIVE_INFINITY): TextRange[] {
  const needle = foldQuery(query);
  if (needle.length === 0) return [];
  const { folded, startOf, endOf } = foldText(text);
  const matches: TextRange[] = [];
  for (let at = folded.indexOf(needle); at >= 0 && matches.length < limit; at = folded.indexOf(needle, at + needle.length)) {
    matches.push({ start: startOf[at]!, end: endOf[at + needle.length - 1]! });
  }
  return matches;
}

/** A short piece of text around a match, for a list of results. */
export interface Snippet {
  text: string;
  /** The match within `text` (UTF-16 offsets). */
  matchStart: number;
  matchEnd: number;
}

/**
 * About `radius` characters either side of `match`, cut at white space where there is some
 * near, with "…" where text was left out and line breaks shown as spaces.
 */
export function snippetAround(text: string, match: TextRange, radius = 60): Snippet {
  const cutBefore = (offset: number) => {
    if (offset <= 0) return 0;
    const space = text.indexOf(' ', offset);
    return space >= 0 && space < match.start ? space + 1 : offset;
  };
  const cutAfter = (offset: number) => {
    if (offset >= text.length) return text.length;
    const space = text.lastIndexOf(' ', offset);
    return space > match.end ? space : offset;
  };
  let start = cutBefore(Math.max(0, match.start - radius));
  let end = cutAfter(Math.min(text.length, match.end + radius));
  // Never cut an emoji (a surrogate pair) in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: `${prefix}${text.slice(start, end).replace(/\s/g, ' ')}${suffix}`,
    matchStart: prefix.length + match.start - start,
    matchEnd: prefix.length + match.end - start,
  };
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
