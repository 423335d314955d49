import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A data folder that cannot be used, with a message that names it and says plainly why. */
export class DataFolderError extends Error {
  constructor(
    readonly folder: string,
    /** The file system's error code (EROFS, ENOSPC, …). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataFolderError';
  }
}

const ELSEWHERE = 'or choose another data folder (--data-dir, or NEWSMARK_DATA_DIR)';

/**
 * Creates `folder` and each missing folder above it, one at a time: Node's recursive mkdir
 * reports a read-only parent as ENOENT, while a single mkdir reports what is really wrong.
 * Returns the folders it created, outermost first (none when `folder` existed). On failure
 * removes what it created and throws the file system's error.
 */
export async function makeFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const stat = await fs.stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stat) break;
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const created: string[] = [];
  try {
    for (const next of missing) {
      await fs.mkdir(next);
      created.push(next);
    }
  } catch (error) {
    await removeFoldersIfEmpty(created);
    throw error;
  }
  return created;
}

/** Removes `folders` (as makeFolders returned them) innermost first, each only while empty. */
export async function removeFoldersIfEmpty(folders: readonly string[]): Promise<void> {
  for (const folder of [...folders].reverse()) {
    // Not empty (or gone): something else put a file there, which stays, and so does its folder.
    const removed = await fs.rmdir(folder).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

/** The first folder of `folder`'s path, from the root down, that is a file; null when none is. */
async function fileInPath(folder: string): Promise<string | null> {
  const parts = path.resolve(folder).split(path.sep);
  for (let count = 2; count <= parts.length; count++) {
    const prefix = parts.slice(0, count).join(path.sep) || path.sep;
    const stat = await fs.stat(prefix).catch(() => null);
    if (stat === null) return null;
    if (!stat.isDirectory()) return prefix;
  }
  return null;
}

/**
 * What went wrong opening the data folder `folder`, said plainly: a DataFolderError naming the
 * folder for the file system's errors people meet (read-only, no permission, full disk, a file
 * where a folder should be, a failing disk), or `error` itself for anything else (the folder
 * in use, written by a newer Newsmark, …), whose message already says so.
 */
export async function explainDataFolderError(folder: string, error: unknown): Promise<Error> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cannot = `Newsmark cannot use the data folder ${folder}`;
  switch (code) {
    case 'EROFS':
      return new DataFolderError(folder, code, `${cannot}: it is on a read-only disk or share, so nothing could be saved there. Make it writable, ${ELSEWHERE}.`);
    case 'EACCES':
    case 'EPERM':
      return new DataFolderError(folder, code, `${cannot}: you do not have permission to write there. Give your user write access to it, ${ELSEWHERE}.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DataFolderError(folder, code, `${cannot}: the disk it is on is full (or your disk quota is used up). Free some space and start Newsmark again, ${ELSEWHERE}.`);
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = await fileInPath(folder);
      const what = file === null ? 'a file is in the way of a folder in its path' : file === path.resolve(folder) ? 'it is a file, not a folder' : `${file} is a file, not a folder`;
      return new DataFolderError(folder, code, `${cannot}: ${what}. Move the file, ${ELSEWHERE}.`);
    }
    case 'EIO':
      return new DataFolderError(folder, code, `${cannot}: the disk it is on reported an input/output error. Check the disk, ${ELSEWHERE}.`);
    case 'ENOENT':
      return new DataFolderError(folder, code, `${cannot}: a folder on its path disappeared while Newsmark was opening it. Start Newsmark again, ${ELSEWHERE}.`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
