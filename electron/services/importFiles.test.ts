import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ExportRecord } from '../../shared/exportRecord';
import { formatProblem, type ImportProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { DEFAULT_LABELS, DOCUMENT_STATUSES } from '../../shared/model';
import { describeSpans } from '../../shared/spans';
import { LibraryStore } from '../store/libraryStore';
import { exportChunks } from './exportLibrary';
import { decodeText, importFiles, readImportFile } from './importFiles';

let folder: string;
const stores: LibraryStore[] = [];

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-import-'));
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await fs.rm(folder, { recursive: true, force: true });
});

async function openStore(name = 'library'): Promise<LibraryStore> {
  const store = await LibraryStore.open(path.join(folder, name), { holder: 'test', defaultAnnotator: 'tester' });
  stores.push(store);
  return store;
}

async function writeFile(name: string, content: string | Uint8Array): Promise<string> {
  const filePath = path.join(folder, name);
  await fs.writeFile(filePath, content);
  return filePath;
}

function jsonl(...records: unknown[]): string {
  return `${records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n')}\n`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const [first, second] = endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 + index * 2] = first;
    bytes[3 + index * 2] = second;
  }
  return bytes;
}

const SAMPLE = 'Café “quoted” — 😀 עברית\nsecond line';

describe('decodeText', () => {
  test.each([
    ['UTF-8', utf8(SAMPLE)],
    ['UTF-8 with BOM (dropped)', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)])],
    ['UTF-16LE with BOM (dropped)', utf16(SAMPLE, 'le')],
    ['UTF-16BE with BOM (dropped)', utf16(SAMPLE, 'be')],
  ])('decodes %s to the same text', (_name, bytes) => {
    const problems: ImportProblem[] = [];
    expect(decodeText('a.txt', bytes, problems)).toBe(SAMPLE);
    expect(problems).toEqual([]);
  });

  test('invalid UTF-8 bytes return null and report the file', () => {
    const problems: ImportProblem[] = [];
    expect(decodeText('latin1.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]), problems)).toBeNull();
    expect(problems).toEqual([{ file: 'latin1.txt', message: expect.stringMatching(/not UTF-8 or UTF-16/) }]);
  });

  test('UTF-32 (either byte order) is reported, not decoded as UTF-16 into mojibake', () => {
    const problems: ImportProblem[] = [];
    expect(decodeText('le.txt', new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), problems)).toBeNull();
    expect(decodeText('be.txt', new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]), problems)).toBeNull();
    expect(problems.map(formatProblem)).toEqual(['le.txt: UTF-32 text is not read (save it as UTF-8 and import it again)', 'be.txt: UTF-32 text is not read (save it as UTF-8 and import it again)']);
  });

  test('UTF-16 with an odd number of bytes returns null and reports the file', () => {
    const problems: ImportProblem[] = [];
    expect(decodeText('odd.txt', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]), problems)).toBeNull();
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^odd\.txt: not UTF-8/)]);
  });
});

