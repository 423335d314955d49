import { createWriteStream, promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A request body past its limit; the rest of it is left unread. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** A request's whole body in memory; BodyTooLargeError past `limit` bytes (the rest left unread). */
export async function readRequestBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
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

/** The client went away before sending the whole body. */
export class UploadAbortedError extends Error {
  constructor() {
    super('The upload ended before the whole file arrived.');
    this.name = 'UploadAbortedError';
  }
}

let uploadCounter = 0;

/**
 * A name for an upload's temporary file in `folder`. It matches isTemporaryFileName
 * (durableWrite.ts), so one left by a crash is removed when the library next opens.
 */
export function uploadFilePath(folder: string): string {
  return path.join(folder, `.import-upload.${process.pid}.${++uploadCounter}.tmp`);
}

/**
 * Streams the request's body into a new file at `filePath` (never over an existing one), chunk
 * by chunk with backpressure, so the body is never held in memory. Rejects with
 * BodyTooLargeError as soon as more than `limit` bytes arrived (the request is left unread, so
 * the caller can still answer, closing the connection), with UploadAbortedError when the client
 * goes away first, or with the file system's error; the file is removed in every such case.
 * Resolves with the body's size once it is all in the file.
 */
export async function saveRequestBody(request: http.IncomingMessage, filePath: string, limit: number): Promise<number> {
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new BodyTooLargeError(limit) : null, chunk);
    },
  });
  // Piped rather than in the pipeline, so that a body too large does not destroy the request
  // (and with it the socket the answer goes out on).
  const abort = () => {
    if (!request.complete) limiter.destroy(new UploadAbortedError());
  };
  request.once('close', abort);
  request.once('error', abort);
  request.pipe(limiter);
  try {
    await pipeline(limiter, createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
    return size;
  } catch (error) {
    request.unpipe(limiter);
    // The file holds part of a body nobody will read; the original error is what matters.
    await fs.rm(filePath, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    request.off('close', abort);
    request.off('error', abort);
  }
}
