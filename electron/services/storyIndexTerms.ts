import { termsOf, tokensOf, type Token } from '../../shared/storyText';

/**
 * The story index's word scanner: the same tokens as storyText.ts's `tokensOf`, several times
 * faster on the mostly-ASCII text of news articles, which the index reads in full on every import.
 *
 * Why it gives the same tokens: `tokensOf`'s words are runs of letters, digits and marks, so an
 * ASCII character that is none of these (space, punctuation) always ends a word. The text is cut
 * at those characters into runs; a run of ASCII letters and digits is one word, folded by
 * `termsOf` as `tokensOf` folds each word (remembered per spelling, since a library repeats its
 * words); a run holding any other character is handed to `tokensOf` itself. The tests hold it to
 * `tokensOf` on generated text of many scripts.
 */

/** Spellings remembered at most; the memory is dropped when full (it is only a shortcut). */
const MEMORY_LIMIT = 200_000;

/** A word of a run: its range relative to the run's start, and its folded terms. */
interface RunWord {
  start: number;
  end: number;
  /** The word as written. */
  spelling: string;
  terms: string[];
}

const remembered = new Map<string, RunWord[]>();

/** The words of one run (see above), remembered per spelling. */
function wordsOfRun(run: string, plain: boolean): RunWord[] {
  let words = remembered.get(run);
  if (words === undefined) {
    if (remembered.size >= MEMORY_LIMIT) remembered.clear();
    words = plain ? [{ start: 0, end: run.length, spelling: run, terms: termsOf(run) }] : tokensOfRun(run);
    remembered.set(run, words);
  }
  return words;
}

/** A run with characters beyond ASCII, cut into words by `tokensOf` (a word folding to several terms comes once, with all of them). */
function tokensOfRun(run: string): RunWord[] {
  const words: RunWord[] = [];
  for (const token of tokensOf(run)) {
    const last = words.at(-1);
    if (last && last.start === token.start && last.end === token.end) last.terms.push(token.folded);
    else words.push({ start: token.start, end: token.end, spelling: run.slice(token.start, token.end), terms: [token.folded] });
  }
  return words;
}

/** Whether a UTF-16 unit is an ASCII letter or digit. */
function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57);
}

/**
 * Calls `visit(start, end, terms, spelling)` for each word of `text[from, to)` as `tokensOf` cuts
 * them, in order: its range in `text`, its folded terms (usually one; a word with none is not
 * visited) and the word as written (`text.slice(start, end)`).
 */
export function forEachWord(text: string, from: number, to: number, visit: (start: number, end: number, terms: readonly string[], spelling: string) => void): void {
  let runStart = -1;
  let plain = true;
  for (let offset = from; offset <= to; offset++) {
    const unit = offset < to ? text.charCodeAt(offset) : 32;
    if (unit >= 128) {
      if (runStart === -1) runStart = offset;
      plain = false;
      continue;
    }
    if (isAsciiWordUnit(unit)) {
      if (runStart === -1) runStart = offset;
      continue;
    }
    if (runStart === -1) continue;
    for (const word of wordsOfRun(text.slice(runStart, offset), plain)) {
      if (word.terms.length > 0) visit(runStart + word.start, runStart + word.end, word.terms, word.spelling);
    }
    runStart = -1;
    plain = true;
  }
}

/** Exactly `tokensOf(text, from, to)`, faster (see above). */
export function indexTokensOf(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, from, to, (start, end, terms) => {
    for (const folded of terms) tokens.push({ start, end, folded });
  });
  return tokens;
}
