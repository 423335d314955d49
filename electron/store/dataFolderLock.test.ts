import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { acquireDataFolderLock, DataFolderLockedError, LOCK_FILE_NAME, type DataFolderLock, type LockHolder } from './dataFolderLock';
import { compileChildScript } from './testing/compiledChild';
import { fileBeside, spawnNodeChild, spawnTypeScriptChild, type LineChild } from './testing/spawnTypeScriptChild';
import { makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

const LOCK_HOLDER = fileBeside(import.meta.url, './testing/lockHolder.ts');
const LOCK_RACER = fileBeside(import.meta.url, './testing/lockRacer.ts');

let folder: string;
let lockPath: string;
const locks: DataFolderLock[] = [];
const children: LineChild[] = [];

function acquire(kind: string): DataFolderLock {
  const lock = acquireDataFolderLock(folder, kind);
  locks.push(lock);
  return lock;
}

async function readLock(): Promise<LockHolder> {
  return JSON.parse(await fs.readFile(lockPath, 'utf8')) as LockHolder;
}

async function writeLock(holder: Partial<LockHolder> & { nonce?: string }): Promise<void> {
  await fs.writeFile(lockPath, JSON.stringify({ hostname: os.hostname(), kind: 'command line', startedAt: '2025-01-01T00:00:00.000Z', ...holder }));
}

/** The pid of a process that has run and ended (and been reaped), so no process has it now. */
async function pidOfEndedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

/** Starts lockHolder.ts on the folder and resolves with its pid once it holds the lock. */
async function holdInAnotherProcess(kind: string): Promise<{ pid: number; child: LineChild }> {
  let announce: (pid: number) => void = () => undefined;
  const announced = new Promise<number>((resolve) => {
    announce = resolve;
  });
  const child = spawnTypeScriptChild(LOCK_HOLDER, [folder, kind], (line) => announce((JSON.parse(line) as { pid: number }).pid));
  children.push(child);
  const pid = await Promise.race([
    announced,
    child.ended.then(({ code, stderr }) => {
      throw new Error(`lockHolder.ts ended early (code ${code}): ${stderr}`);
    }),
  ]);
  return { pid, child };
}

beforeEach(async () => {
  folder = await makeTemporaryFolder('newsmark-lock-');
  lockPath = path.join(folder, LOCK_FILE_NAME);
});

afterEach(async () => {
  for (const lock of locks.splice(0)) lock.release();
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL');
    await child.ended;
  }
  await removeFolder(folder);
});

