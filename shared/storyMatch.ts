import { diffArrays } from 'diff';
import type { TextRange } from './spans';
import type { Token } from './storyText';

/**
 * Scoring one telling of a passage against another, word by word. Both sides are lists of
 * tokens (storyText.ts), so case, accents, punctuation, quotation marks and line breaks never
 * count as changes; offsets are UTF-16 indices into each side's own text.
 */

/** How close a match is: the same words, a few words changed, or a rewording. */
export type MatchKind = 'exact' | 'near' | 'reworded';

/** At or above this similarity a match is a near copy. */
export const NEAR_SIMILARITY = 0.8;
/** Below this similarity a passage is not reported as a match. */
export const MIN_SIMILARITY = 0.5;
/** A match shares at least this many words with the source (fewer when the source is shorter). */
export const MIN_SHARED_WORDS = 3;

/**
 * One step of the word-level difference from the source passage to the matched one. `equal`
 * words are in both; `delete`d ones only in the source, `insert`ed ones only in the match; a
 * `replace` is a deletion next to an insertion ("ready" → "prepared"). Each side's range covers
 * its words (empty, at the position between words, where that side has none).
 */
export interface WordChange {
  type: 'equal' | 'insert' | 'delete' | 'replace';
  /** The source's words, as written there (empty for an insertion). */
  source: string;
  /** The matched passage's words, as written there (empty for a deletion). */
  target: string;
  sourceStart: number;
  sourceEnd: number;
  targetStart: number;
  targetEnd: number;
}

export interface PassageMatch extends TextRange {
  kind: MatchKind;
  /** 2 × shared words / (source words + matched words): 1 for the same words. */
  similarity: number;
  changes: WordChange[];
}

/**
 * How many tokens around the best-placed window are handed to the word diff, as a share of the
 * source's length, so that a telling with words added can still be matched whole.
 */
const SLACK = 0.5;

/**
 * A source's words as small numbers (its distinct folded words numbered in order), so that a
 * target is compared with it by number: the diffs and windows below then compare integers, not
 * strings, and give the same answers, since two words are equal exactly when their numbers are.
 */
export interface SourceWords {
  numbers: Map<string, number>;
  /** The source's tokens as numbers. */
  source: number[];
  /** How often the source has each number. */
  wanted: Int32Array;
}

export function sourceWordsOf(source: readonly Token[]): SourceWords {
  const numbers = new Map<string, number>();
  const numbered: number[] = [];
  for (let index = 0; index < source.length; index++) {
    const folded = source[index]!.folded;
    let number = numbers.get(folded);
    if (number === undefined) numbers.set(folded, (number = numbers.size));
    numbered.push(number);
  }
  const wanted = new Int32Array(numbers.size);
  for (const number of numbered) wanted[number]!++;
  return { numbers, source: numbered, wanted };
}

/** A target's tokens as the source's numbers (-1 for a word the source does not have: it never equals a source word). */
export function targetNumbersOf(words: SourceWords, target: readonly Token[]): number[] {
  return target.map((token) => words.numbers.get(token.folded) ?? -1);
}

/** The window of `size` target tokens that shares the most words with the source: its start and how many it shares. */
function bestWindow(words: SourceWords, target: readonly number[], size: number): { start: number; shared: number } {
  const { wanted } = words;
  const inWindow = new Int32Array(wanted.length);
  let shared = 0;
  let best = 0;
  let bestShared = -1;
  for (let index = 0; index < target.length; index++) {
    const entering = target[index]!;
    if (entering >= 0 && inWindow[entering]!++ < wanted[entering]!) shared++;
    const leavingIndex = index - size;
    if (leavingIndex >= 0) {
      const leaving = target[leavingIndex]!;
      if (leaving >= 0 && inWindow[leaving]!-- <= wanted[leaving]!) shared--;
    }
    if (shared > bestShared) {
      bestShared = shared;
      best = Math.max(0, index - size + 1);
    }
  }
  return { start: best, shared: Math.max(0, bestShared) };
}

/**
 * How many words `target[from, to)` shares with the source in the same order: the length of their longest common
 * subsequence, which is exactly what the word diff (a shortest edit script) shares, found without its alignment.
 * Lets a region be skipped when even that many shared words could not make a better match.
 */
