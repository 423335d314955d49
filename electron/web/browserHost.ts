import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { countExport, parseExportOptions } from '../../shared/exportRecord';
import { fail, type Result } from '../../shared/result';
import { dispatchRequest } from '../services/dispatchRequest';
import { exportChunks } from '../services/exportLibrary';
import { importJobsFor } from '../services/importJobs';
import { EXPORT_FILE_TYPES, exportFileName } from '../../shared/formats/exportFileTypes';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../shared/formats/importLimits';
import type { Handlers } from '../services/libraryHandlers';
import type { LibraryStore } from '../store/libraryStore';
import { describeStorageError } from '../services/storageErrors';
import { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';
import { resolveStaticFile } from '../staticFile';
import { BodyTooLargeError, saveRequestBody, uploadFilePath, UploadAbortedError } from './uploadToFile';

/** Largest request body the host reads, except an imported file's. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest imported file the host accepts (POST /api/import/…): the import's own file limit. */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_FILE_BYTES;


/** Content types of the files a page is made of, by extension. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface BrowserHostOptions {
  store: LibraryStore;
  handlers: Handlers;
  /** The built renderer (out/renderer). */
  rendererFolder: string;
  /** 0 picks a free port. */
  port: number;
  /** The per-run secret; a random one when absent. */
  token?: string;
}

