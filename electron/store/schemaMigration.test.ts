import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { describeSpans } from '../../shared/spans';
import { claimedIndexVersion, migrateIndex, SCHEMA_VERSION } from './indexMigrations';
import { INDEX_FILE_NAME, LibraryStore } from './libraryStore';
import { SETTINGS_FILE_NAME } from './settingsFile';
import { fileBeside } from './testing/spawnTypeScriptChild';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

/**
 * fixtures/version-0 is a library as the first releases wrote it, made by hand: the index has
 * every field of today's but no schemaVersion (version 0). Its settings differ from the
 * defaults (annotator "ana", a fourth label, snapToWords off), so a migration that reset them
 * instead of keeping them would show.
 */
const VERSION_0 = fileBeside(import.meta.url, './testing/fixtures/version-0');

let folder: string;
beforeEach(async () => {
  folder = await makeTemporaryFolder('newsmark-migrate-');
  await fs.cp(VERSION_0, folder, { recursive: true });
});
afterEach(async () => {
  await removeFolder(folder);
});

async function readIndex(): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8')) as Record<string, unknown>;
}

test('a version 0 library opens, migrated: documents, spans and settings kept, the index now says its version', async () => {
  const original = await fs.readFile(path.join(folder, INDEX_FILE_NAME));
  const store = await LibraryStore.open(folder, { holder: 'migration test' });
  try {
    expect(store.notices).toEqual([]);
    expect(store.documentIds()).toEqual(['blinken-lavrov', 'emoji-post']);
    expect(store.settings).toEqual({
      annotator: 'ana',
      labels: [
        { name: 'claim', color: '#0072b2', key: '1' },
        { name: 'quote', color: '#e69f00', key: '2' },
        { name: 'attribution', color: '#009e73', key: '3' },
        { name: 'source', color: '#cc79a7', key: '4' },
      ],
      snapToWords: false,
    });
    const document = (await store.getDocument('blinken-lavrov'))!;
    expect(describeSpans(document.spans)).toBe('0-7 attribution | 57-93 quote');
    expect(document.relations).toEqual([{ id: 'r1', label: 'attributed_to', headId: 'q1', childId: 'a1' }]);
  } finally {
    await store.close();
  }
  expect((await readIndex()).schemaVersion).toBe(SCHEMA_VERSION);
  // The settings moved to a file of their own.
  expect(JSON.parse(await fs.readFile(path.join(folder, SETTINGS_FILE_NAME), 'utf8'))).toMatchObject({ schemaVersion: SCHEMA_VERSION, settings: { annotator: 'ana' } });
  // The old index is kept beside the new one, byte for byte.
  expect(await fs.readFile(path.join(folder, `${INDEX_FILE_NAME}.v0`))).toEqual(original);
  expect((await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'))).toEqual([]);

  // Opening again finds a current library: nothing more to migrate.
  const again = await LibraryStore.open(folder, { holder: 'migration test' });
  expect(again.notices).toEqual([]);
  expect(again.settings.annotator).toBe('ana');
  await again.close();
});

test('a library from a newer version is refused with a clear message, and no file is changed', async () => {
  const index = await readIndex();
  await fs.writeFile(path.join(folder, INDEX_FILE_NAME), JSON.stringify({ ...index, schemaVersion: SCHEMA_VERSION + 1, shelves: [] }));
  const before = await Promise.all((await listFilesBelow(folder)).map(async (file) => [file, await fs.readFile(path.join(folder, file))] as const));

  await expect(LibraryStore.open(folder, { holder: 'migration test' })).rejects.toThrow(
    `The data folder ${folder} was written by a newer Newsmark (schema ${SCHEMA_VERSION + 1}; this one reads ${SCHEMA_VERSION}). Update Newsmark to open it.`,
  );
  const after = await Promise.all((await listFilesBelow(folder)).map(async (file) => [file, await fs.readFile(path.join(folder, file))] as const));
  expect(after).toEqual(before);
});

test('a version 0 index that is damaged apart from its version is set aside as damaged, not migrated', async () => {
  const index = await readIndex();
  const damaged = JSON.stringify({ ...index, settings: { annotator: '' } });
  await fs.writeFile(path.join(folder, INDEX_FILE_NAME), damaged);
  const store = await LibraryStore.open(folder, { holder: 'migration test' });
  try {
    expect(store.notices).toHaveLength(2);
    expect(store.notices[0]!.message).toContain('The library index was damaged');
    // Its settings went with it: the defaults, and every label the spans carry.
    expect(store.notices[1]!.message).toContain('so the settings were rebuilt');
    expect(store.documentIds()).toEqual(['blinken-lavrov', 'emoji-post']);
  } finally {
    await store.close();
  }
  const aside = (await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'));
  expect(aside).toHaveLength(1);
  expect(await fs.readFile(path.join(folder, aside[0]!), 'utf8')).toBe(damaged);
});

test('claimedIndexVersion: a number, 0 when absent, null for what is not an index', () => {
  expect(claimedIndexVersion('{"schemaVersion": 1}')).toBe(1);
  expect(claimedIndexVersion('{"settings": {}}')).toBe(0);
  expect(claimedIndexVersion('{"schemaVersion": "seven"}')).toBeNull();
  expect(claimedIndexVersion('{"schemaVersion": -1}')).toBeNull();
  expect(claimedIndexVersion('[1]')).toBeNull();
  expect(claimedIndexVersion('{"trunc')).toBeNull();
  expect(migrateIndex({ documents: [] }, 0)).toEqual({ documents: [], schemaVersion: 2 });
  expect(migrateIndex({ documents: [], schemaVersion: 1 }, 1)).toEqual({ documents: [], schemaVersion: 2 });
});
