import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { NewsDocument } from '../../shared/model';
import { AFTER_FIRST_ANSWER_MS, createLibraryHandlers } from '../services/libraryHandlers';
import { dispatchRequest } from '../services/dispatchRequest';
import { indexEntrySchema, isIndexEntry } from './indexEntry';
import { DOCUMENTS_FOLDER, INDEX_FILE_NAME, LibraryStore, type OpenOptions } from './libraryStore';
import { SAMPLE_IDS, sampleDrafts } from './testing/sampleDrafts';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);
let folder: string;
const opened: LibraryStore[] = [];

async function open(options: Partial<OpenOptions> = {}): Promise<LibraryStore> {
  const store = await LibraryStore.open(folder, { holder: 'unit test', ...options });
  opened.push(store);
  return store;
}

function documentPath(id: string): string {
  return path.join(folder, DOCUMENTS_FOLDER, `${id}.json`);
}

/** A seeded library whose index vouches for every file (stamps old enough to be trusted). */
async function settledLibrary(): Promise<void> {
  await (await open({ seed: async () => sampleDrafts() })).close();
  for (const id of SAMPLE_IDS) await fs.utimes(documentPath(id), AN_HOUR_AGO, AN_HOUR_AGO);
  await (await open()).close();
}

/** Rewrites a document file by hand and gives it an old time of its own, as a backup restore would. */
async function changeBehindTheIndex(id: string, change: (document: NewsDocument) => string): Promise<void> {
  const document = JSON.parse(await fs.readFile(documentPath(id), 'utf8')) as NewsDocument;
  await fs.writeFile(documentPath(id), change(document));
  await fs.utimes(documentPath(id), AN_HOUR_AGO, new Date(AN_HOUR_AGO.getTime() + 7_000));
}

beforeEach(async () => {
  folder = await makeTemporaryFolder();
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  await removeFolder(folder);
});

test('a document file damaged behind the index’s back is listed by the first answer, then found and set aside by the check the answer starts after it, with a notice', async () => {
  await settledLibrary();
  const damaged = SAMPLE_IDS[1]!;
  const bytes = Buffer.from('{"id": "truncat');
  await fs.writeFile(documentPath(damaged), bytes);
  await fs.utimes(documentPath(damaged), AN_HOUR_AGO, new Date(AN_HOUR_AGO.getTime() + 7_000));

  const store = await open({ deferFileCheck: true });
  const handlers = createLibraryHandlers(store);
  // The first answer comes from the index, before any file is checked.
  const first = await dispatchRequest(handlers, 'listDocumentPage', { offset: 0, limit: 2 });
  expect(first).toMatchObject({ ok: true, value: { total: SAMPLE_IDS.length, checkingFiles: true, rows: [{ id: SAMPLE_IDS[0] }, { id: damaged }] } });
  expect(store.notices).toEqual([]);

  // Answering the list starts the check by itself, once the page's other first requests are
  // answered (not at once, and well before the library's own 5 s fallback); nothing here asks for it.
  expect(store.filesChecked).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, AFTER_FIRST_ANSWER_MS / 2));
  expect(store.filesChecked).toBe(false);
  await vi.waitFor(() => expect(store.filesChecked).toBe(true), { timeout: 3_000, interval: 20 });
  // Once it has ended the file is set aside, untouched.
  expect(store.documentIds()).not.toContain(damaged);
  expect(store.notices).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining(`was damaged`) })]);
  const aside = (await listFilesBelow(folder)).filter((file) => file.includes(`${damaged}.json.damaged-`));
  expect(aside).toHaveLength(1);
  expect((await fs.readFile(path.join(folder, aside[0]!))).equals(bytes)).toBe(true);
  const later = await dispatchRequest(handlers, 'listDocumentPage', { offset: 0, limit: 10 });
  expect(later).toMatchObject({ ok: true, value: { total: SAMPLE_IDS.length - 1, checkingFiles: false } });
  expect((later as { value: { listVersion: number } }).value.listVersion).not.toBe((first as { value: { listVersion: number } }).value.listVersion);
  expect(await store.getDocument(damaged)).toBeNull();
});

