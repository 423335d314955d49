import type { TextRange } from './spans';

/**
 * How the story index and the story matcher see text. Offsets are JavaScript string indices
 * (UTF-16 code units) into the original text, end exclusive.
 *
 * Folding: compatibility-decomposed (NFKD, so "ﬁ" is "fi" and a full-width "Ａ" is "a"), accents
 * and other combining marks dropped, upper- then lower-cased ("ß" is "ss"), every sigma "σ" and
 * curly quotes and dashes left to the tokenizer, which skips them. It folds at least as much as
 * textSearch.ts does, so a text that contains a query by textSearch's rules contains the query's
 * index terms by these (the library search relies on it to narrow its candidates).
 */

/** Scripts written without spaces between words: each of their characters is one term. */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}';
/** A term: one character of an unspaced script, or a run of other letters and digits. */
const TERM = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{N}])+`, 'gu');
const MARKS = /\p{M}/gu;
const FINAL_SIGMA = /ς/g;

/** The text folded for comparison (see above); its length may differ from the original's. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toUpperCase().toLowerCase().replace(FINAL_SIGMA, 'σ');
}

/** The index terms of a text (folded first), in order, repeats kept. */
export function termsOf(text: string): string[] {
  return foldText(text).match(TERM) ?? [];
}

/** A term of the original text: its folded form and where it is. */
export interface Token extends TextRange {
  folded: string;
}

/**
 * The terms of `text[from, to)` with their offsets in the original. Each word of the original
 * (a run of letters and digits, or one character of an unspaced script) is folded alone; a word
 * that folds to several terms yields them all at the word's range.
 */
export function tokensOf(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  // Marks are matched with their letter so that a word's range includes its accents.
  const word = new RegExp(`[${UNSPACED}]\\p{M}*|(?:(?![${UNSPACED}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
  for (const match of slice.matchAll(word)) {
    const start = from + match.index;
    const end = start + match[0].length;
    for (const folded of termsOf(match[0])) tokens.push({ start, end, folded });
  }
  return tokens;
}

/**
 * The paragraphs of a text (ranges between line breaks, white space at their ends left out),
 * empty ones skipped. Passages of the story index are paragraphs; a match may run across the
 * break into the next one.
 */
export function paragraphsOf(text: string): TextRange[] {
  const paragraphs: TextRange[] = [];
  const pattern = /[^\r\n]+/g;
  for (const match of text.matchAll(pattern)) {
    let start = match.index;
    let end = start + match[0].length;
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    if (end > start) paragraphs.push({ start, end });
  }
  return paragraphs;
}
