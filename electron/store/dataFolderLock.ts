import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** A lock file as found: who it names (null when unreadable) and what tells this one apart. */
interface FoundLock {
  holder: LockHolder | null;
  /** The nonce its writer put in it (absent in locks of older versions). */
  nonce: string | null;
  /** Content and file identity; no later lock file has the same (each carries a new nonce). */
  identity: string;
  mtimeMs: number;
}

/** How often, and how long apart, a lock being taken over by another process is looked at again. */
const TAKEOVER_WAITS = 200;
const TAKEOVER_WAIT_MS = 10;
/** A lock file that names no one (written by an older version that died mid-write) is stale after this. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(raw: string): Pick<FoundLock, 'holder' | 'nonce'> {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder> & { nonce?: unknown };
    if (typeof value.pid === 'number' && typeof value.hostname === 'string') {
      return {
        holder: { pid: value.pid, hostname: value.hostname, kind: String(value.kind ?? 'unknown'), startedAt: String(value.startedAt ?? '?') },
        nonce: typeof value.nonce === 'string' ? value.nonce : null,
      };
    }
  } catch {
    // Unreadable: judged by its age (see isStale).
  }
  return { holder: null, nonce: null };
}

/** The lock file at `filePath` as it is now, or null when there is none. */
function readLock(filePath: string): FoundLock | null {
  let descriptor: number;
  try {
    descriptor = openSync(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    // Content and inode from one open file, so they belong to the same lock file.
    const stat = fstatSync(descriptor);
    const buffer = Buffer.alloc(Math.min(stat.size, 64 * 1024));
    const raw = buffer.subarray(0, readSync(descriptor, buffer, 0, buffer.length, 0)).toString('utf8');
    const identity = createHash('sha256').update(`${stat.dev}:${stat.ino}:${stat.mtimeMs}:${raw}`).digest('hex').slice(0, 24);
    return { ...parseLock(raw), identity, mtimeMs: stat.mtimeMs };
  } finally {
    closeSync(descriptor);
  }
}

/** A process on this machine that has ended, or a lock that names no one and is old. */
function isStale(found: FoundLock): boolean {
  const { holder } = found;
  if (holder) return holder.hostname === os.hostname() && holder.pid !== process.pid && !processIsAlive(holder.pid);
  return Date.now() - found.mtimeMs > UNREADABLE_LOCK_STALE_MS;
}

let temporaryCounter = 0;

/**
 * Creates `filePath` holding `content` only if no file has that name, atomically: the content
 * is written to a temporary file first and then hard-linked to the name (link fails when the
 * name exists), so the file never exists half-written. Returns false when the name is taken.
 * The temporary name matches isTemporaryFileName, so one left by a crash is cleaned up on open.
 */
function createExclusively(filePath: string, content: string): boolean {
  for (let attempt = 1; ; attempt++) {
    const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.${++temporaryCounter}.tmp`);
    try {
      writeFileSync(temporary, content, { flag: 'wx', mode: 0o644 });
    } catch (error) {
      // A write that fails (a full disk) can leave the file made, and empty; it is ours to
      // remove, and the write's error is the one to report.
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Reported below: the write's error says what is wrong with the folder.
      }
      throw error;
    }
    try {
      linkSync(temporary, filePath);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // The folder's holder, opening the library, removes temporary files it finds; write again.
      if (code === 'ENOENT' && attempt < 3) continue;
      throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
}

function removeIfPresent(filePath: string): void {
  try {
    unlinkSync(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function sleep(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/**
 * Removes the stale lock `stale` if it is still the lock file, such that of any number of
 * processes doing this at once, only one removes it and none removes a lock written since.
 *
 * Removing needs a claim: a file named after the stale lock's identity, created exclusively
 * (createExclusively). The one process that creates claim 1 checks that the lock file is still
 * `stale` and removes it; every lock file carries a new nonce, so once removed no lock file has
 * that identity again, and a late claimant finds it gone and removes nothing. A claim whose
 * claimant died (a crash between claiming and removing) is passed over by claiming the next
 * number. Returns false when a live process holds the claim (it is removing the lock now).
 */
function removeStaleLock(lockPath: string, stale: FoundLock): boolean {
  const claimPath = (number: number) => `${lockPath}.takeover-${stale.identity}-${number}`;
  const claimant = JSON.stringify({ pid: process.pid, hostname: os.hostname(), kind: 'takeover', startedAt: new Date().toISOString() });
  for (let number = 1; number <= 100; number++) {
    if (!createExclusively(claimPath(number), claimant)) {
      const other = readLock(claimPath(number));
      // Gone already: its claimant has finished with the stale lock.
      if (other === null) return true;
      // A live claimant is removing it now; a dead one is passed over.
      if (other.holder && !isStale(other)) return false;
      continue;
    }
    try {
      if (readLock(lockPath)?.identity === stale.identity) removeIfPresent(lockPath);
    } finally {
      for (let done = 1; done <= number; done++) removeIfPresent(claimPath(done));
    }
    return true;
  }
  return false;
}

export interface DataFolderLock {
  readonly lockPath: string;
  release(): void;
}

/**
 * Makes this process the only Newsmark process using `folder` (two processes never write the
 * same files). Throws DataFolderLockedError naming the holder when another live process holds
 * it; takes over a lock left by a process that has ended, and of several processes starting at
 * once only one gets it. Released on release() or exit.
 */
export function acquireDataFolderLock(folder: string, kind: string): DataFolderLock {
  const lockPath = path.join(folder, LOCK_FILE_NAME);
  const nonce = randomUUID();
  const holder = { pid: process.pid, hostname: os.hostname(), kind, startedAt: new Date().toISOString(), nonce };
  let found: FoundLock | null = null;
  for (let attempt = 0; attempt < TAKEOVER_WAITS; attempt++) {
    if (createExclusively(lockPath, JSON.stringify(holder))) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Remove it only while it is still ours.
        if (readLock(lockPath)?.nonce === nonce) removeIfPresent(lockPath);
      };
      process.on('exit', release);
      return { lockPath, release };
    }
    found = readLock(lockPath);
    // Removed between our attempt and our look: try again at once.
    if (found === null) continue;
    if (!isStale(found)) throw new DataFolderLockedError(folder, found.holder);
    // Another process is taking it over; give it a moment, then see who holds the folder.
    if (!removeStaleLock(lockPath, found)) sleep(TAKEOVER_WAIT_MS);
  }
  throw new DataFolderLockedError(folder, found?.holder ?? null);
}
