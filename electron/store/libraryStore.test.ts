import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { DEFAULT_LABELS, summarise, type NewsDocument } from '../../shared/model';
import { applyOperation, type DocumentOperation } from '../../shared/operations';
import { describeSpans } from '../../shared/spans';
import { DataFolderLockedError, LOCK_FILE_NAME } from './dataFolderLock';
import { setWriteFaultHook } from './durableWrite';
import { DOCUMENTS_FOLDER, INDEX_FILE_NAME, LibraryStore, SCHEMA_VERSION, type OpenOptions } from './libraryStore';
import { SETTINGS_FILE_NAME } from './settingsFile';
import { LIST_HEAD_FILE_NAME } from './listHead';
import { fileDamages } from './testing/fileDamages';
import { SAMPLE_IDS, sampleDrafts } from './testing/sampleDrafts';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

const LABELS = DEFAULT_LABELS.map((label) => label.name);
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);
let clock = Date.UTC(2025, 5, 1);

/** Applies `operation` as the app does, with a clock that moves one second per change. */
function change(store: LibraryStore, id: string, operation: DocumentOperation) {
  const context = { annotator: 'tester', now: new Date((clock += 1000)).toISOString(), labels: LABELS };
  return store.updateDocument(id, (document) => applyOperation(document, operation, context));
}

let folder: string;
const opened: LibraryStore[] = [];

async function open(options: Partial<OpenOptions> = {}): Promise<LibraryStore> {
  const store = await LibraryStore.open(folder, { holder: 'unit test', ...options });
  opened.push(store);
  return store;
}

async function openSeeded(options: Partial<OpenOptions> = {}): Promise<LibraryStore> {
  return open({ seed: async () => sampleDrafts(), ...options });
}

