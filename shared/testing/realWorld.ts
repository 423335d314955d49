import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real-world files (../shared/real-world from the repo root): other tools' exports, news
 * pages and the W3C annotation tests. Read in place, never copied into the repo.
 */
export const REAL_WORLD_FOLDER = path.resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared', 'real-world');

/** True when the folder is there; when it is not, says so once, for the skipped tests. */
export function realWorldAvailable(): boolean {
  const available = existsSync(REAL_WORLD_FOLDER);
  if (!available) console.warn(`skipped: the real-world files are not at ${REAL_WORLD_FOLDER}`);
  return available;
}

export function realWorldPath(...parts: string[]): string {
  return path.join(REAL_WORLD_FOLDER, ...parts);
}
