import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ExportRecord } from '../../shared/exportRecord';
import type { DocumentDraft } from '../../shared/jsonlImport';
import type { DocumentStatus } from '../../shared/model';
import { describeSpans } from '../../shared/spans';
import { LibraryStore } from '../store/libraryStore';
import { exportChunks, exportToFile } from './exportLibrary';

const TEXT = 'Ana said: "Prices rose 😀 fast." The bank disagreed.';
// UTF-16 offsets: "Ana" 0-3, "Prices rose 😀 fast." 11-31, "The bank" 33-41, "The bank disagreed." 33-52.
// In code points everything after the emoji is one less.

function draft(id: string, status: DocumentStatus, withSpans = true): DocumentDraft {
  return {
    id,
    text: TEXT,
    meta: { title: id },
    status,
    spans: withSpans
      ? [
          { id: 'who', start: 0, end: 3, label: 'attribution' },
          { id: 'said', start: 11, end: 31, label: 'quote' },
          { id: 'bank', start: 33, end: 41, label: 'attribution' },
          { id: 'view', start: 33, end: 52, label: 'claim' },
        ]
      : [],
    // quote ← attribution twice, and claim ← attribution.
    relations: withSpans
      ? [
          { id: 'r1', label: 'attributed_to', head: 1, child: 0 },
          { id: 'r2', label: 'attributed_to', head: 3, child: 2 },
        ]
      : [],
  };
}

let folder: string;
let store: LibraryStore;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-export-'));
  store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', defaultAnnotator: 'tester' });
  await store.addDocuments([draft('a', 'done'), draft('b', 'in_progress'), draft('c', 'done', false), draft('d', 'todo', false)], 'tester');
});

afterEach(async () => {
  await store.close();
  await fs.rm(folder, { recursive: true, force: true });
});

async function readRecords(filePath: string): Promise<ExportRecord[]> {
  const content = await fs.readFile(filePath, 'utf8');
  expect(content.endsWith('\n')).toBe(true);
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ExportRecord);
}

/** A store that behaves like `real` but whose reading throws at its `failOn`-th document. */
function failingStore(real: LibraryStore, failOn: number, error: Error): LibraryStore {
  let calls = 0;
  return {
    listDocuments: () => real.listDocuments(),
    readDocuments: async (ids: readonly string[]) => {
      const documents = [];
      for (const id of ids) {
        if (++calls === failOn) throw error;
        documents.push(await real.getDocument(id));
      }
      return documents;
    },
  } as unknown as LibraryStore;
}

const outFolder = () => path.join(folder, 'out');

