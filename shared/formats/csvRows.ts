import { stringify } from 'csv-stringify/sync';
import type { ExportRecord } from '../exportRecord';

/**
 * CSV, one row per span, for spreadsheets: RFC 4180 quoting (csv-stringify) with CRLF line
 * ends. A cell holding a comma, a double quote or any line break (CR, LF or both) is quoted,
 * so a span across paragraphs stays one cell. A text cell that a spreadsheet would run as a
 * formula (= + - @ after any leading white space or line breaks, or a tab or carriage return
 * first) is prefixed with an apostrophe, as OWASP advises; numbers stay numbers.
 */

export const CSV_COLUMNS = ['document_id', 'document_title', 'span_id', 'label', 'start', 'end', 'text', 'speaker', 'note', 'annotator', 'linked_span_ids'] as const;

// Spreadsheets skip leading white space and line breaks before they look for a formula.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/** A cell made safe from formula injection: prefixed with an apostrophe when it could be one. */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvLine(cells: readonly (string | number)[]): string {
  // csv-stringify quotes a cell holding the record delimiter (CRLF), not a bare CR or LF:
  // quoted_match quotes those too, as RFC 4180 asks and as every reader splits rows on them.
  return stringify([cells.map((cell) => (typeof cell === 'string' ? safeCell(cell) : cell))], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

/** The header row, with its line end. */
export function csvHeader(): string {
  return csvLine(CSV_COLUMNS);
}

/**
 * The rows of one document's spans, each with its line end. `linked_span_ids` lists the ids of
 * the spans linked to a span in either direction, separated by spaces.
 */
export function csvRowsFrom(record: ExportRecord): string {
  const linked = new Map<string, string[]>();
  const link = (from: string, to: string) => linked.set(from, [...(linked.get(from) ?? []), to]);
  for (const relation of record.relations) {
    link(relation.head_id, relation.child_id);
    link(relation.child_id, relation.head_id);
  }
  return record.spans
    .map((span) =>
      csvLine([record.id, record.meta.title, span.id, span.label, span.start, span.end, span.text, span.speaker ?? '', span.note ?? '', span.annotator, (linked.get(span.id) ?? []).join(' ')]),
    )
    .join('');
}
