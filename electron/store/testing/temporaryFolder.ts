import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A new, empty folder under the system's temporary folder; remove it with removeFolder. */
export function makeTemporaryFolder(prefix = 'newsmark-store-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function removeFolder(folder: string): Promise<void> {
  return fs.rm(folder, { recursive: true, force: true, maxRetries: 3 });
}

/** Every file below `folder`, as paths relative to it, in name order. */
export async function listFilesBelow(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}
