import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, documentFilter, toExportRecord, type ExportOptions } from './exportRecord';
import type { NewsDocument, Relation, Span } from './model';
import { compareSpans, describeSpans } from './spans';
import { codePointBoundaries, pythonSlice } from './testing/codePoints';

const LABELS = ['claim', 'quote', 'attribution'] as const;
const STAMP = '2024-03-01T10:00:00.000Z';

function span(id: string, start: number, end: number, label: string, extra: Partial<Span> = {}): Span {
  return { id, start, end, label, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana', ...extra };
}

function documentWith(text: string, spans: Span[], relations: Relation[] = []): NewsDocument {
  return Object.freeze({
    id: 'doc-1',
    text,
    meta: { title: 'Biden and Putin', source: 'wire' },
    status: 'in_progress',
    spans: [...spans].sort(compareSpans),
    relations,
    createdAt: STAMP,
    updatedAt: STAMP,
    annotator: 'ana',
    revision: 3,
  });
}

function exported(document: NewsDocument, options: ExportOptions = {}) {
  return toExportRecord(document, exportOptionsSchema.parse(options));
}

// Offsets of this sentence in both units were computed with CPython: "said" is 9–13 in code
// points and 11–15 in UTF-16, "שלום" 25–29 / 29–33, "😀" 44–45 / 48–50.
const SENTENCE = 'Putin 🇷🇺 said “no” — 👩\u200d💻 שלום, مرحبا; cafe\u0301 😀!';
const SENTENCE_DOCUMENT = documentWith(
  SENTENCE,
  [span('s-said', 11, 15, 'claim', { note: 'hedged' }), span('s-hebrew', 29, 33, 'quote', { speaker: 'Psaki' }), span('s-emoji', 48, 50, 'attribution')],
  [{ id: 'r1', label: 'attributed_to', headId: 's-hebrew', childId: 's-emoji' }],
);

describe('toExportRecord on a sentence with flags, ZWJ, RTL, a combining mark and an emoji', () => {
  test('code point export gives the offsets Python would use', () => {
    const record = exported(SENTENCE_DOCUMENT);
    expect(record.offset_unit).toBe('codepoint');
    expect(describeSpans(record.spans)).toBe('9-13 claim | 25-29 quote | 44-45 attribution');
    expect(record.spans.map((each) => each.text)).toEqual(['said', 'שלום', '😀']);
  });

  test('UTF-16 export keeps the stored offsets', () => {
    const record = exported(SENTENCE_DOCUMENT, { offsetUnit: 'utf16' });
    expect(record.offset_unit).toBe('utf16');
    expect(describeSpans(record.spans)).toBe('11-15 claim | 29-33 quote | 48-50 attribution');
  });

  test('a relation carries both spans in the export unit', () => {
    expect(exported(SENTENCE_DOCUMENT).relations).toEqual([
      {
        id: 'r1',
        label: 'attributed_to',
        head_id: 's-hebrew',
        child_id: 's-emoji',
        head_span: { start: 25, end: 29, label: 'quote' },
        child_span: { start: 44, end: 45, label: 'attribution' },
      },
    ]);
  });

  test('a label filter drops the other spans and every relation that touches one of them', () => {
    const record = exported(SENTENCE_DOCUMENT, { labels: ['claim', 'quote'] });
    expect(describeSpans(record.spans)).toBe('9-13 claim | 25-29 quote');
    expect(record.relations).toEqual([]);
  });

  test('a label filter that keeps both ends keeps the relation', () => {
    const record = exported(SENTENCE_DOCUMENT, { labels: ['quote', 'attribution'] });
    expect(describeSpans(record.spans)).toBe('25-29 quote | 44-45 attribution');
    expect(record.relations.map((each) => each.id)).toEqual(['r1']);
  });

  test('speaker and note appear only on the spans that have them', () => {
    const [said, hebrew, emoji] = exported(SENTENCE_DOCUMENT).spans;
    expect(said).toEqual({ id: 's-said', start: 9, end: 13, label: 'claim', text: 'said', note: 'hedged', annotator: 'ana' });
    expect(hebrew).toEqual({ id: 's-hebrew', start: 25, end: 29, label: 'quote', text: 'שלום', speaker: 'Psaki', annotator: 'ana' });
    expect(emoji && Object.keys(emoji)).toEqual(['id', 'start', 'end', 'label', 'text', 'annotator']);
  });

  test('the record carries the document text, meta, status, annotator and update time unchanged', () => {
    const { spans: _spans, relations: _relations, ...rest } = exported(SENTENCE_DOCUMENT);
    expect(rest).toEqual({
      id: 'doc-1',
      text: SENTENCE,
      meta: { title: 'Biden and Putin', source: 'wire' },
      status: 'in_progress',
      annotator: 'ana',
      updated_at: STAMP,
      offset_unit: 'codepoint',
    });
  });
});

describe('export options', () => {
  test('default to code points, all statuses and all labels', () => {
    expect(exportOptionsSchema.parse({})).toEqual({ format: 'jsonl', offsetUnit: 'codepoint', csvBom: false });
    expect(documentFilter(exportOptionsSchema.parse({}))({ id: 'a', status: 'skipped' })).toBe(true);
  });

  test('a status filter includes only the listed statuses', () => {
    const options = exportOptionsSchema.parse({ statuses: ['done'] });
    expect((['todo', 'in_progress', 'done', 'skipped'] as const).filter((status) => documentFilter(options)({ id: 'a', status }))).toEqual(['done']);
  });

  test('a document filter includes only the listed documents', () => {
    const options = exportOptionsSchema.parse({ documentIds: ['b', 'c'] });
    expect(['a', 'b', 'c', 'd'].filter((id) => documentFilter(options)({ id, status: 'todo' }))).toEqual(['b', 'c']);
  });

  test('refuse an unknown unit, format or option', () => {
    expect(exportOptionsSchema.safeParse({ offsetUnit: 'bytes' }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ format: 'xlsx' }).success).toBe(false);
    expect(exportOptionsSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });
});

describe('toExportRecord properties over random documents', () => {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'Z', ' ', '.', '\n', '\u00a0', '“') },
    { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((code) => String.fromCodePoint(code)) },
    { weight: 1, arbitrary: fc.constantFrom('👩\u200d💻', '👨\u200d👩\u200d👧\u200d👦', '👍🏽', '🇷🇺') },
    { weight: 1, arbitrary: fc.constantFrom('e\u0301', '\u0301', 'a\u0308\u0323') },
    { weight: 1, arbitrary: fc.constantFrom('שלום', 'مرحبا', '\u200f') },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  );
  const rawSpan = fc.record({ first: fc.nat(), second: fc.nat(), label: fc.constantFrom(...LABELS) });
  const document = fc
    .record({
      text: fc.string({ unit: piece, minLength: 1, maxLength: 30 }),
      spans: fc.array(rawSpan, { maxLength: 8 }),
      relations: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
    })
    .map(({ text, spans: raw, relations: rawRelations }) => {
      const boundaries = codePointBoundaries(text);
      const spans = raw
        .map(({ first, second, label }, index) => {
          const a = boundaries[first % boundaries.length]!;
          const b = boundaries[second % boundaries.length]!;
          return span(`s${index}`, Math.min(a, b), Math.max(a, b), label);
        })
        .filter((each) => each.start < each.end);
      const relations: Relation[] =
        spans.length === 0
          ? []
          : rawRelations.map(([head, child], index) => ({
              id: `r${index}`,
              label: 'attributed_to',
              headId: spans[head % spans.length]!.id,
              childId: spans[child % spans.length]!.id,
            }));
      return documentWith(text, spans, relations);
    });
  const options = fc.record({
    offsetUnit: fc.constantFrom('codepoint' as const, 'utf16' as const),
    labels: fc.option(fc.subarray([...LABELS], { minLength: 1 }), { nil: undefined }),
  });
  const numRuns = 400;

  test('every exported span is the Python code point slice of the record text (codepoint) or its plain slice (utf16)', () => {
    fc.assert(
      fc.property(document, options, (news, chosen) => {
        const record = exported(news, chosen);
        const byId = new Map(news.spans.map((each) => [each.id, each]));
        for (const each of record.spans) {
          const stored = byId.get(each.id)!;
          expect(each.text).toBe(news.text.slice(stored.start, stored.end));
          if (chosen.offsetUnit === 'codepoint') expect(pythonSlice(record.text, each.start, each.end)).toBe(each.text);
          else expect([each.start, each.end, record.text.slice(each.start, each.end)]).toEqual([stored.start, stored.end, each.text]);
        }
      }),
      { numRuns },
    );
  });

  test('exports exactly the spans whose label passes the filter, keeping the stored reading order', () => {
    fc.assert(
      fc.property(document, options, (news, chosen) => {
        const record = exported(news, chosen);
        const kept = news.spans.filter((each) => !chosen.labels || chosen.labels.includes(each.label as (typeof LABELS)[number]));
        expect(record.spans.map((each) => each.id)).toEqual(kept.map((each) => each.id));
      }),
      { numRuns },
    );
  });

  test('exports exactly the relations whose two spans are exported, each with its spans in the export unit', () => {
    fc.assert(
      fc.property(document, options, (news, chosen) => {
        const record = exported(news, chosen);
        const spans = new Map(record.spans.map((each) => [each.id, each]));
        const kept = news.relations.filter((each) => spans.has(each.headId) && spans.has(each.childId));
        expect(record.relations.map((each) => each.id)).toEqual(kept.map((each) => each.id));
        for (const each of record.relations) {
          const head = spans.get(each.head_id)!;
          const child = spans.get(each.child_id)!;
          expect([each.head_span, each.child_span]).toEqual([
            { start: head.start, end: head.end, label: head.label },
            { start: child.start, end: child.end, label: child.label },
          ]);
        }
      }),
      { numRuns },
    );
  });
});
