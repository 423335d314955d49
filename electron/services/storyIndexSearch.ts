import type { TextRange } from '../../shared/spans';
import { findMatches } from '../../shared/textSearch';
import { forEachWord } from './storyIndexTerms';
import type { Spellings, WordTable } from './storyIndexWords';

/**
 * The library search answered from the index's word tables, exactly as textSearch.ts's
 * `findMatches` answers it over each whole text (same count, same first match to the character),
 * without reading the texts through.
 *
 * Why it is exact. A query's matches never split a word of the text from its query word: every
 * character of a word (letters, digits, marks) folds to word characters or to nothing, and every
 * other character to itself or a space. So:
 * - A query that is one word (no spaces or punctuation) matches inside single words only, and
 *   inside a word as it does in that word alone: each spelling is searched once with
 *   `findMatches`, and a text's count is the sum over its words.
 * - Any other query with words in it (q0 … qk-1) matches k consecutive words of the text, each
 *   containing its query word: those runs are found in the word table, and `findMatches` runs on
 *   each run with the characters around it (back to the word before, on to the word after), which
 *   holds every match on those words, at most one (its non-word characters pin it). All the
 *   matches found are then taken left to right without overlaps, as `findMatches` does.
 * The tests hold it to `findMatches` over whole texts on generated text of many scripts.
 */

/** What a text holds of a query: how many matches, and the first one (null when none). */
export interface Occurrences {
  count: number;
  first: TextRange | null;
}

/** A query prepared against the library's spellings (see `prepareQuery`). */
export type PreparedQuery =
  | { kind: 'word'; query: string; matches: SpellingMatches }
  | { kind: 'words'; query: string; allowed: Uint8Array[] };

/** Per spelling id: how many matches the spelling holds alone, and where the first is in it. */
interface SpellingMatches {
  count: Int32Array;
  firstStart: Int32Array;
  firstEnd: Int32Array;
}

/** A query word's spellings to check exactly: those whose terms contain the query word's (storyText folds at least as much as textSearch). */
function spellingsContaining(spellings: Spellings, word: string, terms: readonly string[]): number[] {
  const found: number[] = [];
  const term = terms.length === 1 ? terms[0]! : null;
  for (let id = 0; id < spellings.size; id++) {
    const spellingTerms = spellings.terms[id]!;
    if (term !== null && !spellingTerms.some((candidate) => candidate.includes(term))) continue;
    if (findMatches(spellings.spellings[id]!, word, 1).length > 0) found.push(id);
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
  if (words.length === 1 && words[0]!.start === 0 && words[0]!.end === trimmed.length) {
    const matches: SpellingMatches = { count: new Int32Array(spellings.size), firstStart: new Int32Array(spellings.size), firstEnd: new Int32Array(spellings.size) };
    for (const id of spellingsContaining(spellings, trimmed, words[0]!.terms)) {
      const found = findMatches(spellings.spellings[id]!, trimmed);
      matches.count[id] = found.length;
      matches.firstStart[id] = found[0]!.start;
      matches.firstEnd[id] = found[0]!.end;
    }
    return { kind: 'word', query: trimmed, matches };
  }
  const allowed = words.map((word) => {
    const set = new Uint8Array(spellings.size);
    for (const id of spellingsContaining(spellings, trimmed.slice(word.start, word.end), word.terms)) set[id] = 1;
    return set;
  });
  return { kind: 'words', query: trimmed, allowed };
}

/** The query's matches in one text, from its word table (see above). */
export function occurrencesIn(prepared: PreparedQuery, text: string, table: WordTable, spellings: Spellings): Occurrences {
  const { ids, starts } = table;
  if (prepared.kind === 'word') {
    const { count: counts, firstStart, firstEnd } = prepared.matches;
    let count = 0;
    let firstWord = -1;
    for (let word = 0; word < ids.length; word++) {
      // A spelling newer than the query counts 0 (undefined): callers prepare a query per search.
      const here = counts[ids[word]!]!;
      if (!(here > 0)) continue;
      count += here;
      if (firstWord === -1) firstWord = word;
    }
    if (firstWord === -1) return { count, first: null };
    const id = ids[firstWord]!;
    return { count, first: { start: starts[firstWord]! + firstStart[id]!, end: starts[firstWord]! + firstEnd[id]! } };
  }
  const { allowed, query } = prepared;
  const length = allowed.length;
  const found: TextRange[] = [];
  const head = allowed[0]!;
  for (let word = 0; word + length <= ids.length; word++) {
    if (head[ids[word]!] !== 1) continue;
    let fits = true;
    for (let next = 1; next < length && fits; next++) fits = allowed[next]![ids[word + next]!] === 1;
    if (!fits) continue;
    const from = word > 0 ? starts[word - 1]! + spellings.spellings[ids[word - 1]!]!.length : 0;
    const to = word + length < ids.length ? starts[word + length]! : text.length;
    for (const match of findMatches(text.slice(from, to), query)) found.push({ start: from + match.start, end: from + match.end });
  }
  // Runs next to each other may find the same match; the rest are taken left to right without overlaps.
  found.sort((a, b) => a.start - b.start);
  let count = 0;
  let first: TextRange | null = null;
  let reached = 0;
  for (const match of found) {
    if (match.start < reached) continue;
    count++;
    first ??= match;
    reached = match.end;
  }
  return { count, first };
}
