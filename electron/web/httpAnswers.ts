import type http from 'node:http';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/formats/importLimits';
import type { Result } from '../../shared/result';

/** Largest request body the host reads, except an imported file's. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest imported file the host accepts (POST /api/import/…): the import's own file limit. */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_FILE_BYTES;

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(payload);
}

export function sendError(response: http.ServerResponse, status: number, result: Result<never>): void {
  sendJson(response, status, result);
}
