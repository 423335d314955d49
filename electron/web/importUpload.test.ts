import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportFileOutcome, ImportProgress } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createLibraryHandlers } from '../services/libraryHandlers';
import { LibraryStore } from '../store/libraryStore';
import { MAX_UPLOAD_BYTES, startBrowserHost, type BrowserHost } from './browserHost';

/** The browser host's import route: files uploaded one by one into an import job. */

let folder: string;
let store: LibraryStore;
let host: BrowserHost;
const TOKEN = 'upload-token-123';

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-upload-'));
  await fs.mkdir(path.join(folder, 'renderer'));
  await fs.writeFile(path.join(folder, 'renderer', 'index.html'), '<!doctype html>');
  store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', defaultAnnotator: 'tester' });
  host = await startBrowserHost({ store, handlers: createLibraryHandlers(store), rendererFolder: path.join(folder, 'renderer'), port: 0, token: TOKEN });
});

afterAll(async () => {
  await host?.close();
  await store?.close();
  await fs.rm(folder, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${host.port}`;

async function request<T>(name: string, args: unknown): Promise<Result<T>> {
  const response = await fetch(`${origin()}/api/request/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  return (await response.json()) as Result<T>;
}

async function startJob(files: number): Promise<string> {
  const started = await request<ImportProgress>('startImport', { files });
  if (!started.ok) throw new Error(started.error.message);
  return started.value.jobId;
}

function upload(jobId: string, name: string, body: Blob | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin()}/api/import/${jobId}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/octet-stream', ...headers },
    body,
  });
}

