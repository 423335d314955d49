import type { LibrarySearch, SearchHit, SearchResults } from '../../shared/librarySearch';
import { passesFilter } from '../../shared/librarySearch';
import { findMatches, snippetAround } from '../../shared/textSearch';
import type { LibraryStore } from '../store/libraryStore';

/**
 * Finds the documents whose title or text contains `query` (ignoring case and accents, see
 * textSearch.ts) among those that pass the status and label filter, in library order. The
 * filter alone reads only the index; a query reads each filtered document's file once.
 */
export async function searchLibrary(store: LibraryStore, search: LibrarySearch): Promise<SearchResults> {
  const candidates = store.listDocuments().filter((summary) => passesFilter(summary, search));
  const query = search.query.trim();
  if (query === '') {
    const hits = candidates.map((summary): SearchHit => ({ id: summary.id, title: summary.title, status: summary.status, inTitle: false, count: 0, snippet: null }));
    return { hits, searched: candidates.length };
  }
  const hits: SearchHit[] = [];
  for (const summary of candidates) {
    const document = await store.getDocument(summary.id);
    // A document that vanished or was found damaged meanwhile is reported through the notices.
    if (!document) continue;
    const matches = findMatches(document.text, query);
    const inTitle = findMatches(document.meta.title, query, 1).length > 0;
    if (matches.length === 0 && !inTitle) continue;
    hits.push({
      id: document.id,
      title: document.meta.title,
      status: document.status,
      inTitle,
      count: matches.length,
      snippet: matches[0] ? snippetAround(document.text, matches[0]) : null,
    });
  }
  return { hits, searched: candidates.length };
}
