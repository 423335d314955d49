import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { NewsDocument } from '../../shared/model';
import { checkStoredDocument } from './documentIntegrity';
import type { FileStamp } from './indexEntry';

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
    const document = JSON.parse(readFileSync(descriptor, 'utf8')) as NewsDocument;
    if (document?.id !== id) return undefined;
    return checkStoredDocument(document).problems.length === 0 ? document : undefined;
  } catch {
    // Not JSON, or not shaped like a document: the full read names the problem.
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
