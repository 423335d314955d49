import type { TextRange } from '../../shared/spans';
import { findMatches, foldForSearch } from '../../shared/textSearch';
import { PLAIN, type PreparedQuery, type QueryGap, type WordsQuery } from './storyIndexQuery';
import type { Postings, Spellings, WordBlocks, WordTable } from './storyIndexWords';

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
 *   matches found are then taken left to right without overlaps, as `findMatches` does. Where
 *   only whether an article holds a match is asked (`articlesMatching`) and the query has no
 *   characters before its first word or after its last, a run holds one exactly when each of its
 *   gaps folds as the query's gap does (words and gaps fold apart), so no text is searched again.
 * The tests hold it to `findMatches` over whole texts on generated text of many scripts.
 */

/** What a text holds of a query: how many matches, and the first one (null when none). */
export interface Occurrences {
  count: number;
  first: TextRange | null;
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
  const { allowed } = prepared;
  const length = allowed.length;
  const found: TextRange[] = [];
  const head = allowed[0]!;
  for (let word = 0; word + length <= ids.length; word++) {
    if (head[ids[word]!] !== 1) continue;
    let fits = true;
    for (let next = 1; next < length && fits; next++) fits = allowed[next]![ids[word + next]!] === 1;
    if (!fits) continue;
    found.push(...matchesAround(text, table, spellings, word, prepared));
  }
  return leftToRight(found);
}

const STARTS_WITH_MARK = /^\p{M}/u;

/** The matches of `query` on words [word, word + length) of a text, with the characters around them (see above). */
function matchesAround(text: string, table: WordTable, spellings: Spellings, word: number, { query, plain, allowed: { length } }: WordsQuery): TextRange[] {
  const { ids, starts } = table;
  const from = word > 0 ? starts[word - 1]! + spellings.spellings[ids[word - 1]!]!.length : 0;
  let to = word + length < ids.length ? starts[word + length]! : text.length;
  // A match takes in the accents (combining marks) after its last character, as findMatches ends it, and the word after the
  // run may begin with them.
  while (to < text.length && text.charCodeAt(to) >= 0x300 && STARTS_WITH_MARK.test(text.slice(to, to + 2))) to += text.codePointAt(to)! > 0xffff ? 2 : 1;
  const around = text.slice(from, to);
  if (plain && PLAIN.test(around)) {
    // The same answer as findMatches (folding is lower-casing here), without folding segment by segment.
    const at = around.toLowerCase().indexOf(query.toLowerCase());
    return at === -1 ? [] : [{ start: from + at, end: from + at + query.length }];
  }
  return findMatches(around, query).map((match) => ({ start: from + match.start, end: from + match.end }));
}

