import type { TextRange } from './spans';

/**
 * Text search that ignores case and accents the way a reader expects of "find": "cafe" finds
 * "Café", "STRASSE" finds "Straße", "ΟΔΥΣΣΕΥΣ" finds "Οδυσσεύς", and any run of white space
 * (line breaks, no-break spaces) matches any other. Matches are reported as JavaScript string
 * offsets (UTF-16, end exclusive) into the original text, never into a folded copy.
 */

/**
 * A text folded for comparison, as segments: a run of plain ASCII folds to itself lower-cased,
 * unit for unit (most of a text); any other character, or run of white space, folds on its own.
 */
interface FoldedText {
  folded: string;
  /** Per segment, in order: where it starts in `folded` and in the original text … */
  foldedStarts: number[];
  originalStarts: number[];
  /** … and, for a segment of one character or white-space run, where that ends in the original (-1 for a plain run). */
  originalEnds: number[];
}

const COMBINING_MARK = /\p{M}/gu;
const STARTS_WITH_MARK = /^\p{M}/u;
const WHITE_SPACE = /^\s$/u;
/** Printable ASCII, and single spaces between it (a lone space folds to itself). */
const PLAIN_RUN = /(?:[\x21-\x7e]| (?!\s))+/y;
const SPACE_RUN = /\s+/y;
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

/** A FoldedText put together segment by segment (a class rather than a closure per call: `foldText` runs per article in a search). */
class FoldedBuilder {
  private readonly pieces: string[] = [];
  private readonly text: FoldedText = { folded: '', foldedStarts: [], originalStarts: [], originalEnds: [] };
  private foldedLength = 0;

  /** A folded piece from the original's [start, end) (end -1: the piece maps one to one onto the original from start). */
  add(piece: string, start: number, end: number): void {
    if (piece.length === 0) return;
    this.text.foldedStarts.push(this.foldedLength);
    this.text.originalStarts.push(start);
    this.text.originalEnds.push(end);
    this.pieces.push(piece);
    this.foldedLength += piece.length;
  }

  done(): FoldedText {
    this.text.folded = this.pieces.join('');
    return this.text;
  }
}

function foldText(text: string): FoldedText {
  const folded = new FoldedBuilder();
  for (let offset = 0; offset < text.length; ) {
    PLAIN_RUN.lastIndex = offset;
    const plain = PLAIN_RUN.exec(text);
    if (plain) {
      folded.add(plain[0].toLowerCase(), offset, -1);
      offset += plain[0].length;
      continue;
    }
    SPACE_RUN.lastIndex = offset;
    const spaces = SPACE_RUN.exec(text);
    if (spaces) {
      // A run of white space is one space, standing for the whole run.
      folded.add(' ', offset, offset + spaces[0].length);
      offset += spaces[0].length;
      continue;
    }
    const codePoint = text.codePointAt(offset)!;
    const size = codePoint > 0xffff ? 2 : 1;
    folded.add(foldCodePoint(codePoint), offset, offset + size);
    offset += size;
  }
  return folded.done();
}

/** The last segment starting at or before folded offset `at`. */
function segmentAt(text: FoldedText, at: number): number {
  let low = 0;
  let high = text.foldedStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (text.foldedStarts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where the character that folded unit `at` came from starts in the original. */
function originalStart(text: FoldedText, at: number): number {
  const index = segmentAt(text, at);
  const end = text.originalEnds[index]!;
  return end === -1 ? text.originalStarts[index]! + at - text.foldedStarts[index]! : text.originalStarts[index]!;
}

/** Where that character ends in the original, with any accents (combining marks) after it. */
function originalEnd(original: string, text: FoldedText, at: number): number {
  const index = segmentAt(text, at);
  const end = text.originalEnds[index]!;
  let result = end === -1 ? text.originalStarts[index]! + at - text.foldedStarts[index]! + 1 : end;
  while (result < original.length && STARTS_WITH_MARK.test(original.slice(result, result + 2))) result += original.codePointAt(result)! > 0xffff ? 2 : 1;
  return result;
}

/** A text as searches compare it: folded (see foldCodePoint), each run of white space one space. */
export function foldForSearch(text: string): string {
  return foldText(text).folded;
}

/** The query as it is compared: folded, with white space at its ends dropped. */
export function foldQuery(query: string): string {
  return foldText(query).folded.trim();
}

/**
 * Every match of `query` in `text`, left to right and not overlapping, as UTF-16 ranges of the
 * original text; at most `limit` of them. An empty (or white-space-only) query matches nothing.
 */
export function findMatches(text: string, query: string, limit = Number.POSITIVE_INFINITY): TextRange[] {
  const needle = foldQuery(query);
  if (needle.length === 0) return [];
  const folded = foldText(text);
  const matches: TextRange[] = [];
  for (let at = folded.folded.indexOf(needle); at >= 0 && matches.length < limit; at = folded.folded.indexOf(needle, at + needle.length)) {
    matches.push({ start: originalStart(folded, at), end: originalEnd(text, folded, at + needle.length - 1) });
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
  let start = cutBefore(text, match, Math.max(0, match.start - radius));
  let end = cutAfter(text, match, Math.min(text.length, match.end + radius));
  // Never cut an emoji (a surrogate pair) in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: `${prefix}${text.slice(start, end).replace(ANY_WHITE_SPACE, ' ')}${suffix}`,
    matchStart: prefix.length + match.start - start,
    matchEnd: prefix.length + match.end - start,
  };
}

const ANY_WHITE_SPACE = /\s/g;

/** Where a snippet starts: after the first space at or after `offset` if that is before the match, else at `offset`. */
function cutBefore(text: string, match: TextRange, offset: number): number {
  if (offset <= 0) return 0;
  const space = text.indexOf(' ', offset);
  return space >= 0 && space < match.start ? space + 1 : offset;
}

/** Where a snippet ends: at the last space at or before `offset` if that is after the match, else at `offset`. */
function cutAfter(text: string, match: TextRange, offset: number): number {
  if (offset >= text.length) return text.length;
  const space = text.lastIndexOf(' ', offset);
  return space > match.end ? space : offset;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
