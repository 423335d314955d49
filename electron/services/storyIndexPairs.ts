import type { TextRange } from '../../shared/spans';
import type { Token } from '../../shared/storyText';
import type { PostedArticle } from './storyIndexSearch';
import type { Postings, Spellings, WordBlocks, WordTable } from './storyIndexWords';

/**
 * Where the story view looks for the tellings of a quote: which articles, and which of their
 * paragraphs, are worth aligning word by word (storyMatch.ts).
 *
 * When a quote has rare words, the full-text index (MiniSearch, BM25) finds the articles that
 * have them, and `paragraphsHolding` the paragraphs with most of them. When every word of the
 * quote is common in the library, BM25 would score most of the library and rank it nearly by
 * chance; `articlesSharingPairs` then ranks articles by the quote's word pairs ("severe
 * consequences") they have in the same order, found from the postings around the places of the
 * quote's rarest words — a telling of a quote keeps most of its word pairs, an unrelated text
 * made of the same common words keeps few.
 */

/** Words of a quote whose places are read to find its word pairs: its rarest. */
const ANCHORS = 4;

/** An article worth aligning: its slot and the paragraphs (by order) where the quote may be, best first. */
export interface PairCandidate {
  slot: number;
  paragraphs: number[];
}

/**
 * The (at most `count`) paragraphs of an article with most words having a term of `terms`, best
 * first (fewer first among equals).
 */
export function paragraphsHolding(table: WordTable, paragraphs: readonly TextRange[], spellings: Spellings, terms: ReadonlySet<string>, count: number): number[] {
  const shared = new Map<number, number>();
  let paragraph = 0;
  const { ids, starts } = table;
  for (let word = 0; word < ids.length; word++) {
    if (!spellings.terms[ids[word]!]!.some((term) => terms.has(term))) continue;
    while (paragraph < paragraphs.length - 1 && paragraphs[paragraph]!.end <= starts[word]!) paragraph++;
    shared.set(paragraph, (shared.get(paragraph) ?? 0) + 1);
  }
  return [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count).map(([order]) => order);
}

