import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentFilter } from '../../../shared/librarySearch';
import type { DocumentSummary, LabelDefinition } from '../../../shared/model';
import { STATUS_NAMES } from '../../../shared/model';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { noteListScroll, noteOwnListScroll } from '../ui/listScroll';
import { useLabels } from '../ui/useLabels';
import { LibraryFilterBar } from './LibraryFilterBar';
import { labelClass } from '../ui/labelStyles';
import { useLibrarySearch } from '../ui/useLibrarySearch';
import { isFiltering, type SearchHit } from '../../../shared/librarySearch';

/**
 * Every row has a fixed height (styles.css: one line of title, cut with an ellipsis and shown
 * whole in its tooltip, and one line of chips; a search hit's row two lines more), so the list's
 * layout is arithmetic: nothing is measured as it scrolls, and a library of 100,000 articles
 * costs no more per frame than one of 100. Measuring rows made every newly drawn row's height
 * rewrite the positions of all rows after it, ~100 ms a scroll step at 100,000 articles.
 */
export const ROW_HEIGHT = 62;
export const HIT_ROW_HEIGHT = 98;
/** Row elements are reused by slot (see the rows' keys); at least this many slots. */
const MIN_SLOTS = 64;

/** The search box and filters, drawn again only when what they show changes (not when a row's counts do). */
const FilterBar = memo(LibraryFilterBar);

const NO_SUMMARIES: readonly DocumentSummary[] = [];
const noSummaries = (): readonly DocumentSummary[] => NO_SUMMARIES;

function optionId(documentId: string): string {
  return `document-option-${documentId}`;
}

/**
 * The library: each article's title, status and spans per label, and overall progress; a
 * search box and status and label filters above it. Only the rows on screen are drawn, and the
 * list is fetched by pages (data/documentListPages.ts): the first screen first, the page under
 * the scroll position as it moves, the rest in idle time; a row not fetched yet is drawn as a
 * placeholder. The totals and progress come with every page. Search and filters look through
 * the rows fetched so far (every row, moments after the start). The list is one tab stop (a
 * listbox): ↑/↓, Home/End and Page Up/Down move through it, Enter opens the article. Its
 * counts follow the library after the paint, never delaying a highlight.
 */
export function DocumentList() {
  const { client, services, session } = useWorkbench();
  const list = useLibrarySlice(client, 'summaries', client.getList);
  const labels = useLabels();
  // At once: opening an article is a click here, and the list says which is open (never on a labelling's path).
  const currentId = useSessionState(session, (state) => state.documentId);
  const onOpen = useCallback((documentId: string) => session.dispatch({ type: 'openDocument', documentId }), [session]);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<DocumentFilter>({ statuses: [], labels: [] });
  // The fetched rows as one array (the 100,000 slots gone through again for each page fetched)
  // only while a search or filter needs them: an unnarrowed list draws its rows by index.
  const summaries = useLibrarySlice(client, 'summaries', query.trim() !== '' || isFiltering(filter) ? client.getSummaries : noSummaries);
  const search = useLibrarySearch(services, summaries, query, filter);
  const narrowed = search.narrowed;
  const count = narrowed ? search.count : list.total;
  const summaryAt = (index: number): DocumentSummary | undefined => (narrowed ? search.rows[index]?.summary : list.rows[index]);
  const hitAt = (index: number): SearchHit | null => (narrowed ? (search.rows[index]?.hit ?? null) : null);
  const indexOf = (id: string | null): number =>
    id === null ? -1 : narrowed ? search.rows.findIndex((row) => row.summary.id === id) : list.rows.findIndex((row) => row?.id === id);
  const done = list.statusCounts.done + list.statusCounts.skipped;
  // The rows a search or filter shows; null when nothing narrows the list (then a page fetched
  // in idle time changes nothing here: the 100,000 rows' layout is not computed again).
  const narrowedRows = narrowed ? search.rows : null;
  // n and p (session/commands.ts) follow the list as narrowed here.
  useEffect(() => session.dispatch({ type: 'listOrder', ids: narrowedRows ? narrowedRows.map((row) => row.summary.id) : null }), [session, narrowedRows]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (hitAt(index) ? HIT_ROW_HEIGHT : ROW_HEIGHT),
    // The virtualizer lays out every row again whenever this function changes: only when the
    // rows shown change (another search answer), never on a render or a scroll.
    getItemKey: useCallback((index: number) => index, [narrowedRows]),
    // Rows have a fixed height, so none is measured: two rows either side are enough for a key
    // press or a wheel notch, and every row fewer is less to draw when the list jumps.
    overscan: 2,
  });

  // While the user scrolls the list, opening another article waits (ui/listScroll.ts).
  useEffect(() => {
    const element = scroller.current;
    element?.addEventListener('scroll', noteListScroll, { passive: true });
    return () => element?.removeEventListener('scroll', noteListScroll);
  }, []);

  // The row the keyboard is on; it follows the open article.
  const [activeId, setActiveId] = useState<string | null>(currentId);
  const currentIndex = indexOf(currentId);
  useEffect(() => {
    if (!currentId) return;
    setActiveId(currentId);
    if (currentIndex >= 0) {
      noteOwnListScroll();
      virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
    }
    // Only when the open article changes: scrolling by hand must not be undone.
  }, [currentId]);
  const activeIndex = Math.max(0, indexOf(activeId));
  const active = summaryAt(activeIndex);
  const items = virtualizer.getVirtualItems();
  const slots = Math.max(MIN_SLOTS, items.length);
  // The rows on screen are fetched first, ahead of the idle-time fetching of the rest.
  const firstDrawn = items[0]?.index ?? 0;
  const lastDrawn = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (!narrowed && lastDrawn >= 0) client.ensureRows(firstDrawn, lastDrawn);
  }, [client, narrowed, firstDrawn, lastDrawn, list]);
  // Only a drawn row can be pointed at; the keys scroll the active row back into view.
  const activeDrawn = active !== undefined && items.some((item) => item.index === activeIndex);

  const moveTo = (index: number) => {
    const at = Math.min(count - 1, Math.max(0, index));
    const row = summaryAt(at);
    if (!row) return;
    setActiveId(row.id);
    noteOwnListScroll();
    virtualizer.scrollToIndex(at, { align: 'auto' });
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    if (event.key === 'ArrowDown') moveTo(activeIndex + 1);
    else if (event.key === 'ArrowUp') moveTo(activeIndex - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'PageDown') moveTo(activeIndex + page);
    else if (event.key === 'PageUp') moveTo(activeIndex - page);
    else if ((event.key === 'Enter' || event.key === ' ') && active) onOpen(active.id);
    else return;
    event.preventDefault();
    // These keys mean something else to the window (Enter, Space); here they belong to the list.
    event.stopPropagation();
  };

  return (
    <nav className="document-list" aria-label="Articles">
      <div className="document-list-header">
        <h2>Articles</h2>
        <div className="progress" aria-label={`${done} of ${list.total} articles done or skipped`}>
          <progress max={Math.max(list.total, 1)} value={done} />
          <span>
            {done} / {list.total} done
          </span>
        </div>
        <FilterBar
          query={query}
          onQueryChange={setQuery}
          filter={filter}
          onFilterChange={setFilter}
          labels={labels}
          summary={
            search.error
              ? `Search failed: ${search.error}`
              : search.searching
                ? 'Searching…'
                : narrowed
                  ? `${count} of ${list.total} articles${list.complete ? '' : ` (of ${summaries.length} fetched so far)`}`
                  : ''
          }
        />
      </div>
      <div
        ref={scroller}
        className="document-scroll"
        role="listbox"
        aria-label="Articles"
        tabIndex={0}
        aria-activedescendant={activeDrawn ? optionId(active.id) : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="document-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const summary = summaryAt(item.index);
            // Keyed by slot (the index modulo the rows drawn, so no two drawn rows share one): a
            // row that scrolls out hands its elements to the one that scrolls in, and a jump
            // rewrites the text of the rows drawn instead of building every row anew.
            const slot = item.index % slots;
            if (!summary) return <UnfetchedRow key={`unfetched-${slot}`} index={item.index} count={count} top={item.start} />;
            return (
              <DocumentRow
                key={slot}
                summary={summary}
                hit={hitAt(item.index)}
                labels={labels}
                current={summary.id === currentId}
                active={summary === active}
                index={item.index}
                count={count}
                top={item.start}
                onOpen={onOpen}
              />
            );
          })}
        </div>
        {count === 0 && !search.searching && <p className="document-list-empty">{narrowed ? 'No article matches.' : 'No articles.'}</p>}
      </div>
    </nav>
  );
}

