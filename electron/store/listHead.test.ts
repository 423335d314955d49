import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { EarlyAnswers } from '../web/earlyAnswers';
import { INDEX_FILE_NAME, LibraryStore } from './libraryStore';
import { HEAD_OF, LIST_HEAD_FILE_NAME, LIST_HEAD_VERSION, readListHead } from './listHead';
import { SETTINGS_FILE_NAME } from './settingsFile';
import { SAMPLE_IDS, sampleDrafts } from './testing/sampleDrafts';
import { makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

let folder: string;

beforeEach(async () => {
  folder = await makeTemporaryFolder();
  await (await LibraryStore.open(folder, { holder: 'unit test', seed: async () => sampleDrafts() })).close();
});

afterEach(async () => {
  await removeFolder(folder);
});

const headPath = () => path.join(folder, LIST_HEAD_FILE_NAME);

test('names the files the store writes', () => {
  expect(HEAD_OF).toEqual({ index: INDEX_FILE_NAME, settings: SETTINGS_FILE_NAME });
});

test('is written with the index: the first rows, the totals and the settings, as the library lists them', async () => {
  const store = await LibraryStore.open(folder, { holder: 'unit test' });
  const page = store.listPage(0, 200);
  const settings = store.settings;
  await store.close();
  const head = readListHead(folder);
  expect(head?.page).toEqual({ ...page, checkingFiles: false });
  expect(head?.page.rows.map((row) => row.id)).toEqual(SAMPLE_IDS);
  expect(head?.settings).toEqual(settings);
});

test('follows the index: a status change is in the head written after it', async () => {
  const store = await LibraryStore.open(folder, { holder: 'unit test' });
  const before = store.listPage(0, 200).statusCounts.skipped;
  await store.updateDocument(SAMPLE_IDS[0]!, (document) => ({ ok: true, value: { ...document, status: 'skipped' } }));
  await store.close();
  expect(readListHead(folder)?.page.statusCounts.skipped).toBe(before + 1);
  expect(readListHead(folder)?.page.rows[0]?.status).toBe('skipped');
});

test('is ignored once the index is written without it (a crash between the two, another program)', async () => {
  const index = await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8');
  // The same bytes by another write: a new file under the name, as every save makes.
  await fs.rm(path.join(folder, INDEX_FILE_NAME));
  await fs.writeFile(path.join(folder, INDEX_FILE_NAME), index);
  expect(readListHead(folder)).toBeNull();
});

test('is ignored once the settings file is written without it', async () => {
  const settings = await fs.readFile(path.join(folder, SETTINGS_FILE_NAME), 'utf8');
  await fs.rm(path.join(folder, SETTINGS_FILE_NAME));
  await fs.writeFile(path.join(folder, SETTINGS_FILE_NAME), settings);
  expect(readListHead(folder)).toBeNull();
});

test('is ignored when damaged: a changed byte, cut short, empty, not there', async () => {
  const text = await fs.readFile(headPath(), 'utf8');
  expect(readListHead(folder)).not.toBeNull();
  const at = text.indexOf('"title"') + 10;
  await fs.writeFile(headPath(), `${text.slice(0, at)}X${text.slice(at + 1)}`);
  expect(readListHead(folder)).toBeNull();
  await fs.writeFile(headPath(), text.slice(0, text.length - 20));
  expect(readListHead(folder)).toBeNull();
  await fs.writeFile(headPath(), '');
  expect(readListHead(folder)).toBeNull();
  await fs.rm(headPath());
  expect(readListHead(folder)).toBeNull();
});

test('answers a first screen, the settings and no notices yet, marked for fetching again; anything else waits for the library', () => {
  const head = readListHead(folder)!;
  let opened = 0;
  const early = new EarlyAnswers(head, () => opened++);
  expect(early.answer('listDocumentPage', JSON.stringify({ offset: 1, limit: 2 }))).toBeNull();
  expect(early.answer('listDocumentPage', JSON.stringify({ offset: 0, limit: 2, more: 1 }))).toBeNull();
  expect(early.answer('getSettings', '{"x":1}')).toBeNull();
  expect(early.answer('getNotices', 'not json')).toBeNull();
  expect(opened).toBe(0);
  const page = early.answer('listDocumentPage', JSON.stringify({ offset: 0, limit: 2 }));
  expect(page).toEqual({ ok: true, value: { ...head.page, rows: head.page.rows.slice(0, 2), listVersion: LIST_HEAD_VERSION, checkingFiles: true } });
  // A small library's head holds every row, so any first screen is answered.
  expect(early.answer('listDocumentPage', JSON.stringify({ offset: 0, limit: 5000 }))).not.toBeNull();
  expect(early.answer('getSettings', '')).toEqual({ ok: true, value: head.settings });
  expect(opened).toBe(0);
  expect(early.answer('getNotices', '{}')).toEqual({ ok: true, value: [] });
  // The three answered, the library opens (once); until it is open the three are still answered early.
  expect(opened).toBe(1);
  early.openLibrary();
  expect(early.answer('getSettings', '')).toEqual({ ok: true, value: head.settings });
  expect(opened).toBe(1);
});

test('a head of a large library answers only as many rows as it has', async () => {
  const head = readListHead(folder)!;
  const early = new EarlyAnswers({ ...head, page: { ...head.page, total: 10_000 } }, () => undefined);
  expect(early.answer('listDocumentPage', JSON.stringify({ offset: 0, limit: 4 }))).not.toBeNull();
  expect(early.answer('listDocumentPage', JSON.stringify({ offset: 0, limit: 5 }))).toBeNull();
});

test('a head that cannot be written fails nothing: the index is written, the head is not used', async () => {
  await fs.rm(headPath());
  // A folder in its place: the rename over it fails, as a full disk would fail the write.
  await fs.mkdir(headPath());
  const store = await LibraryStore.open(folder, { holder: 'unit test' });
  await store.updateDocument(SAMPLE_IDS[1]!, (document) => ({ ok: true, value: { ...document, status: 'skipped' } }));
  await expect(store.close()).resolves.toBeUndefined();
  const index = JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8')) as { documents: { id: string; status: string }[] };
  expect(index.documents.find((entry) => entry.id === SAMPLE_IDS[1])?.status).toBe('skipped');
  expect(readListHead(folder)).toBeNull();
  expect((await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});
