import type { LibrarySearch, SearchHit, SearchResults } from '../../shared/librarySearch';
import { isPaged, passesFilter } from '../../shared/librarySearch';
import type { DocumentSummary } from '../../shared/model';
import { findMatches, snippetAround } from '../../shared/textSearch';
import type { LibraryStore } from '../store/libraryStore';
import type { StoryIndex } from './storyIndex';
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

  /** With `index`, once it is open, the search is answered from it (exactly as a scan would answer it). */
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
    if (isPaged(search)) return this.page(candidates, query, search.offset ?? 0, search.limit ?? candidates.length);
    if (query === '') {
      const hits = candidates.map(filterOnlyHit);
      return { hits, searched: candidates.length };
    }
    const index = this.index?.current ?? null;
    const prepared = index?.prepareSearch(query) ?? null;
    if (index === null || prepared === null) return { hits: await this.scan(candidates, query), searched: candidates.length };
    const matching = index.searchAll(prepared);
    const hits: (SearchHit | DocumentSummary)[] = [];
    const unindexed: DocumentSummary[] = [];
    for (const summary of candidates) {
      const indexed = index.get(summary.id);
      // An article the index does not hold as listed (being written just now) is read and scanned.
      if (!indexed || indexed.text.length !== summary.length) {
        unindexed.push(summary);
        hits.push(summary);
        continue;
      }
      const found = matching.get(summary.id);
      if (!found) continue;
      const snippet = found.text.first ? snippetAround(indexed.text, found.text.first) : null;
      hits.push({ id: summary.id, title: indexed.title, status: summary.status, inTitle: found.title.count > 0, count: found.text.count, snippet });
    }
    if (unindexed.length === 0) return { hits: hits as SearchHit[], searched: candidates.length };
    const scanned = new Map((await this.scan(unindexed, query)).map((hit) => [hit.id, hit]));
    const ordered = hits.flatMap((hit) => ('inTitle' in hit ? [hit] : scanned.has(hit.id) ? [scanned.get(hit.id)!] : []));
    return { hits: ordered, searched: candidates.length };
  }

  /**
   * One page of what `search` answers, with the number of matching documents in all: which ones
   * match is found from the index's postings (articlesMatching in storyIndexSearch.ts), and hits,
   * counts and snippets are built only for the page's, so that a query matching the whole
   * library answers its first screen at once. The pages of a search, put together, are its
   * unpaged answer.
   */
  private async page(candidates: readonly DocumentSummary[], query: string, offset: number, limit: number): Promise<SearchResults> {
    const searched = candidates.length;
    if (query === '') {
      const hits = candidates.slice(offset, offset + limit).map(filterOnlyHit);
      return { hits, searched, total: searched };
    }
    const index = this.index?.current ?? null;
    const preparedNow = index?.prepareSearch(query) ?? null;
    if (index === null || preparedNow === null) {
      const hits = await this.scan(candidates, query);
      return { hits: hits.slice(offset, offset + limit), searched, total: hits.length };
    }
    // Which candidates match, and which the index does not hold as listed (being written just now: those are read and scanned).
    const classify = (current: StoryIndex, prepared = current.prepareSearch(query)!) => {
      const matches = current.matcher(prepared);
      const rows: DocumentSummary[] = [];
      const unindexed: DocumentSummary[] = [];
      for (const summary of candidates) {
        const match = matches(summary.id, summary.length);
        if (match === null) unindexed.push(summary);
        if (match !== false) rows.push(summary);
      }
      return { prepared, rows, unindexed };
    };
    let { prepared, rows, unindexed } = classify(index, preparedNow);
    const scanned = new Map<string, SearchHit>();
    if (unindexed.length > 0) {
      for (const hit of await this.scan(unindexed, query)) scanned.set(hit.id, hit);
      // Classified again after the reads, as the index is now (it may have changed meanwhile).
      ({ prepared, rows, unindexed } = classify(index));
      const unscanned = new Set(unindexed.filter((summary) => !scanned.has(summary.id)).map((summary) => summary.id));
      rows = rows.filter((summary) => !unscanned.has(summary.id));
    }
    const hits = rows.slice(offset, offset + limit).map((summary): SearchHit => {
      const kept = scanned.get(summary.id);
      if (kept && !holdsAsListed(index, summary)) return kept;
      const indexed = index.get(summary.id)!;
      const found = index.occurrences(prepared, summary.id)!;
      const snippet = found.text.first ? snippetAround(indexed.text, found.text.first) : null;
      return { id: summary.id, title: indexed.title, status: summary.status, inTitle: found.title.count > 0, count: found.text.count, snippet };
    });
    return { hits, searched, total: rows.length };
  }

  /** The hits among `checked`, read and searched text by text, in their order. */
  private async scan(checked: readonly DocumentSummary[], query: string): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
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
    return hits;
  }
}

/** Whether the index holds an article as the library lists it (not while it is being written, nor under a reused id). */
function holdsAsListed(index: StoryIndex, summary: DocumentSummary): boolean {
  const indexed = index.get(summary.id);
  return indexed !== undefined && indexed.text.length === summary.length;
}

/** The hit of an article a search with no query lists (it passed the filter; nothing to count or show). */
function filterOnlyHit(summary: DocumentSummary): SearchHit {
  return { id: summary.id, title: summary.title, status: summary.status, inTitle: false, count: 0, snippet: null };
}
