import Ajv, { type ErrorObject } from 'ajv';
import type { ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import { createOffsetConverter } from '../offsets';
import { rangeProblem } from '../spans';
import exportSchema from './newsmark-export.schema.json';

/**
 * Checks a Newsmark JSONL export line by line: each line against the JSON Schema
 * (newsmark-export.schema.json, validated with Ajv), then what a schema cannot say: every span
 * inside its text, not splitting a character, its `text` equal to the slice in the record's
 * offset unit; span ids unique; every relation naming spans of the record with their offsets.
 */

// The schema's one format, checked as ajv-formats' "fast" mode does (no extra dependency).
const DATE_TIME = /^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i;

let compiled: ReturnType<Ajv['compile']> | null = null;

/** The compiled schema (compiled once, on first use). */
function schemaValidator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, allowUnionTypes: true, formats: { 'date-time': DATE_TIME } }).compile(exportSchema);
  return compiled;
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'record' : error.instancePath.slice(1).replace(/\//g, '.');
  const extra = error.keyword === 'additionalProperties' ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")` : error.keyword === 'enum' ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where}: ${error.message ?? 'is not valid'}${extra}`;
}

/** Problems of one parsed record beyond the schema (expects a record the schema accepts). */
function recordProblems(record: ExportRecord): string[] {
  const problems: string[] = [];
  const converter = createOffsetConverter(record.text);
  const toUtf16 = (offset: number) => (record.offset_unit === 'codepoint' ? converter.toUtf16(offset) : offset);
  const spans = new Map<string, ExportRecord['spans'][number]>();
  record.spans.forEach((span, index) => {
    const where = `spans.${index} (${span.id})`;
    if (spans.has(span.id)) problems.push(`${where}: the id "${span.id}" is used by an earlier span`);
    spans.set(span.id, span);
    let start: number;
    let end: number;
    try {
      start = toUtf16(span.start);
      end = toUtf16(span.end);
    } catch (error) {
      // A RangeError: the offsets do not fit the text, which is the finding.
      problems.push(`${where}: ${(error as Error).message}`);
      return;
    }
    const range = rangeProblem(record.text, start, end);
    if (range) problems.push(`${where}: ${range}`);
    else if (record.text.slice(start, end) !== span.text) {
      problems.push(`${where}: text ${JSON.stringify(span.text)} is not the text at ${span.start}–${span.end} (${record.offset_unit}): ${JSON.stringify(record.text.slice(start, end))}`);
    }
  });
  record.relations.forEach((relation, index) => {
    const where = `relations.${index} (${relation.id})`;
    for (const [end, id, given] of [['head', relation.head_id, relation.head_span], ['child', relation.child_id, relation.child_span]] as const) {
      const span = spans.get(id);
      if (!span) problems.push(`${where}: ${end}_id "${id}" is not a span of this record`);
      else if (span.start !== given.start || span.end !== given.end || span.label !== given.label) {
        problems.push(`${where}: ${end}_span ${given.start}–${given.end} ${given.label} differs from span "${id}" (${span.start}–${span.end} ${span.label})`);
      }
    }
  });
  return problems;
}

/** Every problem of a JSONL export, each with its file and 1-based line. Blank lines are allowed. */
export function validateExport(file: string, content: string): { records: number; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  let records = 0;
  const validate = schemaValidator();
  content.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const report = (message: string) => problems.push({ file, line: index + 1, message });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      report(`not valid JSON (${(error as Error).message})`);
      return;
    }
    records++;
    if (!validate(value)) {
      for (const error of validate.errors ?? []) report(describeAjvError(error));
      return;
    }
    for (const message of recordProblems(value as ExportRecord)) report(message);
  });
  return { records, problems };
}
