import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportRecord } from '../../shared/exportRecord';
import { createLibraryHandlers } from '../services/libraryHandlers';
import { LibraryStore } from '../store/libraryStore';
import { MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from './browserHost';

const SECRET = 'SECRET-OUTSIDE-THE-BUILD';
const INDEX_HTML = '<!doctype html><title>Newsmark</title><script type="module" src="/assets/x.js"></script>';

let folder: string;
let store: LibraryStore;
let host: BrowserHost;

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-host-'));
  const renderer = path.join(folder, 'renderer');
  await fs.mkdir(path.join(renderer, 'assets'), { recursive: true });
  await fs.writeFile(path.join(renderer, 'index.html'), INDEX_HTML);
  await fs.writeFile(path.join(renderer, 'assets', 'x.js'), 'console.log("x");');
  // Files beside the build folder that no path may reach.
  await fs.writeFile(path.join(folder, 'secret.txt'), SECRET);
  await fs.mkdir(path.join(folder, 'renderer-evil'));
  await fs.writeFile(path.join(folder, 'renderer-evil', 'secret.txt'), SECRET);

  store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', defaultAnnotator: 'tester' });
  await store.addDocuments(
    [
      { id: 'first', text: 'First article 😀 text.', meta: { title: 'First' }, status: 'done', spans: [{ id: 's1', start: 0, end: 5, label: 'claim' }], relations: [] },
      { id: 'second', text: 'Second article.', meta: { title: 'Second' }, status: 'todo', spans: [], relations: [] },
      { id: 'third', text: 'Third article.', meta: { title: 'Third' }, status: 'skipped', spans: [], relations: [] },
    ],
    'tester',
  );
  host = await startBrowserHost({ store, handlers: createLibraryHandlers(store), rendererFolder: renderer, port: 0, token: 'test-token-123' });
});