/** The order of the paragraph holding offset `at` (the last starting at or before it). */
function paragraphAt(paragraphs: readonly TextRange[], at: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (paragraphs[middle]!.start <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The (at most `maxArticles`) live articles other than `excludeSlot` that share most word pairs
 * with the quote, best first (ties by article id, so that the answer does not depend on the
 * order articles were added in), each with its (at most `paragraphsPerArticle`) paragraphs that
 * hold most of those pairs. Pairs are counted around each place of the quote's ANCHORS rarest
 * words: the word after it matching the quote's next word, and the word before it its previous.
 */
export function articlesSharingPairs(
  source: readonly Token[],
  spellings: Spellings,
  postings: Postings,
  articles: readonly (PostedArticle | undefined)[],
  words: WordBlocks,
  paragraphsOf: (slot: number) => readonly TextRange[],
  { excludeSlot, maxArticles, paragraphsPerArticle }: { excludeSlot: number; maxArticles: number; paragraphsPerArticle: number },
): PairCandidate[] {
  // The quote's words, each with its terms (a word folding to several terms gives several tokens at one place).
  const quoteWords: Set<string>[] = [];
  let lastStart = -1;
  for (const token of source) {
    if (token.start === lastStart) quoteWords.at(-1)!.add(token.folded);
    else quoteWords.push(new Set([token.folded]));
    lastStart = token.start;
  }
  if (quoteWords.length < 2) return [];
  const idsOf = quoteWords.map((terms) => [...new Set([...terms].flatMap((term) => spellings.idsOfTerm(term)))]);
  const placesOf = idsOf.map((ids) => ids.reduce((sum, id) => sum + postings.placesOf(id).length, 0));
  const anchors = quoteWords
    .map((_, order) => order)
    .filter((order) => placesOf[order]! > 0)
    .sort((a, b) => placesOf[a]! - placesOf[b]! || a - b)
    .slice(0, ANCHORS);
  // Which quote words next to an anchor each spelling can be: one bit per such word.
  const neighbours = [...new Set(anchors.flatMap((order) => [order - 1, order + 1]))].filter((order) => order >= 0 && order < quoteWords.length);
  const bitOf = new Map(neighbours.map((order, bit) => [order, 1 << bit]));
  const fits = new Uint8Array(spellings.size);
  for (const [order, bit] of bitOf) for (const id of idsOf[order]!) fits[id] = fits[id]! | bit;

  const shared = new Int32Array(articles.length);
  const pairSlots: number[] = [];
  const pairWords: number[] = [];
  for (const order of anchors) {
    const after = bitOf.get(order + 1) ?? 0;
    const before = bitOf.get(order - 1) ?? 0;
    for (const id of idsOf[order]!) {
      const places = postings.placesOf(id);
      for (let place = 0; place < places.length; place++) {
        const slot = places.slots[place]!;
        if (articles[slot] === undefined || slot === excludeSlot) continue;
        const word = places.words[place]!;
        // The article's word ids, read from their block (see WordBlocks): `at` is this word's.
        const block = words.blocks[words.blockOf[slot]!]!;
        const at = words.startOf[slot]! + word;
        const pairs = (word + 1 < words.lengthOf[slot]! && (fits[block[at + 1]!]! & after) !== 0 ? 1 : 0) + (word > 0 && (fits[block[at - 1]!]! & before) !== 0 ? 1 : 0);
        if (pairs === 0) continue;
        shared[slot] = shared[slot]! + pairs;
        pairSlots.push(slot);
        pairWords.push(word);
      }
    }
  }
  const best = mostShared(shared, maxArticles, (slot) => articles[slot]!.id);
  const pairsAt = new Map(best.map((slot) => [slot, [] as number[]]));
  for (let pair = 0; pair < pairSlots.length; pair++) pairsAt.get(pairSlots[pair]!)?.push(pairWords[pair]!);
  return best.map((slot) => {
    const paragraphs = paragraphsOf(slot);
    const starts = articles[slot]!.table.starts;
    const inParagraph = new Map<number, number>();
    for (const word of pairsAt.get(slot)!) {
      const order = paragraphAt(paragraphs, starts[word]!);
      inParagraph.set(order, (inParagraph.get(order) ?? 0) + 1);
    }
    const ranked = [...inParagraph].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, paragraphsPerArticle);
    return { slot, paragraphs: ranked.map(([order]) => order) };
  });
}

/**
 * The (at most `count`) slots with the highest non-zero `shared`, highest first, ties by id: the
 * slots above the count that fills the list, then the smallest ids among those at it (without
 * sorting the thousands of articles a common pair is found in).
 */
function mostShared(shared: Int32Array, count: number, idOf: (slot: number) => string): number[] {
  let most = 0;
  for (const value of shared) if (value > most) most = value;
  const atLeast = new Int32Array(most + 2);
  for (const value of shared) if (value > 0) atLeast[value]!++;
  for (let value = most - 1; value >= 1; value--) atLeast[value] = atLeast[value]! + atLeast[value + 1]!;
  let threshold = 1;
  while (threshold < most && atLeast[threshold + 1]! >= count) threshold++;
  const above: number[] = [];
  const at: { slot: number; id: string }[] = [];
  const wanted = count - atLeast[threshold + 1]!;
  for (let slot = 0; slot < shared.length; slot++) {
    if (shared[slot]! > threshold) above.push(slot);
    else if (shared[slot] === threshold && wanted > 0) {
      // The `wanted` smallest ids at the threshold, kept sorted.
      const id = idOf(slot);
      if (at.length === wanted && id >= at.at(-1)!.id) continue;
      let place = at.length;
      while (place > 0 && at[place - 1]!.id > id) place--;
      at.splice(place, 0, { slot, id });
      if (at.length > wanted) at.pop();
    }
  }
  const byShare = (a: number, b: number) => shared[b]! - shared[a]! || (idOf(a) < idOf(b) ? -1 : 1);
  return [...above.sort(byShare), ...at.map(({ slot }) => slot)];
}