function documentPath(id: string): string {
  return path.join(folder, DOCUMENTS_FOLDER, `${id}.json`);
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

async function setAsideFiles(): Promise<string[]> {
  return (await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'));
}

/** Backdates every document file, so the stamps the store records on open are trusted later. */
async function backdateDocumentFiles(): Promise<void> {
  for (const id of SAMPLE_IDS) await fs.utimes(documentPath(id), AN_HOUR_AGO, AN_HOUR_AGO);
}

function diskFull(): never {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

beforeEach(async () => {
  folder = await makeTemporaryFolder();
});

afterEach(async () => {
  setWriteFaultHook(null);
  vi.useRealTimers();
  // Stores a test left open are closed so their locks and timers end with the test.
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  await removeFolder(folder);
});

describe('a new folder', () => {
  test('is seeded: documents listed in seed order, one file each, index and settings on disk', async () => {
    const store = await openSeeded({ defaultAnnotator: 'Ada' });
    expect(store.documentIds()).toEqual(SAMPLE_IDS);
    expect(store.listDocuments().map((summary) => summary.title)).toEqual(['Biden agrees to meet Putin', 'Blinken and Lavrov to meet', 'Emoji post', 'Summit plans']);
    expect(store.notices).toEqual([]);
    expect(await listFilesBelow(folder)).toEqual([
      INDEX_FILE_NAME,
      ...SAMPLE_IDS.map((id) => `${DOCUMENTS_FOLDER}/${id}.json`),
      LIST_HEAD_FILE_NAME,
      LOCK_FILE_NAME,
      SETTINGS_FILE_NAME,
    ].sort());
    const index = (await readJson(path.join(folder, INDEX_FILE_NAME))) as { schemaVersion: number; settings: { annotator: string }; documents: { id: string }[] };
    expect(index.schemaVersion).toBe(SCHEMA_VERSION);
    expect(index.settings.annotator).toBe('Ada');
    expect(index.documents.map((entry) => entry.id)).toEqual(SAMPLE_IDS);
    expect(await readJson(path.join(folder, SETTINGS_FILE_NAME))).toEqual({ schemaVersion: SCHEMA_VERSION, settings: { ...index.settings, annotator: 'Ada' } });
  });

  test('seeded documents keep their spans and relations; a span without an id gets one', async () => {
    const store = await openSeeded();
    const blinken = (await store.getDocument('blinken-lavrov'))!;
    expect(describeSpans(blinken.spans)).toBe('0-7 attribution | 57-93 quote');
    expect(blinken.relations).toEqual([{ id: 'r1', label: 'attributed_to', headId: 'q1', childId: 'a1' }]);
    expect(blinken.revision).toBe(0);
    const summit = (await store.getDocument('summit-plans'))!;
    expect(summit.spans.map((span) => `${span.id} ${span.start}-${span.end} ${span.label}`)).toEqual(['s1 0-37 claim']);
    expect(summit.status).toBe('done');
  });

  test('changes are on disk once acknowledged, not kept in memory (NODE_ENV=test changes nothing)', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const store = await openSeeded();
    const result = await change(store, 'biden-putin', { type: 'createSpan', span: { id: 'c1', start: 0, end: 22, label: 'claim' } });
    expect(result.ok).toBe(true);
    const onDisk = (await readJson(documentPath('biden-putin'))) as NewsDocument;
    expect(describeSpans(onDisk.spans)).toBe('0-22 claim');
    expect(onDisk).toEqual(await store.getDocument('biden-putin'));
  });

  test('the seed is not imported again into a folder that has documents', async () => {
    await (await openSeeded()).close();
    const seed = vi.fn(async () => sampleDrafts());
    const store = await open({ seed });
    expect(seed).not.toHaveBeenCalled();
    expect(store.documentIds()).toEqual(SAMPLE_IDS);
  });
});

describe('reopening', () => {
  test('keeps documents, changes, settings and order', async () => {
    const first = await openSeeded();
    await change(first, 'emoji-post', { type: 'createSpan', span: { id: 'c1', start: 10, end: 14, label: 'claim' } });
    await change(first, 'emoji-post', { type: 'setStatus', status: 'done' });
    await change(first, 'blinken-lavrov', { type: 'relabelSpan', spanId: 'q1', label: 'claim' });
    const settings = { annotator: 'Grace', snapToWords: false, labels: [...DEFAULT_LABELS, { name: 'source', color: '#cc79a7', key: '4' }] };
    await first.updateSettings(settings);
    const documents = await Promise.all(SAMPLE_IDS.map((id) => first.getDocument(id)));
    const list = first.listDocuments();
    await first.close();
    expect(await fs.readdir(folder)).not.toContain(LOCK_FILE_NAME);

    const second = await open();
    expect(second.notices).toEqual([]);
    expect(second.listDocuments()).toEqual(list);
    expect(await Promise.all(SAMPLE_IDS.map((id) => second.getDocument(id)))).toEqual(documents);
    expect(second.settings).toEqual(settings);
    expect(describeSpans((await second.getDocument('emoji-post'))!.spans)).toBe('10-14 claim');
  });

  test('a second open of the same folder is refused while the first holds it, and allowed after close', async () => {
    const first = await openSeeded();
    await expect(LibraryStore.open(folder, { holder: 'second' })).rejects.toBeInstanceOf(DataFolderLockedError);
    await first.close();
    const second = await open();
    expect(second.documentIds()).toEqual(SAMPLE_IDS);
  });

  test('close waits for changes under way and writes the index', async () => {
    const store = await openSeeded({ indexDelayMs: 60_000 });
    const pending = change(store, 'summit-plans', { type: 'setStatus', status: 'skipped' });
    await store.close();
    expect((await pending).ok).toBe(true);
    expect(((await readJson(documentPath('summit-plans'))) as NewsDocument).status).toBe('skipped');
    const index = (await readJson(path.join(folder, INDEX_FILE_NAME))) as { documents: { id: string; status: string }[] };
    expect(index.documents.find((entry) => entry.id === 'summit-plans')?.status).toBe('skipped');
  });
});

describe('a damaged index', () => {
  test('a deleted index.json is rebuilt from the document files, with every document listed', async () => {
    const first = await openSeeded();
    await change(first, 'biden-putin', { type: 'setStatus', status: 'done' });
    const list = first.listDocuments();
    await first.close();
    await fs.rm(path.join(folder, INDEX_FILE_NAME));

    const store = await open();
    expect(store.listDocuments()).toEqual(list);
    expect(await setAsideFiles()).toEqual([]);
    expect(((await readJson(path.join(folder, INDEX_FILE_NAME))) as { documents: unknown[] }).documents).toHaveLength(4);
  });

  test.each(fileDamages('documents'))('an index that is %s is set aside untouched, a notice says so, and every document is still listed', async (_kind, damage) => {
    const first = await openSeeded();
    await change(first, 'blinken-lavrov', { type: 'deleteSpan', spanId: 'a1' });
    const list = first.listDocuments();
    await first.close();
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    const damaged = damage(await fs.readFile(indexPath));
    await fs.writeFile(indexPath, damaged);

    const store = await open();
    expect(store.listDocuments()).toEqual(list);
    const aside = await setAsideFiles();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^index\.json\.damaged-/);
    expect(await fs.readFile(path.join(folder, aside[0]!))).toEqual(damaged);
    expect(store.notices).toEqual([{ level: 'warning', message: expect.stringContaining(`set aside as ${aside[0]}`) }]);
    expect(store.notices[0]!.message).toMatch(/index was damaged/);
    // The rebuilt index is whole again, and the set-aside copy survives the next open.
    expect(((await readJson(indexPath)) as { documents: unknown[] }).documents).toHaveLength(4);
    await store.close();
    const again = await open();
    expect(again.notices).toEqual([]);
    expect(await setAsideFiles()).toEqual(aside);
    expect(await fs.readFile(path.join(folder, aside[0]!))).toEqual(damaged);
  });

  test('an index damaged twice at the same clock time keeps both set-aside copies', async () => {
    await (await openSeeded()).close();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2025, 0, 1) });
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    await fs.writeFile(indexPath, 'first damage');
    await (await open()).close();
    await fs.writeFile(indexPath, 'second damage');
    await (await open()).close();

    const aside = await setAsideFiles();
    expect(aside).toHaveLength(2);
    expect((await Promise.all(aside.map((file) => fs.readFile(path.join(folder, file), 'utf8')))).sort()).toEqual(['first damage', 'second damage']);
  });
});