describe('readImportFile', () => {
  test('.txt: title from the first non-empty line, CRLF normalised, BOM dropped', async () => {
    const filePath = await writeFile('Morning News.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('\r\n  \r\n  Headline here  \r\nBody one.\r\nBody two.\rEnd')]));
    const problems: ImportProblem[] = [];
    const drafts = await readImportFile(filePath, problems);
    expect(problems).toEqual([]);
    expect(drafts).toEqual([
      {
        id: 'Morning-News',
        text: '\n  \n  Headline here  \nBody one.\nBody two.\nEnd',
        meta: { title: 'Headline here', source: 'Morning News.txt' },
        status: 'todo',
        spans: [],
        relations: [],
      },
    ]);
  });

  test('.md: the heading marks are not part of the title; the text keeps them', async () => {
    const filePath = await writeFile('story.MD', '## The headline\n\nText.');
    const drafts = await readImportFile(filePath, []);
    expect(drafts.map((draft) => [draft.id, draft.meta.title, draft.text])).toEqual([['story', 'The headline', '## The headline\n\nText.']]);
  });

  test('.jsonl: good lines become drafts, bad lines are problems with file and line', async () => {
    const filePath = await writeFile(
      'batch.jsonl',
      jsonl(
        { id: 'one', text: 'Hello world', spans: [{ start: 0, end: 5, label: 'claim', text: 'Hello' }] },
        '{"id": "broken", ',
        { id: 'two', text: 'Bye', spans: [{ start: 0, end: 9, label: 'claim' }] },
        { title: 'no text' },
      ),
    );
    const problems: ImportProblem[] = [];
    const drafts = await readImportFile(filePath, problems);
    expect(drafts.map((draft) => `${draft.id}: ${describeSpans(draft.spans)}`)).toEqual(['one: 0-5 claim', 'two: ']);
    expect(problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['batch.jsonl:2', 'batch.jsonl:3', 'batch.jsonl:4']);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[1]!.message).toMatch(/outside the text/);
  });

  test('an unsupported extension is reported and read as nothing', async () => {
    const filePath = await writeFile('report.docx', 'PK…');
    const problems: ImportProblem[] = [];
    expect(await readImportFile(filePath, problems)).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(['report.docx: unsupported file type ".docx"; use .txt, .text, .md, .markdown, .html, .htm, .xhtml, .jsonl, .ndjson, .json']);
  });

  test('a file with no extension is reported as unsupported', async () => {
    const problems: ImportProblem[] = [];
    expect(await readImportFile(await writeFile('README', 'x'), problems)).toEqual([]);
    expect(problems[0]!.message).toMatch(/\(none\)/);
  });
});

