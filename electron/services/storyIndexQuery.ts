import { findMatches, foldForSearch, foldQuery } from '../../shared/textSearch';
import { forEachWord } from './storyIndexTerms';
import type { Spellings } from './storyIndexWords';

/**
 * A library search's query prepared against the library's spellings, to be answered from the
 * index's word tables and postings (storyIndexSearch.ts, whose opening comment says why the
 * answers are exact): its words, the spellings each may match, and how they are pinned.
 */

/** A query prepared against the library's spellings (see `prepareQuery`). */
export type PreparedQuery =
  | { kind: 'word'; query: string; matches: SpellingMatches }
  | { kind: 'words'; query: string; plain: boolean; allowed: Uint8Array[]; allowedIds: number[][]; gaps: QueryGap[] | null };

export type WordsQuery = Extract<PreparedQuery, { kind: 'words' }>;

/** Printable ASCII with single spaces: text that textSearch.ts folds by lower-casing alone, unit for unit. */
export const PLAIN = /^(?:[\x21-\x7e]| (?! ))*$/;

/** A gap between two words of a query, as typed and folded. */
export interface QueryGap {
  raw: string;
  folded: string;
}

/** Per spelling id: how many matches the spelling holds alone, and where the first is in it. */
interface SpellingMatches {
  /** The spellings with a match. */
  ids: number[];
  count: Int32Array;
  firstStart: Int32Array;
  firstEnd: Int32Array;
}

/** Each spelling folded as searches compare text (textSearch.ts), filled as queries need them: a library's spellings never change. */
const foldedSpellings = new WeakMap<Spellings, string[]>();

function foldedSpelling(spellings: Spellings, id: number): string {
  let folded = foldedSpellings.get(spellings);
  if (!folded) foldedSpellings.set(spellings, (folded = []));
  return (folded[id] ??= foldForSearch(spellings.spellings[id]!));
}

/**
 * A query word's spellings: those whose fold contains the word's (as `findMatches` finds it in
 * the spelling alone; storyText folds at least as much as textSearch, so only spellings with a
 * term containing the word's are checked). Where the compared query has characters before the
 * word (`atStart`: they end in a non-word character, which no word of a text folds to), a match
 * must begin at the start of a word of the text, so the spelling's fold must begin with the
 * word's; after it (`atEnd`), end with it. These narrow the runs checked; each
 * run is still checked against the text itself (storyIndexSearch.ts).
 */
function spellingsContaining(spellings: Spellings, word: string, terms: readonly string[], { atStart, atEnd }: { atStart: boolean; atEnd: boolean }): number[] {
  const found: number[] = [];
  const needle = foldForSearch(word);
  if (needle === '') return found;
  const term = terms.length === 1 ? terms[0]! : null;
  for (let id = 0; id < spellings.size; id++) {
    const spellingTerms = spellings.terms[id]!;
    if (term !== null && !spellingTerms.some((candidate) => candidate.includes(term))) continue;
    const folded = foldedSpelling(spellings, id);
    if (atStart && atEnd ? folded === needle : atStart ? folded.startsWith(needle) : atEnd ? folded.endsWith(needle) : folded.includes(needle)) found.push(id);
  }
  return found;
}

/**
 * The query ready to be answered from word tables, or null when it holds no word (punctuation
 * alone), which only a scan of the texts answers. `spellings` must be the tables' own.
 */
export function prepareQuery(spellings: Spellings, query: string): PreparedQuery | null {
  const trimmed = query.trim();
  const words: { start: number; end: number; terms: readonly string[] }[] = [];
  forEachWord(trimmed, 0, trimmed.length, (start, end, terms) => words.push({ start, end, terms }));
  if (words.length === 0) return null;
  // A word is pinned at a side when the compared query (folded, white space at its ends dropped) has characters there.
  const foldsToSomething = (part: string) => foldQuery(part) !== '';
  const pins = words.map((word) => ({ atStart: foldsToSomething(trimmed.slice(0, word.start)), atEnd: foldsToSomething(trimmed.slice(word.end)) }));
  if (words.length === 1 && !pins[0]!.atStart && !pins[0]!.atEnd) {
    // One word, compared alone (anything around it folds to nothing or to white space).
    const ids = spellingsContaining(spellings, trimmed.slice(words[0]!.start, words[0]!.end), words[0]!.terms, pins[0]!);
    const matches: SpellingMatches = { ids, count: new Int32Array(spellings.size), firstStart: new Int32Array(spellings.size), firstEnd: new Int32Array(spellings.size) };
    for (const id of ids) {
      const found = findMatches(spellings.spellings[id]!, trimmed);
      matches.count[id] = found.length;
      matches.firstStart[id] = found[0]!.start;
      matches.firstEnd[id] = found[0]!.end;
    }
    return { kind: 'word', query: trimmed, matches };
  }
  const allowedIds = words.map((word, order) => spellingsContaining(spellings, trimmed.slice(word.start, word.end), word.terms, pins[order]!));
  const allowed = allowedIds.map((ids) => {
    const set = new Uint8Array(spellings.size);
    for (const id of ids) set[id] = 1;
    return set;
  });
  // With nothing before its first word and after its last, a run of words that `allowed` allows holds a match exactly when its
  // gaps fold as the query's do: its words already begin, end or equal the query's as pinned, a match's word characters fall on
  // words and its other characters on gaps (see storyIndexSearch.ts), and words and gaps fold apart (a gap's white space is its own run).
  const bare = words[0]!.start === 0 && words.at(-1)!.end === trimmed.length;
  const gaps = bare ? words.slice(1).map((word, order) => trimmed.slice(words[order]!.end, word.start)).map((raw) => ({ raw, folded: foldForSearch(raw) })) : null;
  return { kind: 'words', query: trimmed, plain: PLAIN.test(trimmed), allowed, allowedIds, gaps };
}
