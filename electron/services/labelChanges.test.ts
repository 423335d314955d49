import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LabelChangesInput } from '../../shared/labelSet';
import { DEFAULT_LABELS, type NewsDocument } from '../../shared/model';
import { describeSpans } from '../../shared/spans';
import { setWriteFaultHook } from '../store/durableWrite';
import { DOCUMENTS_FOLDER, INDEX_FILE_NAME, LibraryStore } from '../store/libraryStore';
import { SAMPLE_IDS, sampleDrafts } from '../store/testing/sampleDrafts';
import { makeTemporaryFolder, removeFolder } from '../store/testing/temporaryFolder';
import { dispatchRequest } from './dispatchRequest';
import { createLibraryHandlers } from './libraryHandlers';

let folder: string;
let store: LibraryStore;

async function openStore(): Promise<LibraryStore> {
  store = await LibraryStore.open(folder, { holder: 'unit test', seed: async () => sampleDrafts(), defaultAnnotator: 'ana' });
  return store;
}

/** Sends the request through the main process's edge, as the renderer does. */
function applyLabelChanges(changes: LabelChangesInput) {
  return dispatchRequest(createLibraryHandlers(store), 'applyLabelChanges', changes);
}

function settingsWith(labels: { name: string; color: string; key: string }[], annotator = 'ana') {
  return { annotator, snapToWords: true, labels };
}

const [CLAIM, QUOTE, ATTRIBUTION] = DEFAULT_LABELS as [(typeof DEFAULT_LABELS)[number], (typeof DEFAULT_LABELS)[number], (typeof DEFAULT_LABELS)[number]];

async function onDisk(id: string): Promise<NewsDocument> {
  return JSON.parse(await fs.readFile(path.join(folder, DOCUMENTS_FOLDER, `${id}.json`), 'utf8')) as NewsDocument;
}

async function fileTimes(): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  for (const id of SAMPLE_IDS) times[id] = (await fs.stat(path.join(folder, DOCUMENTS_FOLDER, `${id}.json`))).mtimeMs;
  return times;
}

beforeEach(async () => {
  folder = await makeTemporaryFolder();
  await openStore();
});

afterEach(async () => {
  setWriteFaultHook(null);
  await store.close();
  await removeFolder(folder);
});

