import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { LabelDefinition, Span } from '../../../shared/model';
import { labelClass } from '../ui/labelStyles';
import { snippet } from '../ui/snippet';
import { patchSpanListRows, spanListRows, type SpanListRow } from '../ui/spanListRows';

/** Row heights (px), fixed in SpanPanel.css so that no row is measured: a heading, and a span (one line). */
const GROUP_HEIGHT = 36;
const SPAN_HEIGHT = 30;

interface SpanListProps {
  spans: readonly Span[];
  text: string;
  labels: readonly LabelDefinition[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
}

/** What a row shows of a span; a list equal in these, in order, draws the same rows. */
function sameRows(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((span, index) => {
    const other = b[index]!;
    return span === other || (span.id === other.id && span.start === other.start && span.end === other.end && span.label === other.label && span.speaker === other.speaker);
  });
}

/**
 * The previous span list while the new one draws the same rows (a save hands back equal spans
 * as new objects): the rows and the virtualiser's measurements are then not worked out again.
 */
function useUnchangedSpans(spans: readonly Span[]): readonly Span[] {
  // The list last given is remembered too: the virtualiser re-renders this list as it scrolls,
  // and a list compared once is not compared again on each of those renders.
  const kept = useRef({ given: spans, shown: spans });
  if (kept.current.given !== spans) kept.current = { given: spans, shown: sameRows(kept.current.shown, spans) ? kept.current.shown : spans };
  return kept.current.shown;
}

/**
 * The rows of the spans shown, patched from the last ones for a change of one span (a labelling
 * adds one row to 2,000), worked out in full otherwise (see patchSpanListRows).
 */
function useRows(spans: readonly Span[], labels: readonly LabelDefinition[]): SpanListRow[] {
  const kept = useRef<{ spans: readonly Span[]; labels: readonly LabelDefinition[]; rows: SpanListRow[] } | null>(null);
  const last = kept.current;
  if (last?.spans === spans && last.labels === labels) return last.rows;
  const rows = last && last.labels === labels ? patchSpanListRows(last.rows, last.spans, spans, labels) : spanListRows(spans, labels);
  kept.current = { spans, labels, rows };
  return rows;
}

/**
 * The article's spans grouped by label, in their own scrolling list that draws only the rows
 * on screen (an article may hold thousands of spans: a new one must not lay out every row below
 * it). Each span is one line of fixed height (its whole text in the details and the tooltip), so
 * no row is ever measured. The selected span's row is scrolled into view when the selection changes.
 * Memoised: a render of the panel that changes nothing here (a note typed) costs nothing here.
 */
export const SpanList = memo(function SpanList({ spans: given, text, labels, selectedSpanId, onSelectSpan }: SpanListProps) {
  const spans = useUnchangedSpans(given);
  const rows = useRows(spans, labels);
  const scroller = useRef<HTMLDivElement>(null);
  // Stable while the rows are: the virtualiser works out every row's place again (a pass over
  // thousands of rows) whenever its key function changes, so not on every render.
  const estimateSize = useCallback((index: number) => rowHeight(rows[index]!), [rows]);
  const getItemKey = useCallback(
    (index: number) => {
      const row = rows[index]!;
      return row.kind === 'group' ? `group:${row.label}` : row.span.id;
    },
    [rows],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    // A few rows beyond each edge: a new selection far down the list replaces every row drawn.
    overscan: 3,
    // Scrolling re-renders in the next frame, not synchronously inside the scroll event.
    useFlushSync: false,
  });

  // A newly selected span's row is brought into view, only if it is out of view. Where the list
  // is scrolled and how tall it is come from the virtualiser (it follows the scroller's scroll
  // events and size), never from the element: reading them right after a commit forced a layout
  // of the whole page inside the labelling. The scroll is planned in this render: the
  // virtualiser is told the new offset first, so this render already draws the rows there, and
  // the scroll event that follows finds it where it was told (its "spurious" event, no second
  // render of the list). The scroll itself is written in the next frame, before that frame's own
  // layout. The virtualiser's own scrollToIndex re-measures over several frames, dear on every
  // labelling.
  const selectedIndex = useMemo(() => (selectedSpanId ? rows.findIndex((row) => row.kind === 'span' && row.span.id === selectedSpanId) : -1), [rows, selectedSpanId]);
  const planned = useRef<{ spanId: string | null; target: number | null } | null>(null);
  if (planned.current?.spanId !== selectedSpanId) {
    const top = virtualizer.scrollOffset;
    const height = virtualizer.scrollRect?.height ?? 0;
    // Not before the virtualiser has followed the scroller (the first render): the effect works it out then.
    planned.current = virtualizer.scrollElement && top !== null && height > 0 ? { spanId: selectedSpanId, target: scrollTarget(rows, selectedIndex, top, height) } : null;
    if (planned.current?.target != null) virtualizer.scrollOffset = planned.current.target;
  }
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Not planned in the render (the first one): worked out now, where the element is known.
    const target =
      planned.current?.spanId === selectedSpanId
        ? planned.current.target
        : scrollTarget(rows, selectedIndex, virtualizer.scrollOffset ?? element.scrollTop, virtualizer.scrollRect?.height ?? element.clientHeight);
    if (target === null) return;
    const scrollTop = target;
    let written = false;
    const frame = requestAnimationFrame(() => {
      written = true;
      element.scrollTop = scrollTop;
    });
    return () => {
      cancelAnimationFrame(frame);
      // The virtualiser was told of this scroll (and the next render drew from there): the list goes there.
      if (!written) element.scrollTop = scrollTop;
    };
    // Only when the selection changes: scrolling by hand must not be undone.
  }, [selectedSpanId]);

  return (
    <div ref={scroller} className="span-list" aria-label="Spans by label">
      <div className="span-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const className = labelClass(labels, row.label);
          // One element a row, placed by its own transform: a jump of the list replaces ~25 rows.
          return row.kind === 'group' ? (
            <div key={item.key} className="span-list-row group span-group" data-label={row.label} style={{ transform: `translateY(${item.start}px)` }}>
              <h3>
                <span className={`label-name ${className}`}>{row.label}</span> <span className="count">{row.count}</span>
              </h3>
            </div>
          ) : (
            <SpanRow key={item.key} span={row.span} text={text} labelClassName={className} top={item.start} selected={row.span.id === selectedSpanId} onSelectSpan={onSelectSpan} />
          );
        })}
      </div>
    </div>
  );
});

