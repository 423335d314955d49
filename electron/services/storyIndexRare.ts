import type { PostedArticle } from './storyIndexSearch';
import type { Postings, Spellings } from './storyIndexWords';

/**
 * Which articles tell a quote that has words rare in the library: those holding most of its rare
 * terms, the rarer counting more. Read from the postings (each spelling's places), text and title
 * alike; each term counts once per article, weighted log(1 + N / df) (N articles, df of them with
 * the term). The candidates are then weighed by the words they share and aligned word by word
 * (storyIndex.ts, storyMatch.ts), so this only has to bring the tellings into the first few dozen.
 */

/** Where a term's places are read: the texts' postings and the titles', under the same slots. */
export interface PostedField {
  postings: Postings;
  articles: readonly (PostedArticle | undefined)[];
}

/**
 * The (at most `maxArticles`) live slots other than `excludeSlot` whose articles hold most of
 * `terms` by weight, best first, ties by article id (so that the answer does not depend on the
 * order articles were added in).
 */
export function articlesHoldingTerms(
  terms: readonly string[],
  documentFrequency: (term: string) => number,
  spellings: Spellings,
  fields: readonly PostedField[],
  { excludeSlot, maxArticles, articleCount }: { excludeSlot: number; maxArticles: number; articleCount: number },
): number[] {
  const slots = fields[0]!.articles.length;
  const score = new Float64Array(slots);
  // The term an article was last counted for, so that a term found again in it (or in its title) counts once.
  const countedFor = new Int32Array(slots).fill(-1);
  const found: number[] = [];
  terms.forEach((term, order) => {
    const weight = Math.log(1 + articleCount / Math.max(1, documentFrequency(term)));
    for (const id of spellings.idsOfTerm(term)) {
      for (const { postings, articles } of fields) {
        const places = postings.placesOf(id);
        for (let place = 0; place < places.length; place++) {
          const slot = places.slots[place]!;
          if (countedFor[slot] === order || slot === excludeSlot || articles[slot] === undefined) continue;
          countedFor[slot] = order;
          if (score[slot] === 0) found.push(slot);
          score[slot] = score[slot]! + weight;
        }
      }
    }
  });
  const idOf = (slot: number) => fields[0]!.articles[slot]!.id;
  return found.sort((a, b) => score[b]! - score[a]! || (idOf(a) < idOf(b) ? -1 : 1)).slice(0, maxArticles);
}