describe('applyLabelChanges', () => {
  test('a rename relabels the spans of every document that has them, on disk, with a new revision and counts; other files are untouched', async () => {
    const before = await fileTimes();
    const result = await applyLabelChanges({
      settings: settingsWith([CLAIM, { ...QUOTE, name: 'speech' }, ATTRIBUTION]),
      renames: [{ from: 'quote', to: 'speech' }],
      deletions: [],
    });
    expect(result).toMatchObject({ ok: true, value: { changedDocumentIds: ['blinken-lavrov'], renamedSpans: 1, removedSpans: 0 } });

    const blinken = await onDisk('blinken-lavrov');
    expect(describeSpans(blinken.spans)).toBe('0-7 attribution | 57-93 speech');
    expect(blinken.relations).toEqual([{ id: 'r1', label: 'attributed_to', headId: 'q1', childId: 'a1' }]);
    expect(blinken.revision).toBe(1);
    expect(store.listDocuments().find((summary) => summary.id === 'blinken-lavrov')?.counts).toEqual({ attribution: 1, speech: 1 });
    const after = await fileTimes();
    for (const id of SAMPLE_IDS.filter((id) => id !== 'blinken-lavrov')) expect(after[id]).toBe(before[id]);
    expect((await onDisk('summit-plans')).revision).toBe(0);
    expect(store.settings.labels.map((label) => label.name)).toEqual(['claim', 'speech', 'attribution']);
  });

  test('a deletion removes the spans and their relations from every document, durably: a reopened library has them gone', async () => {
    const result = await applyLabelChanges({ settings: settingsWith([CLAIM, QUOTE]), renames: [], deletions: ['attribution'] });
    expect(result).toMatchObject({ ok: true, value: { changedDocumentIds: ['blinken-lavrov'], renamedSpans: 0, removedSpans: 1 } });
    await store.close();
    await openStore();
    const blinken = (await store.getDocument('blinken-lavrov'))!;
    expect(describeSpans(blinken.spans)).toBe('57-93 quote');
    expect(blinken.relations).toEqual([]);
    expect(store.listDocuments().map((summary) => summary.counts)).toEqual([{}, { quote: 1 }, {}, { claim: 1 }]);
    expect(store.settings.labels.map((label) => label.name)).toEqual(['claim', 'quote']);
    const index = JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8')) as Record<string, unknown>;
    expect(index).not.toHaveProperty('labelChangesUnderway');
  });

  test('renames, deletions, a new label, keys and the annotator change together in one request', async () => {
    const result = await applyLabelChanges({
      settings: settingsWith([{ ...CLAIM, name: 'assertion', key: 'g' }, QUOTE, { name: 'stance', color: '#cc79a7', key: '4' }], 'ben'),
      renames: [{ from: 'claim', to: 'assertion' }],
      deletions: ['attribution'],
    });
    expect(result).toMatchObject({ ok: true, value: { changedDocumentIds: ['blinken-lavrov', 'summit-plans'], renamedSpans: 1, removedSpans: 1 } });
    expect(describeSpans((await onDisk('summit-plans')).spans)).toBe('0-37 assertion');
    expect((await onDisk('summit-plans')).annotator).toBe('ben');
    expect(store.settings).toMatchObject({ annotator: 'ben', labels: [{ name: 'assertion', key: 'g' }, { name: 'quote' }, { name: 'stance', key: '4' }] });
  });

  test('a key taken by another label, or reserved, is refused at the edge naming it, and nothing changes', async () => {
    const before = await fileTimes();
    const taken = await applyLabelChanges({ settings: settingsWith([CLAIM, QUOTE, { ...ATTRIBUTION, key: '2' }]), renames: [], deletions: [] });
    expect(taken).toEqual({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('“2” is already the key of “quote”') } });
    const reserved = await applyLabelChanges({ settings: settingsWith([CLAIM, QUOTE, { ...ATTRIBUTION, key: 'n' }]), renames: [], deletions: [] });
    expect(reserved).toEqual({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('“n” is reserved for a command') } });
    expect(store.settings.labels).toEqual(DEFAULT_LABELS);
    expect(await fileTimes()).toEqual(before);
  });

  test('a label left out without being renamed or deleted is refused by the store, and nothing changes', async () => {
    const result = await applyLabelChanges({ settings: settingsWith([CLAIM, QUOTE]), renames: [], deletions: [] });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_request', message: '“attribution” is missing from the new label set without being renamed or deleted' } });
    expect(store.settings.labels).toEqual(DEFAULT_LABELS);
  });

  test('a change cut short by a full disk is finished when the library next opens', async () => {
    setWriteFaultHook((file) => {
      if (file.endsWith(`blinken-lavrov.json`)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const result = await applyLabelChanges({ settings: settingsWith([CLAIM, { ...QUOTE, name: 'speech' }, ATTRIBUTION]), renames: [{ from: 'quote', to: 'speech' }], deletions: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    expect(describeSpans((await onDisk('blinken-lavrov')).spans)).toBe('0-7 attribution | 57-93 quote');
    setWriteFaultHook(null);
    await store.close();

    await openStore();
    expect(describeSpans((await onDisk('blinken-lavrov')).spans)).toBe('0-7 attribution | 57-93 speech');
    expect(store.settings.labels.map((label) => label.name)).toEqual(['claim', 'speech', 'attribution']);
    const index = JSON.parse(await fs.readFile(path.join(folder, INDEX_FILE_NAME), 'utf8')) as Record<string, unknown>;
    expect(index).not.toHaveProperty('labelChangesUnderway');
  });
});

describe('searchDocuments', () => {
  function search(query: string, filter: { statuses?: ('todo' | 'in_progress' | 'done' | 'skipped')[]; labels?: string[] } = {}) {
    return dispatchRequest(createLibraryHandlers(store), 'searchDocuments', { query, ...filter });
  }

  test('finds a word in the text ignoring case, with a count and a snippet around the first match', async () => {
    const result = await search('SAID');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const hits = (result.value as { hits: { id: string; count: number; inTitle: boolean; snippet: { text: string; matchStart: number; matchEnd: number } | null }[] }).hits;
    expect(hits.map((hit) => `${hit.id} ${hit.count}`)).toEqual(['biden-putin 1', 'blinken-lavrov 2', 'emoji-post 1', 'summit-plans 1']);
    const emoji = hits.find((hit) => hit.id === 'emoji-post')!;
    expect(emoji.snippet!.text.slice(emoji.snippet!.matchStart, emoji.snippet!.matchEnd)).toBe('said');
    expect(emoji.inTitle).toBe(false);
  });

  test('finds titles, words only in the text, and nothing for a word nowhere', async () => {
    expect(await search('plans')).toMatchObject({ ok: true, value: { hits: [{ id: 'summit-plans', inTitle: true, count: 0, snippet: null }] } });
    expect(await search('diplomacy')).toMatchObject({ ok: true, value: { hits: [{ id: 'blinken-lavrov', inTitle: false, count: 1 }] } });
    expect(await search('“does not invade')).toMatchObject({ ok: true, value: { hits: [{ id: 'biden-putin' }] } });
    expect(await search('zebra')).toMatchObject({ ok: true, value: { hits: [], searched: 4 } });
  });

  test('filters by status and by label, with or without a query', async () => {
    const ids = async (query: string, filter: Parameters<typeof search>[1]) => {
      const result = await search(query, filter);
      return result.ok ? (result.value as { hits: { id: string }[] }).hits.map((hit) => hit.id) : result.error.message;
    };
    expect(await ids('', { statuses: ['todo'] })).toEqual(['biden-putin', 'emoji-post']);
    expect(await ids('', { labels: ['quote', 'claim'] })).toEqual(['blinken-lavrov', 'summit-plans']);
    expect(await ids('said', { statuses: ['done', 'in_progress'], labels: ['claim'] })).toEqual(['summit-plans']);
    expect(await ids('', { statuses: ['finished' as 'done'] })).toMatch(/statuses/);
  });
});
