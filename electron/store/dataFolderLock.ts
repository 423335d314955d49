import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'newsmark.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** What holds it: the desktop app, the browser host, the command line. */
  kind: string;
  startedAt: string;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `The data folder ${folder} is in use by Newsmark ${holder.kind} (process ${holder.pid} on ${holder.hostname}, since ${holder.startedAt}). Close it first, or use another --data-dir.`
        : `The data folder ${folder} is in use by another Newsmark process (its lock file ${path.join(folder, LOCK_FILE_NAME)} is being written). Close it first, or use another --data-dir.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') {
      return { pid: value.pid, hostname: value.hostname, kind: String(value.kind ?? 'unknown'), startedAt: String(value.startedAt ?? '?') };
    }
  } catch {
    // Unreadable or half-written: judged by its age below.
  }
  return null;
}

/** A lock that the holder on this machine no longer runs, or a half-written one left long ago. */
function isStale(lockPath: string, holder: LockHolder | null): boolean {
  if (holder) return holder.hostname === os.hostname() && holder.pid !== process.pid && !processIsAlive(holder.pid);
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 10_000;
  } catch {
    return true;
  }
}

export interface DataFolderLock {
  readonly lockPath: string;
  release(): void;
}

/**
 * Makes this process the only Newsmark process using `folder` (two processes never write the
 * same files). Throws DataFolderLockedError naming the holder when another live process holds
 * it; takes over a lock left by a process that has ended. Released on release() or exit.
 */
export function acquireDataFolderLock(folder: string, kind: string): DataFolderLock {
  const lockPath = path.join(folder, LOCK_FILE_NAME);
  const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), kind, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let descriptor: number;
    try {
      descriptor = openSync(lockPath, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(lockPath);
      if (attempt === 0 && isStale(lockPath, current)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      throw new DataFolderLockedError(folder, current);
    }
    try {
      writeSync(descriptor, JSON.stringify(holder));
    } finally {
      closeSync(descriptor);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // Remove it only while it is still ours.
      if (readHolder(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
    };
    process.on('exit', release);
    return { lockPath, release };
  }
  throw new DataFolderLockedError(folder, readHolder(lockPath));
}
