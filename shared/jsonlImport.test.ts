import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord } from './exportRecord';
import { formatProblem } from './importProblem';
import { draftsFromJsonl, type DocumentDraft } from './jsonlImport';
import type { NewsDocument, Relation, Span } from './model';
import { compareSpans, describeSpans } from './spans';

const FILE = 'batch.jsonl';

function jsonl(...records: unknown[]): string {
  return records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n');
}

/** The only draft of a one-record file, failing when there is not exactly one. */
function onlyDraft(content: string): { draft: DocumentDraft; problems: string[] } {
  const { drafts, problems } = draftsFromJsonl(FILE, content);
  expect(drafts).toHaveLength(1);
  return { draft: drafts[0]!, problems: problems.map(formatProblem) };
}

describe('draftsFromJsonl reads records line by line', () => {
  test('imports good lines, skips blank ones and reports a bad JSON line with its 1-based number', () => {
    const content = jsonl({ id: 'a', text: 'First.' }, '', '{"id": "b", "text": ', '   ', { id: 'c', text: 'Third.' });
    const { drafts, problems } = draftsFromJsonl(FILE, content);
    expect(drafts.map((draft) => draft.id)).toEqual(['a', 'c']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: FILE, line: 3 });
    expect(problems[0]!.message).toMatch(/^not valid JSON \(/);
  });

  test('a record that does not fit the schema is reported with the field path and skipped; a bad span costs only itself', () => {
    const content = jsonl({ text: 'ok' }, { text: 'x', spans: [{ start: '0', end: 1, label: 'claim' }] }, { id: 'no-text', title: 'no text' }, 42);
    const { drafts, problems } = draftsFromJsonl(FILE, content);
    expect(drafts.map((draft) => [draft.text, draft.spans.length])).toEqual([['ok', 0], ['x', 0]]);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4]);
    expect(problems[0]!.message).toMatch(/^spans\.0\.start: /);
    expect(problems[1]!.message).toMatch(/^text: /);
    expect(problems[2]!.message).toMatch(/expected an object, not number/);
  });

  test('CRLF line endings and a leading byte order mark do not disturb the lines or their numbers', () => {
    const content = `\ufeff${jsonl({ id: 'a', text: 'One' }, 'nope', { id: 'c', text: 'Three' }).replace(/\n/g, '\r\n')}\r\n`;
    const { drafts, problems } = draftsFromJsonl(FILE, content);
    expect(drafts.map((draft) => [draft.id, draft.text])).toEqual([
      ['a', 'One'],
      ['c', 'Three'],
    ]);
    expect(problems.map((problem) => problem.line)).toEqual([2]);
  });

  test('numeric ids become strings and a missing id is the file name and line', () => {
    const { drafts } = draftsFromJsonl(FILE, jsonl({ id: 17, text: 'a' }, { text: 'b' }));
    expect(drafts.map((draft) => draft.id)).toEqual(['17', 'batch-2']);
  });
});

describe('draftsFromJsonl titles, meta and status', () => {
  test('the title comes from meta when it has one, else the first real line, else the file and line', () => {
    const content = jsonl({ text: 'x', meta: { title: 'Given' } }, { text: 'Skip to Content\n\nHeadline\nBody' }, '', { text: '' });
    expect(draftsFromJsonl(FILE, content).drafts.map((draft) => draft.meta.title)).toEqual(['Given', 'Headline', 'batch.jsonl line 4']);
  });

  test('nested meta values are kept as JSON text and scalars as they are', () => {
    const { draft } = onlyDraft(jsonl({ text: 'x', meta: { title: 'T', tags: ['a', 'b'], words: 12, paywall: false, byline: null } }));
    expect(draft.meta).toEqual({ title: 'T', tags: '["a","b"]', words: 12, paywall: false, byline: null });
  });

  test('a meta title too long for the model is reported for its line instead of throwing', () => {
    const content = jsonl({ text: 'a' }, { text: 'b', meta: { title: 'x'.repeat(2001) } }, { text: 'c' });
    const { drafts, problems } = draftsFromJsonl(FILE, content);
    expect(drafts.map((draft) => draft.text)).toEqual(['a', 'c']);
    expect(problems.map((problem) => [problem.line, problem.message.split(':')[0]])).toEqual([[2, 'meta.title']]);
  });

  test('status defaults to in_progress with spans and todo without; a given status is kept', () => {
    const content = jsonl({ text: 'ab', spans: [{ start: 0, end: 1, label: 'claim' }] }, { text: 'ab' }, { text: 'ab', status: 'done' });
    expect(draftsFromJsonl(FILE, content).drafts.map((draft) => draft.status)).toEqual(['in_progress', 'todo', 'done']);
  });

  test('line endings are normalised only in bare text records: not where spans or a named offset unit depend on them', () => {
    const content = jsonl({ text: 'a\r\nb' }, { text: 'a\r\nb', spans: [{ start: 3, end: 4, label: 'claim', text: 'b' }] }, { text: 'a\r\nb', offset_unit: 'codepoint' });
    expect(draftsFromJsonl(FILE, content).drafts.map((draft) => draft.text)).toEqual(['a\nb', 'a\r\nb', 'a\r\nb']);
  });
});

