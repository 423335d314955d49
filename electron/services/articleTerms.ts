import MiniSearch from 'minisearch';

/**
 * The full-text half of the story index: a MiniSearch index of articles, each one document of its
 * text's and title's distinct folded terms, which tells which articles tell a quote with rare
 * words again (by BM25). Kept by the story index's reader (storyIndexReader.ts), on a worker
 * thread in the app: a map entry per term of every article, it is the costliest part to build.
 */

/** MiniSearch's serialised index (what `toJSON` gives, parsed). */
export type ArticleTermsJSON = ReturnType<MiniSearch['toJSON']>;

/** Fields are given to MiniSearch as their terms joined by spaces (terms never hold one), so each text is folded and cut once. */
const splitTerms = (text: string) => (text === '' ? [] : text.split(' '));
const asIs = (term: string) => term;
const INDEX_OPTIONS = { fields: ['terms'], tokenize: splitTerms, processTerm: asIs };

type ArticleIndex = MiniSearch<{ id: string; terms: string }>;

export class ArticleTerms {
  private index: ArticleIndex = new MiniSearch(INDEX_OPTIONS);

  /** Adds an article's terms (joined by spaces), in place of those it had. */
  put(id: string, terms: string): void {
    if (this.index.has(id)) this.index.discard(id);
    this.index.add({ id, terms });
  }

  /** Forgets an article; forgetting one not there does nothing. */
  discard(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  /** The articles holding any of `queries`, best first, without `excludeId`: at most `max` ids. */
  search(queries: readonly string[], excludeId: string | null, max: number): string[] {
    const found: string[] = [];
    for (const hit of this.index.search({ combineWith: 'OR', queries: [...queries] })) {
      if (found.length >= max) break;
      if (hit.id !== excludeId) found.push(hit.id as string);
    }
    return found;
  }

  /** Replaces the index with a serialised one; throws a RangeError, keeping the index, unless it holds exactly the articles `ids`. */
  load(index: ArticleTermsJSON, ids: readonly string[]): void {
    const loaded = MiniSearch.loadJS(index, INDEX_OPTIONS) as ArticleIndex;
    const missing = ids.find((id) => !loaded.has(id));
    if (missing !== undefined) throw new RangeError(`The story index cache does not hold article "${missing}" in its full-text index.`);
    if (loaded.documentCount !== ids.length) throw new RangeError('The story index cache holds articles its full-text index does not.');
    this.index = loaded;
  }

  /** The serialised index, as JSON text. */
  toJSON(): string {
    return JSON.stringify(this.index);
  }
}
