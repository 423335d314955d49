import { z } from 'zod';
import { documentStatusSchema, type DocumentMeta, type DocumentStatus } from './model';
import type { ImportProblem } from './importProblem';
import { normaliseImportedText } from './textImport';
import { describeSchemaError } from './schemaError';
import { assembleDraft, reportAt, type RecordPlace } from './formats/draftAssembly';
import { idOrNull, sourceIdSchema, sourceLabelSchema, sourceOffsetSchema, validElements } from './formats/sourceFields';
import { draftsFromRecordFile } from './formats/recordFile';

/** A document read from a file, before the library gives it its final id. */
export interface DocumentDraft {
  /** The id the file proposes (may be taken; the library then picks another). */
  id: string | null;
  text: string;
  meta: DocumentMeta;
  status: DocumentStatus;
  annotator?: string;
  /** Offsets are UTF-16, checked against `text`. */
  spans: { id: string | null; start: number; end: number; label: string; speaker?: string; note?: string; annotator?: string }[];
  /** Head and child are indices into `spans`; `label` is the relation type as the file gave it. */
  relations: { id: string | null; label: string; head: number; child: number }[];
}

const spanSchema = z.object({
  id: sourceIdSchema.optional(),
  start: sourceOffsetSchema,
  end: sourceOffsetSchema,
  label: sourceLabelSchema,
  text: z.string().optional(),
  speaker: z.string().max(500).optional(),
  note: z.string().max(10_000).optional(),
  annotator: z.string().max(200).optional(),
});

const relationSchema = z.object({
  id: sourceIdSchema.optional(),
  label: z.string().optional(),
  head_id: sourceIdSchema,
  child_id: sourceIdSchema,
});

// Spans and relations are checked one by one (validElements): a bad one costs only itself.
const recordSchema = z.object({
  id: sourceIdSchema.optional(),
  text: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  status: documentStatusSchema.optional(),
  annotator: z.string().max(200).optional(),
  offset_unit: z.enum(['codepoint', 'utf16']).optional(),
  spans: z.array(z.unknown()).optional(),
  relations: z.array(z.unknown()).optional(),
});

/**
 * Reads one record of our own export format (or any `{text, spans, meta}` record whose spans
 * carry ids, start, end and label). Offsets are read in the record's `offset_unit` (code points
 * when absent) and converted to UTF-16. A span with a bad field (a negative or fractional
 * offset, a missing label), that does not fit the text, or whose `text` disagrees with its
 * slice is reported and left out; so is a malformed relation or one to a missing span.
 * A record whose meta the model refuses (a title over 2,000 characters) is reported and skipped.
 */
export function draftFromRecord(value: unknown, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    reportAt(problems, place, describeSchemaError(parsed.error));
    return null;
  }
  const record = parsed.data;
  // Our own exports (which name their offset unit) and records with spans keep their text as
  // it is; only bare text records have their line endings and byte order mark normalised.
  const text = record.offset_unit !== undefined || (record.spans ?? []).length > 0 ? record.text : normaliseImportedText(record.text);
  const report = (message: string) => reportAt(problems, place, message);
  const spans = validElements(spanSchema, record.spans, 'spans', report);
  const relations = validElements(relationSchema, record.relations, 'relations', report);
  return assembleDraft(
    {
      id: idOrNull(record.id),
      text,
      meta: record.meta ?? {},
      ...(record.status !== undefined ? { status: record.status } : {}),
      ...(record.annotator !== undefined ? { annotator: record.annotator } : {}),
      unit: record.offset_unit ?? 'codepoint',
      spans: spans.map(({ value: span, index }) => ({
        id: idOrNull(span.id),
        start: span.start,
        end: span.end,
        label: span.label,
        ...(span.text !== undefined ? { text: span.text } : {}),
        ...(span.speaker !== undefined ? { speaker: span.speaker } : {}),
        ...(span.note !== undefined ? { note: span.note } : {}),
        ...(span.annotator !== undefined ? { annotator: span.annotator } : {}),
        where: `spans.${index}`,
      })),
      relations: relations.map(({ value: relation, index }) => ({
        id: idOrNull(relation.id),
        label: relation.label,
        headId: String(relation.head_id),
        childId: String(relation.child_id),
        where: `relations.${index}`,
      })),
    },
    place,
    problems,
  );
}

/**
 * Reads a JSONL (or JSON array) file of records in any format the import knows, one format
 * detected per record. Each bad record is reported with its line and skipped; the good ones
 * are returned.
 */
export function draftsFromJsonl(file: string, content: string): { drafts: DocumentDraft[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const drafts = draftsFromRecordFile(file, content, problems);
  return { drafts, problems };
}
