import { z } from 'zod';
import type { ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { describeSchemaError } from '../schemaError';
import { assembleDraft, reportAt, type RecordPlace } from './draftAssembly';
import { idOrNull, sourceIdSchema, sourceLabelSchema, sourceOffsetSchema, validElements } from './sourceFields';

/**
 * doccano's two JSONL forms, both with code point offsets (doccano is Python):
 * - sequence labelling: `{text, label: [[start, end, label], …], meta?}`;
 * - with relations: `{id?, text, entities: [{id, start_offset, end_offset, label}],
 *   relations: [{id?, from_id, to_id, type}], meta?}`.
 */

// Spans and relations are checked one by one (validElements): a bad one costs only itself.
const labelSchema = z.tuple([sourceOffsetSchema, sourceOffsetSchema, sourceLabelSchema], { error: 'expected [start, end, label]' });
const entitySchema = z.object({ id: sourceIdSchema, start_offset: sourceOffsetSchema, end_offset: sourceOffsetSchema, label: sourceLabelSchema });
const relationSchema = z.object({ id: sourceIdSchema.optional(), from_id: sourceIdSchema, to_id: sourceIdSchema, type: z.string() });

const labelRecordSchema = z.object({
  id: sourceIdSchema.optional(),
  text: z.string(),
  label: z.array(z.unknown()),
  meta: z.record(z.string(), z.unknown()).optional(),
});

const entitiesRecordSchema = z.object({
  id: sourceIdSchema.optional(),
  text: z.string(),
  entities: z.array(z.unknown()),
  relations: z.array(z.unknown()).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

function parseOrReport<T>(schema: z.ZodType<T>, value: unknown, place: RecordPlace, problems: ImportProblem[]): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  reportAt(problems, place, describeSchemaError(parsed.error));
  return null;
}

/** The source id goes to meta (doccano's ids are its database's, not names for our files). */
function metaWithSourceId(meta: Record<string, unknown> | undefined, id: string | number | undefined): Record<string, unknown> {
  return { ...(meta ?? {}), ...(id !== undefined ? { doccano_id: id } : {}) };
}

/** Reads one doccano sequence-labelling record (`label: [[start, end, label]]`). */
export function draftFromDoccanoLabels(value: unknown, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const record = parseOrReport(labelRecordSchema, value, place, problems);
  if (!record) return null;
  return assembleDraft(
    {
      id: null,
      text: record.text,
      meta: metaWithSourceId(record.meta, record.id),
      unit: 'codepoint',
      spans: validElements(labelSchema, record.label, 'label', (message) => reportAt(problems, place, message)).map(({ value: [start, end, label], index }) => ({ id: null, start, end, label, where: `label.${index}` })),
      relations: [],
    },
    place,
    problems,
  );
}

/** Reads one doccano record with `entities` and `relations`. */
export function draftFromDoccanoEntities(value: unknown, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const record = parseOrReport(entitiesRecordSchema, value, place, problems);
  if (!record) return null;
  const report = (message: string) => reportAt(problems, place, message);
  return assembleDraft(
    {
      id: null,
      text: record.text,
      meta: metaWithSourceId(record.meta, record.id),
      unit: 'codepoint',
      spans: validElements(entitySchema, record.entities, 'entities', report).map(({ value: entity, index }) => ({
        id: null,
        ref: String(entity.id),
        start: entity.start_offset,
        end: entity.end_offset,
        label: entity.label,
        where: `entities.${index}`,
      })),
      relations: validElements(relationSchema, record.relations, 'relations', report).map(({ value: relation, index }) => ({
        id: idOrNull(relation.id),
        label: relation.type,
        headId: String(relation.from_id),
        childId: String(relation.to_id),
        where: `relations.${index}`,
      })),
    },
    place,
    problems,
  );
}

/** Our export record in doccano's sequence-labelling form (code points; relations are not carried). */
export function doccanoLabelsFrom(record: ExportRecord) {
  return { text: record.text, label: record.spans.map((span) => [span.start, span.end, span.label] as const), meta: record.meta };
}

/** Our export record in doccano's entities-and-relations form (code points). */
export function doccanoEntitiesFrom(record: ExportRecord) {
  const number = new Map(record.spans.map((span, index) => [span.id, index] as const));
  return {
    text: record.text,
    entities: record.spans.map((span, index) => ({ id: index, label: span.label, start_offset: span.start, end_offset: span.end })),
    relations: record.relations.map((relation, index) => ({ id: index, from_id: number.get(relation.head_id)!, to_id: number.get(relation.child_id)!, type: relation.label })),
    meta: record.meta,
  };
}
