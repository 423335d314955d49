import type { LibrarySearch, SearchHit, SearchResults } from '../../shared/librarySearch';
import { passesFilter } from '../../shared/librarySearch';
import type { DocumentSummary } from '../../shared/model';
import { findMatches, snippetAround } from '../../shared/textSearch';
import type { LibraryStore } from '../store/libraryStore';
import type { StoryIndexService } from './storyIndexService';

/** Documents read at once while searching, so that reading one file overlaps parsing another. */
const READ_CONCURRENCY = 16;
/** UTF-16 units of article text kept in memory for later searches (about 32 MB). */
const TEXT_BUDGET = 16_000_000;

interface SearchText {
  title: string;
  text: string;
}

/**
 * Finds documents in one library, keeping article texts in memory up to a budget: a text (and a
 * title) never changes after import, so a kept one needs no reading on the next search.
 */
export class LibrarySearcher {
  private readonly kept = new Map<string, SearchText>();
  private keptSize = 0;

  /** With `index`, once it is open, the search checks only the articles it names as candidates. */
  constructor(
    private readonly store: LibraryStore,
    private readonly index: Pick<StoryIndexService, 'current'> | null = null,
  ) {}

  private async textOf(summary: DocumentSummary): Promise<SearchText | null> {
    const indexed = this.index?.current?.get(summary.id);
    if (indexed && indexed.text.length === summary.length) return indexed;
    const kept = this.kept.get(summary.id);
    // The length check guards against an id that came to name another article.
    if (kept && kept.text.length === summary.length) return kept;
    const document = await this.store.getDocument(summary.id);
    // A document that vanished or was found damaged meanwhile is reported through the notices.
    if (!document) return null;
    const text = { title: document.meta.title, text: document.text };
    if (!kept && this.keptSize + text.text.length <= TEXT_BUDGET) {
      this.kept.set(summary.id, text);
      this.keptSize += text.text.length;
    }
    return text;
  }

  /**
   * The documents whose title or text contains `query` (ignoring case and accents, see
   * textSearch.ts) among those that pass the status and label filter, in library order. The
   * filter alone reads only the index.
   */
  async search(search: LibrarySearch): Promise<SearchResults> {
    const candidates = this.store.listDocuments().filter((summary) => passesFilter(summary, search));
    const query = search.query.trim();
    // The index names a superset of the articles that contain the query; each is still checked.
    const narrowed = query === '' ? null : (this.index?.current?.candidates(query) ?? null);
    if (query === '') {
      const hits = candidates.map((summary): SearchHit => ({ id: summary.id, title: summary.title, status: summary.status, inTitle: false, count: 0, snippet: null }));
      return { hits, searched: candidates.length };
    }
    const hits: SearchHit[] = [];
    const checked = narrowed ? candidates.filter((summary) => narrowed.has(summary.id)) : candidates;
    for (let batch = 0; batch < checked.length; batch += READ_CONCURRENCY) {
      const summaries = checked.slice(batch, batch + READ_CONCURRENCY);
      const texts = await Promise.all(summaries.map((summary) => this.textOf(summary)));
      summaries.forEach((summary, index) => {
        const found = texts[index];
        if (!found) return;
        const matches = findMatches(found.text, query);
        const inTitle = findMatches(found.title, query, 1).length > 0;
        if (matches.length === 0 && !inTitle) return;
        const snippet = matches[0] ? snippetAround(found.text, matches[0]) : null;
        hits.push({ id: summary.id, title: found.title, status: summary.status, inTitle, count: matches.length, snippet });
      });
    }
    return { hits, searched: candidates.length };
  }
}