test('a document file changed behind the index’s back (valid, another status) gets its summary from the file once checked', async () => {
  await settledLibrary();
  const id = SAMPLE_IDS[0]!;
  await changeBehindTheIndex(id, (document) => JSON.stringify({ ...document, status: 'done', meta: { ...document.meta, title: 'Restored from a backup' } }));
  const store = await open({ deferFileCheck: true });
  expect(store.listPage(0, 1).rows[0]).toMatchObject({ id, status: 'todo' });
  await store.checkFiles();
  expect(store.listPage(0, 1).rows[0]).toEqual({ id, title: 'Restored from a backup', status: 'done', counts: {} });
  await store.close();
  // The check's findings reach the index on disk.
  const index = JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8')) as { documents: { id: string; status: string }[] };
  expect(index.documents.find((entry) => entry.id === id)?.status).toBe('done');
});

test('before the check, a damaged file is still caught when the article is opened', async () => {
  await settledLibrary();
  const id = SAMPLE_IDS[2]!;
  await changeBehindTheIndex(id, (document) => JSON.stringify({ ...document, spans: 'seven' }));
  const store = await open({ deferFileCheck: true });
  expect(store.documentIds()).toContain(id);
  expect(await store.getDocument(id)).toBeNull();
  expect(store.documentIds()).not.toContain(id);
  expect(store.notices).toHaveLength(1);
  await store.checkFiles();
  expect(store.notices).toHaveLength(1);
});

test('a save made while the check runs is not taken for a change behind the index’s back', async () => {
  await settledLibrary();
  const store = await open({ deferFileCheck: true });
  const id = SAMPLE_IDS[0]!;
  const saving = store.updateDocument(id, (document) => ({ ok: true, value: { ...document, status: 'done', revision: document.revision + 1 } }));
  await Promise.all([saving, store.checkFiles()]);
  expect(store.notices).toEqual([]);
  expect(store.listPage(0, 1).rows[0]).toMatchObject({ id, status: 'done' });
});

test('without deferFileCheck, open checks every file first, as before', async () => {
  await settledLibrary();
  await changeBehindTheIndex(SAMPLE_IDS[1]!, () => '');
  const store = await open();
  expect(store.filesChecked).toBe(true);
  expect(store.documentIds()).not.toContain(SAMPLE_IDS[1]);
  expect(store.notices).toHaveLength(1);
});

test('pages: rows in library order, the light row shape, the total and the counts per status', async () => {
  const store = await open({ seed: async () => sampleDrafts() });
  const all = store.listDocuments();
  const page = store.listPage(1, 2);
  expect(page.rows).toEqual(all.slice(1, 3).map(({ id, title, status, counts }) => ({ id, title, status, counts })));
  expect(page).toMatchObject({ offset: 1, total: all.length, checkingFiles: false });
  expect(Object.values(page.statusCounts).reduce((sum, count) => sum + count, 0)).toBe(all.length);
  expect(store.listPage(all.length, 10).rows).toEqual([]);
});

test('the quick check of an index entry agrees with its schema', () => {
  const entry = fc.record({
    id: fc.oneof(fc.constantFrom('a', 'doc-1', 'x.y_z'), fc.string()),
    title: fc.oneof(fc.string(), fc.integer()),
    status: fc.constantFrom('todo', 'in_progress', 'done', 'skipped', 'gone', 3),
    counts: fc.oneof(fc.dictionary(fc.string(), fc.integer()), fc.dictionary(fc.string(), fc.string()), fc.constant(null), fc.constant([])),
    speakers: fc.oneof(fc.array(fc.string()), fc.constant(undefined), fc.array(fc.integer(), { minLength: 1 })),
    length: fc.oneof(fc.nat(), fc.constant('5')),
    updatedAt: fc.oneof(fc.string(), fc.constant(null)),
    file: fc.oneof(fc.constant(null), fc.record({ size: fc.nat(), mtimeMs: fc.double() }), fc.record({ size: fc.string() }), fc.constant(undefined)),
  }, { requiredKeys: ['id', 'title', 'status', 'counts', 'length', 'updatedAt'] });
  fc.assert(
    fc.property(fc.oneof(entry, fc.anything()), (value) => {
      const copy = structuredClone(value);
      expect(isIndexEntry(copy)).toBe(indexEntrySchema.safeParse(value).success);
    }),
    { numRuns: 2_000 },
  );
});
