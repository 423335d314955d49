import { z } from 'zod';
import type { ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { describeSchemaError } from '../schemaError';
import { assembleDraft, reportAt, type RecordPlace } from './draftAssembly';
import { sourceLabelSchema, sourceOffsetSchema } from './sourceFields';

/**
 * Prodigy's task format (`ner_manual`, `spans.manual`, `rel.manual`):
 * `{text, spans: [{start, end, label, text?}], meta, relations?: [{head_span, child_span, label}],
 * answer}`. Offsets count code points (Python). A relation names its ends by their offsets and
 * label, not by id; `answer` is kept in meta. A task answered "reject" or "ignore" is not
 * imported (noted): Prodigy itself leaves those out of training data.
 */

const spanRefSchema = z.object({ start: sourceOffsetSchema, end: sourceOffsetSchema, label: sourceLabelSchema.optional() });

const prodigyRecordSchema = z.object({
  text: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  answer: z.string().optional(),
  spans: z.array(z.object({ start: sourceOffsetSchema, end: sourceOffsetSchema, label: sourceLabelSchema, text: z.string().optional() })).optional(),
  relations: z.array(z.object({ label: z.string().optional(), head_span: spanRefSchema, child_span: spanRefSchema })).optional(),
});

function offsetsRef(span: { start: number; end: number; label?: string | undefined }): string {
  return `${span.start}:${span.end}:${span.label ?? ''}`;
}

/** Reads one Prodigy task; null (reported) when it is not one. */
export function draftFromProdigy(value: unknown, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const parsed = prodigyRecordSchema.safeParse(value);
  if (!parsed.success) {
    reportAt(problems, place, describeSchemaError(parsed.error));
    return null;
  }
  const record = parsed.data;
  if (record.answer === 'reject' || record.answer === 'ignore') {
    reportAt(problems, place, `answered "${record.answer}" in Prodigy; not imported`, 'note');
    return null;
  }
  const spans = (record.spans ?? []).map((span, index) => ({
    id: null,
    ref: offsetsRef(span),
    start: span.start,
    end: span.end,
    label: span.label,
    ...(span.text !== undefined ? { text: span.text } : {}),
    where: `spans.${index}`,
  }));
  // A relation's span given without its label matches the first span over the same range.
  const refByRange = new Map<string, string>();
  for (const span of [...spans].reverse()) refByRange.set(`${span.start}:${span.end}:`, span.ref);
  const refOf = (span: z.infer<typeof spanRefSchema>) => (span.label === undefined ? refByRange.get(offsetsRef(span)) ?? offsetsRef(span) : offsetsRef(span));
  return assembleDraft(
    {
      id: null,
      text: record.text,
      meta: { ...(record.meta ?? {}), ...(record.answer !== undefined ? { answer: record.answer } : {}) },
      unit: 'codepoint',
      spans,
      relations: (record.relations ?? []).map((relation, index) => ({
        id: null,
        label: relation.label,
        headId: refOf(relation.head_span),
        childId: refOf(relation.child_span),
        where: `relations.${index}`,
      })),
    },
    place,
    problems,
  );
}

export interface ProdigyTask {
  text: string;
  meta: Record<string, unknown>;
  spans: { start: number; end: number; label: string; text: string }[];
  relations: { head: number; child: number; head_span: { start: number; end: number; label: string }; child_span: { start: number; end: number; label: string }; label: string }[];
}

/**
 * Our export record as a Prodigy task (code points). Relations name their spans by offsets and
 * label, as `rel.manual` does; `head` and `child` are the spans' start offsets, since a task
 * without tokens has no token indices to give. No `answer`: `prodigy db-in` adds "accept".
 */
export function prodigyTaskFrom(record: ExportRecord): ProdigyTask {
  return {
    text: record.text,
    meta: { ...record.meta },
    spans: record.spans.map((span) => ({ start: span.start, end: span.end, label: span.label, text: span.text })),
    relations: record.relations.map((relation) => ({
      head: relation.head_span.start,
      child: relation.child_span.start,
      head_span: relation.head_span,
      child_span: relation.child_span,
      label: relation.label,
    })),
  };
}
