import { z } from 'zod';
import { documentStatusSchema, labelNameSchema, metaSchema, type DocumentMeta, type DocumentStatus } from './model';
import { createOffsetConverter, type OffsetUnit } from './offsets';
import type { ImportProblem } from './importProblem';
import { rangeProblem } from './spans';
import { normaliseImportedText } from './textImport';
import { titleFromText } from './title';
import { describeSchemaError } from './schemaError';

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
  /** Head and child are indices into `spans`. */
  relations: { id: string | null; label: 'attributed_to'; head: number; child: number }[];
}

const recordSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  status: documentStatusSchema.optional(),
  annotator: z.string().max(200).optional(),
  offset_unit: z.enum(['codepoint', 'utf16']).optional(),
  spans: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).optional(),
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        label: labelNameSchema,
        text: z.string().optional(),
        speaker: z.string().max(500).optional(),
        note: z.string().max(10_000).optional(),
        annotator: z.string().max(200).optional(),
      }),
    )
    .optional(),
  relations: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).optional(),
        label: z.string().optional(),
        head_id: z.union([z.string(), z.number()]),
        child_id: z.union([z.string(), z.number()]),
      }),
    )
    .optional(),
});

function metaFromRecord(raw: Record<string, unknown> | undefined, fallbackTitle: string): ReturnType<typeof metaSchema.safeParse> {
  const meta: DocumentMeta = { title: fallbackTitle };
  for (const [key, value] of Object.entries(raw ?? {})) {
    // Nested values are kept as JSON text, so nothing the source said is dropped.
    meta[key] = value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as string) : JSON.stringify(value);
  }
  if (typeof meta.title !== 'string' || meta.title.trim() === '') meta.title = fallbackTitle;
  // Safe: a title too long for the model is the record's fault, reported with its line.
  return metaSchema.safeParse(meta);
}

/**
 * Reads one JSONL record of our own export format (or any `{text, spans, meta}` record whose
 * spans carry start/end/label). Offsets are read in the record's `offset_unit` (code points
 * when absent) and converted to UTF-16. A span that does not fit the text, or whose `text`
 * disagrees with its slice, is reported and left out; so is a relation to a missing span.
 * A record whose meta the model refuses (a title over 2,000 characters) is reported and skipped.
 */
export function draftFromRecord(
  value: unknown,
  where: { file: string; line: number; fallbackTitle: string },
  problems: ImportProblem[],
): DocumentDraft | null {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    problems.push({ file: where.file, line: where.line, message: describeSchemaError(parsed.error) });
    return null;
  }
  const record = parsed.data;
  // Our own exports (which name their offset unit) and records with spans keep their text as
  // it is; only bare text records have their line endings and byte order mark normalised.
  const text = record.offset_unit !== undefined || (record.spans ?? []).length > 0 ? record.text : normaliseImportedText(record.text);
  const meta = metaFromRecord(record.meta, titleFromText(text, where.fallbackTitle));
  if (!meta.success) {
    problems.push({ file: where.file, line: where.line, message: `meta.${describeSchemaError(meta.error)}` });
    return null;
  }
  const unit: OffsetUnit = record.offset_unit ?? 'codepoint';
  const converter = createOffsetConverter(text);
  const spans: DocumentDraft['spans'] = [];
  const indexById = new Map<string, number>();
  (record.spans ?? []).forEach((raw, position) => {
    const report = (message: string) =>
      problems.push({ file: where.file, line: where.line, message: `spans.${position} (${raw.start}–${raw.end} ${raw.label}): ${message}` });
    let start: number;
    let end: number;
    try {
      start = unit === 'codepoint' ? converter.toUtf16(raw.start) : raw.start;
      end = unit === 'codepoint' ? converter.toUtf16(raw.end) : raw.end;
    } catch (error) {
      // A RangeError here is the record's fault: its offsets do not fit its text.
      report(error instanceof Error ? error.message : String(error));
      return;
    }
    const problem = rangeProblem(text, start, end);
    if (problem) return report(problem);
    if (raw.text !== undefined && raw.text !== text.slice(start, end)) {
      return report(`its text ${JSON.stringify(raw.text)} differs from the text at those offsets ${JSON.stringify(text.slice(start, end))}`);
    }
    if (raw.id !== undefined) indexById.set(String(raw.id), spans.length);
    spans.push({
      id: raw.id === undefined ? null : String(raw.id),
      start,
      end,
      label: raw.label,
      ...(raw.speaker !== undefined ? { speaker: raw.speaker } : {}),
      ...(raw.note !== undefined ? { note: raw.note } : {}),
      ...(raw.annotator !== undefined ? { annotator: raw.annotator } : {}),
    });
  });
  const relations: DocumentDraft['relations'] = [];
  (record.relations ?? []).forEach((raw, position) => {
    const head = indexById.get(String(raw.head_id));
    const child = indexById.get(String(raw.child_id));
    if (head === undefined || child === undefined) {
      problems.push({
        file: where.file,
        line: where.line,
        message: `relations.${position}: span "${head === undefined ? raw.head_id : raw.child_id}" is not among the imported spans`,
      });
      return;
    }
    if (raw.label !== undefined && raw.label !== 'attributed_to') {
      problems.push({ file: where.file, line: where.line, message: `relations.${position}: label "${raw.label}" is not attributed_to` });
      return;
    }
    relations.push({ id: raw.id === undefined ? null : String(raw.id), label: 'attributed_to', head, child });
  });
  return {
    id: record.id === undefined ? null : String(record.id),
    text,
    meta: meta.data,
    status: record.status ?? (spans.length > 0 ? 'in_progress' : 'todo'),
    ...(record.annotator !== undefined ? { annotator: record.annotator } : {}),
    spans,
    relations,
  };
}


/**
 * Reads a JSONL file: one record per non-blank line. Each bad line is reported with its
 * number and skipped; the good ones are returned.
 */
export function draftsFromJsonl(file: string, content: string): { drafts: DocumentDraft[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const drafts: DocumentDraft[] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ file, line: index + 1, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    const draft = draftFromRecord(value, { file, line: index + 1, fallbackTitle: `${file} line ${index + 1}` }, problems);
    if (draft) drafts.push(draft);
  });
  return { drafts, problems };
}
