import { describe, expect, test } from 'vitest';
import { formatProblem, type ImportProblem } from '../importProblem';
import { describeSpans } from '../spans';
import { detectFileKind } from './fileKind';
import { arrayElementOffsets, readRecordFile } from './recordFile';
import { detectRecordFormat } from './recordFormat';

describe('detectRecordFormat tells the formats apart by shape', () => {
  test.each([
    [{ id: 'a', text: 't', spans: [], relations: [], offset_unit: 'codepoint' }, 'newsmark'],
    [{ text: 't', spans: [{ id: 's', start: 0, end: 1, label: 'x' }] }, 'newsmark'],
    [{ text: 't' }, 'newsmark'],
    [{ text: 't', spans: [{ start: 0, end: 1, label: 'x' }] }, 'prodigy'],
    [{ text: 't', tokens: [], _input_hash: 1, answer: 'accept' }, 'prodigy'],
    [{ text: 't', spans: [], relations: [{ head: 0, child: 1, head_span: {}, child_span: {}, label: 'r' }] }, 'prodigy'],
    [{ text: 't', label: [[0, 1, 'x']] }, 'doccano'],
    [{ label: [[0, 1, 'x']] }, 'doccano'],
    [{ text: 't', entities: [], relations: [] }, 'doccano-entities'],
    [{ id: 1, data: { text: 't' }, annotations: [] }, 'label-studio'],
    [{ title: 'no text' }, null],
    [[1, 2], null],
    ['text', null],
  ])('%j → %s', (record, format) => {
    expect(detectRecordFormat(record)).toBe(format);
  });
});

describe('detectFileKind', () => {
  test.each([
    ['a.TXT', '', 'text'],
    ['a.md', '', 'text'],
    ['page.HTM', '', 'html'],
    ['export.json', '', 'records'],
    ['export.ndjson', '', 'records'],
    ['README', 'Plain words', null],
    ['download', '<!DOCTYPE html><html>', 'html'],
    ['export', '\ufeff  [{"text": "x"}]', 'records'],
    ['report.docx', 'PK', null],
  ])('%s → %s', (name, content, kind) => {
    expect(detectFileKind(name, content)).toBe(kind);
  });
});

describe('readRecordFile', () => {
  test('a JSON list: each record reported at the line it starts on, and by its place in the list', () => {
    const content = `[\n  {"text": "First", "label": [[0, 5, "A"]]},\n  {"data": {"text": "Second"}, "annotations": [{"result": [{"id": "r", "type": "labels", "value": {"start": 0, "end": 99, "labels": ["B"]}}]}]},\n  {"nope": "{[\\"tricky\\"]}"}\n]`;
    const problems: ImportProblem[] = [];
    const { drafts, formats } = readRecordFile('tasks.json', content, problems);
    expect(drafts.map((draft) => `${draft.id}: ${draft.text} ${describeSpans(draft.spans)}`)).toEqual(['tasks-1: First 0-5 A', 'tasks-2: Second ']);
    expect([...formats]).toEqual([
      ['doccano', 1],
      ['label-studio', 1],
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'tasks.json:3: record 2: annotations.0.result.0 (0–99 B): code point offset 99 is outside the text (0–6)',
      expect.stringMatching(/^tasks\.json:4: record 3: not a record of a known format .* it has "nope"$/),
    ]);
  });

  test('a JSON list with a broken record: that record is reported at its line, the others are read', () => {
    const problems: ImportProblem[] = [];
    expect(readRecordFile('bad.json', '[\n{"text": "a"},\n{"text": },\n{"text": "c"}\n]', problems).drafts.map((draft) => draft.text)).toEqual(['a', 'c']);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^bad\.json:3: record 2: not valid JSON \(/)]);
  });

  test('a single pretty-printed record is one record; JSONL stays line by line', () => {
    const problems: ImportProblem[] = [];
    const single = readRecordFile('one.json', '{\n  "text": "Alone",\n  "spans": []\n}\n', problems);
    expect(single.drafts.map((draft) => draft.text)).toEqual(['Alone']);
    const lines = readRecordFile('many.jsonl', '{"text": "a"}\n{"text": "b"}\n', problems);
    expect(lines.drafts.map((draft) => draft.id)).toEqual(['many-1', 'many-2']);
    expect(problems).toEqual([]);
  });

  test('Prodigy tasks answered reject or ignore are left out, with a note each', () => {
    const problems: ImportProblem[] = [];
    const content = ['accept', 'reject', 'ignore'].map((answer) => JSON.stringify({ text: answer, spans: [], _input_hash: 1, answer })).join('\n');
    expect(readRecordFile('db-out.jsonl', content, problems).drafts.map((draft) => draft.text)).toEqual(['accept']);
    expect(problems.map(formatProblem)).toEqual(['db-out.jsonl:2: note: answered "reject" in Prodigy; not imported', 'db-out.jsonl:3: note: answered "ignore" in Prodigy; not imported']);
  });

  test('arrayElementOffsets follows strings and nesting', () => {
    const content = '[ {"a": "],[{"}, [1, [2]], "x,y" , 3 ]';
    expect(arrayElementOffsets(content).map((offset) => content[offset])).toEqual(['{', '[', '"', '3']);
  });
});
