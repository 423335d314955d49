import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createLibraryHandlers } from '../services/libraryHandlers';
import { LibraryStore } from '../store/libraryStore';
import { LIST_HEAD_VERSION, readListHead } from '../store/listHead';
import { startBrowserHost, type BrowserHost, type LibraryServices } from './browserHost';
import { EarlyAnswers } from './earlyAnswers';

const TOKEN = 'listen-first-token';
let folder: string;
let host: BrowserHost | null = null;
let store: LibraryStore | null = null;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-listen-first-'));
  await fs.mkdir(path.join(folder, 'renderer'));
  await fs.writeFile(path.join(folder, 'renderer', 'index.html'), '<!doctype html><title>Newsmark</title>');
});

afterEach(async () => {
  await host?.close();
  await store?.close();
  host = store = null;
  await fs.rm(folder, { recursive: true, force: true });
});

function callApi(name: string, args: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${host!.port}/api/request/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
}

/** A library that opens when the test says so. */
function libraryOpenedLater(): { library: Promise<LibraryServices>; open(): Promise<void>; fail(error: Error): void } {
  let resolve!: (services: LibraryServices) => void;
  let reject!: (error: Error) => void;
  const library = new Promise<LibraryServices>((yes, no) => ((resolve = yes), (reject = no)));
  return {
    library,
    async open() {
      store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', seed: async () => [{ id: 'only', text: 'Only article.', meta: { title: 'Only' }, status: 'todo', spans: [], relations: [] }] });
      resolve({ store, handlers: createLibraryHandlers(store) });
    },
    fail: reject,
  };
}

test('the host serves the page while the library is still opening; an API call waits for the library, then answers', async () => {
  const later = libraryOpenedLater();
  host = await startBrowserHost({ library: later.library, rendererFolder: path.join(folder, 'renderer'), port: 0, token: TOKEN });
  const page = await fetch(`http://127.0.0.1:${host.port}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Newsmark</title>');

  let answered = false;
  const listing = callApi('listDocumentPage', { offset: 0, limit: 10 }).then(async (response) => {
    answered = true;
    return response.json();
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(answered).toBe(false);
  // Without the token the answer does not wait: it is refused at once.
  expect((await fetch(`http://127.0.0.1:${host.port}/api/request/listDocuments`, { method: 'POST' })).status).toBe(401);

  await later.open();
  expect(await listing).toMatchObject({ ok: true, value: { total: 1, rows: [{ id: 'only', title: 'Only', status: 'todo', counts: {} }] } });
});

test('a library that fails to open answers each API call with its error; the page is still served', async () => {
  const later = libraryOpenedLater();
  host = await startBrowserHost({ library: later.library, rendererFolder: path.join(folder, 'renderer'), port: 0, token: TOKEN });
  later.fail(new Error('The data folder was written by a newer Newsmark.'));
  const response = await callApi('listDocuments', {});
  expect(response.status).toBe(500);
  expect(await response.json()).toMatchObject({ ok: false, error: { message: expect.stringContaining('newer Newsmark') } });
  expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
});

test('with a current list head, the first screen, settings and notices are answered before the library opens, which they then start; the rest waits for it', async () => {
  // A library as the app leaves it: closed, its head written with its index.
  const later = libraryOpenedLater();
  await later.open();
  await store!.close();
  store = null;
  const head = readListHead(path.join(folder, 'library'));
  expect(head).not.toBeNull();
  const reopened = libraryOpenedLater();
  let openings = 0;
  const early = new EarlyAnswers(head!, () => openings++);
  host = await startBrowserHost({ library: reopened.library, early, rendererFolder: path.join(folder, 'renderer'), port: 0, token: TOKEN });

  let documentAnswered = false;
  const document = callApi('getDocument', { id: 'only' }).then(async (response) => {
    documentAnswered = true;
    return response.json();
  });
  // Anything the head cannot answer starts the library's opening and waits for it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(documentAnswered).toBe(false);
  expect(openings).toBe(1);
  await reopened.open();
  expect(await document).toMatchObject({ ok: true, value: { id: 'only' } });

  const firstHost = host;
  await firstHost.close();
  await store!.close();
  store = null;
  const third = libraryOpenedLater();
  let thirdOpenings = 0;
  host = await startBrowserHost({ library: third.library, early: new EarlyAnswers(readListHead(path.join(folder, 'library'))!, () => thirdOpenings++), rendererFolder: path.join(folder, 'renderer'), port: 0, token: TOKEN });
  expect(await (await callApi('listDocumentPage', { offset: 0, limit: 100 })).json()).toMatchObject({
    ok: true,
    value: { total: 1, rows: [{ id: 'only', title: 'Only', status: 'todo' }], listVersion: LIST_HEAD_VERSION, checkingFiles: true },
  });
  expect(await (await callApi('getSettings', {})).json()).toMatchObject({ ok: true, value: { annotator: head!.settings.annotator } });
  expect(thirdOpenings).toBe(0);
  expect(await (await callApi('getNotices', {})).json()).toEqual({ ok: true, value: [] });
  expect(thirdOpenings).toBe(1);
  // While the library opens, the first screen still comes from the head; once it is open, from the library.
  expect(await (await callApi('listDocumentPage', { offset: 0, limit: 100 })).json()).toMatchObject({ ok: true, value: { listVersion: LIST_HEAD_VERSION } });
  await third.open();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await (await callApi('listDocumentPage', { offset: 0, limit: 100 })).json()).toMatchObject({ ok: true, value: { total: 1, listVersion: 0 } });
});
