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

  test('a negative, fractional, missing or non-number offset drops only that span, named by line and field, in every format', () => {
    const text = 'Psaki said yes.';
    const good = { start: 0, end: 5, label: 'attribution' };
    const bad = [{ start: -1, end: 5 }, { start: 0, end: 2.5 }, { end: 5 }, { start: '0', end: 5 }];
    const files: Record<string, unknown[]> = {
      'ours.jsonl': [{ id: 'ours', text, spans: [{ id: 'a', ...good }, ...bad.map((span, index) => ({ id: `b${index}`, ...span, label: 'claim' }))] }],
      'prodigy.jsonl': [{ text, answer: 'accept', spans: [good, ...bad.map((span) => ({ ...span, label: 'claim' }))] }],
      'doccano-label.jsonl': [{ text, label: [[0, 5, 'attribution'], [-1, 5, 'claim'], [0, 2.5, 'claim'], [5, 'claim'], ['0', 5, 'claim']] }],
      'doccano.jsonl': [{ text, entities: [{ id: 1, start_offset: 0, end_offset: 5, label: 'attribution' }, ...bad.map((span, index) => ({ id: index + 2, ...('start' in span ? { start_offset: span.start } : {}), end_offset: span.end, label: 'claim' }))] }],
      'label-studio.json': [{ data: { text }, annotations: [{ result: [{ id: 'g', type: 'labels', value: { ...good, labels: ['attribution'] } }, ...bad.map((span, index) => ({ id: `b${index}`, type: 'labels', value: { ...span, labels: ['claim'] } }))] }] }],
    };
    const found: Record<string, string[]> = {};
    for (const [file, records] of Object.entries(files)) {
      const problems: ImportProblem[] = [];
      // The record is on line 2, after an empty one (JSONL) or the list's opening bracket.
      const content = file.endsWith('.json') ? `[\n${JSON.stringify(records[0])}\n]` : `\n${JSON.stringify(records[0])}\n`;
      const { drafts } = readRecordFile(file, content, problems);
      expect(drafts.map((draft) => describeSpans(draft.spans)), file).toEqual(['0-5 attribution']);
      found[file] = problems.map(formatProblem);
    }
    const field = (prefix: string, start: string, end: string) => [
      `${prefix}.1.${start}: -1 is not an offset (a whole number, 0 or more); left out`,
      `${prefix}.2.${end}: 2.5 is not an offset (a whole number, 0 or more); left out`,
      `${prefix}.3.${start}: missing (an offset is a whole number, 0 or more); left out`,
      `${prefix}.4.${start}: "0" is not an offset (a whole number, 0 or more); left out`,
    ];
    expect(found).toEqual({
      'ours.jsonl': field('ours.jsonl:2: spans', 'start', 'end'),
      'prodigy.jsonl': field('prodigy.jsonl:2: spans', 'start', 'end'),
      'doccano-label.jsonl': [
        'doccano-label.jsonl:2: label.1.0: -1 is not an offset (a whole number, 0 or more); left out',
        'doccano-label.jsonl:2: label.2.1: 2.5 is not an offset (a whole number, 0 or more); left out',
        "doccano-label.jsonl:2: label.3: expected [start, end, label]; left out",
        'doccano-label.jsonl:2: label.4.0: "0" is not an offset (a whole number, 0 or more); left out',
      ],
      'doccano.jsonl': field('doccano.jsonl:2: entities', 'start_offset', 'end_offset'),
      'label-studio.json': field('label-studio.json:2: record 1: annotations.0.result', 'value.start', 'value.end'),
    });
  });

  test('arrayElementOffsets follows strings and nesting', () => {
    const content = '[ {"a": "],[{"}, [1, [2]], "x,y" , 3 ]';
    expect(arrayElementOffsets(content).map((offset) => content[offset])).toEqual(['{', '[', '"', '3']);
  });
});