export function sharedInOrder(words: SourceWords, target: readonly number[], from: number, to: number): number {
  const source = words.source;
  // row[i]: the longest common subsequence of source[0, i) and the target's words read so far.
  const row = new Int32Array(source.length + 1);
  for (let index = from; index < to; index++) {
    const number = target[index]!;
    // A word the source does not have changes nothing.
    if (number < 0) continue;
    let diagonal = 0;
    for (let i = 1; i <= source.length; i++) {
      const above = row[i]!;
      row[i] = source[i - 1] === number ? diagonal + 1 : Math.max(above, row[i - 1]!);
      diagonal = above;
    }
  }
  return row[source.length]!;
}

function textOf(text: string, tokens: readonly Token[]): string {
  return tokens.length === 0 ? '' : text.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

/** Where a side with no words in a change sits: after the word before it, else before the next. */
function gapAt(tokens: readonly Token[], index: number, fallback: number): number {
  if (index > 0) return tokens[index - 1]!.end;
  return tokens[0]?.start ?? fallback;
}

/**
 * The word-level difference between `source` (tokens of `sourceText`) and `target` (tokens of
 * `targetText`), with adjacent deletions and insertions joined into replacements.
 */
export function wordChanges(sourceText: string, source: readonly Token[], targetText: string, target: readonly Token[], words = sourceWordsOf(source)): WordChange[] {
  const parts = diffArrays(words.source, targetNumbersOf(words, target));
  const changes: WordChange[] = [];
  let sourceIndex = 0;
  let targetIndex = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    const sourceTokens = part.added ? [] : source.slice(sourceIndex, sourceIndex + count);
    const targetTokens = part.removed ? [] : target.slice(targetIndex, targetIndex + count);
    const change: WordChange = {
      type: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
      source: textOf(sourceText, sourceTokens),
      target: textOf(targetText, targetTokens),
      sourceStart: sourceTokens[0]?.start ?? gapAt(source, sourceIndex, 0),
      sourceEnd: sourceTokens.at(-1)?.end ?? gapAt(source, sourceIndex, 0),
      targetStart: targetTokens[0]?.start ?? gapAt(target, targetIndex, 0),
      targetEnd: targetTokens.at(-1)?.end ?? gapAt(target, targetIndex, 0),
    };
    if (!part.added) sourceIndex += count;
    if (!part.removed) targetIndex += count;
    const previous = changes.at(-1);
    const joins = previous && ((previous.type === 'delete' && change.type === 'insert') || (previous.type === 'insert' && change.type === 'delete'));
    if (joins) {
      const deleted = previous.type === 'delete' ? previous : change;
      const inserted = previous.type === 'insert' ? previous : change;
      changes[changes.length - 1] = {
        type: 'replace',
        source: deleted.source,
        target: inserted.target,
        sourceStart: deleted.sourceStart,
        sourceEnd: deleted.sourceEnd,
        targetStart: inserted.targetStart,
        targetEnd: inserted.targetEnd,
      };
    } else changes.push(change);
  }
  return changes;
}

/**
 * The best match of the source passage inside `target` (tokens of `targetText`, e.g. a
 * paragraph and its neighbours), trimmed to the words it shares at its ends, or null when it
 * shares too few words (similarity below MIN_SIMILARITY) or the source has no words.
 */
export function matchPassage(sourceText: string, source: readonly Token[], targetText: string, target: readonly Token[], known?: KnownTarget): PassageMatch | null {
  if (source.length === 0 || target.length === 0) return null;
  const slack = Math.ceil(source.length * SLACK);
  const words = known?.words ?? sourceWordsOf(source);
  const numbers = known?.numbers ?? targetNumbersOf(words, target);
  // No region the diff is given is longer than this window, so no match shares more words than
  // it does: when even that many could not make a match, the diffs are not worth running.
  const widest = known?.widest ?? bestWindow(words, numbers, windowSize(source.length)).shared;
  if (widest < Math.min(MIN_SHARED_WORDS, source.length) || (2 * widest) / (source.length + widest) < MIN_SIMILARITY) return null;
  const start = bestWindow(words, numbers, source.length).start;
  const end = start + source.length;
  // The word diff aligns the first shared words it can, so a region that starts early may pull in
  // a word of the sentence before: the best of a few regions around the window is kept.
  // Regions are compared as they will be reported, grown to the source's unshared ends: a region
  // that stops before a shared last word ("…choose" without "war") would otherwise tie with one
  // that has it, and its growth would then take in the wrong words.
  // A region is diffed only when the words it shares in order (exactly what the diff will share; a match of s shared words has
  // a similarity of at most 2s / (source + s)) could make a match better than the best so far, or tie it with more shared words.
  let best: { trimmed: Trimmed; matched: Token[]; similarity: number } | null = null;
  for (const [from, to] of [[start, end], [start - slack, end], [start, end + slack], [start - slack, end + slack]] as const) {
    const first = Math.max(0, from);
    const last = Math.min(to, target.length);
    const shared = sharedInOrder(words, numbers, first, last);
    const reachable = (2 * shared) / (source.length + shared);
    if (shared === 0 || reachable < MIN_SIMILARITY) continue;
    if (best && (reachable < best.similarity || (reachable === best.similarity && shared <= best.trimmed.shared))) continue;
    const trimmed = trimmedMatch(words, source.length, target.slice(first, last), numbers.slice(first, last));
    if (!trimmed || trimmed.similarity < MIN_SIMILARITY) continue;
    const matched = extended(trimmed, source.length, target, targetText);
    const similarity = (2 * trimmed.shared) / (source.length + matched.length);
    if (!best || similarity > best.similarity || (similarity === best.similarity && trimmed.shared > best.trimmed.shared)) best = { trimmed, matched, similarity };
  }
  if (!best || best.trimmed.shared < Math.min(MIN_SHARED_WORDS, source.length)) return null;
  const { matched, similarity } = best;
  const changes = wordChanges(sourceText, source, targetText, matched, words);
  const same = changes.every((change) => change.type === 'equal');
  return {
    start: matched[0]!.start,
    end: matched.at(-1)!.end,
    kind: same ? 'exact' : similarity >= NEAR_SIMILARITY ? 'near' : 'reworded',
    similarity,
    changes,
  };
}

