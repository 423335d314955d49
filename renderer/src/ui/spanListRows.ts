import type { LabelDefinition, Span } from '../../../shared/model';

/** One row of the span list: a label's heading (with its count) or one of its spans. */
export type SpanListRow = { kind: 'group'; label: string; count: number } | { kind: 'span'; label: string; span: Span };

/** The rows in order: each label of the settings, then labels only the spans use, each followed by its spans in the spans' order. */
export function spanListRows(spans: readonly Span[], labels: readonly LabelDefinition[]): SpanListRow[] {
  const byLabel = new Map<string, Span[]>();
  for (const label of labels) byLabel.set(label.name, []);
  for (const span of spans) {
    const group = byLabel.get(span.label);
    if (group) group.push(span);
    else byLabel.set(span.label, [span]);
  }
  const rows: SpanListRow[] = [];
  for (const [label, members] of byLabel) {
    rows.push({ kind: 'group', label, count: members.length });
    for (const span of members) rows.push({ kind: 'span', label, span });
  }
  return rows;
}

/** The index of `label`'s heading among the rows, or -1. */
function headingIndex(rows: readonly SpanListRow[], label: string): number {
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.kind === 'group' && row.label === label) return index;
  }
  return -1;
}

/** How many spans of `label` come before index `end` of `spans`. */
function countBefore(spans: readonly Span[], end: number, label: string): number {
  let count = 0;
  for (let index = 0; index < end; index++) if (spans[index]!.label === label) count++;
  return count;
}

/**
 * The rows of `spans`, worked out from the rows of `before` (the list they were made from) where
 * the two lists differ by one span added, removed or changed within its label (a labelling, an
 * undo, a resize): the other rows are kept, not made again. Anything else (several changes, a
 * span changing label, a group appearing or going) is worked out in full. Equal, row for row,
 * to spanListRows(spans, labels).
 */
export function patchSpanListRows(rows: readonly SpanListRow[], before: readonly Span[], spans: readonly Span[], labels: readonly LabelDefinition[]): SpanListRow[] {
  let head = 0;
  const shorter = Math.min(before.length, spans.length);
  while (head < shorter && before[head] === spans[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === spans[spans.length - 1 - tail]) tail++;
  const removed = before.length - head - tail;
  const added = spans.length - head - tail;
  if (removed === 0 && added === 0) return rows as SpanListRow[];
  const inSettings = (label: string) => labels.some((definition) => definition.name === label);
  if (removed + added === 1) {
    const span = (added === 1 ? spans : before)[head]!;
    // A label the settings do not name has a heading only while a span uses it, placed by its
    // first span: a change to one of those is worked out in full.
    if (!inSettings(span.label)) return spanListRows(spans, labels);
    const heading = headingIndex(rows, span.label);
    const group = rows[heading];
    if (!group || group.kind !== 'group') return spanListRows(spans, labels);
    const at = heading + 1 + countBefore(added === 1 ? spans : before, head, span.label);
    const next = rows.slice();
    next[heading] = { kind: 'group', label: span.label, count: group.count + (added === 1 ? 1 : -1) };
    if (added === 1) next.splice(at, 0, { kind: 'span', label: span.label, span });
    else {
      const row = rows[at];
      if (!row || row.kind !== 'span' || row.span !== span) return spanListRows(spans, labels);
      next.splice(at, 1);
    }
    return next;
  }
  if (removed === 1 && added === 1 && before[head]!.label === spans[head]!.label) {
    // One span changed in place (same label, same place in the order): its row only.
    const span = spans[head]!;
    const at = headingIndex(rows, span.label) + 1 + countBefore(spans, head, span.label);
    const row = rows[at];
    if (!row || row.kind !== 'span' || row.span !== before[head]) return spanListRows(spans, labels);
    const next = rows.slice();
    next[at] = { kind: 'span', label: span.label, span };
    return next;
  }
  return spanListRows(spans, labels);
}
