import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord, type ExportRecord } from '../exportRecord';
import type { NewsDocument } from '../model';
import { pythonWith, runPython } from '../testing/python';
import { documentArbitrary } from '../testing/randomDocuments';
import { CSV_COLUMNS, csvHeader, csvRowsFrom, safeCell } from './csvRows';
import { exportWriter } from './exportWriter';

/**
 * Our CSV is read by outside readers only: csv-parse set up as a spreadsheet reads a file (a
 * CR, an LF or a CRLF outside quotes ends a row), and Python's own `csv` module.
 */

function spreadsheetRows(content: string): string[][] {
  return parse(content, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true }) as string[][];
}

/** Python's csv.reader over the file as Python's documentation says to open one (newline=''). */
function pythonRows(content: string): string[][] {
  const script = 'import csv, io, json, sys\nprint(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")))))';
  return JSON.parse(runPython(script, content)) as string[][];
}

/** The cells a reader must get back for each span of `record`. */
function expectedRows(record: ExportRecord): string[][] {
  return record.spans.map((span) => {
    const linked = record.relations.flatMap((relation) => [...(relation.head_id === span.id ? [relation.child_id] : []), ...(relation.child_id === span.id ? [relation.head_id] : [])]);
    return [record.id, safeCell(record.meta.title), span.id, span.label, String(span.start), String(span.end), safeCell(span.text), safeCell(span.speaker ?? ''), safeCell(span.note ?? ''), span.annotator, linked.join(' ')];
  });
}

/** Random text that tries every way to break a row or start a formula. */
const cellText = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\u00a0', '\n', '\r', '\r\n', '\t', '"', ',', ';', '=', '+', '-', '@', '1', '😀', '\u2028'), maxLength: 12 });

const recordArbitrary = fc
  .tuple(documentArbitrary, cellText, fc.constantFrom('codepoint' as const, 'utf16' as const))
  .map(([document, title, offsetUnit]) => toExportRecord({ ...document, meta: { ...document.meta, title } } satisfies NewsDocument, exportOptionsSchema.parse({ offsetUnit })));

/** A cell a spreadsheet would run, looked for the way spreadsheets look (past leading white space). */
const FORMULA = /^(?:[\t\r]|\s*[=+\-@])/;

describe('safeCell', () => {
  test.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-3 percent', "'-3 percent"],
    ['@home', "'@home"],
    ['\tindent', "'\tindent"],
    ['\rreturn', "'\rreturn"],
    ['\n=1+1', "'\n=1+1"],
    ['\r\n@SUM(1)', "'\r\n@SUM(1)"],
    ['  +1', "'  +1"],
    ['\u00a0-1', "'\u00a0-1"],
    ['\ntext', '\ntext'],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });
});

describe('CSV rows', () => {
  test('a spreadsheet reads back every cell: quotes, commas, bare CR and LF, emoji; formulas defused; links both ways', () => {
    fc.assert(
      fc.property(recordArbitrary, (record) => {
        const rows = spreadsheetRows(csvHeader() + csvRowsFrom(record));
        expect(rows).toEqual([[...CSV_COLUMNS], ...expectedRows(record)]);
        for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA);
      }),
      { numRuns: 300 },
    );
  });

  test('a span across paragraphs and a title of several lines each stay one cell of one row', () => {
    const document = fc.sample(documentArbitrary, { numRuns: 1, seed: 1 })[0]!;
    const text = 'First paragraph.\nSecond one.\rThird.';
    const record = toExportRecord(
      { ...document, text, meta: { title: '\n=1+1' }, spans: [{ id: 's1', start: 0, end: text.length, label: 'quote', createdAt: document.createdAt, updatedAt: document.createdAt, annotator: 'ana', note: 'line one\nline two' }], relations: [] },
      exportOptionsSchema.parse({}),
    );
    const content = csvHeader() + csvRowsFrom(record);
    expect(content).toContain('"\'\n=1+1"');
    expect(spreadsheetRows(content)).toEqual([[...CSV_COLUMNS], ...expectedRows(record)]);
  });

  test.skipIf(!pythonWith(['csv'], "reading our CSV with Python's csv module"))("Python's csv module reads the same rows and cells, on random text", () => {
    const records = fc.sample(recordArbitrary, { numRuns: 400, seed: 13 });
    const content = exportWriter('csv').begin() + records.map(csvRowsFrom).join('');
    expect(pythonRows(content)).toEqual([[...CSV_COLUMNS], ...records.flatMap(expectedRows)]);
  });

  test('the byte order mark comes only when asked, once, before the header', () => {
    expect(exportWriter('csv', { csvBom: true }).begin()).toBe(`\ufeff${csvHeader()}`);
    expect(exportWriter('csv').begin()).toBe(csvHeader());
    expect(csvHeader()).toBe('document_id,document_title,span_id,label,start,end,text,speaker,note,annotator,linked_span_ids\r\n');
  });
});
