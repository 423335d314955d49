import { closeSync, fsync, openSync, promises as fs, renameSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';

let temporaryCounter = 0;
const flush = promisify(fsync);

/**
 * Test seam for fault injection: when set, called before each durable write with the target
 * path; throwing from it makes that write fail as a full disk or failing device would.
 */
let writeFaultHook: ((filePath: string) => void) | null = null;
export function setWriteFaultHook(hook: ((filePath: string) => void) | null): void {
  writeFaultHook = hook;
}

/**
 * Flushes a folder's entry table, so a rename inside it survives a power cut.
 * Windows cannot open a folder for flushing; there NTFS journals the rename itself.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const descriptor = openSync(folder, 'r');
  try {
    await flush(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Replaces `filePath` with `data` so that a crash at any moment leaves either the old or the
 * new content, never a mix: write a temporary file beside it, flush it (fsync), rename it over
 * the target, flush the folder. Resolves only when all of that is done. On failure the target
 * is untouched and the temporary file is removed.
 */
export async function writeFileDurably(filePath: string, data: string): Promise<void> {
  writeFaultHook?.(filePath);
  const folder = path.dirname(filePath);
  const temporary = path.join(folder, `.${path.basename(filePath)}.${process.pid}.${++temporaryCounter}.tmp`);
  // Opening, writing, closing and renaming are done synchronously (the bytes go to the page
  // cache: microseconds for a document), only the two flushes wait on the disk in the thread
  // pool; each step through the pool was a turn of the event loop, which under load made the
  // latency of a save several times its disk time.
  try {
    const descriptor = openSync(temporary, 'wx', 0o644);
    try {
      const bytes = Buffer.from(data, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written);
      await flush(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, filePath);
  } catch (error) {
    // The temporary file is ours and holds nothing acknowledged; the original error matters.
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Temporary files a crash left behind hold nothing acknowledged and may be removed. */
export function isTemporaryFileName(name: string): boolean {
  return /^\..+\.\d+\.\d+\.tmp$/.test(name);
}