/**
 * Where the list must be scrolled so that row `index` shows in a screen of `height` px scrolled
 * to `top`: its top edge if it is above, its bottom edge if below; null if it shows (or there
 * is no such row). Rows have fixed heights, so this adds them up rather than measure anything.
 */
function scrollTarget(rows: readonly SpanListRow[], index: number, top: number, height: number): number | null {
  if (index < 0 || index >= rows.length) return null;
  let start = 0;
  for (let row = 0; row < index; row++) start += rowHeight(rows[row]!);
  const end = start + rowHeight(rows[index]!);
  if (start < top) return start;
  if (end > top + height) return Math.ceil(end - height);
  return null;
}

function rowHeight(row: SpanListRow): number {
  return row.kind === 'group' ? GROUP_HEIGHT : SPAN_HEIGHT;
}

interface SpanRowProps {
  span: Span;
  text: string;
  labelClassName: string;
  /** Where the row sits in the list (px from its top). */
  top: number;
  selected: boolean;
  onSelectSpan(spanId: string): void;
}

/** One span in the list; memoised, so a change redraws only the rows it touched. */
const SpanRow = memo(function SpanRow({ span, text, labelClassName, top, selected, onSelectSpan }: SpanRowProps) {
  return (
    <button
      type="button"
      className={`span-list-row span span-item ${labelClassName}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-span-id={span.id}
      data-label={span.label}
      aria-pressed={selected}
      title={snippet(text.slice(span.start, span.end), 600)}
      onClick={() => onSelectSpan(span.id)}
    >
      {snippet(text.slice(span.start, span.end))}
      {span.speaker && <span className="speaker-tag"> — {span.speaker}</span>}
    </button>
  );
});
