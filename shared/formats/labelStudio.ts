import { z } from 'zod';
import type { ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { describeSchemaError } from '../schemaError';
import { assembleDraft, reportAt, type RecordPlace, type SourceRelation, type SourceSpan } from './draftAssembly';
import { sourceIdSchema, sourceOffsetSchema, validElement } from './sourceFields';

/**
 * Label Studio's JSON export: a list of tasks `{id, data: {text}, annotations: [{result: […],
 * was_cancelled}], predictions, drafts}`. Each `labels` result is a span (`value.start`,
 * `value.end` in code points, `value.labels`, `value.text`); each `relation` result links two
 * results by id. Only the annotations are imported: predictions and drafts are not anyone's
 * finished work. Cancelled annotations are skipped.
 */

// Results are checked one by one, by type: a bad span or relation costs only itself. Other
// result types (choices, ratings, …) carry no spans and are passed over.
const labelsResultSchema = z.object({
  id: sourceIdSchema,
  value: z.object({ start: sourceOffsetSchema, end: sourceOffsetSchema, labels: z.array(z.string()), text: z.string().optional() }),
});
const relationResultSchema = z.object({ from_id: sourceIdSchema, to_id: sourceIdSchema, labels: z.array(z.string()).optional() });

const taskSchema = z.object({
  id: sourceIdSchema.optional(),
  data: z.record(z.string(), z.unknown()),
  annotations: z.array(z.object({ result: z.array(z.unknown()), was_cancelled: z.boolean().optional() })).optional(),
});

/** The task's text: `data.text`, else its only string field. */
function taskText(data: Record<string, unknown>): string | null {
  if (typeof data.text === 'string') return data.text;
  const strings = Object.values(data).filter((value): value is string => typeof value === 'string');
  return strings.length === 1 ? strings[0]! : null;
}

/** Reads one Label Studio task. */
export function draftFromLabelStudio(value: unknown, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const parsed = taskSchema.safeParse(value);
  if (!parsed.success) {
    reportAt(problems, place, describeSchemaError(parsed.error));
    return null;
  }
  const task = parsed.data;
  const text = taskText(task.data);
  if (text === null) {
    reportAt(problems, place, 'data.text: the task has no text');
    return null;
  }
  const report = (message: string) => reportAt(problems, place, message);
  const spans: SourceSpan[] = [];
  const relations: SourceRelation[] = [];
  (task.annotations ?? []).forEach((annotation, annotationIndex) => {
    if (annotation.was_cancelled) return;
    annotation.result.forEach((raw, resultIndex) => {
      const where = `annotations.${annotationIndex}.result.${resultIndex}`;
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      const result = type === 'labels' ? validElement(labelsResultSchema, raw, where, report) : null;
      const relation = type === 'relation' ? validElement(relationResultSchema, raw, where, report) : null;
      if (result) {
        result.value.labels.forEach((label, labelIndex) => {
          spans.push({
            // The result id names the span for relations; two labels on one result are two spans.
            id: labelIndex === 0 ? String(result.id) : null,
            ref: labelIndex === 0 ? String(result.id) : `${result.id}#${labelIndex}`,
            start: result.value.start,
            end: result.value.end,
            label,
            ...(result.value.text !== undefined ? { text: result.value.text } : {}),
            where: result.value.labels.length > 1 ? `${where}.labels.${labelIndex}` : where,
          });
        });
      } else if (relation) {
        // A relation with several labels is one link per label; one without is untyped (attributed_to).
        const types = relation.labels && relation.labels.length > 0 ? relation.labels : [undefined];
        types.forEach((relationType, typeIndex) => {
          relations.push({ id: null, label: relationType, headId: String(relation.from_id), childId: String(relation.to_id), where: types.length > 1 ? `${where}.labels.${typeIndex}` : where });
        });
      }
    });
  });
  const meta: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(task.data)) if (typeof field !== 'string' || field !== text) meta[key] = field;
  if (task.id !== undefined) meta.label_studio_id = task.id;
  return assembleDraft({ id: null, text, meta, unit: 'codepoint', spans, relations }, place, problems);
}

/** Our export record as a Label Studio task with one annotation (code points). */
export function labelStudioTaskFrom(record: ExportRecord) {
  const { title, ...rest } = record.meta;
  return {
    data: { text: record.text, title, ...rest },
    annotations: [
      {
        result: [
          ...record.spans.map((span) => ({
            id: span.id,
            from_name: 'label',
            to_name: 'text',
            type: 'labels',
            value: { start: span.start, end: span.end, text: span.text, labels: [span.label] },
          })),
          ...record.relations.map((relation) => ({ from_id: relation.head_id, to_id: relation.child_id, type: 'relation', direction: 'right', labels: [relation.label] })),
        ],
      },
    ],
  };
}
