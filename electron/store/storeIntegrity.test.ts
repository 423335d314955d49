import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { DEFAULT_LABELS, type NewsDocument } from '../../shared/model';
import { applyOperation } from '../../shared/operations';
import { describeSpans } from '../../shared/spans';
import { checkStoredDocument } from './documentIntegrity';
import { DOCUMENTS_FOLDER, LibraryStore } from './libraryStore';
import { foldIdCase, isWindowsReservedName } from './portableFileName';
import { sampleDrafts } from './testing/sampleDrafts';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

let folder: string;
const opened: LibraryStore[] = [];

async function open(seeded = false): Promise<LibraryStore> {
  const store = await LibraryStore.open(folder, { holder: 'unit test', ...(seeded ? { seed: async () => sampleDrafts() } : {}) });
  opened.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
}

function documentPath(id: string): string {
  return path.join(folder, DOCUMENTS_FOLDER, `${id}.json`);
}

async function readDocumentFile(id: string): Promise<NewsDocument> {
  return JSON.parse(await fs.readFile(documentPath(id), 'utf8')) as NewsDocument;
}

function draft(id: string | null, text = `Text of ${id}.`): DocumentDraft {
  return { id, text, meta: { title: `Title of ${id}` }, status: 'todo', spans: [], relations: [] };
}

beforeEach(async () => {
  folder = await makeTemporaryFolder('newsmark-integrity-');
});

afterEach(async () => {
  await closeAll();
  await removeFolder(folder);
});

describe('a document file holding another article', () => {
  test('is set aside as damaged, and never written over the article it names', async () => {
    await (await open(true)).close();
    // A copy of one article under another's name, as a hand-made backup restore might leave it.
    const original = await fs.readFile(documentPath('biden-putin'));
    const impostor = await fs.readFile(documentPath('summit-plans'));
    await fs.writeFile(documentPath('biden-putin'), impostor);
    await fs.utimes(documentPath('biden-putin'), new Date(), new Date(Date.now() + 5_000));

    const store = await open();
    expect(store.documentIds()).toEqual(['blinken-lavrov', 'emoji-post', 'summit-plans']);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]!.message).toContain('it holds article "summit-plans", not "biden-putin"');
    const aside = (await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'));
    expect(aside).toEqual([expect.stringMatching(/^documents\/biden-putin\.json\.damaged-/)]);
    expect(await fs.readFile(path.join(folder, aside[0]!))).toEqual(impostor);
    expect(original).not.toEqual(impostor);

    // summit-plans itself is untouched and still changes on its own.
    const context = { annotator: 'tester', now: '2025-06-01T00:00:00.000Z', labels: DEFAULT_LABELS.map((label) => label.name) };
    expect((await store.updateDocument('summit-plans', (document) => applyOperation(document, { type: 'setStatus', status: 'skipped' }, context))).ok).toBe(true);
    expect((await readDocumentFile('summit-plans')).status).toBe('skipped');
    expect(await store.getDocument('biden-putin')).toBeNull();
  });

  test('a change that would alter a document’s id is refused before anything is written', async () => {
    const store = await open(true);
    const before = await fs.readFile(documentPath('emoji-post'));
    await expect(store.updateDocument('biden-putin', (document) => ({ ok: true, value: { ...document, id: 'emoji-post', revision: document.revision + 1 } }))).rejects.toThrow(
      'A change to article "biden-putin" may not change its id to "emoji-post".',
    );
    expect(await fs.readFile(documentPath('emoji-post'))).toEqual(before);
  });
});

