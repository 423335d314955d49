import { z } from 'zod';
import { documentStatusSchema, idSchema, labelNameSchema, type DocumentSummary, type NewsDocument, type DocumentMeta, type DocumentStatus } from './model';
import { createOffsetConverter, type OffsetUnit } from './offsets';
import { fail, ok, type Result } from './result';
import { describeSchemaError } from './schemaError';

/** One line of a Newsmark JSONL export (see PRODUCT.md and shared/schema/). */
export interface ExportSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  /** The spanned text: `text[start:end]` in the export's offset unit. */
  text: string;
  /** The canonical speaker (after any rename or merge). */
  speaker?: string;
  /** The speaker as first written, when a rename or merge changed it. */
  speaker_original?: string;
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

/**
 * The export formats: our JSONL, the record formats of Prodigy, doccano (both forms) and Label
 * Studio, W3C Web Annotation (JSON-LD) and CSV (one row per span).
 */
export const EXPORT_FORMATS = ['jsonl', 'prodigy', 'doccano', 'doccano-label', 'label-studio', 'w3c', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats whose offsets are fixed by their tools: code points, whatever `offsetUnit` says. */
export const CODE_POINT_FORMATS: ReadonlySet<ExportFormat> = new Set(['prodigy', 'doccano', 'doccano-label', 'label-studio', 'w3c']);

/** Most documents an export can name one by one. */
const MAX_EXPORT_DOCUMENT_IDS = 20_000;

export const exportOptionsSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('jsonl'),
    /** What offsets count (JSONL and CSV; the other formats always count code points). */
    offsetUnit: z.enum(['codepoint', 'utf16']).default('codepoint'),
    /** Only documents with one of these statuses; all when absent. */
    statuses: z.array(documentStatusSchema).max(4).optional(),
    /** Only spans with one of these labels (and the relations between them); all when absent. */
    labels: z.array(labelNameSchema).max(50).optional(),
    /** Only these documents; all when absent. */
    documentIds: z.array(idSchema).max(MAX_EXPORT_DOCUMENT_IDS).optional(),
    /** CSV only: start with a UTF-8 byte order mark, so spreadsheet programs read UTF-8. */
    csvBom: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.input<typeof exportOptionsSchema>;
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>;

/** Export options as they arrive at a host's edge (IPC or HTTP): resolved, or why they are not. */
export function parseExportOptions(value: unknown): Result<ResolvedExportOptions> {
  const parsed = exportOptionsSchema.safeParse(value ?? {});
  return parsed.success ? ok(parsed.data) : fail('invalid_request', `export: ${describeSchemaError(parsed.error)}`);
}

/** A test for the options' status and document filters: true for a document they let through. */
export function documentFilter(options: Pick<ResolvedExportOptions, 'statuses' | 'documentIds'>): (document: { id: string; status: DocumentStatus }) => boolean {
  const ids = options.documentIds ? new Set(options.documentIds) : null;
  return (document) => (!options.statuses || options.statuses.includes(document.status)) && (!ids || ids.has(document.id));
}

/**
 * What an export with these options will hold, from the document list alone (no document
 * read): the export dialog shows it, and the browser host sends it ahead of a download.
 */
export function countExport(summaries: Iterable<Pick<DocumentSummary, 'id' | 'status' | 'counts'>>, options: ExportOptions): { documents: number; spans: number } {
  const resolved = exportOptionsSchema.parse(options);
  const included = documentFilter(resolved);
  const labels = resolved.labels ? new Set(resolved.labels) : null;
  const counts = { documents: 0, spans: 0 };
  for (const summary of summaries) {
    if (!included(summary)) continue;
    counts.documents++;
    for (const [label, count] of Object.entries(summary.counts)) if (!labels || labels.has(label)) counts.spans += count;
  }
  return counts;
}

/** The offset unit an export really uses: the format's own where it has one. */
export function effectiveOffsetUnit(options: Pick<ResolvedExportOptions, 'format' | 'offsetUnit'>): OffsetUnit {
  return CODE_POINT_FORMATS.has(options.format) ? 'codepoint' : options.offsetUnit;
}

/**
 * The export record for one document. Offsets are converted to `options.offsetUnit`; every
 * span's `text` is the slice it marks. Spans are in reading order.
 */
export function toExportRecord(document: NewsDocument, options: Pick<ResolvedExportOptions, 'offsetUnit' | 'labels'>): ExportRecord {
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
        ...(span.speakerOriginal !== undefined ? { speaker_original: span.speakerOriginal } : {}),
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
