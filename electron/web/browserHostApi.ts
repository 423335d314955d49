import { promises as fs } from 'node:fs';
import type http from 'node:http';
import { countExport, parseExportOptions } from '../../shared/exportRecord';
import { EXPORT_FILE_TYPES, exportFileName } from '../../shared/formats/exportFileTypes';
import { fileTooLargeMessage } from '../../shared/formats/importLimits';
import { fail, type Result } from '../../shared/result';
import { dispatchRequest } from '../services/dispatchRequest';
import { exportChunks } from '../services/exportLibrary';
import { importJobsFor } from '../services/importJobs';
import type { Handlers } from '../services/libraryHandlers';
import type { LibraryStore } from '../store/libraryStore';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, sendError, sendJson } from './httpAnswers';
import { BodyTooLargeError, readRequestBody, saveRequestBody, uploadFilePath, UploadAbortedError } from './uploadToFile';

/** An open library and the handlers of the contract over it. */
export interface LibraryServices {
  store: LibraryStore;
  handlers: Handlers;
}

/**
 * Answers a request whose body is left unread (refused before it, or past its limit): the
 * connection closes after the answer, since the unread rest would be taken for a new request.
 */
function refuseUnread(response: http.ServerResponse, status: number, result: Result<never>): void {
  response.setHeader('Connection', 'close');
  sendError(response, status, result);
}

function parseBody(text: string): unknown {
  return text.trim() === '' ? {} : JSON.parse(text);
}

async function readBody(request: http.IncomingMessage): Promise<unknown> {
  return parseBody((await readRequestBody(request, MAX_BODY_BYTES)).toString('utf8'));
}

/**
 * The browser host's API over one open library (see browserHost.ts for the routes), for
 * requests already authorised. Loaded only once the host listens: it brings in the contract,
 * the store and the formats, whose loading would otherwise delay the first page.
 */
export function createApiHandler({ store, handlers }: LibraryServices) {
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
    const jobs = importJobsFor(store);
    const refused = jobs.refusal(jobId);
    if (refused) return refuseUnread(response, !refused.ok && refused.error.code === 'not_found' ? 404 : 409, refused);
    const declared = Number(request.headers['content-length'] ?? 0);
    const tooLarge = (size: number) => refuseUnread(response, 413, fail('invalid_request', `${name}: ${fileTooLargeMessage(size)}`));
    if (declared > MAX_UPLOAD_BYTES) return tooLarge(declared);
    const upload = uploadFilePath(store.folder);
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

  /** `bodyText`: the body, when the host read it already (see earlyAnswers.ts). */
  return async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, url: URL, bodyText?: string): Promise<void> {
    if (request.method !== 'POST') return sendError(response, 405, fail('invalid_request', 'API calls are POST requests.'));
    const upload = /^\/api\/import\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (upload) return receiveImportFile(request, response, upload[1]!, url.searchParams.get('name'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(response, 415, fail('invalid_request', 'API calls send JSON (Content-Type: application/json).'));
    }
    let body: unknown;
    try {
      body = bodyText === undefined ? await readBody(request) : parseBody(bodyText);
    } catch (error) {
      // The unread rest of the body ends this connection; say so, or a client reusing it fails.
      if (error instanceof BodyTooLargeError) return refuseUnread(response, 413, fail('invalid_request', `The request is larger than ${MAX_BODY_BYTES / 1024} KB.`));
      return sendError(response, 400, fail('invalid_request', `The request body is not valid JSON (${(error as Error).message}).`));
    }
    if (url.pathname === '/api/export') return streamExport(response, body);
    const match = /^\/api\/request\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return sendError(response, 404, fail('not_found', `There is no API at ${url.pathname}.`));
    sendJson(response, 200, await dispatchRequest(handlers, match[1], body));
  };
}