/**
 * The most words any match of `source` in `target` can share with it (cheap: no diff), so that
 * a caller with many candidates can align the most promising first.
 */
export function sharedWordsBound(source: readonly Token[], target: readonly Token[], words = sourceWordsOf(source), numbers = targetNumbersOf(words, target)): number {
  return bestWindow(words, numbers, windowSize(source.length)).shared;
}

/** What a caller that has weighed a target with `sharedWordsBound` already knows of it, so that `matchPassage` need not work it out again. */
export interface KnownTarget {
  words: SourceWords;
  numbers: number[];
  /** sharedWordsBound of the target. */
  widest: number;
}

/** The widest region of a target any match of a source of `length` words is looked for in. */
function windowSize(length: number): number {
  return length + 2 * Math.ceil(length * SLACK);
}

/** A sentence or clause ends between two words when this is between them. */
const CLAUSE_END = /[.!?;:。！？；\n"“”«»「」]/u;

/**
 * The match grown by the words the source has before its first shared word (and after its
 * last) that the target has too, up to the end of the sentence: "choose war" against "choose
 * peace" takes in "peace", as a substitution, rather than stopping at "choose".
 */
function extended(best: Trimmed, sourceLength: number, target: readonly Token[], targetText: string): Token[] {
  let first = target.indexOf(best.matched[0]!);
  let last = target.indexOf(best.matched.at(-1)!);
  for (let count = 0; count < best.sourceBefore && first > 0 && !CLAUSE_END.test(targetText.slice(target[first - 1]!.end, target[first]!.start)); count++) first--;
  const after = sourceLength - best.sourceAfterIndex;
  for (let count = 0; count < after && last < target.length - 1 && !CLAUSE_END.test(targetText.slice(target[last]!.end, target[last + 1]!.start)); count++) last++;
  return target.slice(first, last + 1);
}

interface Trimmed {
  matched: Token[];
  similarity: number;
  shared: number;
  /** Source words before the first shared one. */
  sourceBefore: number;
  /** Index in the source just after its last shared word. */
  sourceAfterIndex: number;
}

/** `region` trimmed to its first and last word shared with the source, and its similarity. */
function trimmedMatch(words: SourceWords, sourceLength: number, region: readonly Token[], numbers: number[]): Trimmed | null {
  const parts = diffArrays(words.source, numbers);
  let first = -1;
  let last = -1;
  let shared = 0;
  let regionIndex = 0;
  let sourceIndex = 0;
  let sourceBefore = 0;
  let sourceAfterIndex = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      if (first === -1) {
        first = regionIndex;
        sourceBefore = sourceIndex;
      }
      last = regionIndex + count - 1;
      sourceAfterIndex = sourceIndex + count;
      shared += count;
    }
    if (!part.removed) regionIndex += count;
    if (!part.added) sourceIndex += count;
  }
  if (first === -1) return null;
  const matched = region.slice(first, last + 1);
  return { matched, shared, similarity: (2 * shared) / (sourceLength + matched.length), sourceBefore, sourceAfterIndex };
}
