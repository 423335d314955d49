import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compareExports } from '../../shared/agreement/compareExports';
import { COMPARISON_CHUNK_CHARS } from '../../shared/agreement/comparisonContract';
import { toExportRecord } from '../../shared/exportRecord';
import { LibraryStore } from '../store/libraryStore';
import { Comparisons } from './comparisons';
import { dispatchRequest } from './dispatchRequest';
import { createLibraryHandlers } from './libraryHandlers';
import { importFiles } from './importFiles';
import { ANNOTATED_TEXT, annotatorExportLine } from '../../shared/testing/annotatorExports';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function libraryWithAnn(): Promise<LibraryStore> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-comparisons-'));
  folders.push(folder);
  const ann = path.join(folder, 'ann.jsonl');
  await fs.writeFile(ann, `${annotatorExportLine({ annotator: 'ann', quoteEnd: 14 })}\n`);
  await fs.writeFile(path.join(folder, 'other.txt'), 'Another article, not in the file.\n');
  const store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' });
  await importFiles(store, [ann, path.join(folder, 'other.txt')]);
  return store;
}

/** Sends `content` as the view does: in pieces of at most COMPARISON_CHUNK_CHARS. */
function send(comparisons: Comparisons, name: string, content: string) {
  let comparisonId: string | undefined;
  for (let offset = 0; ; offset += COMPARISON_CHUNK_CHARS) {
    const last = offset + COMPARISON_CHUNK_CHARS >= content.length;
    const answer = comparisons.upload({ ...(comparisonId ? { comparisonId } : {}), name, chunk: content.slice(offset, offset + COMPARISON_CHUNK_CHARS), last });
    if (!answer.ok) throw new Error(answer.error.message);
    comparisonId = answer.value.comparisonId;
    if (last) return answer.value;
  }
}

describe('comparisons with another annotator’s export', () => {
  test('a file sent in pieces is compared with the library as the command line compares the two exports', async () => {
    const store = await libraryWithAnn();
    try {
      const comparisons = new Comparisons(store);
      // Padding makes the file span three pieces.
      const bob = `${annotatorExportLine({ annotator: 'bob', quoteEnd: 13, padding: 'x'.repeat(COMPARISON_CHUNK_CHARS * 2) })}\n`;
      const upload = send(comparisons, 'bob.jsonl', bob);
      expect(upload).toMatchObject({ ready: true, problems: [] });
      const report = await comparisons.report(upload.comparisonId);
      if (!report.ok) throw new Error(report.error.message);
      const documents = await Promise.all(store.listDocuments().map((summary) => store.getDocument(summary.id)));
      const mine = documents.filter((document) => document!.text === ANNOTATED_TEXT).map((document) => toExportRecord(document!, { offsetUnit: 'codepoint' }));
      const expected = compareExports(mine, [JSON.parse(bob)]);
      expect(report.value.labels).toEqual(expected.labels);
      expect(report.value.disagreements).toEqual(expected.disagreements);
      // By hand: the quote is one character shorter (overlap only), the attribution the same, so the link differs.
      expect(report.value.labels['quote']!.exact.f1).toBe(0);
      expect(report.value.labels['quote']!.overlap.f1).toBe(1);
      expect(report.value.labels['attribution']!.exact.f1).toBe(1);
      expect(report.value.relations).toMatchObject({ a: 1, b: 1, matched: 0 });
      expect(report.value.documents.compared).toBe(1);
      expect(report.value.documents.only_a).toHaveLength(1);
      expect(report.value).toMatchObject({ name: 'bob.jsonl', records: 1, annotators: { a: ['ann'], b: ['bob'] } });
      // Their version of the library's article, in UTF-16 offsets.
      const id = mine[0]!.id;
      const versions = await comparisons.theirVersions(upload.comparisonId, [id, 'nothing-like-it']);
      if (!versions.ok) throw new Error(versions.error.message);
      expect(Object.keys(versions.value)).toEqual([id]);
      expect(versions.value[id]!.spans.map((span) => `${span.start}-${span.end} ${span.annotator}`)).toEqual(['4-14 bob', '18-26 bob']);
    } finally {
      await store.close();
    }
  });

  test('a file that is not a valid export gives every problem with its line, and no comparison', async () => {
    const store = await libraryWithAnn();
    try {
      const comparisons = new Comparisons(store);
      const upload = send(comparisons, 'bad.jsonl', `${annotatorExportLine({ annotator: 'bob', quoteEnd: 13 })}\n{"id": "x"}\nnot json\n`);
      expect(upload.ready).toBe(false);
      expect([...new Set(upload.problems.map((problem) => `${problem.file}:${problem.line}`))]).toEqual(['bad.jsonl:2', 'bad.jsonl:3']);
      const report = await comparisons.report(upload.comparisonId);
      expect(report.ok).toBe(false);
      expect(comparisons.upload({ comparisonId: upload.comparisonId, name: 'bad.jsonl', chunk: '', last: true }).ok).toBe(false);
    } finally {
      await store.close();
    }
  });

  test('the requests are checked at the edge: a piece too long, an id that is not one, no file sent', async () => {
    const store = await libraryWithAnn();
    try {
      const handlers = createLibraryHandlers(store);
      const tooLong = await dispatchRequest(handlers, 'uploadComparison', { name: 'bob.jsonl', chunk: 'x'.repeat(COMPARISON_CHUNK_CHARS + 1), last: true });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('chunk') } });
      const badId = await dispatchRequest(handlers, 'comparisonReport', { comparisonId: '../etc' });
      expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('comparisonId') } });
      const unknown = await dispatchRequest(handlers, 'theirVersions', { comparisonId: '00000000-0000-4000-8000-000000000000', documentIds: ['win'] });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('pick the file again') } });
    } finally {
      await store.close();
    }
  });
});