describe('POST /api/import/<job>', () => {
  test('files of a job are read, checked and stored one by one; the answer is the progress and that file’s problems', async () => {
    const jobId = await startJob(2);
    const first = (await (await upload(jobId, 'drop/a.jsonl', `${JSON.stringify({ id: 'up-a', text: 'Hello 😀 world', spans: [{ start: 8, end: 13, label: 'claim' }] })}\n{broken\n`)).json()) as Result<ImportFileOutcome>;
    expect(first.ok && first.value.progress).toMatchObject({ state: 'running', filesTotal: 2, filesDone: 1, documentsAdded: 1 });
    expect(first.ok && first.value.problems).toEqual([{ file: 'drop/a.jsonl', line: 2, message: expect.stringMatching(/^not valid JSON/) }]);
    // UTF-16 with a byte order mark, as Windows tools write it.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title in UTF-16\n\nBody.', 'utf16le')]);
    const second = (await (await upload(jobId, 'drop/b.txt', new Blob([utf16]))).json()) as Result<ImportFileOutcome>;
    expect(second.ok && second.value.progress).toMatchObject({ state: 'finished', filesDone: 2, documentsAdded: 2 });
    expect((await store.getDocument('b'))!.meta.title).toBe('Title in UTF-16');
    expect((await store.getDocument('up-a'))!.spans.map((span) => [span.start, span.end])).toEqual([[9, 14]]);
    // More files than the job announced are refused.
    const extra = (await (await upload(jobId, 'c.txt', 'x')).json()) as Result<ImportFileOutcome>;
    expect(extra.ok).toBe(false);
    const status = await request<ImportFileOutcome>('importStatus', { jobId });
    expect(status.ok && status.value.problems.length).toBe(1);
  });

  test('after cancelImport the job refuses further files; what was imported stays', async () => {
    const jobId = await startJob(3);
    await upload(jobId, 'keep.txt', 'Kept article');
    const cancelled = await request<ImportProgress>('cancelImport', { jobId });
    expect(cancelled.ok && cancelled.value.state).toBe('cancelled');
    const refused = (await (await upload(jobId, 'late.txt', 'Late article')).json()) as Result<ImportFileOutcome>;
    expect(refused).toMatchObject({ ok: false, error: { message: 'This import was cancelled.' } });
    expect(await store.getDocument('keep')).not.toBeNull();
    expect(await store.getDocument('late')).toBeNull();
  });

  test('two steps over HTTP: a plan job lists the unknown labels and writes nothing; the import job applies the mapping, validated at the edge', async () => {
    const record = `${JSON.stringify({ id: 'peer-1', text: 'Ann met Bob', spans: [{ id: 'a', start: 0, end: 3, label: 'PER' }, { id: 'b', start: 8, end: 11, label: 'PER' }], relations: [{ label: 'met', head_id: 'a', child_id: 'b' }] })}\n`;
    const labelsBefore = store.settings.labels.map((label) => label.name);
    const planned = await request<ImportProgress>('startImport', { files: 1, plan: true });
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.value.mode).toBe('plan');
    const answer = (await (await upload(planned.value.jobId, 'peer.jsonl', record)).json()) as Result<ImportFileOutcome>;
    expect(answer.ok && answer.value.plan).toMatchObject({ documents: 1, labels: [{ name: 'PER', spans: 2, documents: 1, proposedKey: expect.any(String) }], relationTypes: [{ name: 'met', relations: 1 }] });
    expect(await store.getDocument('peer-1')).toBeNull();
    expect(store.settings.labels.map((label) => label.name)).toEqual(labelsBefore);

    const badMapping = await request<ImportProgress>('startImport', { files: 1, mapping: { labels: { PER: { action: 'rename' } } } });
    expect(badMapping).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('mapping') } });
    const planAndMapping = await request<ImportProgress>('startImport', { files: 1, plan: true, mapping: {} });
    expect(planAndMapping).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const started = await request<ImportProgress>('startImport', { files: 1, mapping: { labels: { PER: { action: 'map', to: 'attribution' } }, relationTypes: { met: { action: 'add' } } } });
    if (!started.ok) throw new Error(started.error.message);
    const imported = (await (await upload(started.value.jobId, 'peer.jsonl', record)).json()) as Result<ImportFileOutcome>;
    expect(imported.ok && imported.value.report).toMatchObject({ added: [{ id: 'peer-1', title: 'Ann met Bob', file: 'peer.jsonl' }], addedLabels: [], addedRelationTypes: ['met'] });
    const document = (await store.getDocument('peer-1'))!;
    expect([document.spans.map((span) => span.label), document.relations.map((relation) => relation.label)]).toEqual([['attribution', 'attribution'], ['met']]);
    expect(store.settings.labels.map((label) => label.name)).toEqual(labelsBefore);
  });

  test('an unknown job, a missing name or a JSON body is refused', async () => {
    expect((await (await upload('00000000-0000-4000-8000-000000000000', 'a.txt', 'x')).json()) as Result<unknown>).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const jobId = await startJob(1);
    const noName = await fetch(`${origin()}/api/import/${jobId}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/octet-stream' }, body: 'x' });
    expect(noName.status).toBe(400);
    expect((await upload(jobId, 'a.txt', 'x', { 'Content-Type': 'application/json' })).status).toBe(415);
  });

  test('without the token, or from another site, nothing is imported', async () => {
    const jobId = await startJob(1);
    const anonymous = await fetch(`${origin()}/api/import/${jobId}?name=x.txt`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: 'Sneaky' });
    expect(anonymous.status).toBe(401);
    const crossSite = await upload(jobId, 'x.txt', 'Sneaky', { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await store.getDocument('x')).toBeNull();
  });

  test(`a file over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB is refused by its declared length, with the limit in the message`, async () => {
    const jobId = await startJob(1);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      // A declared length past the limit is refused before any byte is read.
      import('node:http').then(({ default: http }) => {
        const outgoing = http.request(
          { host: '127.0.0.1', port: host.port, method: 'POST', path: `/api/import/${jobId}?name=huge.txt`, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(MAX_UPLOAD_BYTES + 1) } },
          (incoming) => {
            let body = '';
            incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            incoming.on('end', () => resolve({ status: incoming.statusCode!, body }));
          },
        );
        outgoing.on('error', reject);
        outgoing.write('start of a huge file');
      }, reject);
    });
    expect(response.status).toBe(413);
    expect(response.body).toContain('huge.txt: the file is 101 MB; the largest file Newsmark imports is 100 MB');
  });
});

/** A POST to the upload route sent by hand: headers now, the body in pieces as the test says. */
function rawUpload(jobId: string, name: string, headers: Record<string, string> = {}) {
  const outgoing = http.request({
    host: '127.0.0.1',
    port: host.port,
    method: 'POST',
    path: `/api/import/${jobId}?name=${encodeURIComponent(name)}`,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/octet-stream', ...headers },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing.on('response', (incoming) => {
      let body = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, body }));
    });
    outgoing.on('error', reject);
  });
  return { outgoing, answer };
}

/** The upload files in the library folder now, with their sizes. */
async function uploadFiles(): Promise<{ name: string; size: number }[]> {
  const names = (await fs.readdir(store.folder)).filter((name) => name.startsWith('.import-upload.'));
  return Promise.all(names.map(async (name) => ({ name, size: (await fs.stat(path.join(store.folder, name)).catch(() => ({ size: -1 }))).size })));
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('uploads are checked first and stream to disk', () => {
  test('an unknown job, or one that takes no more files, is answered before the body is read: the client has not finished sending', async () => {
    const unknown = rawUpload('00000000-0000-4000-8000-000000000000', 'a.txt');
    // Chunked, with no declared length: only the job can tell the host to refuse it.
    unknown.outgoing.write('The first part of a file whose end never comes');
    const answer = await unknown.answer;
    unknown.outgoing.destroy();
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'not_found', message: 'This import is over or unknown; start it again.' } });

    const jobId = await startJob(1);
    await request<ImportProgress>('cancelImport', { jobId });
    const cancelled = rawUpload(jobId, 'b.txt');
    cancelled.outgoing.write('More of a file that never ends');
    const refused = await cancelled.answer;
    cancelled.outgoing.destroy();
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { message: 'This import was cancelled.' } });
    expect(await uploadFiles()).toEqual([]);
  });

  test('the body goes to a file in the library folder as it arrives, is imported on its turn, and the file is removed', async () => {
    const jobId = await startJob(1);
    const upload = rawUpload(jobId, 'streamed.txt');
    const first = Buffer.from(`Streamed title\n\n${'All work and no play. '.repeat(24_000)}`);
    upload.outgoing.write(first);
    // While the client holds the rest back, what arrived is on disk, not in the host's memory.
    const [partial] = await waitFor('the upload file', async () => {
      const files = await uploadFiles();
      return files.length === 1 && files[0]!.size === first.length && files;
    });
    expect(partial!.name).toMatch(/^\.import-upload\.\d+\.\d+\.tmp$/);
    upload.outgoing.end('The end.');
    const answer = await upload.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { progress: { state: 'finished', documentsAdded: 1 } } });
    expect((await store.getDocument('streamed'))!.text.endsWith('The end.')).toBe(true);
    expect(await uploadFiles()).toEqual([]);
  });

  test('a client that goes away mid-upload leaves no file behind, and the job still takes the file', async () => {
    const jobId = await startJob(1);
    const upload = rawUpload(jobId, 'gone.txt');
    upload.answer.catch(() => undefined);
    upload.outgoing.write('x'.repeat(64 * 1024));
    await waitFor('the upload file', async () => (await uploadFiles()).length === 1);
    upload.outgoing.destroy();
    await waitFor('the upload file to go', async () => (await uploadFiles()).length === 0);
    const status = await request<ImportFileOutcome>('importStatus', { jobId });
    expect(status.ok && status.value.progress).toMatchObject({ state: 'running', filesDone: 0 });
    expect(await store.getDocument('gone')).toBeNull();
  });
});