/** Matches taken left to right without overlaps, as findMatches takes them (runs next to each other may find the same one). */
function leftToRight(found: TextRange[]): Occurrences {
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

/** An article as the postings name it: its slot's text and word table, or undefined once removed. */
export interface PostedArticle {
  id: string;
  text: string;
  table: WordTable;
}

/** Texts as the postings name them: each spelling's places, the word ids by slot (the same as the articles' tables), the articles. */
export interface PostedTexts {
  postings: Postings;
  blocks: WordBlocks;
  articles: readonly (PostedArticle | undefined)[];
}

/**
 * The query's matches in every live article's text, from the postings (each spelling's places),
 * without reading the texts through: slot → occurrences, for the articles with a match only.
 * Counts and first matches are those `occurrencesIn` gives (see above).
 */
export function occurrencesByArticle(prepared: PreparedQuery, texts: PostedTexts, spellings: Spellings): Map<number, Occurrences> {
  const { postings, articles } = texts;
  const found = new Map<number, Occurrences>();
  if (prepared.kind === 'word') {
    const { ids, count: counts, firstStart, firstEnd } = prepared.matches;
    const count = new Int32Array(articles.length);
    const firstWord = new Int32Array(articles.length).fill(-1);
    const firstId = new Int32Array(articles.length);
    for (const id of ids) {
      const here = counts[id]!;
      const { slots, words, length } = postings.placesOf(id);
      for (let place = 0; place < length; place++) {
        const slot = slots[place]!;
        const word = words[place]!;
        if (articles[slot] === undefined) continue;
        count[slot] = count[slot]! + here;
        if (firstWord[slot] === -1 || word < firstWord[slot]!) {
          firstWord[slot] = word;
          firstId[slot] = id;
        }
      }
    }
    for (let slot = 0; slot < articles.length; slot++) {
      if (count[slot] === 0) continue;
      const start = articles[slot]!.table.starts[firstWord[slot]!]!;
      const id = firstId[slot]!;
      found.set(slot, { count: count[slot]!, first: { start: start + firstStart[id]!, end: start + firstEnd[id]! } });
    }
    return found;
  }
  // Runs of words are found from the places of the query word with the fewest.
  const matches = new Map<number, TextRange[]>();
  forEachRun(prepared, texts, null, null, (slot, article, first) => {
    const around = matchesAround(article.text, article.table, spellings, first, prepared);
    if (around.length === 0) return;
    const list = matches.get(slot);
    if (list) list.push(...around);
    else matches.set(slot, around);
  });
  for (const [slot, list] of matches) found.set(slot, leftToRight(list));
  return found;
}

/**
 * The slots of the live articles holding at least one match of the query, from the postings:
 * the same articles `occurrencesByArticle` answers, without counting their matches or finding
 * their first (a run of words is checked only until one of an article's holds a match). With
 * `within`, only the slots it marks are checked: those known to hold a query this one extends.
 */
export function articlesMatching(prepared: PreparedQuery, texts: PostedTexts, spellings: Spellings, within: Uint8Array | null = null): Uint8Array {
  const { postings, articles } = texts;
  const found = new Uint8Array(articles.length);
  if (prepared.kind === 'word') {
    for (const id of prepared.matches.ids) {
      const { slots, length } = postings.placesOf(id);
      for (let place = 0; place < length; place++) {
        const slot = slots[place]!;
        if (articles[slot] !== undefined && (within === null || within[slot] === 1)) found[slot] = 1;
      }
    }
    return found;
  }
  forEachRun(prepared, texts, found, within, (slot, article, first) => {
    const { gaps } = prepared;
    if (gaps !== null ? gapsFoldAsQueried(article, spellings, first, gaps) : matchesAround(article.text, article.table, spellings, first, prepared).length > 0) found[slot] = 1;
  });
  return found;
}

/** Whether the gaps between the words of a run from `first` on fold as `gaps` do (see prepareQuery). */
function gapsFoldAsQueried({ text, table: { ids, starts } }: PostedArticle, spellings: Spellings, first: number, gaps: readonly QueryGap[]): boolean {
  for (let gap = 0; gap < gaps.length; gap++) {
    const from = starts[first + gap]! + spellings.spellings[ids[first + gap]!]!.length;
    if (!foldsTo(text, from, starts[first + gap + 1]!, gaps[gap]!)) return false;
  }
  return true;
}

/** Whether text [from, to) folds to the gap's fold: at once when it is the gap as typed, or printable ASCII (which folds to itself). */
function foldsTo(text: string, from: number, to: number, { raw, folded }: QueryGap): boolean {
  if (to - from === raw.length && text.startsWith(raw, from)) return true;
  for (let unit = from; unit < to; unit++) {
    const code = text.charCodeAt(unit);
    if (code < 0x21 || code > 0x7e) return foldForSearch(text.slice(from, to)) === folded;
  }
  return to - from === folded.length && text.startsWith(folded, from);
}

/** The query word whose spellings have the fewest places: runs of words are found from its places. */
function rarestPosition(prepared: WordsQuery, postings: Postings): number {
  const placesOf = (position: number) => prepared.allowedIds[position]!.reduce((sum, id) => sum + postings.placesOf(id).length, 0);
  let anchor = 0;
  for (let position = 1; position < prepared.allowed.length; position++) if (placesOf(position) < placesOf(anchor)) anchor = position;
  return anchor;
}

/**
 * Calls `visit` for each place where the query's words run, one by one among those each position
 * allows, in a live article whose slot is not marked `done` and is marked by `within` (when given): found from the places of the
 * query word with the fewest. The words either side of a place are read from the blocks, which cost one memory access each
 * where an article's own table costs several (it runs for every place of a common word: 100,000 at 10,000 articles).
 */
function forEachRun(
  prepared: WordsQuery,
  { postings, blocks, articles }: PostedTexts,
  done: Uint8Array | null,
  within: Uint8Array | null,
  visit: (slot: number, article: PostedArticle, first: number) => void,
): void {
  const { allowed, allowedIds } = prepared;
  const anchor = rarestPosition(prepared, postings);
  for (const id of allowedIds[anchor]!) {
    const { slots, words, length } = postings.placesOf(id);
    for (let place = 0; place < length; place++) {
      const slot = slots[place]!;
      if ((done !== null && done[slot] === 1) || (within !== null && within[slot] !== 1)) continue;
      const first = words[place]! - anchor;
      if (first < 0 || first + allowed.length > blocks.lengthOf[slot]! || articles[slot] === undefined) continue;
      // Whether the words from `first` on are, one by one, among those each query position allows (inline: this runs per place).
      const block = blocks.blocks[blocks.blockOf[slot]!]!;
      const at = blocks.startOf[slot]! + first;
      let fits = true;
      for (let position = 0; fits && position < allowed.length; position++) fits = position === anchor || allowed[position]![block[at + position]!] === 1;
      if (fits) visit(slot, articles[slot]!, first);
    }
  }
}
