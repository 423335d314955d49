import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { elapsedMs } from './stats';

/**
 * What the disk gives a save, measured beside the store's saves in the same folder and minute:
 * `count` times, the system calls of one durable save and nothing else — a temporary file of
 * `bytes` created and written, flushed (fsync), renamed over the target, the folder flushed —
 * with no JSON, no schema and no event loop. A save cannot be faster than this; under load its
 * p95 is mostly this one's.
 */
export function diskFloorLatencies(folder: string, bytes: number, count: number): number[] {
  const target = path.join(folder, '.disk-floor.json');
  const temporary = `${target}.tmp`;
  const content = Buffer.alloc(bytes, 'x');
  const latencies: number[] = [];
  try {
    for (let save = 0; save < count; save++) {
      const started = performance.now();
      const file = openSync(temporary, 'w');
      writeSync(file, content);
      fsyncSync(file);
      closeSync(file);
      renameSync(temporary, target);
      const directory = openSync(folder, 'r');
      fsyncSync(directory);
      closeSync(directory);
      latencies.push(elapsedMs(started));
    }
  } finally {
    rmSync(temporary, { force: true });
    rmSync(target, { force: true });
  }
  return latencies;
}
