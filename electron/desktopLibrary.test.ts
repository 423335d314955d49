import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DesktopLibrary } from './desktopLibrary';
import { LibraryStore } from './store/libraryStore';
import { LIST_HEAD_VERSION, readListHead } from './store/listHead';

let folder: string;
let stores: LibraryStore[] = [];

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-desktop-library-'));
});

afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
  await fs.rm(folder, { recursive: true, force: true });
});

async function openStore(): Promise<LibraryStore> {
  const store = await LibraryStore.open(folder, { holder: 'test', seed: async () => [{ id: 'only', text: 'Only article.', meta: { title: 'Only' }, status: 'todo', spans: [], relations: [] }] });
  stores.push(store);
  return store;
}

/** A library opened once and closed, as the app leaves it: its list head written beside its index. */
async function closedLibrary(): Promise<void> {
  await (await openStore()).close();
  stores = [];
}

/** An opener that counts its calls and opens only when the test lets it. */
function openerHeldUntil(): { open: () => Promise<LibraryStore>; calls: () => number; release: () => void } {
  let calls = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    open: async () => {
      calls++;
      await released;
      return openStore();
    },
    calls: () => calls,
    release,
  };
}

test('without a list head the library opens when the window is created, and requests wait for it', async () => {
  const opener = openerHeldUntil();
  const library = new DesktopLibrary({ head: null, open: opener.open });
  let answered = false;
  const listing = library.request('listDocumentPage', { offset: 0, limit: 10 }).then((answer) => ((answered = true), answer));
  expect(opener.calls()).toBe(1);
  library.start();
  expect(opener.calls()).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(answered).toBe(false);
  opener.release();
  const answer = await listing;
  expect(answer).toMatchObject({ ok: true, value: { total: 1, rows: [{ id: 'only' }] } });
  expect(answer.ok && (answer.value as { listVersion: number }).listVersion).toBeGreaterThanOrEqual(0);
});

test('with a list head the first screen, settings and notices are answered before the library opens; they, or any other request, start the opening', async () => {
  await closedLibrary();
  const head = readListHead(folder);
  expect(head).not.toBeNull();
  const opener = openerHeldUntil();
  const library = new DesktopLibrary({ head, open: opener.open, openAfterMs: 60_000 });
  library.start();
  expect(await library.request('listDocumentPage', { offset: 0, limit: 50 })).toMatchObject({ ok: true, value: { total: 1, rows: [{ id: 'only', title: 'Only' }], listVersion: LIST_HEAD_VERSION, checkingFiles: true } });
  expect(await library.request('getSettings', undefined)).toMatchObject({ ok: true, value: { annotator: head!.settings.annotator } });
  expect(opener.calls()).toBe(0);
  expect(await library.request('getNotices', {})).toEqual({ ok: true, value: [] });
  expect(opener.calls()).toBe(1);
  // While it opens, the first screen still comes from the head; a document waits for the library.
  expect(await library.request('listDocumentPage', { offset: 0, limit: 50 })).toMatchObject({ ok: true, value: { listVersion: LIST_HEAD_VERSION } });
  const document = library.request('getDocument', { id: 'only' });
  opener.release();
  expect(await document).toMatchObject({ ok: true, value: { id: 'only', text: 'Only article.' } });
  const fromLibrary = await library.request('listDocumentPage', { offset: 0, limit: 50 });
  expect(fromLibrary).toMatchObject({ ok: true, value: { total: 1 } });
  expect(fromLibrary.ok && (fromLibrary.value as { listVersion: number }).listVersion).toBeGreaterThanOrEqual(0);
  // A request the head cannot answer (a later page) is validated and answered by the library's handlers.
  expect(await library.request('listDocumentPage', { offset: -1, limit: 50 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
});

test('with a list head and a window that asks nothing, the library opens after openAfterMs', async () => {
  await closedLibrary();
  const opener = openerHeldUntil();
  const library = new DesktopLibrary({ head: readListHead(folder), open: opener.open, openAfterMs: 20 });
  library.start();
  expect(library.started).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(library.started).toBe(true);
  opener.release();
  expect((await library.store()).listDocuments().map((summary) => summary.id)).toEqual(['only']);
});

test('a library that cannot be opened answers each request with the reason, not a hang', async () => {
  const library = new DesktopLibrary({ head: null, open: () => Promise.reject(new Error('The data folder was written by a newer Newsmark.')) });
  library.opened.catch(() => undefined);
  library.start();
  expect(await library.request('getDocument', { id: 'only' })).toMatchObject({ ok: false, error: { code: 'storage_failed', message: expect.stringContaining('newer Newsmark') } });
});
