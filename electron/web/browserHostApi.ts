import type http from 'node:http';
import { countExport, parseExportOptions } from '../../shared/exportRecord';
import { EXPORT_FILE_TYPES, exportFileName } from '../../shared/formats/exportFileTypes';
import { fileTooLargeMessage } from '../../shared/formats/importLimits';
import { fail } from '../../shared/result';
import { dispatchRequest } from '../services/dispatchRequest';
import { exportChunks } from '../services/exportLibrary';
import { importJobsFor } from '../services/importJobs';
import type { Handlers } from '../services/libraryHandlers';
import type { LibraryStore } from '../store/libraryStore';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, sendError, sendJson } from './httpAnswers';

/** An open library and the handlers of the contract over it. */
export interface LibraryServices {
  store: LibraryStore;
  handlers: Handlers;
}

class BodyTooLargeError extends Error {}

async function readBytes(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(request: http.IncomingMessage): Promise<unknown> {
  const text = (await readBytes(request, MAX_BODY_BYTES)).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

/**
 * The browser host's API over one open library (see browserHost.ts for the routes), for
 * requests already authorised. Loaded only once the host listens: it brings in the contract,
 * the store and the formats, whose loading would otherwise delay the first page.
 */
export function createApiHandler({ store, handlers }: LibraryServices) {
  /** One file of an import job, its bytes as the page read them; decoded and checked here. */
  async function receiveImportFile(request: http.IncomingMessage, response: http.ServerResponse, jobId: string, name: string | null): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      return sendError(response, 415, fail('invalid_request', 'An imported file is sent as application/octet-stream.'));
    }
    if (!name || name.length > 1000 || name.includes('\0')) return sendError(response, 400, fail('invalid_request', 'An imported file needs its name (?name=, at most 1,000 characters).'));
    let bytes: Buffer;
    try {
      bytes = await readBytes(request, MAX_UPLOAD_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response.setHeader('Connection', 'close');
      return sendError(response, 413, fail('invalid_request', `${name}: ${fileTooLargeMessage(Number(request.headers['content-length'] ?? MAX_UPLOAD_BYTES + 1))}`));
    }
    sendJson(response, 200, await importJobsFor(store).importFile(jobId, name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
  }

  async function streamExport(response: http.ServerResponse, body: unknown): Promise<void> {
    const parsed = parseExportOptions(body);
    if (!parsed.ok) return sendError(response, 400, parsed);
    const expected = countExport(store.listDocuments(), parsed.value);
    const pieces = exportChunks(store, parsed.value);
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

  return async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
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
      if (error instanceof BodyTooLargeError) {
        // The unread rest of the body ends this connection; say so, or a client reusing it fails.
        response.setHeader('Connection', 'close');
        return sendError(response, 413, fail('invalid_request', `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`));
      }
      return sendError(response, 400, fail('invalid_request', `The request body is not valid JSON (${(error as Error).message}).`));
    }
    if (url.pathname === '/api/export') return streamExport(response, body);
    const match = /^\/api\/request\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return sendError(response, 404, fail('not_found', `There is no API at ${url.pathname}.`));
    sendJson(response, 200, await dispatchRequest(handlers, match[1], body));
  };
}
