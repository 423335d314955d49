import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatProblem, isProblem, type ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { pythonSlice } from '../testing/codePoints';
import { realWorldAvailable, realWorldPath } from '../testing/realWorld';
import { readRecordFile } from './recordFile';
import type { RecordFormat } from './recordFormat';

/**
 * Every peer file of ../shared/real-world/peers imports with each span on exactly the text its
 * own tool marked. The oracle reads each tool's fields the naive way (Python slices by code
 * point) and, where the tool wrote the span's text, checks that too.
 */

interface ToolSpan {
  label: string;
  /** Where the tool put it, in its own unit. */
  at: string;
  /** The text at the tool's offsets, sliced as Python would. */
  slice: string;
  /** The text the tool itself wrote beside the offsets, when it did. */
  written?: string;
}

type Raw = Record<string, any>;

/** The spans as each tool wrote them, in code points. */
function toolSpans(record: Raw): ToolSpan[] {
  if (record.data) {
    const text: string = record.data.text;
    return (record.annotations ?? [])
      .filter((annotation: Raw) => !annotation.was_cancelled)
      .flatMap((annotation: Raw) => annotation.result.filter((result: Raw) => result.type === 'labels'))
      .flatMap((result: Raw) => result.value.labels.map((label: string) => ({ label, at: `${result.value.start}-${result.value.end}`, slice: pythonSlice(text, result.value.start, result.value.end), written: result.value.text })));
  }
  if (record.entities) return record.entities.map((entity: Raw) => ({ label: entity.label, at: `${entity.start_offset}-${entity.end_offset}`, slice: pythonSlice(record.text, entity.start_offset, entity.end_offset) }));
  if (Array.isArray(record.label)) return record.label.map(([start, end, label]: [number, number, string]) => ({ label, at: `${start}-${end}`, slice: pythonSlice(record.text, start, end) }));
  return (record.spans ?? []).map((span: Raw) => ({ label: span.label, at: `${span.start}-${span.end}`, slice: pythonSlice(record.text, span.start, span.end), ...(span.text !== undefined ? { written: span.text } : {}) }));
}

/** "label: text" per span, one per distinct place and label (the import merges repeats), sorted. */
function describeTool(spans: ToolSpan[]): string[] {
  const distinct = new Map(spans.map((span) => [`${span.label} ${span.at}`, `${span.label}: ${span.slice}`] as const));
  return [...distinct.values()].sort();
}

function describeDraft(draft: DocumentDraft): string[] {
  return draft.spans.map((span) => `${span.label}: ${draft.text.slice(span.start, span.end)}`).sort();
}