/** A row whose page is not fetched yet: its place in the list, drawn as it will be once the page comes. */
function UnfetchedRow({ index, count, top }: { index: number; count: number; top: number }) {
  return (
    <div
      role="option"
      aria-selected={false}
      aria-busy="true"
      aria-posinset={index + 1}
      aria-setsize={count}
      data-index={index}
      className="document-item unfetched"
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className="document-title">…</span>
    </div>
  );
}

interface DocumentRowProps {
  summary: DocumentSummary;
  hit: SearchHit | null;
  labels: readonly LabelDefinition[];
  current: boolean;
  active: boolean;
  index: number;
  count: number;
  top: number;
  onOpen(id: string): void;
}

/** One row; drawn again only when what it shows changes, not on every scroll. */
const DocumentRow = memo(function DocumentRow({ summary, hit, labels, current, active, index, count, top, onOpen }: DocumentRowProps) {
  return (
    <div
      id={optionId(summary.id)}
      role="option"
      aria-selected={current}
      aria-current={current ? 'true' : undefined}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-index={index}
      data-document-id={summary.id}
      className={`document-item${current ? ' current' : ''}${active ? ' active' : ''}${hit ? ' with-hit' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(summary.id)}
    >
      <span className="document-title" title={summary.title}>
        {summary.title}
      </span>
      <span className="document-meta">
        <span className={`status-badge status-${summary.status}`}>{STATUS_NAMES[summary.status]}</span>
        {/* Labels with no span in the article show no chip. */}
        {labels.filter((label) => (summary.counts[label.name] ?? 0) > 0).map((label) => (
          <span key={label.name} className={`count-chip ${labelClass(labels, label.name)}`} data-label={label.name} title={`${label.name}: ${summary.counts[label.name] ?? 0}`}>
            {label.name} {summary.counts[label.name] ?? 0}
          </span>
        ))}
      </span>
      {hit && (
        <span className="search-hit">
          <span className="search-count">{hit.count === 0 ? 'title matches' : hit.count === 1 ? '1 match' : `${hit.count} matches`}</span>
          {hit.snippet && (
            <span className="search-snippet">
              {hit.snippet.text.slice(0, hit.snippet.matchStart)}
              <mark>{hit.snippet.text.slice(hit.snippet.matchStart, hit.snippet.matchEnd)}</mark>
              {hit.snippet.text.slice(hit.snippet.matchEnd)}
            </span>
          )}
        </span>
      )}
    </div>
  );
});