describe('exportToFile', () => {
  test('writes one line per document and counts documents and spans', async () => {
    await fs.mkdir(outFolder());
    const target = path.join(outFolder(), 'all.jsonl');
    const outcome = await exportToFile(store, {}, target);
    expect(outcome).toEqual({ destination: target, documents: 4, spans: 8 });
    const records = await readRecords(target);
    expect(records.map((record) => `${record.id} ${record.status} ${record.spans.length}`)).toEqual(['a done 4', 'b in_progress 4', 'c done 0', 'd todo 0']);
    expect(await fs.readdir(outFolder())).toEqual(['all.jsonl']);
  });

  test('an export failing at the second document leaves no file under the final name and no temporary file', async () => {
    await fs.mkdir(outFolder());
    const target = path.join(outFolder(), 'broken.jsonl');
    await expect(exportToFile(failingStore(store, 2, Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })), {}, target)).rejects.toThrow(/EIO/);
    expect(await fs.readdir(outFolder())).toEqual([]);
  });

  test('a failed export leaves an earlier export under the same name untouched', async () => {
    await fs.mkdir(outFolder());
    const target = path.join(outFolder(), 'export.jsonl');
    await fs.writeFile(target, 'earlier export\n');
    await expect(exportToFile(failingStore(store, 3, new Error('gone')), {}, target)).rejects.toThrow('gone');
    expect(await fs.readFile(target, 'utf8')).toBe('earlier export\n');
    expect(await fs.readdir(outFolder())).toEqual(['export.jsonl']);
  });

  test('invalid options fail before anything is left behind', async () => {
    await fs.mkdir(outFolder());
    const target = path.join(outFolder(), 'x.jsonl');
    await expect(exportToFile(store, { labels: [' quote'] }, target)).rejects.toThrow();
    expect(await fs.readdir(outFolder())).toEqual([]);
  });

  test('a missing destination folder rejects and creates nothing', async () => {
    await expect(exportToFile(store, {}, path.join(outFolder(), 'x.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.access(outFolder())).rejects.toThrow();
  });

  test('a document file damaged after listing is left out, set aside and noted; the rest is exported', async () => {
    await fs.mkdir(outFolder());
    // addDocuments does not keep what it wrote in the store's cache, so exporting reads b.json again.
    const damaged = path.join(store.folder, 'documents', 'b.json');
    await fs.writeFile(damaged, '{"id": "b", "text": ');
    const target = path.join(outFolder(), 'rest.jsonl');
    const outcome = await exportToFile(store, {}, target);
    expect([outcome.documents, outcome.spans]).toEqual([3, 4]);
    expect((await readRecords(target)).map((record) => record.id)).toEqual(['a', 'c', 'd']);
    expect(store.notices.map((notice) => notice.message)).toEqual([expect.stringContaining('"b" was damaged')]);
    expect((await fs.readdir(path.dirname(damaged))).filter((name) => name.startsWith('b.json'))).toEqual([expect.stringMatching(/^b\.json\.damaged-/)]);
  });

  describe('files the index vouches for (their size and time unchanged since the store checked them)', () => {
    const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

    /**
     * Backdates the files and opens the library again, so the index records stamps it trusts;
     * then once more, so that no document was read (and cached) by this open.
     */
    async function reopenWithTrustedStamps(): Promise<void> {
      await store.close();
      for (const id of ['a', 'b', 'c', 'd']) await fs.utimes(path.join(folder, 'library', 'documents', `${id}.json`), AN_HOUR_AGO, AN_HOUR_AGO);
      await (await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' })).close();
      store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' });
    }

    test('are exported without the full read, and the export is the same', async () => {
      await fs.mkdir(outFolder());
      const before = path.join(outFolder(), 'before.jsonl');
      await exportToFile(store, {}, before);
      await reopenWithTrustedStamps();
      const fullReads = vi.spyOn(store, 'getDocument');
      const after = path.join(outFolder(), 'after.jsonl');
      expect(await exportToFile(store, {}, after)).toMatchObject({ documents: 4, spans: 8 });
      expect(fullReads).not.toHaveBeenCalled();
      const withoutTimes = (records: ExportRecord[]) => records.map(({ updated_at: _time, ...record }) => record);
      expect(withoutTimes(await readRecords(after))).toEqual(withoutTimes(await readRecords(before)));
    });

    test('a file changed behind the index’s back (valid JSON of the wrong schema) is read in full, set aside and noted', async () => {
      await reopenWithTrustedStamps();
      const file = path.join(store.folder, 'documents', 'c.json');
      await fs.writeFile(file, JSON.stringify({ ...JSON.parse(await fs.readFile(file, 'utf8')), status: 'seven' }));
      await fs.mkdir(outFolder());
      const outcome = await exportToFile(store, {}, path.join(outFolder(), 'rest.jsonl'));
      expect(outcome.documents).toBe(3);
      expect(store.notices.map((notice) => notice.message)).toEqual([expect.stringContaining('"c" was damaged')]);
    });

    test('a span that does not fit its text is still left out and noted, though the file’s stamp matches', async () => {
      const file = path.join(store.folder, 'documents', 'a.json');
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as { spans: { end: number }[] };
      stored.spans[0]!.end = 10_000;
      await fs.writeFile(file, JSON.stringify(stored));
      await reopenWithTrustedStamps();
      await fs.mkdir(outFolder());
      const target = path.join(outFolder(), 'a.jsonl');
      await exportToFile(store, { documentIds: ['a'] }, target);
      expect(describeSpans((await readRecords(target))[0]!.spans)).toBe('11-30 quote | 32-51 claim | 32-40 attribution');
      expect(store.notices.map((notice) => notice.message)).toEqual([expect.stringContaining('has spans or relations that do not fit its text')]);
    });
  });

  test('status filter: only documents with the given statuses, counted', async () => {
    await fs.mkdir(outFolder());
    const target = path.join(outFolder(), 'done.jsonl');
    const outcome = await exportToFile(store, { statuses: ['done', 'todo'] }, target);
    expect([outcome.documents, outcome.spans]).toEqual([3, 4]);
    expect((await readRecords(target)).map((record) => record.id)).toEqual(['a', 'c', 'd']);
  });
});

describe('exportChunks', () => {
  async function collect(options: Parameters<typeof exportChunks>[1]): Promise<{ records: ExportRecord[]; counts: { documents: number; spans: number } }> {
    const counts = { documents: 0, spans: 0 };
    const records: ExportRecord[] = [];
    let text = '';
    for await (const piece of exportChunks(store, options, counts)) text += piece;
    expect(text === '' || text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n').slice(0, -1)) records.push(JSON.parse(line) as ExportRecord);
    return { records, counts };
  }

  test('offsets count code points by default; each span slices its text Python-style', async () => {
    const { records } = await collect({});
    const a = records[0]!;
    expect(a.offset_unit).toBe('codepoint');
    expect(describeSpans(a.spans)).toBe('0-3 attribution | 11-30 quote | 32-51 claim | 32-40 attribution');
    for (const span of a.spans) expect(Array.from(a.text).slice(span.start, span.end).join('')).toBe(span.text);
    expect(a.spans.map((span) => span.text)).toEqual(['Ana', 'Prices rose 😀 fast.', 'The bank disagreed.', 'The bank']);
  });

  test('utf16 offsets are JavaScript string indices', async () => {
    const { records } = await collect({ offsetUnit: 'utf16' });
    const a = records[0]!;
    expect(describeSpans(a.spans)).toBe('0-3 attribution | 11-31 quote | 33-52 claim | 33-41 attribution');
    for (const span of a.spans) expect(a.text.slice(span.start, span.end)).toBe(span.text);
  });

  test('label filter keeps only those spans, and only relations whose both spans are kept', async () => {
    const all = await collect({});
    expect(all.records[0]!.relations.map((relation) => `${relation.id} ${relation.head_id}←${relation.child_id}`)).toEqual(['r1 said←who', 'r2 view←bank']);

    const { records, counts } = await collect({ labels: ['quote', 'attribution'] });
    expect(records.map((record) => describeSpans(record.spans))).toEqual(['0-3 attribution | 11-30 quote | 32-40 attribution', '0-3 attribution | 11-30 quote | 32-40 attribution', '', '']);
    expect(records.map((record) => record.relations.map((relation) => relation.id).join(','))).toEqual(['r1', 'r1', '', '']);
    expect(records[0]!.relations[0]).toMatchObject({ head_span: { start: 11, end: 30, label: 'quote' }, child_span: { start: 0, end: 3, label: 'attribution' } });
    expect(counts).toEqual({ documents: 4, spans: 6 });

    const quotesOnly = await collect({ labels: ['quote'] });
    expect(quotesOnly.records.flatMap((record) => record.relations)).toEqual([]);
    expect(quotesOnly.counts).toEqual({ documents: 4, spans: 2 });
  });

  test('status and label filters combine', async () => {
    const { records, counts } = await collect({ statuses: ['in_progress'], labels: ['claim'] });
    expect(records.map((record) => `${record.id}: ${describeSpans(record.spans)}`)).toEqual(['b: 32-51 claim']);
    expect(counts).toEqual({ documents: 1, spans: 1 });
  });

  test('an empty status list exports no document', async () => {
    const { records, counts } = await collect({ statuses: [] });
    expect(records).toEqual([]);
    expect(counts).toEqual({ documents: 0, spans: 0 });
  });
});