function rawRecords(file: string, content: string): Raw[] {
  const body = content.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') ? JSON.parse(body) : body.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

/** What SOURCES.md says each file holds, and the problems an honest import must report. */
const PEER_FILES: { file: string; format: RecordFormat; documents: number; spans: number; relations: number; problems: RegExp[] }[] = [
  { file: 'doccano-relation_extraction-example.jsonl', format: 'doccano-entities', documents: 1, spans: 4, relations: 3, problems: [] },
  { file: 'doccano-export-sequence_labeling-example.jsonl', format: 'doccano', documents: 3, spans: 4, relations: 0, problems: [] },
  { file: 'doccano-tests-sequence_labeling-example.jsonl', format: 'doccano', documents: 2, spans: 1, relations: 0, problems: [/^doccano-tests-sequence_labeling-example\.jsonl:3: text: /] },
  { file: 'doccano-tests-sequence_labeling-example_overlapping.jsonl', format: 'doccano', documents: 1, spans: 1, relations: 0, problems: [] },
  { file: 'all.jsonl', format: 'doccano-entities', documents: 30, spans: 30, relations: 0, problems: [] },
  { file: 'annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl', format: 'prodigy', documents: 30, spans: 46, relations: 0, problems: [] },
  { file: 'fashion_brands_eval.jsonl', format: 'prodigy', documents: 30, spans: 37, relations: 0, problems: [] },
  { file: 'annotations.jsonl', format: 'prodigy', documents: 15, spans: 48, relations: 32, problems: [] },
  { file: 'label_studio_export.json', format: 'label-studio', documents: 5, spans: 115, relations: 0, problems: [] },
  { file: 'label_studio.json', format: 'label-studio', documents: 30, spans: 120, relations: 90, problems: [] },
];

describe.skipIf(!realWorldAvailable())('peer tools’ real files (../shared/real-world/peers)', () => {
  test.each(PEER_FILES)('$file: $documents documents, $spans spans, each on the text its tool marked', ({ file, format, documents, spans, relations, problems: expectedProblems }) => {
    const content = readFileSync(realWorldPath('peers', file), 'utf8');
    const problems: ImportProblem[] = [];
    const { drafts, formats } = readRecordFile(file, content, problems);
    expect([...formats.keys()]).toEqual([format]);
    expect(drafts).toHaveLength(documents);
    expect(drafts.reduce((total, draft) => total + draft.spans.length, 0)).toBe(spans);
    expect(drafts.reduce((total, draft) => total + draft.relations.length, 0)).toBe(relations);
    const reported = problems.filter(isProblem).map(formatProblem);
    expect(reported).toHaveLength(expectedProblems.length);
    reported.forEach((message, index) => expect(message).toMatch(expectedProblems[index]!));

    // Records the import refused are the ones with a problem; the rest line up with the drafts.
    const records = rawRecords(file, content).filter((record) => typeof (record.text ?? record.data?.text) === 'string');
    expect(records).toHaveLength(documents);
    records.forEach((record, index) => {
      const tool = toolSpans(record);
      for (const span of tool) if (span.written !== undefined) expect(span.slice).toBe(span.written);
      expect(describeDraft(drafts[index]!)).toEqual(describeTool(tool));
    });
  });

  test('every relation keeps its type as the tool wrote it (doccano type, Prodigy rel.manual label, Label Studio labels)', () => {
    const types = (file: string) => {
      const { drafts } = readRecordFile(file, readFileSync(realWorldPath('peers', file), 'utf8'), []);
      const counts = new Map<string, number>();
      for (const relation of drafts.flatMap((draft) => draft.relations)) counts.set(relation.label, (counts.get(relation.label) ?? 0) + 1);
      return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
    };
    expect(types('doccano-relation_extraction-example.jsonl')).toEqual({ foundedAt: 1, foundedBy: 2 });
    expect(Object.values(types('annotations.jsonl')).reduce((a, b) => a + b, 0)).toBe(32);
    expect(Object.keys(types('annotations.jsonl')).every((type) => !type.startsWith(' '))).toBe(true);
    expect(types('label_studio.json')).toEqual({ 产国: 28, 研发单位: 32, 类型: 30 });
    const studio = readRecordFile('label_studio.json', readFileSync(realWorldPath('peers', 'label_studio.json'), 'utf8'), []).drafts[0]!;
    const [relation] = studio.relations;
    expect([studio.text.slice(studio.spans[relation!.head]!.start, studio.spans[relation!.head]!.end), relation!.label, studio.text.slice(studio.spans[relation!.child]!.start, studio.spans[relation!.child]!.end)]).toEqual(['P-59“空中彗星”战斗机', '产国', '美国']);
  });

  test('the repeated doccano span [0, 1, "LOC"] becomes one span, noted as merged', () => {
    const file = 'doccano-tests-sequence_labeling-example_overlapping.jsonl';
    const problems: ImportProblem[] = [];
    const { drafts } = readRecordFile(file, readFileSync(realWorldPath('peers', file), 'utf8'), problems);
    expect(drafts[0]!.spans).toEqual([{ id: null, start: 0, end: 1, label: 'LOC' }]);
    expect(problems.map(formatProblem)).toEqual([`${file}:1: note: label.1 (0–1 LOC): the same range and label as an earlier span; merged into it`]);
  });

  test('Prodigy headlines with ’ ‘ é before a span: the offsets are code points and land on the named entity', () => {
    const file = 'annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl';
    const { drafts } = readRecordFile(file, readFileSync(realWorldPath('peers', file), 'utf8'), []);
    const uber = drafts.find((draft) => draft.text.startsWith('Uber’s Lesson'))!;
    expect(describeDraft(uber)).toEqual(['LOCATION: Silicon Valley', 'ORG: Uber']);
    expect(uber.meta).toMatchObject({ source: 'The New York Times', answer: 'accept' });
  });
});