describe('importFiles', () => {
  test('never overwrites an existing id: the import gets a new id, reported in renamed', async () => {
    const store = await openStore();
    await store.addDocuments([{ id: 'story', text: 'Original text.', meta: { title: 'Original' }, status: 'done', spans: [], relations: [] }], 'tester');
    const txt = await writeFile('story.txt', 'Imported text.');
    const lines = await writeFile('more.jsonl', jsonl({ id: 'story', text: 'From JSONL.' }));
    const outcome = await importFiles(store, [txt, lines]);
    expect(outcome.problems.map(formatProblem)).toEqual(['story.txt: note: the id "story" is taken or unusable; imported as "story-2"', 'more.jsonl: note: the id "story" is taken or unusable; imported as "story-3"']);
    expect(outcome.renamed).toEqual([
      { from: 'story', to: 'story-2' },
      { from: 'story', to: 'story-3' },
    ]);
    expect(outcome.added.map((summary) => summary.id)).toEqual(['story-2', 'story-3']);
    const original = await store.getDocument('story');
    expect([original!.text, original!.status]).toEqual(['Original text.', 'done']);
    expect((await store.getDocument('story-3'))!.text).toBe('From JSONL.');
  });

  test('labels the label set lacks are added, each with its own colour', async () => {
    const store = await openStore();
    const filePath = await writeFile(
      'labels.jsonl',
      jsonl({ id: 'a', text: 'One two three', spans: [{ start: 0, end: 3, label: 'opinion' }, { start: 4, end: 7, label: 'quote' }, { start: 8, end: 13, label: 'source' }] }),
    );
    const outcome = await importFiles(store, [filePath]);
    expect(outcome.addedLabels).toEqual(['opinion', 'source']);
    const names = store.settings.labels.map((label) => label.name);
    expect(names).toEqual(['claim', 'quote', 'attribution', 'opinion', 'source']);
    expect(new Set(store.settings.labels.map((label) => label.color)).size).toBe(names.length);
    expect(describeSpans((await store.getDocument('a'))!.spans)).toBe('0-3 opinion | 4-7 quote | 8-13 source');
  });

  test('a file that cannot be read is a problem naming it; the other files still import', async () => {
    const store = await openStore();
    const good = await writeFile('good.txt', 'Fine.');
    const outcome = await importFiles(store, [path.join(folder, 'missing.txt'), good]);
    expect(outcome.added.map((summary) => summary.id)).toEqual(['good']);
    expect(outcome.problems.map(formatProblem)).toEqual([expect.stringMatching(/^missing\.txt: cannot be read/)]);
  });

  test('a span label the model refuses is a problem with file, line and field; the span is left out, its record kept', async () => {
    const store = await openStore();
    const filePath = await writeFile('bad-label.jsonl', jsonl({ id: 'good', text: 'Fine.' }, { id: 'bad', text: 'Hello world', spans: [{ start: 0, end: 5, label: ' quote' }] }));
    const outcome = await importFiles(store, [filePath]);
    expect(outcome.summaries.map((summary) => [summary.id, summary.counts])).toEqual([['good', {}], ['bad', {}]]);
    expect(outcome.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message.split(':')[0]}`)).toEqual(['bad-label.jsonl:2: spans.0.label']);
  });

  test('an annotator over 200 characters is a problem with file and line, not a failed import', async () => {
    const store = await openStore();
    const filePath = await writeFile('long.jsonl', jsonl({ id: 'good', text: 'Fine.' }, { id: 'bad', text: 'Hello', annotator: 'x'.repeat(201) }));
    const outcome = await importFiles(store, [filePath]);
    expect(outcome.added.map((summary) => summary.id)).toEqual(['good']);
    expect(outcome.problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['long.jsonl:2']);
  });
});

// ---------------------------------------------------------------------------------------------
// Export → import → export round trip.
// ---------------------------------------------------------------------------------------------

const PIECES = [
  'The minister said',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\t',
  '.',
  '“We are ready.”',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '🇺🇦',
  'e\u0301',
  'n\u0303o',
  'ا\u064Eلسلام',
  'עברית',
  '\u202Bembedded\u202C',
  '\u200F',
  '中文',
  '𝕏',
  '"',
  '\\',
  '\u2028',
  '\u0000',
];

/**
 * Article text as code points: prose, emoji (also ZWJ sequences and flags), combining marks,
 * right-to-left scripts, controls, "\r" and U+FEFF (our own export keeps its text as it is).
 */
const textArbitrary = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 })
  .map((pieces) => pieces.join(''));

const LABELS = DEFAULT_LABELS.map((label) => label.name);

const documentArbitrary = fc
  .record({
    id: fc.option(fc.constantFrom('doc', 'Doc-2', 'news_1.en', 'x'), { nil: null }),
    text: textArbitrary,
    title: fc.string({ minLength: 1, maxLength: 20 }).map((title) => (title.trim() === '' ? `t${title}` : title)),
    extraMeta: fc.dictionary(
      fc.constantFrom('source', 'url', 'published', 'words', 'paywalled', 'section'),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    ),
    status: fc.constantFrom(...DOCUMENT_STATUSES),
    annotator: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    spans: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        label: fc.constantFrom(...LABELS),
        annotator: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
        speaker: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
        note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      }),
      { maxLength: 6 },
    ),
    relations: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  })
  .map(({ id, text, title, extraMeta, status, annotator, spans, relations }): DocumentDraft => {
    // Span ends only at code point boundaries, so no span splits a surrogate pair.
    const boundaries = [0];
    for (const character of text) boundaries.push(boundaries[boundaries.length - 1]! + character.length);
    const draftSpans = (
      boundaries.length < 2
        ? []
        : spans.map(({ a, b, label, ...optional }) => {
            const first = a % boundaries.length;
            let second = b % boundaries.length;
            if (second === first) second = first === 0 ? 1 : first - 1;
            return {
              id: null,
              start: boundaries[Math.min(first, second)]!,
              end: boundaries[Math.max(first, second)]!,
              label,
              ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
            };
          })
    )
      // Spans of one label over one range are one span (the import merges them).
      .filter((each, index, all) => all.findIndex((other) => other.start === each.start && other.end === each.end && other.label === each.label) === index);
    const draftRelations = (
      draftSpans.length === 0
        ? []
        : relations.map(([head, child]) => ({ id: null, label: 'attributed_to' as const, head: head % draftSpans.length, child: child % draftSpans.length }))
    ).filter((each, index, all) => all.findIndex((other) => other.head === each.head && other.child === each.child) === index);
    return {
      id,
      text,
      meta: { title, ...extraMeta },
      status,
      ...(annotator !== undefined ? { annotator } : {}),
      spans: draftSpans,
      relations: draftRelations,
    };
  });

/** The JSONL export's lines, each with its "\n" (exportChunks hands on pieces of many lines). */
async function exportAll(store: LibraryStore, offsetUnit: 'codepoint' | 'utf16' = 'codepoint'): Promise<string[]> {
  let text = '';
  for await (const piece of exportChunks(store, { offsetUnit })) text += piece;
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/**
 * A record with the fields the import legitimately re-assigns blanked. Into a fresh library
 * that is only `updated_at` (the import stamps its own time); ids are kept because none is
 * taken, and the document's and spans' annotators come from the record. Everything else —
 * text, meta (with key order), status, spans' ids/start/end/label/text/speaker/note/annotator,
 * relations — must be identical.
 */
function comparable(line: string): string {
  const record = JSON.parse(line) as ExportRecord;
  return JSON.stringify({ ...record, updated_at: '(re-assigned)' });
}

describe('export → JSONL file → import into a fresh library → export', () => {
  test('gives the same records, up to updated_at; every span slices its text in both offset units', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(documentArbitrary, { minLength: 1, maxLength: 4 }), async (drafts) => {
        run++;
        const first = await openStore(`first-${run}`);
        const second = await openStore(`second-${run}`);
        try {
          await first.addDocuments(drafts, 'tester');
          const exported = await exportAll(first);
          expect(exported).toHaveLength(drafts.length);

          // Sanity: the export holds the generated spans (UTF-16 view), so the check is not vacuous.
          const utf16Records = (await exportAll(first, 'utf16')).map((line) => JSON.parse(line) as ExportRecord);
          expect(utf16Records.map((record) => describeSpans(record.spans))).toEqual(drafts.map((draft) => describeSpans(draft.spans)));
          for (const record of utf16Records) {
            for (const span of record.spans) expect(record.text.slice(span.start, span.end)).toBe(span.text);
          }
          for (const record of exported.map((line) => JSON.parse(line) as ExportRecord)) {
            expect(record.offset_unit).toBe('codepoint');
            const codePoints = Array.from(record.text);
            for (const span of record.spans) expect(codePoints.slice(span.start, span.end).join('')).toBe(span.text);
          }

          const filePath = path.join(folder, `export-${run}.jsonl`);
          await fs.writeFile(filePath, exported.join(''));
          const outcome = await importFiles(second, [filePath]);
          expect(outcome.problems.map(formatProblem)).toEqual([]);
          expect(outcome.renamed).toEqual([]);
          expect(outcome.addedLabels).toEqual([]);

          const reexported = await exportAll(second);
          expect(reexported.map(comparable)).toEqual(exported.map(comparable));
        } finally {
          stores.splice(stores.indexOf(first), 1);
          stores.splice(stores.indexOf(second), 1);
          await Promise.all([first.close(), second.close()]);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('a document without spans keeps "\\r\\n" through export and re-import', async () => {
    const first = await openStore('first');
    const second = await openStore('second');
    await first.addDocuments([{ id: 'crlf', text: 'Line one\r\nLine two', meta: { title: 'Line one' }, status: 'done', spans: [], relations: [] }], 'tester');
    const filePath = await writeFile('crlf.jsonl', (await exportAll(first)).join(''));
    await importFiles(second, [filePath]);
    expect((await second.getDocument('crlf'))!.text).toBe('Line one\r\nLine two');
  });
});