afterAll(async () => {
  await host?.close();
  await store?.close();
  await fs.rm(folder, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request: the path is sent exactly as given, headers too (Host included). */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });

function api(name: string, body: unknown = {}, headers: Record<string, string> = auth()): Promise<Answer> {
  return send({ method: 'POST', path: `/api/request/${name}`, headers, body: JSON.stringify(body) });
}

describe('the API needs the token', () => {
  test('with the Bearer token a request answers its Result', async () => {
    const answer = await api('listDocuments');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const result = JSON.parse(answer.body) as { ok: boolean; value: { id: string }[] };
    expect(result.ok && result.value.map((summary) => summary.id)).toEqual(['first', 'second', 'third']);
  });

  test.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer test-token-124' }],
    ['a token of another length', { Authorization: 'Bearer test-token-1234' }],
    ['the token without "Bearer "', { Authorization: 'test-token-123' }],
    ['the token in the Basic scheme', { Authorization: 'Basic test-token-123' }],
  ])('%s → 401 unauthorized', async (_name, headers: Record<string, string>) => {
    const answer = await api('listDocuments', {}, { 'Content-Type': 'application/json', ...headers });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  test('the token in the query string is not accepted', async () => {
    const answer = await send({ method: 'POST', path: `/api/request/listDocuments?token=${host.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(401);
  });
});

describe('requests not for this host are refused', () => {
  test('a foreign Host header (DNS rebinding) → 421, even with the token', async () => {
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: { ...auth(), Host: `evil.example:${host.port}` }, body: '{}' });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('first');
  });

  test('a foreign Host header on a page → 421', async () => {
    expect((await send({ path: '/', headers: { Host: `127.0.0.1.evil.example:${host.port}` } })).status).toBe(421);
  });

  test('localhost with the right port is this host', async () => {
    expect((await send({ path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  test.each(['http://evil.example', 'https://127.0.0.1:PORT', 'http://127.0.0.1:PORT.evil.example', 'null', 'http://127.0.0.1:1'])('a foreign Origin (%s) → 403, even with the token', async (origin) => {
    const answer = await api('listDocuments', {}, { ...auth(), Origin: origin.replace('PORT', String(host.port)) });
    expect(answer.status).toBe(403);
  });

  test('our own Origin is accepted', async () => {
    expect((await api('listDocuments', {}, { ...auth(), Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });
});

describe('request bodies', () => {
  test('a body over 1 MB → 413', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: auth(), body });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  test('after a 413 the connection is closed, and says so: the next request on a kept-alive connection succeeds', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const post = (body: string) =>
        new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
          const request = http.request(
            { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/request/listDocuments', headers: auth(), agent },
            (response) => {
              response.resume();
              response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection }));
            },
          );
          request.on('error', reject);
          request.end(body);
        });
      const tooLarge = await post('x'.repeat(2 * MAX_BODY_BYTES));
      expect(tooLarge).toEqual({ status: 413, connection: 'close' });
      expect((await post('{}')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  test('a body just under 1 MB is read (and refused by the schema, not by size)', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES - 100) });
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: auth(), body });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('Content-Type %s → 415', async (type) => {
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: { ...auth(), 'Content-Type': type }, body: '{}' });
    expect(answer.status).toBe(415);
  });

  test('no Content-Type → 415', async () => {
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: { Authorization: `Bearer ${host.token}` }, body: '{}' });
    expect(answer.status).toBe(415);
  });

  test('invalid JSON → 400 with a JSON error', async () => {
    const answer = await send({ method: 'POST', path: '/api/request/listDocuments', headers: auth(), body: '{"a": ' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/not valid JSON/) } });
  });

  test('an API call that is not a POST → 405', async () => {
    const answer = await send({ method: 'GET', path: '/api/request/listDocuments', headers: auth() });
    expect(answer.status).toBe(405);
  });

  test('arguments failing the schema answer invalid_request naming the field', async () => {
    const answer = await api('getDocument', { id: '../../etc/passwd' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^getDocument: id: /) } });
  });
});

describe('static files', () => {
  test('GET / serves index.html with the Content-Security-Policy header', async () => {
    const answer = await send({ path: '/' });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(INDEX_HTML);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = String(answer.headers['content-security-policy']);
    expect(policy).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(policy).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  test('GET /index.html carries the Content-Security-Policy header too', async () => {
    const [root, index] = await Promise.all([send({ path: '/' }), send({ path: '/index.html' })]);
    expect(index.headers['content-security-policy']).toBe(root.headers['content-security-policy']);
  });

  test('assets are served with their type and nosniff', async () => {
    const answer = await send({ path: '/assets/x.js' });
    expect([answer.status, answer.headers['content-type'], answer.headers['x-content-type-options']]).toEqual([200, 'text/javascript; charset=utf-8', 'nosniff']);
  });

  test('a missing file → 404', async () => {
    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
  });

  test('a folder is not served', async () => {
    expect((await send({ path: '/assets' })).status).toBe(404);
  });

  test.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/..%5c..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/..%2frenderer-evil%2fsecret.txt',
    '/index.html%00',
    '/index.html%00.js',
    '/%00/../secret.txt',
    '/%252e%252e/secret.txt',
    `/${encodeURIComponent(path.join(os.tmpdir(), 'x'))}`,
  ])('path traversal %s → 404, never the file outside', async (attempt) => {
    const answer = await send({ path: attempt });
    expect(answer.body).not.toContain(SECRET);
    expect(answer.status).toBe(404);
  });

  test('an absolute path to the file outside, sent as the request target, is not served', async () => {
    const answer = await send({ path: `/${path.join(folder, 'secret.txt')}` });
    expect(answer.body).not.toContain(SECRET);
    expect(answer.status).toBe(404);
  });

  test('a POST to a page → 405', async () => {
    expect((await send({ method: 'POST', path: '/index.html', body: 'x' })).status).toBe(405);
  });
});

describe('POST /api/export', () => {
  test('streams the JSONL as an attachment, one line per document', async () => {
    const answer = await send({ method: 'POST', path: '/api/export', headers: auth(), body: '{}' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="newsmark-export-\d{4}-\d{2}-\d{2}\.jsonl"$/);
    const lines = answer.body.split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((line) => JSON.parse(line) as ExportRecord);
    expect(records.map((record) => record.id)).toEqual(['first', 'second', 'third']);
    expect(records[0]!.spans.map((span) => [span.start, span.end, span.text])).toEqual([[0, 5, 'First']]);
  });

  test('export options filter the documents', async () => {
    const answer = await send({ method: 'POST', path: '/api/export', headers: auth(), body: JSON.stringify({ statuses: ['todo', 'skipped'], offsetUnit: 'utf16' }) });
    const records = answer.body.trim().split('\n').map((line) => JSON.parse(line) as ExportRecord);
    expect(records.map((record) => `${record.id} ${record.offset_unit}`)).toEqual(['second utf16', 'third utf16']);
  });

  test('an empty body exports everything', async () => {
    const answer = await send({ method: 'POST', path: '/api/export', headers: auth(), body: '' });
    expect(answer.body.trim().split('\n')).toHaveLength(3);
  });

  test('invalid export options → 400 JSON error naming the field', async () => {
    const answer = await send({ method: 'POST', path: '/api/export', headers: auth(), body: JSON.stringify({ statuses: ['finished'] }) });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/^export: statuses\.0: /) } });
  });

  test('the export needs the token too', async () => {
    const answer = await send({ method: 'POST', path: '/api/export', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('First article');
  });
});

describe('unknown API paths', () => {
  test.each(['/api/nothing', '/api/request/', '/api/request/list-documents', '/api/request/listDocuments/extra', '/api/'])('%s → 404 JSON error', async (apiPath) => {
    const answer = await send({ method: 'POST', path: apiPath, headers: auth(), body: '{}' });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('an unknown request name answers invalid_request naming it', async () => {
    const answer = await api('dropTables');
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('"dropTables"') } });
  });
});

describe('changes through the API', () => {
  test('updateDocument saves a span and answers what it changed, without text', async () => {
    const answer = await api('updateDocument', { documentId: 'second', operation: { type: 'createSpan', span: { id: 'n1', start: 0, end: 6, label: 'quote' } } });
    const result = JSON.parse(answer.body) as { ok: boolean; value: { change: { fields: Record<string, unknown>; spans: { inserted: { id: string }[] } }; summary: { status: string; counts: Record<string, number> } } };
    expect(result.ok).toBe(true);
    expect(result.value.change.fields).not.toHaveProperty('text');
    expect(result.value.change.spans.inserted.map((span) => span.id)).toEqual(['n1']);
    expect(result.value.summary).toMatchObject({ status: 'in_progress', counts: { quote: 1 } });
  });
});