describe('a damaged document file', () => {
  test.each(fileDamages('revision'))('a document file that is %s is set aside untouched; the others load; a notice names the article', async (_kind, damage) => {
    const first = await openSeeded();
    const others = await Promise.all(['biden-putin', 'emoji-post', 'summit-plans'].map((id) => first.getDocument(id)));
    await first.close();
    const damaged = damage(await fs.readFile(documentPath('blinken-lavrov')));
    await fs.writeFile(documentPath('blinken-lavrov'), damaged);

    const store = await open();
    expect(store.documentIds()).toEqual(['biden-putin', 'emoji-post', 'summit-plans']);
    expect(await Promise.all(['biden-putin', 'emoji-post', 'summit-plans'].map((id) => store.getDocument(id)))).toEqual(others);
    expect(await store.getDocument('blinken-lavrov')).toBeNull();
    expect((await change(store, 'blinken-lavrov', { type: 'setStatus', status: 'done' })).ok).toBe(false);

    const aside = await setAsideFiles();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^documents\/blinken-lavrov\.json\.damaged-/);
    expect(await fs.readFile(path.join(folder, aside[0]!))).toEqual(damaged);
    await expect(fs.access(documentPath('blinken-lavrov'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatchObject({ level: 'error' });
    expect(store.notices[0]!.message).toContain('"Blinken and Lavrov to meet"');
    expect(store.notices[0]!.message).toContain(aside[0]);

    // The next open neither complains again nor touches the set-aside file.
    await store.close();
    const again = await open();
    expect(again.notices).toEqual([]);
    expect(again.documentIds()).toEqual(['biden-putin', 'emoji-post', 'summit-plans']);
    expect(await fs.readFile(path.join(folder, aside[0]!))).toEqual(damaged);
  });
});

describe('the index and the files disagree', () => {
  test('a document file added behind the index’s back is listed on open with its own summary', async () => {
    const first = await openSeeded();
    await first.close();
    const stranger: NewsDocument = {
      id: 'added-by-hand',
      text: 'Putin said nothing.',
      meta: { title: 'Added by hand' },
      status: 'in_progress',
      spans: [{ id: 'x', start: 0, end: 5, label: 'attribution', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', annotator: 'someone' }],
      relations: [],
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      annotator: 'someone',
      revision: 3,
    };
    await fs.writeFile(documentPath('added-by-hand'), JSON.stringify(stranger));

    const store = await open();
    expect(store.documentIds()).toEqual([...SAMPLE_IDS, 'added-by-hand']);
    expect(store.listDocuments().at(-1)).toEqual(summarise(stranger));
    expect(await store.getDocument('added-by-hand')).toEqual(stranger);
    expect(store.notices).toEqual([]);
  });

  test('a document file whose index entry is gone from the files is dropped from the list with a notice', async () => {
    await (await openSeeded()).close();
    await fs.rm(documentPath('emoji-post'));
    const store = await open();
    expect(store.documentIds()).toEqual(['biden-putin', 'blinken-lavrov', 'summit-plans']);
    expect(store.notices).toEqual([{ level: 'warning', message: expect.stringContaining('"Emoji post" (emoji-post.json) is missing') }]);
  });

  test('index summaries are trusted while a file’s stamp matches, and recomputed from the file when it changed', async () => {
    await (await openSeeded()).close();
    await backdateDocumentFiles();
    // This open records the backdated stamps in the index.
    await (await open()).close();
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    const index = (await readJson(indexPath)) as { documents: { id: string; title: string; file: unknown }[] };
    expect(index.documents.every((entry) => entry.file !== null)).toBe(true);
    // A title edited in the index alone shows that matching stamps are trusted without reading the file.
    index.documents.find((entry) => entry.id === 'biden-putin')!.title = 'Title from the index';
    await fs.writeFile(indexPath, JSON.stringify(index));
    const edited = (await readJson(documentPath('summit-plans'))) as NewsDocument;
    edited.status = 'skipped';
    edited.spans = [...edited.spans, { ...edited.spans[0]!, id: 's2', start: 2, end: 8, label: 'quote' }];
    await fs.writeFile(documentPath('summit-plans'), JSON.stringify(edited));
    await fs.utimes(documentPath('summit-plans'), AN_HOUR_AGO, new Date(AN_HOUR_AGO.getTime() + 5000));

    const store = await open();
    expect(store.listDocuments().find((summary) => summary.id === 'biden-putin')?.title).toBe('Title from the index');
    expect(store.listDocuments().find((summary) => summary.id === 'summit-plans')).toEqual(summarise(edited));
    expect(store.listDocuments().find((summary) => summary.id === 'summit-plans')).toMatchObject({ status: 'skipped', counts: { claim: 1, quote: 1 } });
  });

  test('a same-size change right after an index write is listed correctly when the app dies before the next one', async () => {
    const store = await openSeeded({ indexDelayMs: 60_000 });
    await change(store, 'summit-plans', { type: 'relabelSpan', spanId: 's1', label: 'quote' });
    // The index as a crash would leave it: written after the first change, not after the second.
    await store.updateSettings(store.settings);
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    const indexAtCrash = (await readJson(indexPath)) as { documents: { id: string; file: { size: number; mtimeMs: number } | null }[] };
    await change(store, 'summit-plans', { type: 'relabelSpan', spanId: 's1', label: 'claim' });
    const after = (await store.getDocument('summit-plans'))!;
    await store.close();
    // File times tick coarsely, so two writes this close together may carry the same stamp; make it so.
    const stat = await fs.stat(documentPath('summit-plans'));
    const entry = indexAtCrash.documents.find((candidate) => candidate.id === 'summit-plans')!;
    if (entry.file && stat.mtimeMs - entry.file.mtimeMs < 1_000) entry.file = { size: stat.size, mtimeMs: stat.mtimeMs };
    await fs.writeFile(indexPath, JSON.stringify(indexAtCrash));

    const reopened = await open();
    expect(reopened.listDocuments().find((summary) => summary.id === 'summit-plans')).toEqual(summarise(after));
  });

  test('temporary files left by a crash are removed on open; other files are left alone', async () => {
    await (await openSeeded()).close();
    const leftovers = [`${DOCUMENTS_FOLDER}/.biden-putin.json.123.4.tmp`, '.index.json.99.1.tmp'];
    for (const file of leftovers) await fs.writeFile(path.join(folder, file), '{"half": ');
    await fs.writeFile(path.join(folder, 'notes.txt'), 'mine');
    await fs.writeFile(path.join(folder, DOCUMENTS_FOLDER, '.hidden.tmp'), 'not ours');

    const store = await open();
    const files = await listFilesBelow(folder);
    for (const file of leftovers) expect(files).not.toContain(file);
    expect(files).toContain('notes.txt');
    expect(files).toContain(`${DOCUMENTS_FOLDER}/.hidden.tmp`);
    expect(store.notices).toEqual([]);
    expect(store.documentIds()).toEqual(SAMPLE_IDS);
  });
});

describe('adding documents', () => {
  function draft(id: string | null, text: string): DocumentDraft {
    return { id, text, meta: { title: text.slice(0, 20) }, status: 'todo', spans: [], relations: [] };
  }

  test('a draft whose id is taken gets a new id, reported in renamed; the existing file is untouched', async () => {
    const store = await openSeeded();
    const before = await fs.readFile(documentPath('biden-putin'));
    const result = await store.addDocuments([draft('biden-putin', 'Another article entirely.')], 'tester');
    expect(result.renamed).toEqual([{ from: 'biden-putin', to: 'biden-putin-2' }]);
    expect(result.added.map((summary) => summary.id)).toEqual(['biden-putin-2']);
    expect(await fs.readFile(documentPath('biden-putin'))).toEqual(before);
    expect((await store.getDocument('biden-putin-2'))?.text).toBe('Another article entirely.');
    expect(store.documentIds()).toEqual([...SAMPLE_IDS, 'biden-putin-2']);
  });

  test('drafts sharing an id in one call, or with no usable id, get distinct usable ids', async () => {
    const store = await openSeeded();
    const result = await store.addDocuments([draft('dup', 'One.'), draft('dup', 'Two.'), draft(null, 'Three.'), draft('needs / cleaning', 'Four.')], 'tester');
    expect(result.added.map((summary) => summary.id)).toEqual(['dup', 'dup-2', 'document', 'needs-cleaning']);
    expect(result.renamed).toEqual([
      { from: 'dup', to: 'dup-2' },
      { from: null, to: 'document' },
      { from: 'needs / cleaning', to: 'needs-cleaning' },
    ]);
  });

  test('two imports at once never give two drafts the same id or file', async () => {
    const store = await openSeeded();
    const [first, second] = await Promise.all([
      store.addDocuments([draft('fresh', 'From the first import.')], 'tester'),
      store.addDocuments([draft('fresh', 'From the second import.')], 'tester'),
    ]);
    const ids = [...first.added, ...second.added].map((summary) => summary.id);
    expect(new Set(ids).size).toBe(2);
    expect(store.documentIds()).toEqual([...SAMPLE_IDS, ...ids]);
    const texts = await Promise.all(ids.map(async (id) => ((await readJson(documentPath(id))) as NewsDocument).text));
    expect(texts.sort()).toEqual(['From the first import.', 'From the second import.']);
  });
});

describe('failed writes', () => {
  test('a write that fails (disk full) rejects, leaves the file and the document as they were, and a retry succeeds', async () => {
    const store = await openSeeded();
    const fileBefore = await fs.readFile(documentPath('emoji-post'));
    const documentBefore = await store.getDocument('emoji-post');
    const listBefore = store.listDocuments();
    setWriteFaultHook((file) => {
      if (file === documentPath('emoji-post')) diskFull();
    });
    const operation: DocumentOperation = { type: 'createSpan', span: { id: 'c1', start: 0, end: 9, label: 'claim' } };

    await expect(change(store, 'emoji-post', operation)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await fs.readFile(documentPath('emoji-post'))).toEqual(fileBefore);
    expect(await store.getDocument('emoji-post')).toEqual(documentBefore);
    expect(store.listDocuments()).toEqual(listBefore);
    expect((await listFilesBelow(folder)).filter((file) => file.endsWith('.tmp'))).toEqual([]);

    setWriteFaultHook(null);
    const retry = await change(store, 'emoji-post', operation);
    expect(retry.ok && retry.value.revision).toBe(documentBefore!.revision + 1);
    expect(describeSpans(((await readJson(documentPath('emoji-post'))) as NewsDocument).spans)).toBe('0-9 claim');
  });

  test('a read made while a write is failing returns the document as it was', async () => {
    const store = await openSeeded();
    const before = await store.getDocument('biden-putin');
    setWriteFaultHook(diskFull);
    const failing = change(store, 'biden-putin', { type: 'setStatus', status: 'done' });
    const read = store.getDocument('biden-putin');
    await expect(failing).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(read).resolves.toEqual(before);
  });

  test('after a failed write, the next change to the same document applies to the stored state', async () => {
    const store = await openSeeded();
    let faults = 1;
    setWriteFaultHook(() => {
      if (faults-- > 0) diskFull();
    });
    const failing = change(store, 'biden-putin', { type: 'setStatus', status: 'done' });
    const next = change(store, 'biden-putin', { type: 'setStatus', status: 'skipped' });
    await expect(failing).rejects.toMatchObject({ code: 'ENOSPC' });
    const result = await next;
    expect(result.ok && { status: result.value.status, revision: result.value.revision }).toEqual({ status: 'skipped', revision: 1 });
  });

  test('a settings write that fails rejects and keeps the previous settings', async () => {
    const store = await openSeeded();
    const before = structuredClone(store.settings);
    setWriteFaultHook(diskFull);
    await expect(store.updateSettings({ ...before, annotator: 'Grace' })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(store.settings).toEqual(before);
    setWriteFaultHook(null);
    await store.close();
    expect((await open()).settings).toEqual(before);
  });
});

describe('schema version', () => {
  test('a folder written with a newer schemaVersion is refused with a clear message, and left as it was', async () => {
    await (await openSeeded()).close();
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    const index = (await readJson(indexPath)) as Record<string, unknown>;
    await fs.writeFile(indexPath, JSON.stringify({ ...index, schemaVersion: SCHEMA_VERSION + 1 }));
    const bytes = await fs.readFile(indexPath);

    await expect(LibraryStore.open(folder, { holder: 'unit test' })).rejects.toThrow(
      `was written by a newer Newsmark (schema ${SCHEMA_VERSION + 1}; this one reads ${SCHEMA_VERSION}). Update Newsmark to open it.`,
    );
    expect(await fs.readFile(indexPath)).toEqual(bytes);
    expect(await listFilesBelow(folder)).not.toContain(LOCK_FILE_NAME);
  });

  test('a newer index this version cannot parse is refused too, not set aside as damaged', async () => {
    await (await openSeeded()).close();
    const indexPath = path.join(folder, INDEX_FILE_NAME);
    await fs.writeFile(indexPath, JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, library: { documents: 'elsewhere' } }));
    const bytes = await fs.readFile(indexPath);

    await expect(LibraryStore.open(folder, { holder: 'unit test' })).rejects.toThrow(/newer Newsmark/);
    expect(await fs.readFile(indexPath)).toEqual(bytes);
    expect(await setAsideFiles()).toEqual([]);
  });
});

describe('changes', () => {
  test('changes made at once to one document are all applied, in the order they were made', async () => {
    const store = await openSeeded();
    const operations: DocumentOperation[] = [];
    for (let index = 0; index < 12; index++) {
      operations.push({ type: 'createSpan', span: { id: `c${index}`, start: index * 8, end: index * 8 + 5, label: LABELS[index % 3]! } });
      if (index % 3 === 0) operations.push({ type: 'relabelSpan', spanId: `c${index}`, label: 'quote' });
      if (index % 4 === 1) operations.push({ type: 'deleteSpan', spanId: `c${index - 1}` });
    }
    operations.push({ type: 'setStatus', status: 'done' });
    const before = (await store.getDocument('biden-putin'))!;
    const contexts = operations.map(() => ({ annotator: 'tester', now: new Date((clock += 1000)).toISOString(), labels: LABELS }));

    const results = await Promise.all(operations.map((operation, index) => store.updateDocument('biden-putin', (document) => applyOperation(document, operation, contexts[index]!))));
    let expected = before;
    const revisions: number[] = [];
    operations.forEach((operation, index) => {
      const result = applyOperation(expected, operation, contexts[index]!);
      expected = result.ok ? result.value : expected;
      revisions.push(expected.revision);
    });
    expect(results.map((result) => (result.ok ? result.value.revision : -1))).toEqual(revisions);
    expect(revisions.at(-1)).toBe(operations.length);
    expect(await store.getDocument('biden-putin')).toEqual(expected);
    expect(await readJson(documentPath('biden-putin'))).toEqual(expected);
    expect(describeSpans(expected.spans)).toBe(
      '8-13 quote | 16-21 attribution | 24-29 quote | 40-45 attribution | 48-53 quote | 56-61 quote | 72-77 quote | 80-85 quote | 88-93 attribution',
    );
  });

  test('a change that changes nothing writes nothing', async () => {
    const store = await openSeeded();
    const before = await fs.stat(documentPath('summit-plans'));
    const bytes = await fs.readFile(documentPath('summit-plans'));
    const result = await change(store, 'summit-plans', { type: 'setStatus', status: 'done' });
    expect(result.ok && result.value.revision).toBe(0);
    expect((await fs.stat(documentPath('summit-plans'))).ino).toBe(before.ino);
    expect(await fs.readFile(documentPath('summit-plans'))).toEqual(bytes);
  });

  test('a change to an article that does not exist is refused as not_found', async () => {
    const store = await openSeeded();
    const result = await change(store, 'no-such-article', { type: 'setStatus', status: 'done' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no article "no-such-article".' } });
    expect(await store.getDocument('no-such-article')).toBeNull();
  });
});
