import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentFilter } from '../../../shared/librarySearch';
import type { LabelDefinition } from '../../../shared/model';
import { STATUS_NAMES } from '../../../shared/model';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { useLabels } from '../ui/useLabels';
import { LibraryFilterBar } from './LibraryFilterBar';
import { labelClass } from '../ui/labelStyles';
import { useLibrarySearch, type ListRow } from '../ui/useLibrarySearch';

/** A row's height before it is measured: a one-line title and its chips. */
const ESTIMATED_ROW_HEIGHT = 62;

function optionId(documentId: string): string {
  return `document-option-${documentId}`;
}

/**
 * The library: each article's title, status and spans per label, and overall progress; a
 * search box and status and label filters above it. Only the rows on screen are drawn, so a
 * library of 10,000 articles scrolls as lightly as one of ten. The list is one tab stop (a
 * listbox): ↑/↓, Home/End and Page Up/Down move through it, Enter opens the article. Its
 * counts follow the library after the paint, never delaying a highlight.
 */
export function DocumentList() {
  const { client, services, session } = useWorkbench();
  const summaries = useLibrarySlice(client, 'summaries', client.getSummaries);
  const labels = useLabels();
  // At once: opening an article is a click here, and the list says which is open (never on a labelling's path).
  const currentId = useSessionState(session, (state) => state.documentId);
  const onOpen = useCallback((documentId: string) => session.dispatch({ type: 'openDocument', documentId }), [session]);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<DocumentFilter>({ statuses: [], labels: [] });
  const search = useLibrarySearch(services, summaries, query, filter);
  const rows = search.rows;
  // n and p (session/commands.ts) follow the list as narrowed here.
  useEffect(() => session.dispatch({ type: 'listOrder', ids: search.narrowed ? rows.map((row) => row.summary.id) : null }), [session, rows, search.narrowed]);
  const done = summaries.filter((summary) => summary.status === 'done' || summary.status === 'skipped').length;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.summary.id,
    overscan: 6,
  });

  // The row the keyboard is on; it follows the open article.
  const [activeId, setActiveId] = useState<string | null>(currentId);
  const currentIndex = rows.findIndex((row) => row.summary.id === currentId);
  useEffect(() => {
    if (!currentId) return;
    setActiveId(currentId);
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
    // Only when the open article changes: scrolling by hand must not be undone.
  }, [currentId]);
  const activeIndex = Math.max(
    0,
    rows.findIndex((row) => row.summary.id === activeId),
  );
  const active = rows[activeIndex];
  const items = virtualizer.getVirtualItems();
  // Only a drawn row can be pointed at; the keys scroll the active row back into view.
  const activeDrawn = active !== undefined && items.some((item) => item.index === activeIndex);

  const moveTo = (index: number) => {
    const row = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!row) return;
    setActiveId(row.summary.id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ESTIMATED_ROW_HEIGHT) - 1);
    if (event.key === 'ArrowDown') moveTo(activeIndex + 1);
    else if (event.key === 'ArrowUp') moveTo(activeIndex - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(rows.length - 1);
    else if (event.key === 'PageDown') moveTo(activeIndex + page);
    else if (event.key === 'PageUp') moveTo(activeIndex - page);
    else if ((event.key === 'Enter' || event.key === ' ') && active) onOpen(active.summary.id);
    else return;
    event.preventDefault();
    // These keys mean something else to the window (Enter, Space); here they belong to the list.
    event.stopPropagation();
  };

  return (
    <nav className="document-list" aria-label="Articles">
      <div className="document-list-header">
        <h2>Articles</h2>
        <div className="progress" aria-label={`${done} of ${summaries.length} articles done or skipped`}>
          <progress max={Math.max(summaries.length, 1)} value={done} />
          <span>
            {done} / {summaries.length} done
          </span>
        </div>
        <LibraryFilterBar
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
                : search.narrowed
                  ? `${rows.length} of ${summaries.length} articles`
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
        aria-activedescendant={activeDrawn ? optionId(active.summary.id) : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="document-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <DocumentRow
                key={item.key}
                row={row}
                labels={labels}
                current={row.summary.id === currentId}
                active={row === active}
                index={item.index}
                count={rows.length}
                top={item.start}
                measure={virtualizer.measureElement}
                onOpen={onOpen}
              />
            );
          })}
        </div>
        {rows.length === 0 && !search.searching && <p className="document-list-empty">{search.narrowed ? 'No article matches.' : 'No articles.'}</p>}
      </div>
    </nav>
  );
}

interface DocumentRowProps {
  row: ListRow;
  labels: readonly LabelDefinition[];
  current: boolean;
  active: boolean;
  index: number;
  count: number;
  top: number;
  measure(element: Element | null): void;
  onOpen(id: string): void;
}

/** One row; drawn again only when what it shows changes, not on every scroll. */
const DocumentRow = memo(function DocumentRow({ row, labels, current, active, index, count, top, measure, onOpen }: DocumentRowProps) {
  const { summary, hit } = row;
  return (
    <div
      ref={measure}
      id={optionId(summary.id)}
      role="option"
      aria-selected={current}
      aria-current={current ? 'true' : undefined}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-index={index}
      data-document-id={summary.id}
      className={`document-item${current ? ' current' : ''}${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(summary.id)}
    >
      <span className="document-title">{summary.title}</span>
      <span className="document-meta">
        <span className={`status-badge status-${summary.status}`}>{STATUS_NAMES[summary.status]}</span>
        {labels.map((label) => (
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