export interface BrowserHost {
  /** The address to open, token included (in the fragment, which is never sent to a server). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(payload);
}

function sendError(response: http.ServerResponse, status: number, result: Result<never>): void {
  sendJson(response, status, result);
}

async function readBytes(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Answers a request whose body is left unread (refused before it, or past its limit): the
 * connection closes after the answer, since the unread rest would be taken for a new request.
 */
function refuseUnread(response: http.ServerResponse, status: number, result: Result<never>): void {
  response.setHeader('Connection', 'close');
  sendError(response, status, result);
}

async function readBody(request: http.IncomingMessage): Promise<unknown> {
  const text = (await readBytes(request, MAX_BODY_BYTES)).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The browser host: the same services as the desktop app, behind a JSON API on 127.0.0.1, and
 * the same renderer build. Every API call needs the per-run token (Authorization: Bearer);
 * requests whose Host or Origin is not this host are refused (DNS rebinding, other sites);
 * bodies are limited to 1 MB (an imported file to 100 MB); only files inside the renderer
 * folder are served.
 *
 * API: POST /api/request/<name> with the request's arguments as JSON → a Result as JSON.
 *      POST /api/export with export options as JSON → the export, streamed, its counts in
 *        the X-Newsmark-Documents and X-Newsmark-Spans headers.
 *      POST /api/import/<jobId>?name=<file name> with the file's bytes
 *        (application/octet-stream) → the import's progress and this file's problems.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererFolder = path.resolve(options.rendererFolder);
  let allowedHosts = new Set<string>();

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) sendError(response, 500, { ok: false, error: describeStorageError(error) });
      else response.destroy(error as Error);
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      return sendError(response, 421, fail('unauthorized', `This host answers only to ${[...allowedHosts][0]}.`));
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return sendError(response, 403, fail('unauthorized', 'Requests from other sites are refused.'));
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    return serveFile(response, url.pathname, request.method === 'HEAD');
  }

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const authorization = request.headers.authorization ?? '';
    const given = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    if (!tokensMatch(given, token)) return sendError(response, 401, fail('unauthorized', 'A valid token is required.'));
    if (request.method !== 'POST') return sendError(response, 405, fail('invalid_request', 'API calls are POST requests.'));
    const upload = /^\/api\/import\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (upload) return receiveImportFile(request, response, upload[1]!, url.searchParams.get('name'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(response, 415, fail('invalid_request', 'API calls send JSON (Content-Type: application/json).'));
    }
    let body: unknown;
    try {
      body = await readBody(request);
    } catch (error) {
      // The unread rest of the body ends this connection; say so, or a client reusing it fails.
      if (error instanceof BodyTooLargeError) return refuseUnread(response, 413, fail('invalid_request', `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`));
      return sendError(response, 400, fail('invalid_request', `The request body is not valid JSON (${(error as Error).message}).`));
    }
    if (url.pathname === '/api/export') return streamExport(response, body);
    const match = /^\/api\/request\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return sendError(response, 404, fail('not_found', `There is no API at ${url.pathname}.`));
    sendJson(response, 200, await dispatchRequest(options.handlers, match[1], body));
  }

  /**
   * One file of an import job, its bytes as the page read them; decoded and checked here. The
   * job, the name and a declared length are checked before any byte is read; the body goes to
   * a temporary file in the library folder as it arrives (the size limit enforced while it
   * does), and is read back only when its turn in the import comes, so files sent at once are
   * not all held in memory. The file is removed whatever happens.
   */
  async function receiveImportFile(request: http.IncomingMessage, response: http.ServerResponse, jobId: string, name: string | null): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return refuseUnread(response, 415, fail('invalid_request', 'An imported file is sent as application/octet-stream.'));
    }
    if (!name || name.length > 1000 || name.includes('\0')) return refuseUnread(response, 400, fail('invalid_request', 'An imported file needs its name (?name=, at most 1,000 characters).'));
    const jobs = importJobsFor(options.store);
    const refused = jobs.refusal(jobId);
    if (refused) return refuseUnread(response, !refused.ok && refused.error.code === 'not_found' ? 404 : 409, refused);
    const declared = Number(request.headers['content-length'] ?? 0);
    const tooLarge = (size: number) => refuseUnread(response, 413, fail('invalid_request', `${name}: ${fileTooLargeMessage(size)}`));
    if (declared > MAX_UPLOAD_BYTES) return tooLarge(declared);
    const upload = uploadFilePath(options.store.folder);
    try {
      try {
        await saveRequestBody(request, upload, MAX_UPLOAD_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return tooLarge(MAX_UPLOAD_BYTES + 1);
        // Nobody is left to answer.
        if (error instanceof UploadAbortedError) return;
        response.setHeader('Connection', 'close');
        throw error;
      }
      sendJson(response, 200, await jobs.importFile(jobId, name, () => fs.readFile(upload)));
    } finally {
      await fs.rm(upload, { force: true });
    }
  }

  async function streamExport(response: http.ServerResponse, body: unknown): Promise<void> {
    const parsed = parseExportOptions(body);
    if (!parsed.ok) return sendError(response, 400, parsed);
    const expected = countExport(options.store.listDocuments(), parsed.value);
    const pieces = exportChunks(options.store, parsed.value);
    // The first piece is produced before the headers, so an early failure can still be a JSON error.
    const first = await pieces.next();
    const type = EXPORT_FILE_TYPES[parsed.value.format];
    response.writeHead(200, {
      'Content-Type': `${type.mime}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${exportFileName(parsed.value.format)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Newsmark-Documents': String(expected.documents),
      'X-Newsmark-Spans': String(expected.spans),
    });
    if (!first.done) response.write(first.value);
    for await (const piece of pieces) {
      if (!response.write(piece)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }

  async function serveFile(response: http.ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    // Nothing outside the build folder is ever served, whatever the path says (see resolveStaticFile).
    const filePath = await resolveStaticFile(rendererFolder, pathname);
    const stat = filePath ? await fs.stat(filePath).catch(() => null) : null;
    if (!filePath || !stat) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': CONTENT_TYPES[path.extname(filePath)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': filePath.endsWith('.html') ? 'no-store' : 'max-age=3600',
    };
    if (filePath.endsWith('.html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['X-Frame-Options'] = 'DENY';
    }
    response.writeHead(200, headers);
    if (headOnly) {
      response.end();
      return;
    }
    createReadStream(filePath).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
