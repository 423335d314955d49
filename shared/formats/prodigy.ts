import { z } from 'zod';
import type { ExportRecord, ExportRelation } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { describeSchemaError } from '../schemaError';
import { assembleDraft, reportAt, type RecordPlace } from './draftAssembly';
import { prodigyTokens, type ProdigyToken } from './prodigyTokens';
import { sourceLabelSchema, sourceOffsetSchema, validElements } from './sourceFields';

/**
 * Prodigy's task format (`ner_manual`, `spans.manual`, `rel.manual`):
 * `{text, spans: [{start, end, label, text?}], meta, relations?: [{head_span, child_span, label}],
 * answer}`. Offsets count code points (Python). A relation names its ends by their offsets and
 * label, not by id, so `tokens` and token indices are not needed to read a task (they are
 * written: see prodigyTaskFrom); `answer` is kept in meta. A task answered "reject" or "ignore" is not
 * imported (noted): Prodigy itself leaves those out of training data.
 */

const spanRefSchema = z.object({ start: sourceOffsetSchema, end: sourceOffsetSchema, label: sourceLabelSchema.optional() });

const spanSchema = z.object({ start: sourceOffsetSchema, end: sourceOffsetSchema, label: sourceLabelSchema, text: z.string().optional() });
const relationSchema = z.object({ label: z.string().optional(), head_span: spanRefSchema, child_span: spanRefSchema });

// Spans and relations are checked one by one (validElements): a bad one costs only itself.
const prodigyRecordSchema = z.object({
  text: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
  answer: z.string().optional(),
  spans: z.array(z.unknown()).optional(),
  relations: z.array(z.unknown()).optional(),
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
  const report = (message: string) => reportAt(problems, place, message);
  const spans = validElements(spanSchema, record.spans, 'spans', report).map(({ value: span, index }) => ({
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
      relations: validElements(relationSchema, record.relations, 'relations', report).map(({ value: relation, index }) => ({
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

/** A span's place, as Prodigy writes it: code point offsets and the tokens it covers. */
interface ProdigySpanPlace {
  start: number;
  end: number;
  token_start: number;
  /** The span's last token (inclusive). */
  token_end: number;
  label: string;
}

export interface ProdigyTask {
  text: string;
  meta: Record<string, unknown>;
  tokens: ProdigyToken[];
  spans: (ProdigySpanPlace & { text: string })[];
  /** `head` and `child` are the indices of the head and child spans' last tokens. */
  relations: { head: number; child: number; head_span: ProdigySpanPlace; child_span: ProdigySpanPlace; label: string }[];
  answer: string;
}

/** The `label` a relation gets in Prodigy: its relation type ("attributed_to", or another of the library's types). */
export function prodigyRelationLabel(relation: ExportRelation): string {
  return relation.label;
}

const PRODIGY_ANSWERS = new Set(['accept', 'reject', 'ignore']);

/**
 * Our export record (code points) as a Prodigy `rel.manual` task, as Prodigy's `db-out`
 * writes one: tokens (see prodigyTokens), spans with `token_start`/`token_end`, relations
 * whose `head` and `child` are the token index of each span's last token, as in Prodigy (and
 * spaCy's relation-extraction example reads them), the spans themselves in
 * `head_span`/`child_span`. The answer is the one a Prodigy import kept in meta, else
 * "accept" (what `prodigy db-in` gives a task without one).
 */
export function prodigyTaskFrom(record: ExportRecord): ProdigyTask {
  const { tokens, tokenStartingAt, tokenEndingAt } = prodigyTokens(record.text, record.spans);
  const place = (span: { start: number; end: number; label: string }): ProdigySpanPlace => ({
    start: span.start,
    end: span.end,
    // Present by construction: prodigyTokens cuts tokens at every span's start and end.
    token_start: tokenStartingAt.get(span.start)!,
    token_end: tokenEndingAt.get(span.end)!,
    label: span.label,
  });
  const { answer, ...meta } = record.meta;
  const kept = typeof answer === 'string' && PRODIGY_ANSWERS.has(answer);
  return {
    text: record.text,
    meta: kept ? meta : { ...record.meta },
    tokens,
    spans: record.spans.map((span) => ({ ...place(span), text: span.text })),
    relations: record.relations.map((relation) => {
      const head = place(relation.head_span);
      const child = place(relation.child_span);
      return { head: head.token_end, child: child.token_end, head_span: head, child_span: child, label: prodigyRelationLabel(relation) };
    }),
    answer: kept ? answer : 'accept',
  };
}
