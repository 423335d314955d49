import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_LABELS, type Settings } from '../../shared/model';
import { applyOperation, type DocumentOperation } from '../../shared/operations';
import { INDEX_FILE_NAME, LibraryStore, SCHEMA_VERSION } from './libraryStore';
import { SETTINGS_FILE_NAME } from './settingsFile';
import { fileDamages } from './testing/fileDamages';
import { sampleDrafts } from './testing/sampleDrafts';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

/** The settings kept in settings.json, and what opening a library does when it or the index is lost. */

const CUSTOM: Settings = {
  annotator: 'Grace',
  snapToWords: false,
  labels: [...DEFAULT_LABELS, { name: 'stance', color: '#cc79a7', key: '4' }],
};

let folder: string;
const opened: LibraryStore[] = [];

async function open(): Promise<LibraryStore> {
  const store = await LibraryStore.open(folder, { holder: 'settings test', defaultAnnotator: 'Ada', seed: async () => sampleDrafts() });
  opened.push(store);
  return store;
}

function change(store: LibraryStore, id: string, operation: DocumentOperation) {
  const context = { annotator: 'Grace', now: '2025-06-01T00:00:00.000Z', labels: store.settings.labels.map((label) => label.name) };
  return store.updateDocument(id, (document) => applyOperation(document, operation, context));
}

/** A library with custom settings and a span of the custom label, closed. */
async function customLibrary(): Promise<void> {
  const store = await open();
  await store.updateSettings(CUSTOM);
  await change(store, 'emoji-post', { type: 'createSpan', span: { id: 's9', start: 0, end: 5, label: 'stance' } });
  await store.close();
}

const file = (name: string) => path.join(folder, name);
const readJson = async (name: string) => JSON.parse(await fs.readFile(file(name), 'utf8')) as Record<string, unknown>;
const setAside = async () => (await listFilesBelow(folder)).filter((name) => name.includes('.damaged-'));

beforeEach(async () => {
  folder = await makeTemporaryFolder('newsmark-settings-');
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  await removeFolder(folder);
});

describe('settings.json', () => {
  test('holds the settings, written on every change; the index keeps a copy', async () => {
    await customLibrary();
    expect(await readJson(SETTINGS_FILE_NAME)).toEqual({ schemaVersion: SCHEMA_VERSION, settings: CUSTOM });
    expect((await readJson(INDEX_FILE_NAME)).settings).toEqual(CUSTOM);
  });

  test('a deleted index.json keeps every setting; a notice says the list was rebuilt', async () => {
    await customLibrary();
    await fs.rm(file(INDEX_FILE_NAME));
    const store = await open();
    expect(store.settings).toEqual(CUSTOM);
    expect(store.notices).toEqual([{ level: 'warning', message: 'The library index (index.json) was missing; the list of articles was rebuilt from the 4 article files, in file-name order.' }]);
    expect(store.listDocuments().find((summary) => summary.id === 'emoji-post')?.counts).toEqual({ stance: 1 });
  });

  test('a deleted settings.json is taken from the index’s copy, with a notice, and written again', async () => {
    await customLibrary();
    await fs.rm(file(SETTINGS_FILE_NAME));
    const store = await open();
    expect(store.settings).toEqual(CUSTOM);
    expect(store.notices).toEqual([{ level: 'warning', message: 'The settings file (settings.json) was missing; the settings were taken from the library index. Check them in Labels & settings.' }]);
    expect(await readJson(SETTINGS_FILE_NAME)).toEqual({ schemaVersion: SCHEMA_VERSION, settings: CUSTOM });
    await store.close();
    expect((await open()).notices).toEqual([]);
  });

  test.each(fileDamages('settings'))('a settings.json that is %s is set aside untouched and the index’s copy used', async (_kind, damage) => {
    await customLibrary();
    const damaged = damage(await fs.readFile(file(SETTINGS_FILE_NAME)));
    await fs.writeFile(file(SETTINGS_FILE_NAME), damaged);
    const store = await open();
    expect(store.settings).toEqual(CUSTOM);
    const aside = await setAside();
    expect(aside).toEqual([expect.stringMatching(/^settings\.json\.damaged-/)]);
    expect(await fs.readFile(file(aside[0]!))).toEqual(damaged);
    expect(store.notices).toEqual([{ level: 'warning', message: expect.stringMatching(new RegExp(`^The settings file was damaged \\(.+\\); it was set aside as ${aside[0]}; the settings were taken from the library index\\.`)) }]);
  });

  test('with both files lost, the labels are rebuilt from the spans: defaults, and each label found on spans back with a free key and a palette colour', async () => {
    await customLibrary();
    await fs.rm(file(INDEX_FILE_NAME));
    await fs.writeFile(file(SETTINGS_FILE_NAME), '{"trunc');
    const store = await open();
    expect(store.settings).toEqual({ annotator: 'Ada', snapToWords: true, labels: [...DEFAULT_LABELS, { name: 'stance', color: '#d55e00', key: '4' }] });
    expect(store.notices.map((notice) => notice.message)).toEqual([
      'The library index (index.json) was missing; the list of articles was rebuilt from the 4 article files, in file-name order.',
      expect.stringMatching(
        /^The settings file was damaged \(not valid JSON .*\); it was set aside as settings\.json\.damaged-.+, and the library index had no copy, so the settings were rebuilt: the default labels and the annotator "Ada"\. Label “stance”, found on spans, was added back with new keys and colours\. Check them in Labels & settings\.$/,
      ),
    ]);
    // Every span's label is in the set again, and the rebuilt settings are on disk.
    const labels = new Set(store.settings.labels.map((label) => label.name));
    for (const summary of store.listDocuments()) for (const label of Object.keys(summary.counts)) expect(labels).toContain(label);
    expect((await readJson(SETTINGS_FILE_NAME)).settings).toEqual(store.settings);
    await store.close();
    expect((await open()).notices).toEqual([]);
  });

  test('an index of version 1 (settings inside) moves its settings to settings.json without a notice, keeping the old index beside it', async () => {
    await customLibrary();
    const index = await readJson(INDEX_FILE_NAME);
    const versionOne = JSON.stringify({ ...index, schemaVersion: 1 });
    await fs.writeFile(file(INDEX_FILE_NAME), versionOne);
    await fs.rm(file(SETTINGS_FILE_NAME));
    const store = await open();
    expect(store.notices).toEqual([]);
    expect(store.settings).toEqual(CUSTOM);
    expect(await readJson(SETTINGS_FILE_NAME)).toEqual({ schemaVersion: SCHEMA_VERSION, settings: CUSTOM });
    expect(await fs.readFile(file(`${INDEX_FILE_NAME}.v1`), 'utf8')).toBe(versionOne);
  });

  test('a settings.json of a newer Newsmark is refused with a clear message, and left as it was', async () => {
    await customLibrary();
    const newer = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, settings: { annotator: 'Grace', profiles: [] } });
    await fs.writeFile(file(SETTINGS_FILE_NAME), newer);
    await expect(open()).rejects.toThrow(`was written by a newer Newsmark (schema ${SCHEMA_VERSION + 1}`);
    expect(await fs.readFile(file(SETTINGS_FILE_NAME), 'utf8')).toBe(newer);
    expect(await setAside()).toEqual([]);
  });
});
