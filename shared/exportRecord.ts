import { z } from 'zod';
import { documentStatusSchema, labelNameSchema, type NewsDocument, type DocumentMeta, type DocumentStatus } from './model';
import { createOffsetConverter, type OffsetUnit } from './offsets';

/** One line of a Newsmark JSONL export (see PRODUCT.md and shared/schema/). */
export interface ExportSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  /** The spanned text: `text[start:end]` in the export's offset unit. */
  text: string;
  speaker?: string;
  note?: string;
  annotator: string;
}

export interface ExportRelation {
  id: string;
  label: string;
  head_id: string;
  child_id: string;
  head_span: { start: number; end: number; label: string };
  child_span: { start: number; end: number; label: string };
}

export interface ExportRecord {
  id: string;
  text: string;
  meta: DocumentMeta;
  status: DocumentStatus;
  annotator: string;
  updated_at: string;
  /** What `start` and `end` count: code points (Python, spaCy, Prodigy) or UTF-16 code units. */
  offset_unit: OffsetUnit;
  spans: ExportSpan[];
  relations: ExportRelation[];
}

export const exportOptionsSchema = z
  .object({
    offsetUnit: z.enum(['codepoint', 'utf16']).default('codepoint'),
    /** Only documents with one of these statuses; all when absent. */
    statuses: z.array(documentStatusSchema).max(4).optional(),
    /** Only spans with one of these labels (and the relations between them); all when absent. */
    labels: z.array(labelNameSchema).max(50).optional(),
  })
  .strict();
export type ExportOptions = z.input<typeof exportOptionsSchema>;
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>;

export function includesDocument(options: ResolvedExportOptions, status: DocumentStatus): boolean {
  return !options.statuses || options.statuses.includes(status);
}

/**
 * The export record for one document. Offsets are converted to `options.offsetUnit`; every
 * span's `text` is the slice it marks. Spans are in reading order.
 */
export function toExportRecord(document: NewsDocument, options: ResolvedExportOptions): ExportRecord {
  const converter = createOffsetConverter(document.text);
  const convert = options.offsetUnit === 'codepoint' ? (offset: number) => converter.toCodePoint(offset) : (offset: number) => offset;
  const labels = options.labels ? new Set(options.labels) : null;
  const spans = labels ? document.spans.filter((span) => labels.has(span.label)) : document.spans;
  const exported = new Map(
    spans.map((span) => {
      const record: ExportSpan = {
        id: span.id,
        start: convert(span.start),
        end: convert(span.end),
        label: span.label,
        text: document.text.slice(span.start, span.end),
        ...(span.speaker !== undefined ? { speaker: span.speaker } : {}),
        ...(span.note !== undefined ? { note: span.note } : {}),
        annotator: span.annotator,
      };
      return [span.id, record] as const;
    }),
  );
  const relations: ExportRelation[] = [];
  for (const relation of document.relations) {
    const head = exported.get(relation.headId);
    const child = exported.get(relation.childId);
    if (!head || !child) continue;
    relations.push({
      id: relation.id,
      label: relation.label,
      head_id: head.id,
      child_id: child.id,
      head_span: { start: head.start, end: head.end, label: head.label },
      child_span: { start: child.start, end: child.end, label: child.label },
    });
  }
  return {
    id: document.id,
    text: document.text,
    meta: document.meta,
    status: document.status,
    annotator: document.annotator,
    updated_at: document.updatedAt,
    offset_unit: options.offsetUnit,
    spans: [...exported.values()],
    relations,
  };
}
