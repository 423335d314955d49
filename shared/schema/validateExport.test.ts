import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord } from '../exportRecord';
import { exportWriter } from '../formats/exportWriter';
import { formatProblem } from '../importProblem';
import { documentArbitrary } from '../testing/randomDocuments';
import { validateExport } from './validateExport';

function exportOf(documents: Parameters<typeof toExportRecord>[0][], offsetUnit: 'codepoint' | 'utf16'): string {
  const writer = exportWriter('jsonl');
  return documents.map((document) => writer.document(toExportRecord(document, exportOptionsSchema.parse({ offsetUnit })))).join('');
}

describe('the JSON Schema and slice checks accept every real export', () => {
  test('random documents (emoji, RTL, overlaps, speakers, notes, links), in both offset units', () => {
    fc.assert(
      fc.property(fc.array(documentArbitrary, { maxLength: 4 }), fc.constantFrom('codepoint' as const, 'utf16' as const), (documents, unit) => {
        const result = validateExport('export.jsonl', exportOf(documents, unit));
        expect(result.problems.map(formatProblem)).toEqual([]);
        expect(result.records).toBe(documents.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateExport reports every problem with its line', () => {
  const good = {
    id: 'doc',
    text: 'Psaki 😀 said “yes”.',
    meta: { title: 'T' },
    status: 'done',
    annotator: 'ana',
    updated_at: '2026-01-01T00:00:00.000Z',
    offset_unit: 'codepoint',
    spans: [
      { id: 'a', start: 0, end: 5, label: 'attribution', text: 'Psaki', annotator: 'ana' },
      { id: 'q', start: 13, end: 18, label: 'quote', text: '“yes”', annotator: 'ana' },
    ],
    relations: [{ id: 'r', label: 'attributed_to', head_id: 'q', child_id: 'a', head_span: { start: 13, end: 18, label: 'quote' }, child_span: { start: 0, end: 5, label: 'attribution' } }],
  };
  const lines = (...records: unknown[]) => records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n');

  test('a good record has no problems', () => {
    expect(validateExport('x.jsonl', lines(good)).problems).toEqual([]);
  });

  test('schema, JSON, slice and relation problems, each on its line', () => {
    const content = lines(
      good,
      '{"id": ',
      { ...good, status: 'finished', extra: 1 },
      { ...good, spans: [{ ...good.spans[0], text: 'Psak' }, { ...good.spans[1], start: 14, end: 18, text: 'yes”' }] },
      { ...good, offset_unit: 'utf16' },
      { ...good, relations: [{ ...good.relations[0], child_id: 'nobody' }] },
      '',
      { ...good, spans: [good.spans[0], { ...good.spans[1], end: 99 }] },
    );
    expect(validateExport('x.jsonl', content).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^x\.jsonl:2: not valid JSON/),
      'x.jsonl:3: record: must NOT have additional properties ("extra")',
      'x.jsonl:3: status: must be equal to one of the allowed values (todo, in_progress, done, skipped)',
      'x.jsonl:4: spans.0 (a): text "Psak" is not the text at 0–5 (codepoint): "Psaki"',
      'x.jsonl:4: relations.0 (r): head_span 13–18 quote differs from span "q" (14–18 quote)',
      'x.jsonl:5: spans.1 (q): text "“yes”" is not the text at 13–18 (utf16): " “yes"',
      'x.jsonl:6: relations.0 (r): child_id "nobody" is not a span of this record',
      'x.jsonl:8: spans.1 (q): code point offset 99 is outside the text (0–19)',
      'x.jsonl:8: relations.0 (r): head_span 13–18 quote differs from span "q" (13–99 quote)',
    ]);
  });
});
