import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fail } from '../../shared/result';
import { describeStorageError } from '../services/storageErrors';
import { CONTENT_SECURITY_POLICY } from '../contentSecurityPolicy';
import { resolveStaticFile } from '../staticFile';
import type { LibraryServices } from './browserHostApi';
import { readSmallBody, type EarlyAnswers } from './earlyAnswers';
import { sendError, sendJson } from './httpAnswers';

export { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from './httpAnswers';
export type { LibraryServices } from './browserHostApi';

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

/**
 * The library the host serves: open already (`store` and `handlers`), or being opened
 * (`library`), in which case the host listens and serves the page at once and API calls wait
 * for the library. A library that fails to open answers every API call with its error.
 */
export type BrowserHostOptions = {
  /** The built renderer (out/renderer). */
  rendererFolder: string;
  /** 0 picks a free port. */
  port: number;
  /** The per-run secret; a random one when absent. */
  token?: string;
  /** Answers to a window's first requests while `library` is being opened (earlyAnswers.ts). */
  early?: EarlyAnswers;
} & (LibraryServices | { library: Promise<LibraryServices> });

export interface BrowserHost {
  /** The address to open, token included (in the fragment, which is never sent to a server). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
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
  const library = 'library' in options ? options.library : Promise.resolve({ store: options.store, handlers: options.handlers });
  // The API's code (the contract, the store, the formats) is loaded only now, after the host listens.
  const api = library.then(async (services) => (await import('./browserHostApi')).createApiHandler(services));
  // Reported to each API call that awaits it (as a 500 with its message), not as unhandled.
  api.catch(() => undefined);
  // Until then, a window's first requests may be answered early (options.early).
  let libraryOpened = false;
  void api.then(
    () => (libraryOpened = true),
    () => (libraryOpened = true),
  );
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
    const early = libraryOpened ? undefined : options.early;
    const name = early && /^\/api\/request\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
    if (early && name && early.handles(name)) {
      const text = await readSmallBody(request);
      const answer = text === null ? null : early.answer(name, text);
      if (answer) return sendJson(response, 200, answer);
      early.openLibrary();
      return (await api)(request, response, url, text ?? undefined);
    }
    early?.openLibrary();
    return (await api)(request, response, url);
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
