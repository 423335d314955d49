import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { LabelDefinition, Span } from '../../../shared/model';
import { labelClass } from './labelStyles';
import { snippet } from './snippet';

/** One row of the list: a label's heading (with its count) or one of its spans. */
type Row = { kind: 'group'; label: string; count: number } | { kind: 'span'; label: string; span: Span };

/** Heights before a row is measured (px): a heading, and a one-line span. */
const GROUP_HEIGHT = 38;
const SPAN_HEIGHT = 30;

interface SpanListProps {
  spans: readonly Span[];
  text: string;
  labels: readonly LabelDefinition[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
}

/** The rows in order: each label of the settings, then labels only the spans use, each followed by its spans. */
function rowsOf(spans: readonly Span[], labels: readonly LabelDefinition[]): Row[] {
  const byLabel = new Map<string, Span[]>(labels.map((label) => [label.name, []]));
  for (const span of spans) {
    const group = byLabel.get(span.label);
    if (group) group.push(span);
    else byLabel.set(span.label, [span]);
  }
  return [...byLabel].flatMap(([label, members]): Row[] => [{ kind: 'group', label, count: members.length }, ...members.map((span): Row => ({ kind: 'span', label, span }))]);
}

/**
 * The article's spans grouped by label, in their own scrolling list that draws only the rows
 * on screen (an article may hold thousands of spans: a new one must not lay out every row below
 * it). The selected span's row is scrolled into view when the selection changes.
 */
export function SpanList({ spans, text, labels, selectedSpanId, onSelectSpan }: SpanListProps) {
  const rows = useMemo(() => rowsOf(spans, labels), [spans, labels]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]!.kind === 'group' ? GROUP_HEIGHT : SPAN_HEIGHT),
    getItemKey: (index) => {
      const row = rows[index]!;
      return row.kind === 'group' ? `group:${row.label}` : row.span.id;
    },
    overscan: 8,
  });

  const selectedIndex = selectedSpanId ? rows.findIndex((row) => row.kind === 'span' && row.span.id === selectedSpanId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only when the selection changes: scrolling by hand must not be undone.
  }, [selectedSpanId]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div ref={scroller} className="span-list" aria-label="Spans by label">
      <div className="span-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const className = labelClass(labels, row.label);
          return (
            <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="span-list-row" style={{ transform: `translateY(${item.start}px)` }}>
              {row.kind === 'group' ? (
                <div className="span-group" data-label={row.label}>
                  <h3>
                    <span className={`label-name ${className}`}>{row.label}</span> <span className="count">{row.count}</span>
                  </h3>
                </div>
              ) : (
                <SpanRow span={row.span} text={text} labelClassName={className} selected={row.span.id === selectedSpanId} onSelectSpan={onSelectSpan} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface SpanRowProps {
  span: Span;
  text: string;
  labelClassName: string;
  selected: boolean;
  onSelectSpan(spanId: string): void;
}

/** One span in the list; memoised, so a change redraws only the rows it touched. */
const SpanRow = memo(function SpanRow({ span, text, labelClassName, selected, onSelectSpan }: SpanRowProps) {
  return (
    <button type="button" className={`span-item ${labelClassName}${selected ? ' selected' : ''}`} data-span-id={span.id} data-label={span.label} aria-pressed={selected} onClick={() => onSelectSpan(span.id)}>
      {snippet(text.slice(span.start, span.end))}
      {span.speaker && <span className="speaker-tag"> — {span.speaker}</span>}
    </button>
  );
});
