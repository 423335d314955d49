import { memo, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { LabelDefinition, Span } from '../../../shared/model';
import { labelClass } from '../ui/labelStyles';
import { snippet } from '../ui/snippet';
import { rowOffsets, rowsInView, scrollTarget } from '../ui/rowWindow';
import { patchSpanListRows, spanListRows, type SpanListRow } from '../ui/spanListRows';

/** Row heights (px), fixed in SpanPanel.css so that no row is measured: a heading, and a span (one line). */
const GROUP_HEIGHT = 36;
const SPAN_HEIGHT = 30;
/** Rows drawn beyond each edge of the screen: a new selection far down the list replaces every row drawn, so few. */
const OVERSCAN = 1;

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
 * as new objects): the rows and their offsets are then not worked out again.
 */
function useUnchangedSpans(spans: readonly Span[]): readonly Span[] {
  // The list last given is remembered too: the list re-renders as it scrolls,
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
 * Which rows the list draws: those in its screen (its scroll position and height, followed from
 * its scroll events and size) and one more either side. The component renders again only when
 * the screen leaves the rows drawn, not on every scroll event nor when the list shrinks a
 * little (the details above it grow). `scrollTo` moves the screen from the render that calls
 * it, which then draws the rows there; the element follows (see SpanList).
 */
function useRowWindow(scroller: React.RefObject<HTMLDivElement | null>, offsets: Float64Array) {
  const screen = useRef({ top: 0, height: 0 });
  const latestOffsets = useRef(offsets);
  latestOffsets.current = offsets;
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const drawn = useRef({ first: 0, last: -1 });
  drawn.current = rowsInView(offsets, screen.current.top, screen.current.height, OVERSCAN);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const follow = (top: number, height: number) => {
      screen.current = { top, height };
      const needed = rowsInView(latestOffsets.current, top, height, 0);
      const shown = drawn.current;
      if (needed.last >= needed.first && (needed.first < shown.first || needed.last > shown.last)) redraw();
    };
    // Read once at mount; afterwards the scroll events and the size observer say where it is.
    follow(element.scrollTop, element.clientHeight);
    const onScroll = () => follow(element.scrollTop, screen.current.height);
    element.addEventListener('scroll', onScroll, { passive: true });
    // Its height with its padding (rows show there too), read where layout has just been done.
    const sizes = new ResizeObserver(() => follow(screen.current.top, element.clientHeight));
    sizes.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      sizes.disconnect();
    };
  }, [scroller]);

  return {
    screen: () => screen.current,
    drawn: () => drawn.current,
    scrollTo(top: number) {
      screen.current = { ...screen.current, top };
      drawn.current = rowsInView(latestOffsets.current, top, screen.current.height, OVERSCAN);
    },
  };
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
  const offsets = useMemo(() => rowOffsets(rows.map(rowHeight)), [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  const view = useRowWindow(scroller, offsets);

  // A newly selected span's row is brought into view, only if it is out of view. Where the list
  // is scrolled and how tall it is are followed from its events, never read from the element:
  // reading them right after a commit forced a layout of the whole page inside the labelling.
  // The scroll is planned in this render, which draws the rows there; the element is scrolled in
  // the next frame, before that frame's own layout, and its scroll event then finds the rows it
  // would draw already drawn (no second render).
  const selectedIndex = useMemo(() => (selectedSpanId ? rows.findIndex((row) => row.kind === 'span' && row.span.id === selectedSpanId) : -1), [rows, selectedSpanId]);
  const planned = useRef<{ spanId: string | null; target: number | null } | null>(null);
  if (planned.current?.spanId !== selectedSpanId) {
    // Not before the list's height is known (the first render): the effect works it out then.
    const { top, height } = view.screen();
    const target = height > 0 ? scrollTarget(offsets, selectedIndex, top, height) : null;
    planned.current = height > 0 ? { spanId: selectedSpanId, target } : null;
    if (target !== null) view.scrollTo(target);
  }
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Not planned in the render (the first one): worked out now, where the element is known.
    const target =
      planned.current?.spanId === selectedSpanId
        ? planned.current.target
        : scrollTarget(offsets, selectedIndex, element.scrollTop, element.clientHeight);
    if (target === null) return;
    let written = false;
    const frame = requestAnimationFrame(() => {
      written = true;
      element.scrollTop = target;
    });
    return () => {
      cancelAnimationFrame(frame);
      // The render drew the rows there: the list goes there.
      if (!written) element.scrollTop = target;
    };
    // Only when the selection changes: scrolling by hand must not be undone.
  }, [selectedSpanId]);

  const { first, last } = view.drawn();
  const drawnRows: React.ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    const row = rows[index]!;
    const className = labelClass(labels, row.label);
    const top = offsets[index]!;
    // One element a row, placed by its own transform: a jump of the list replaces ~25 rows.
    drawnRows.push(
      row.kind === 'group' ? (
        <div key={`group:${row.label}`} className="span-list-row group span-group" data-label={row.label} style={{ transform: `translateY(${top}px)` }}>
          <h3>
            <span className={`label-name ${className}`}>{row.label}</span> <span className="count">{row.count}</span>
          </h3>
        </div>
      ) : (
        <SpanRow key={row.span.id} span={row.span} text={text} labelClassName={className} top={top} selected={row.span.id === selectedSpanId} onSelectSpan={onSelectSpan} />
      ),
    );
  }
  return (
    <div ref={scroller} className="span-list" aria-label="Spans by label">
      <div className="span-list-inner" style={{ height: offsets[offsets.length - 1] }}>
        {drawnRows}
      </div>
    </div>
  );
});

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
  // The tooltip's text, and the row's cut from it (one pass over the span's text, not two).
  const whole = snippet(text.slice(span.start, span.end), 600);
  return (
    <button
      type="button"
      className={`span-list-row span span-item ${labelClassName}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-span-id={span.id}
      data-label={span.label}
      aria-pressed={selected}
      title={whole}
      onClick={() => onSelectSpan(span.id)}
    >
      {snippet(whole)}
      {span.speaker && <span className="speaker-tag"> — {span.speaker}</span>}
    </button>
  );
});