describe('draftsFromJsonl spans', () => {
  // "Biden" starts after 😀 (1 code point, 2 units), 👩‍💻 (3 code points, 5 units) and a space.
  const TEXT = '😀👩\u200d💻 Biden said yes';

  test('code point offsets (the default) are converted to UTF-16 for a text with emoji before the span', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: [{ id: 's', start: 5, end: 10, label: 'claim', text: 'Biden' }] }));
    expect(problems).toEqual([]);
    expect(describeSpans(draft.spans)).toBe('8-13 claim');
    expect(draft.text.slice(8, 13)).toBe('Biden');
  });

  test('offset_unit "utf16" offsets are taken as they are', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, offset_unit: 'utf16', spans: [{ start: 8, end: 13, label: 'claim', text: 'Biden' }] }));
    expect(problems).toEqual([]);
    expect(describeSpans(draft.spans)).toBe('8-13 claim');
  });

  test('a span whose text differs from the text at its offsets is reported and skipped', () => {
    const spans = [
      { start: 5, end: 10, label: 'claim', text: 'Biden' },
      { start: 11, end: 15, label: 'quote', text: 'says' },
    ];
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans }));
    expect(describeSpans(draft.spans)).toBe('8-13 claim');
    expect(problems).toEqual(['batch.jsonl:1: spans.1 (11–15 quote): its text "says" differs from the text at those offsets "said"']);
  });

  test('UTF-16 offsets read as code points are caught by the text check', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: [{ start: 8, end: 13, label: 'claim', text: 'Biden' }] }));
    expect(draft.spans).toEqual([]);
    expect(problems).toHaveLength(1);
  });

  test('code point offsets past the end of the text are reported as outside it', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: [{ start: 15, end: 30, label: 'claim' }] }));
    expect(draft.spans).toEqual([]);
    expect(problems).toEqual(['batch.jsonl:1: spans.0 (15–30 claim): code point offset 30 is outside the text (0–19)']);
  });

  test('UTF-16 offsets that split an emoji are reported and skipped', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, offset_unit: 'utf16', spans: [{ start: 1, end: 7, label: 'claim' }] }));
    expect(draft.spans).toEqual([]);
    expect(problems).toEqual(['batch.jsonl:1: spans.0 (1–7 claim): start 1 splits a character in two']);
  });

  test('an empty or reversed span is reported and skipped, the others kept', () => {
    const spans = [
      { start: 5, end: 5, label: 'claim' },
      { start: 10, end: 5, label: 'claim' },
      { start: 11, end: 15, label: 'quote' },
    ];
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans }));
    expect(describeSpans(draft.spans)).toBe('14-18 quote');
    expect(problems).toEqual([
      'batch.jsonl:1: spans.0 (5–5 claim): span 8–8 is empty or reversed',
      'batch.jsonl:1: spans.1 (10–5 claim): span 13–8 is empty or reversed',
    ]);
  });

  test('speaker, note and annotator are carried over only when given', () => {
    const spans = [{ id: 1, start: 5, end: 10, label: 'quote', speaker: 'Psaki', note: 'n', annotator: 'bo' }, { start: 11, end: 15, label: 'claim' }];
    const { draft } = onlyDraft(jsonl({ text: TEXT, spans }));
    expect(draft.spans).toEqual([
      { id: '1', start: 8, end: 13, label: 'quote', speaker: 'Psaki', note: 'n', annotator: 'bo' },
      { id: null, start: 14, end: 18, label: 'claim' },
    ]);
  });
});

