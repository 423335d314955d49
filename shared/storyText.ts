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
const HAS_UNSPACED = new RegExp(`[${UNSPACED}]`, 'u');
/** Within a word that has unspaced characters: each of them, or a run of the others. */
const UNSPACED_SPLIT = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{N}])+`, 'gu');
const WORD = /[\p{L}\p{N}]+/gu;
/** Runs of ASCII letters and digits with, in the second case, characters beyond ASCII among them. */
const ASCII_WORD_OR_OTHER = /[a-z0-9]*(?:[^\x00-\x7f][a-z0-9]*)+|[a-z0-9]+/g;
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}/gu;
const FINAL_SIGMA = /ς/g;

/** The text folded for comparison (see above); its length may differ from the original's. */
export function foldText(text: string): string {
  // Plain ASCII, most of an English article, needs lower-casing only.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toUpperCase().toLowerCase().replace(FINAL_SIGMA, 'σ');
}

/** The index terms of a text (folded first), in order, repeats kept. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  // A Unicode-aware pattern costs several times a plain one, so it reads only what is not ASCII.
  // Terms break where ASCII meets other letters too; the break depends only on the two
  // characters, so a query and a text containing it are cut alike.
  for (const [run] of text.toLowerCase().matchAll(ASCII_WORD_OR_OTHER)) {
    if (ASCII.test(run)) {
      terms.push(run);
      continue;
    }
    for (const [word] of foldText(run).matchAll(WORD)) {
      if (HAS_UNSPACED.test(word)) for (const [part] of word.matchAll(UNSPACED_SPLIT)) terms.push(part);
      else terms.push(word);
    }
  }
  return terms;
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
