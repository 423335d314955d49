import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord } from '../exportRecord';
import { documentArbitrary } from '../testing/randomDocuments';
import { CSV_COLUMNS, csvHeader, csvRowsFrom, safeCell } from './csvRows';
import { exportWriter } from './exportWriter';

/** RFC 4180 read naively, as a spreadsheet would: the oracle for our quoting. */
function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < content.length; index++) {
    const character = content[index]!;
    if (quoted) {
      if (character === '"' && content[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && content[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else cell += character;
  }
  return rows;
}

describe('safeCell', () => {
  test.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-3 percent', "'-3 percent"],
    ['@home', "'@home"],
    ['\tindent', "'\tindent"],
    ['\rreturn', "'\rreturn"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });
});

describe('CSV rows', () => {
  test('a spreadsheet reads back every cell: quotes, commas, line breaks, emoji; formulas defused; links both ways', () => {
    fc.assert(
      fc.property(documentArbitrary, fc.constantFrom('codepoint' as const, 'utf16' as const), (document, offsetUnit) => {
        const record = toExportRecord(document, exportOptionsSchema.parse({ offsetUnit }));
        const rows = parseCsv(csvHeader() + csvRowsFrom(record));
        expect(rows[0]).toEqual([...CSV_COLUMNS]);
        expect(rows).toHaveLength(record.spans.length + 1);
        record.spans.forEach((span, index) => {
          const linked = record.relations.flatMap((relation) => [...(relation.head_id === span.id ? [relation.child_id] : []), ...(relation.child_id === span.id ? [relation.head_id] : [])]);
          expect(rows[index + 1]).toEqual([
            record.id,
            safeCell(record.meta.title),
            span.id,
            span.label,
            String(span.start),
            String(span.end),
            safeCell(span.text),
            safeCell(span.speaker ?? ''),
            safeCell(span.note ?? ''),
            span.annotator,
            linked.join(' '),
          ]);
          for (const cell of rows[index + 1]!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('the byte order mark comes only when asked, once, before the header', () => {
    expect(exportWriter('csv', { csvBom: true }).begin()).toBe(`\ufeff${csvHeader()}`);
    expect(exportWriter('csv').begin()).toBe(csvHeader());
    expect(csvHeader()).toBe('document_id,document_title,span_id,label,start,end,text,speaker,note,annotator,linked_span_ids\r\n');
  });
});
