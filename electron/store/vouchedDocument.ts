import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { NewsDocument } from '../../shared/model';
import { checkStoredDocument } from './documentIntegrity';
import type { FileStamp } from './indexEntry';

/** TextDecoder decodes non-ASCII UTF-8 (curly quotes, Cyrillic) faster than Buffer's toString. */
const decoder = new TextDecoder();
/** Grown as needed and reused, so reading thousands of files allocates one buffer, not thousands. */
let buffer = Buffer.allocUnsafe(1 << 16);

/** The `size` bytes of an open file as UTF-8 text; throws RangeError when the file is shorter. */
function readWhole(descriptor: number, size: number): string {
  if (buffer.length < size) buffer = Buffer.allocUnsafe(Math.max(size, buffer.length * 2));
  let read = 0;
  while (read < size) {
    const got = readSync(descriptor, buffer, read, size - read, read);
    if (got === 0) throw new RangeError('the file is shorter than its size');
    read += got;
  }
  return decoder.decode(buffer.subarray(0, size));
}

/**
 * A document file read in one synchronous step, trusted without a schema pass because its size
 * and time are still the ones recorded when the store wrote it or last checked it in full
 * (`stamp`, from the index): the file has not changed since. Its spans are still checked
 * against its text (checkStoredDocument, a pass over the spans with no allocation when all is
 * well), since a file read in full with spans that do not fit keeps its stamp.
 *
 * Returns undefined whenever anything differs or fails — another stamp, no file, not JSON,
 * another id, spans that do not fit — and the caller then reads the file the full way, which
 * reports what is wrong.
 */
export function readVouchedDocument(filePath: string, id: string, stamp: FileStamp, isCurrent: (stat: { size: number; mtimeMs: number }) => boolean): NewsDocument | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(filePath, 'r');
  } catch {
    // Missing or unreadable: the full read says which.
    return undefined;
  }
  try {
    const stat = fstatSync(descriptor);
    if (stat.size !== stamp.size || stat.mtimeMs !== stamp.mtimeMs || !isCurrent(stat)) return undefined;
    const document = JSON.parse(readWhole(descriptor, stat.size)) as NewsDocument;
    if (document?.id !== id) return undefined;
    return checkStoredDocument(document).problems.length === 0 ? document : undefined;
  } catch {
    // Not JSON, or not shaped like a document: the full read names the problem.
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