describe('ids as file names', () => {
  test('ids compare without case: a new id that differs from a stored one only by case gets a fresh id', async () => {
    const store = await open(true);
    const result = await store.addDocuments([draft('Biden-Putin'), draft('EMOJI-POST'), draft('fresh'), draft('FRESH')], 'tester');
    expect(result.added.map((summary) => summary.id)).toEqual(['Biden-Putin-2', 'EMOJI-POST-2', 'fresh', 'FRESH-2']);
    expect(result.renamed).toEqual([
      { from: 'Biden-Putin', to: 'Biden-Putin-2' },
      { from: 'EMOJI-POST', to: 'EMOJI-POST-2' },
      { from: 'FRESH', to: 'FRESH-2' },
    ]);
    const names = (await fs.readdir(path.join(folder, DOCUMENTS_FOLDER))).map(foldIdCase);
    expect(new Set(names).size).toBe(names.length);
    expect((await store.getDocument('biden-putin'))!.text).toBe(sampleDrafts()[0]!.text);
  });

  test('a file in the folder that is not listed (e.g. left by hand) is never written over', async () => {
    const store = await open(true);
    const stray = path.join(folder, DOCUMENTS_FOLDER, 'Stray.json');
    await fs.writeFile(stray, 'not ours');
    const result = await store.addDocuments([draft('stray')], 'tester');
    expect(result.added.map((summary) => summary.id)).toEqual(['stray-2']);
    expect(await fs.readFile(stray, 'utf8')).toBe('not ours');
  });

  test.each([
    ['CON', 'CON-2'],
    ['prn', 'prn-2'],
    ['Aux', 'Aux-2'],
    ['nul', 'nul-2'],
    ['COM1', 'COM1-2'],
    ['lpt9', 'lpt9-2'],
    ['nul.backup', 'nul-2.backup'],
    ['CON.txt', 'CON-2.txt'],
  ])('the Windows-reserved name %s is not used as a file name: it becomes %s', async (id, expected) => {
    const store = await open(true);
    const result = await store.addDocuments([draft(id)], 'tester');
    expect(result.added.map((summary) => summary.id)).toEqual([expected]);
    expect(result.renamed).toEqual([{ from: id, to: expected }]);
  });

  test('isWindowsReservedName: only the device names, whatever their case and extension', () => {
    expect(['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'COM9', 'LPT1', 'LPT9', 'nul.tar.gz'].filter(isWindowsReservedName)).toHaveLength(10);
    expect(['COM0', 'COM10', 'LPT', 'CONSOLE', 'icon', 'a.con', 'connect', 'null'].filter(isWindowsReservedName)).toEqual([]);
  });
});

describe('spans read from disk are checked against the text', () => {
  async function withBrokenSpans(): Promise<Buffer> {
    await (await open(true)).close();
    const stored = await readDocumentFile('blinken-lavrov');
    const text = stored.text;
    const broken: NewsDocument = {
      ...stored,
      spans: [
        ...stored.spans,
        { ...stored.spans[0]!, id: 'past-end', start: 90, end: text.length + 5 },
        { ...stored.spans[0]!, id: 'reversed', start: 40, end: 20 },
        { ...stored.spans[0]!, id: 'q1', start: 0, end: 3 },
      ],
      relations: [...stored.relations, { id: 'r-gone', label: 'attributed_to', headId: 'reversed', childId: 'a1' }],
    };
    const bytes = Buffer.from(JSON.stringify(broken));
    await fs.writeFile(documentPath('blinken-lavrov'), bytes);
    return bytes;
  }

  test('a span that does not fit is not served, the article is named in a notice, and its file is not changed by reading', async () => {
    const bytes = await withBrokenSpans();
    const store = await open();
    const document = (await store.getDocument('blinken-lavrov'))!;
    expect(describeSpans(document.spans)).toBe('0-7 attribution | 57-93 quote');
    expect(document.relations.map((relation) => relation.id)).toEqual(['r1']);
    expect(store.listDocuments().find((summary) => summary.id === 'blinken-lavrov')!.counts).toEqual({ attribution: 1, quote: 1 });

    expect(store.notices).toHaveLength(1);
    const message = store.notices[0]!.message;
    expect(message).toContain('Article "Blinken and Lavrov to meet" (blinken-lavrov)');
    expect(message).toContain('span past-end (attribution, 90–107): offsets 90–107 are outside the text (0–102)');
    expect(message).toContain('span reversed (attribution, 40–20): span 40–20 is empty or reversed');
    expect(message).toContain('span q1 (attribution, 0–3): its id is used by another span');
    expect(message).toContain('relation r-gone (reversed → a1): span reversed is not in the article');
    expect(await fs.readFile(documentPath('blinken-lavrov'))).toEqual(bytes);
    const copies = (await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'));
    expect(copies).toEqual([expect.stringMatching(/^documents\/blinken-lavrov\.json\.damaged-/)]);
    expect(message).toContain(copies[0]);
    expect(await fs.readFile(path.join(folder, copies[0]!))).toEqual(bytes);

    // Read again (e.g. after leaving the cache): no second notice, no second copy.
    await store.getDocument('blinken-lavrov');
    expect(store.notices).toHaveLength(1);
  });

  test('the next change saves the article without them; the copy keeps what was there', async () => {
    const bytes = await withBrokenSpans();
    const store = await open();
    const context = { annotator: 'tester', now: '2025-06-01T00:00:00.000Z', labels: DEFAULT_LABELS.map((label) => label.name) };
    expect((await store.updateDocument('blinken-lavrov', (document) => applyOperation(document, { type: 'setStatus', status: 'done' }, context))).ok).toBe(true);
    const saved = await readDocumentFile('blinken-lavrov');
    expect(describeSpans(saved.spans)).toBe('0-7 attribution | 57-93 quote');
    expect(checkStoredDocument(saved).problems).toEqual([]);
    const copies = (await listFilesBelow(folder)).filter((file) => file.includes('.damaged-'));
    expect(await fs.readFile(path.join(folder, copies[0]!))).toEqual(bytes);
  });

  test('checkStoredDocument returns the very document when all is well', () => {
    const document = { ...(sampleDrafts()[1] as unknown as NewsDocument), spans: [], relations: [] };
    expect(checkStoredDocument(document).document).toBe(document);
  });
});