describe('in this process', () => {
  test('acquire writes a lock file naming this process and its kind; release removes it', async () => {
    const lock = acquire('desktop app');
    expect(lock.lockPath).toBe(lockPath);
    expect(await readLock()).toEqual({ pid: process.pid, hostname: os.hostname(), kind: 'desktop app', startedAt: expect.any(String), nonce: expect.any(String) });
    lock.release();
    await expect(fs.access(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('a second acquire while this process holds the lock throws, naming the kind and pid', () => {
    acquire('desktop app');
    let thrown: unknown;
    try {
      acquire('command line');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataFolderLockedError);
    expect((thrown as DataFolderLockedError).holder).toMatchObject({ pid: process.pid, kind: 'desktop app' });
    expect((thrown as Error).message).toContain(`in use by Newsmark desktop app (process ${process.pid} on ${os.hostname()}`);
  });

  test('release is idempotent and leaves alone a lock another process has taken since', async () => {
    const lock = acquire('desktop app');
    await writeLock({ pid: process.pid + 1, kind: 'browser host' });
    lock.release();
    lock.release();
    expect(await readLock()).toMatchObject({ pid: process.pid + 1, kind: 'browser host' });
  });
});

describe('left by others', () => {
  test('a lock left by a process that has ended is taken over', async () => {
    await writeLock({ pid: await pidOfEndedProcess() });
    acquire('desktop app');
    expect(await readLock()).toMatchObject({ pid: process.pid, kind: 'desktop app' });
  });

  test('a lock from another machine is never taken over, whatever its pid', async () => {
    await writeLock({ pid: await pidOfEndedProcess(), hostname: 'another-machine.example', kind: 'browser host' });
    expect(() => acquire('desktop app')).toThrow(/in use by Newsmark browser host \(process \d+ on another-machine\.example/);
    expect(await readLock()).toMatchObject({ hostname: 'another-machine.example' });
  });

  test('an empty lock file (still being written) is respected while new and taken over once old', async () => {
    await fs.writeFile(lockPath, '');
    expect(() => acquire('desktop app')).toThrow(/its lock file .* is being written/);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await fs.utimes(lockPath, aMinuteAgo, aMinuteAgo);
    acquire('desktop app');
    expect(await readLock()).toMatchObject({ pid: process.pid });
  });
});

describe('held by another live process', () => {
  test('acquire throws, naming the holder’s kind and pid; after it is killed the lock is taken over', async () => {
    const { pid, child } = await holdInAnotherProcess('browser host');
    let thrown: unknown;
    try {
      acquire('desktop app');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataFolderLockedError);
    expect((thrown as Error).message).toContain(`in use by Newsmark browser host (process ${pid} on ${os.hostname()}`);
    expect(await readLock()).toMatchObject({ pid, kind: 'browser host' });

    child.process.kill('SIGKILL');
    expect((await child.ended).signal).toBe('SIGKILL');
    acquire('desktop app');
    expect(await readLock()).toMatchObject({ pid: process.pid, kind: 'desktop app' });
  });

  test('a holder that ends normally removes its lock file', async () => {
    const { child } = await holdInAnotherProcess('command line');
    child.process.kill('SIGTERM');
    expect(await child.ended).toMatchObject({ code: 0, stderr: '' });
    await expect(fs.access(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('several processes taking over one stale lock at once', () => {
  const RACERS = 5;
  const ROUNDS = 4;

  interface RaceOutcome {
    won: boolean;
    message?: string;
    pid: number;
  }

  /** Starts RACERS lockRacer processes, lets them all try at the same moment, and returns what each said. */
  async function race(racerScript: string, round: number): Promise<RaceOutcome[]> {
    const outcomes: Promise<RaceOutcome>[] = [];
    const ready: Promise<void>[] = [];
    const racers: LineChild[] = [];
    for (let index = 0; index < RACERS; index++) {
      let onReady: () => void = () => undefined;
      let onOutcome: (outcome: Omit<RaceOutcome, 'pid'>) => void = () => undefined;
      ready.push(new Promise((resolve) => (onReady = resolve)));
      const outcome = new Promise<Omit<RaceOutcome, 'pid'>>((resolve) => (onOutcome = resolve));
      const child = spawnNodeChild(
        [racerScript, folder, `racer ${round}.${index}`],
        (line) => {
          const said = JSON.parse(line) as { ready?: true; won?: boolean; message?: string };
          if (said.ready) onReady();
          else onOutcome({ won: said.won === true, ...(said.message ? { message: said.message } : {}) });
        },
        { stdin: 'pipe' },
      );
      children.push(child);
      racers.push(child);
      const failed = child.ended.then(({ code, stderr }): never => {
        throw new Error(`lockRacer ended without an answer (code ${code}): ${stderr}`);
      });
      ready[index] = Promise.race([ready[index]!, failed]);
      outcomes.push(Promise.race([outcome.then((said) => ({ ...said, pid: child.process.pid! })), failed]));
    }
    await Promise.all(ready);
    // All at once: each racer is loaded and waits only for this line.
    for (const racer of racers) racer.process.stdin!.write('go\n');
    return Promise.all(outcomes);
  }

  test(`exactly one of ${RACERS} wins, ${ROUNDS} times over; the others are told who holds the folder`, async () => {
    const racerScript = await compileChildScript(LOCK_RACER, await makeTemporaryFolder('newsmark-racer-'));
    for (let round = 1; round <= ROUNDS; round++) {
      // Stale locks of both kinds: this version's (with a nonce) and an older one's (without).
      await writeLock({ pid: await pidOfEndedProcess(), kind: 'crashed app', ...(round % 2 === 0 ? { nonce: `old-${round}` } : {}) });
      const outcomes = await race(racerScript, round);
      const winners = outcomes.filter((outcome) => outcome.won);
      expect(winners, `round ${round}: ${JSON.stringify(outcomes)}`).toHaveLength(1);
      const winner = winners[0]!;
      expect(await readLock(), `round ${round}`).toMatchObject({ pid: winner.pid });
      for (const loser of outcomes.filter((outcome) => !outcome.won)) {
        expect(loser.message, `round ${round}`).toContain(`(process ${winner.pid} on ${os.hostname()}`);
      }
      // The winner dies without releasing, leaving a stale lock for the next round.
      for (const child of children.splice(0)) {
        child.process.kill('SIGKILL');
        await child.ended;
      }
      expect((await fs.readdir(folder)).filter((name) => name.includes('takeover') || name.endsWith('.tmp')), `round ${round}: claims and temporary files are cleaned up`).toEqual([]);
    }
    await removeFolder(path.dirname(racerScript));
  });
});