describe('draftsFromJsonl relations', () => {
  const TEXT = 'Psaki said “yes”.';
  const SPANS = [
    { id: 'speaker', start: 0, end: 5, label: 'attribution', text: 'Psaki' },
    { id: 'quote', start: 11, end: 16, label: 'quote', text: '“yes”' },
    { id: 'wrong', start: 6, end: 10, label: 'claim', text: 'told' },
  ];

  test('a relation between imported spans becomes indices into the spans', () => {
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: SPANS.slice(0, 2), relations: [{ id: 'r', label: 'attributed_to', head_id: 'quote', child_id: 'speaker' }] }));
    expect(problems).toEqual([]);
    expect(draft.relations).toEqual([{ id: 'r', label: 'attributed_to', head: 1, child: 0 }]);
  });

  test('a relation to a missing span, or to a span that was skipped, is reported and dropped', () => {
    const relations = [
      { head_id: 'quote', child_id: 'nobody' },
      { head_id: 'wrong', child_id: 'speaker' },
      { head_id: 'quote', child_id: 'speaker' },
    ];
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: SPANS, relations }));
    expect(draft.relations).toEqual([{ id: null, label: 'attributed_to', head: 1, child: 0 }]);
    expect(problems.filter((problem) => problem.includes('relations'))).toEqual([
      'batch.jsonl:1: relations.0: span "nobody" is not among the imported spans',
      'batch.jsonl:1: relations.1: span "wrong" is not among the imported spans',
    ]);
  });

  test('a relation keeps its type; one without a type is attributed_to; an empty type is reported and dropped', () => {
    const relations = [
      { label: 'contradicts', head_id: 'quote', child_id: 'speaker' },
      { head_id: 'quote', child_id: 'speaker' },
      { label: '  ', head_id: 'speaker', child_id: 'quote' },
    ];
    const { draft, problems } = onlyDraft(jsonl({ text: TEXT, spans: SPANS.slice(0, 2), relations }));
    expect(draft.relations).toEqual([
      { id: null, label: 'contradicts', head: 1, child: 0 },
      { id: null, label: 'attributed_to', head: 1, child: 0 },
    ]);
    expect(problems).toEqual(['batch.jsonl:1: relations.2: "  " cannot be a relation type (1–64 characters, not starting with white space); left out']);
  });
});

describe('an export read back by draftsFromJsonl', () => {
  const STAMP = '2024-03-01T10:00:00.000Z';
  const LABELS = ['claim', 'quote', 'attribution'] as const;
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', ' ', '.', '\n', '\r', '\u00a0', '“', '\ufeff') },
    { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((code) => String.fromCodePoint(code)) },
    { weight: 1, arbitrary: fc.constantFrom('👩\u200d💻', '👍🏽', 'e\u0301', 'שלום', 'مرحبا', '\u2028') },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  );
  const document = fc
    .record({
      text: fc.string({ unit: piece, minLength: 1, maxLength: 30 }),
      spans: fc.array(fc.record({ first: fc.nat(), second: fc.nat(), label: fc.constantFrom(...LABELS) }), { maxLength: 6 }),
      relations: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    })
    .map(({ text, spans: raw, relations: rawRelations }): NewsDocument => {
      const boundaries = [0];
      for (const character of text) boundaries.push(boundaries[boundaries.length - 1]! + character.length);
      const spans: Span[] = raw
        .map(({ first, second, label }, index) => {
          const a = boundaries[first % boundaries.length]!;
          const b = boundaries[second % boundaries.length]!;
          return { id: `s${index}`, start: Math.min(a, b), end: Math.max(a, b), label, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana' };
        })
        // Spans of one label over one range are one span, and so are links between the same spans.
        .filter((each, index, all) => each.start < each.end && all.findIndex((other) => other.start === each.start && other.end === each.end && other.label === each.label) === index)
        .sort(compareSpans);
      const relations: Relation[] = (spans.length === 0 ? [] : rawRelations.map(([head, child], index) => ({ id: `r${index}`, label: 'attributed_to' as const, headId: spans[head % spans.length]!.id, childId: spans[child % spans.length]!.id })))
        .filter((each, index, all) => all.findIndex((other) => other.headId === each.headId && other.childId === each.childId) === index);
      return { id: 'doc-1', text, meta: { title: 'T' }, status: 'done', spans, relations, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana', revision: 1 };
    });

  test('gives back the same text, spans (in UTF-16) and relations, with no problems, in either unit', () => {
    fc.assert(
      fc.property(document, fc.constantFrom('codepoint' as const, 'utf16' as const), (news, offsetUnit) => {
        const line = JSON.stringify(toExportRecord(news, exportOptionsSchema.parse({ offsetUnit })));
        const { drafts, problems } = draftsFromJsonl(FILE, `${line}\n`);
        expect(problems).toEqual([]);
        const draft = drafts[0]!;
        // Our own export names its offset unit, so its text comes back exactly, \r and BOM included.
        expect(draft.text).toBe(news.text);
        expect(draft.spans.map(({ id, start, end, label }) => ({ id, start, end, label }))).toEqual(news.spans.map(({ id, start, end, label }) => ({ id, start, end, label })));
        expect(draft.relations.map(({ id, head, child }) => [id, draft.spans[head]!.id, draft.spans[child]!.id])).toEqual(news.relations.map(({ id, headId, childId }) => [id, headId, childId]));
        expect([draft.id, draft.status, draft.meta.title]).toEqual(['doc-1', 'done', 'T']);
      }),
      { numRuns: 400 },
    );
  });
});
