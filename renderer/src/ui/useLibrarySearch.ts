import { useEffect, useMemo, useRef, useState } from 'react';
import { FIRST_SCREEN_HITS, isFiltering, passesFilter, type DocumentFilter, type SearchHit } from '../../../shared/librarySearch';
import type { DocumentSummary } from '../../../shared/model';
import type { LibraryServices } from '../data/libraryServices';

/** Typing pauses this long before the library is searched. */
const SEARCH_DELAY_MS = 150;
/** Hits asked for at a time after the first screen, one request after another while nothing newer is typed. */
const LATER_PAGE = 2_000;

/** One search at a time: a search of a big library reads every article, and typing must not pile them up. */
interface SearchQueue {
  running: boolean;
  /** The newest search asked for while one ran; older waiting ones are dropped. */
  next: (() => Promise<void>) | null;
}

function runAfterCurrent(queue: SearchQueue, search: () => Promise<void>): void {
  if (queue.running) {
    queue.next = search;
    return;
  }
  queue.running = true;
  void search().finally(() => {
    queue.running = false;
    const next = queue.next;
    queue.next = null;
    if (next) runAfterCurrent(queue, next);
  });
}

export interface ListRow {
  summary: DocumentSummary;
  /** Why the row matched the query; null without a query. */
  hit: SearchHit | null;
}

export interface LibrarySearchState {
  /** The rows passing the query and filter, among the rows fetched so far; empty when nothing narrows the list. */
  rows: ListRow[];
  /** How many rows the narrowed list has: `rows`, then the hits of the query not fetched yet (which follow them in library order). */
  count: number;
  /** A query is being answered (the rows shown are the previous answer's). */
  searching: boolean;
  error: string | null;
  /** Whether anything narrows the list. */
  narrowed: boolean;
}

/**
 * The rows of the document list for a query and a filter. The filter alone is applied here, to
 * the summaries as shown (unsaved changes included), at once; a query is answered by the main
 * process (LibraryServices.searchDocuments), which reads the texts, and its hits are then filtered the same way.
 */
export function useLibrarySearch(services: LibraryServices, summaries: readonly DocumentSummary[], query: string, filter: DocumentFilter): LibrarySearchState {
  const trimmed = query.trim();
  // The hits fetched so far (pages from the first, in library order) and how many there are in all.
  const [answer, setAnswer] = useState<{ query: string; filterKey: string; hits: Map<string, SearchHit>; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filterKey = JSON.stringify(filter);
  const queue = useRef<SearchQueue>({ running: false, next: null });

  useEffect(() => {
    if (trimmed === '') {
      setAnswer(null);
      setError(null);
      return;
    }
    let stale = false;
    // The first screen of hits, then the rest page by page in the queue, until a newer search comes.
    const search = async (offset: number) => {
      // Typed on meanwhile: a newer search is waiting to go.
      if (stale) return;
      const result = await services.searchDocuments(trimmed, filter, offset, offset === 0 ? FIRST_SCREEN_HITS : LATER_PAGE);
      if (stale) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      const { hits, total } = result.value;
      setAnswer((previous) => {
        const kept = offset > 0 && previous?.query === trimmed && previous.filterKey === filterKey ? [...previous.hits] : [];
        return { query: trimmed, filterKey, hits: new Map([...kept, ...hits.map((hit): [string, SearchHit] => [hit.id, hit])]), total };
      });
      if (hits.length > 0 && offset + hits.length < total) runAfterCurrent(queue.current, () => search(offset + hits.length));
    };
    const timer = setTimeout(() => runAfterCurrent(queue.current, () => search(0)), SEARCH_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // filterKey stands for filter (a new object each render).
  }, [services, trimmed, filterKey]);

  const narrowed = trimmed !== '' || isFiltering(filter);
  const rows = useMemo(() => {
    // Nothing narrows the list: the list shows the client's rows by index, as they are fetched.
    if (!narrowed) return [];
    const passing = summaries.filter((summary) => passesFilter(summary, filter));
    if (trimmed === '') return passing.map((summary): ListRow => ({ summary, hit: null }));
    if (!answer) return [];
    return passing.flatMap((summary): ListRow[] => {
      const hit = answer.hits.get(summary.id);
      return hit ? [{ summary, hit }] : [];
    });
    // filterKey stands for filter (a new object each render).
  }, [summaries, filterKey, trimmed, answer, narrowed]);

  const searching = trimmed !== '' && (answer === null || answer.query !== trimmed || answer.filterKey !== filterKey) && error === null;
  const unfetched = trimmed !== '' && answer !== null ? Math.max(0, answer.total - answer.hits.size) : 0;
  return { rows, count: rows.length + unfetched, searching, error, narrowed };
}
