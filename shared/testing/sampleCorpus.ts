import { readFileSync, readdirSync } from 'node:fs';

const DATA_FOLDER = new URL('../../data/', import.meta.url);

/** The sample corpus the app ships (data/*.txt), as [file name, text] in file-name order. */
export const SAMPLE_CORPUS: readonly (readonly [string, string])[] = Object.freeze(
  readdirSync(DATA_FOLDER)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => [name, readFileSync(new URL(name, DATA_FOLDER), 'utf8')] as const),
);
