import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { NewsDocument } from '../../shared/model';
import { findMatches } from '../../shared/textSearch';
import { tokensOf } from '../../shared/storyText';
import { toExportRecord } from '../../shared/exportRecord';
import { LibraryStore } from '../store/libraryStore';
import { dispatchRequest } from './dispatchRequest';
import { createLibraryHandlers } from './libraryHandlers';
import { LibrarySearcher } from './searchLibrary';
import { loadSampleCorpus } from './sampleCorpus';
import { driftReportOf } from './driftReport';
import { StoryIndex } from './storyIndex';
import { indexTokensOf } from './storyIndexTerms';
import { createStoryHandlers } from './storyRequests';
import { StoryIndexService, STORY_INDEX_FILE, STORY_INDEX_VERSION } from './storyIndexService';
import { WorkerReading } from './workerReading';

const WORDS = ['Russia', 'ready', 'prepared', 'swift', 'rapid', 'war', 'Café', 'Straße', 'Мы', 'готовы', '我们', '准备', 'talks', 'U.S.', 'the'];

function documentOf(id: string, text: string, speaker?: string): NewsDocument {
  const now = '2026-01-01T00:00:00.000Z';
  const spans = speaker ? [{ id: 's1', start: 0, end: Math.min(5, text.length) || 1, label: 'quote', speaker, createdAt: now, updatedAt: now, annotator: 'a' }] : [];
  return { id, text, meta: { title: id }, status: 'todo', spans, relations: [], createdAt: now, updatedAt: now, annotator: 'a', revision: 0 };
}

/** What a full scan of the texts finds of `query` in each article: "id count@start-end|title count@start-end". */
function scanned(documents: Iterable<{ id: string; text: string; title: string }>, query: string): string[] {
  const describe = (text: string) => {
    const matches = findMatches(text, query);
    return `${matches.length}@${matches[0] ? `${matches[0].start}-${matches[0].end}` : '-'}`;
  };
  return [...documents].map((document) => `${document.id} ${describe(document.text)}|${describe(document.title)}`).sort();
}

/** The same, as the index answers it without scanning (the scan where it cannot answer). */
function searched(index: StoryIndex, query: string): string[] {
  const prepared = index.prepareSearch(query);
  if (prepared === null) return scanned(index.all(), query);
  const describe = ({ count, first }: { count: number; first: { start: number; end: number } | null }) => `${count}@${first ? `${first.start}-${first.end}` : '-'}`;
  const all = index.searchAll(prepared);
  const matches = index.matcher(prepared);
  return [...index.all()].map((document) => {
    const found = index.occurrences(prepared, document.id)!;
    expect(matches(document.id, document.text.length), 'which articles match, from the postings').toBe(found.text.count > 0 || found.title.count > 0);
    const fromPostings = all.get(document.id) ?? { text: { count: 0, first: null }, title: { count: 0, first: null } };
    expect(`${describe(fromPostings.text)}|${describe(fromPostings.title)}`, 'the whole library searched at once').toBe(`${describe(found.text)}|${describe(found.title)}`);
    return `${document.id} ${describe(found.text)}|${describe(found.title)}`;
  }).sort();
}

/** What the index answers: search counts and first matches, and story matches, compactly. */
async function answers(index: StoryIndex, queries: string[]): Promise<string[]> {
  return Promise.all(
    queries.map(async (query) => {
      const matches = (await index.findMatches(query, tokensOf(query), null, 50)).map((match) => `${match.documentId}:${match.start}-${match.end}:${match.kind}`).sort();
      return `${query} → ${searched(index, query).join(',')} | ${matches.join(',')}`;
    }),
  );
}

/** The index's snapshot as the cache file holds it, read back. */
async function reread(index: StoryIndex): Promise<never> {
  return JSON.parse(await index.snapshotText()) as never;
}

/** Text of many scripts with the hard cases of folding: accents (composed and not), ligatures, ß, final sigma, curly quotes, CJK, emoji, white space runs. */
const TRICKY = ['a', 'A', 'é', 'e\u0301', 'ß', 'ss', 'ﬁ', 'fi', 'Σ', 'ς', 'σ', 'İ', 'ı', 'Ａ', '我', '们', 'ё', 'Ё', 'م', 'ا', '\u0651', '😀', '’', '“', '”', '—', '-', '.', ',', ' ', ' ', '\n', '\u00a0', '  ', '½', '2', 'x'];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 30 }).map((parts) => parts.join(''));

describe('the index word scanner and search', () => {
  test('indexTokensOf cuts and folds words exactly as tokensOf does', () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 })), (text) => {
        expect(indexTokensOf(text)).toEqual(tokensOf(text));
      }),
      { numRuns: 1000 },
    );
  });

  test('overlapping, repeated, re-spaced and folded matches are counted left to right without overlaps, as a scan counts them', () => {
    const cases: [text: string, query: string, expected: string][] = [
      ['a a a a', 'a a', '2@0-3'],
      ['aaa aaaa', 'aa', '3@0-2'],
      ['war. war.war.', 'war.', '3@0-4'],
      ['White  House, white\nhouse WHITE HOUSES', 'white house', '3@0-12'],
      ['Café cafe CAFÉ', 'cafe', '3@0-4'],
      ['Straße STRASSE', 'strasse', '2@0-6'],
      ['“We are” — we', '“we', '1@0-3'],
      ['我们准备 我们', '我们', '2@0-2'],
      // A match ending in punctuation takes in the accent that begins the next word.
      ['ı’\u0651a', 'ı’', '1@0-3'],
      // A query whose other characters fold to nothing or white space is one word: both matches of "s" in "ß" count.
      ['ß', '\u0651\ns', '2@0-1'],
    ];
    for (const [text, query, expected] of cases) {
      const index = StoryIndex.empty();
      index.put(documentOf('d', text));
      expect(searched(index, query), `${query} in ${text}`).toEqual([`d ${expected}|0@-`]);
      expect(searched(index, query)).toEqual(scanned(index.all(), query));
    }
  });

  test('a search answered from the word tables counts and places matches exactly as a scan of each text', () => {
    fc.assert(
      fc.property(fc.array(trickyText, { minLength: 1, maxLength: 4 }), fc.array(trickyText.filter((query) => query.trim() !== ''), { minLength: 1, maxLength: 6 }), (texts, queries) => {
        const index = StoryIndex.empty();
        texts.forEach((text, order) => index.put({ ...documentOf(`d${order}`, text), meta: { title: texts[(order + 1) % texts.length]!.slice(0, 12) } }));
        for (const query of [...queries, ...queries.map((query) => query.slice(1, -1)).filter((query) => query.trim() !== '')]) {
          expect(searched(index, query), query).toEqual(scanned(index.all(), query));
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Changes of a small library: imports and re-imports (a put of a known id with a new text), span edits (the same text, another speaker), removals. */
const articleText = fc.array(fc.constantFrom(...WORDS, ' ', ' ', '\n', ', ', '. '), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
const change = fc.oneof(
  fc.record({ type: fc.constant('put' as const), id: fc.constantFrom('a', 'b', 'c', 'd'), text: articleText, speaker: fc.option(fc.constantFrom('Psaki', 'Jen Psaki'), { nil: undefined }) }),
  fc.record({ type: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ type: fc.constant('settle' as const) }),
);
type Change = { type: 'put'; id: string; text: string; speaker?: string } | { type: 'remove'; id: string } | { type: 'settle' };
const queryList = fc.array(fc.constantFrom(...WORDS, 'rus', 'ssia', 'Russia ready', 'ready to', '准', 'strasse', 'the talks', 'ready the war swift talks'), { minLength: 1, maxLength: 5 });

/** Makes the changes to `index`, waiting for its reads where a step says so; returns the articles as they are then. */
async function changed(index: StoryIndex, steps: readonly Change[]): Promise<Map<string, NewsDocument>> {
  const current = new Map<string, NewsDocument>();
  for (const step of steps) {
    if (step.type === 'put') {
      const document = documentOf(step.id, step.text, step.speaker);
      index.put(document);
      current.set(step.id, document);
    } else if (step.type === 'remove') {
      index.remove(step.id);
      current.delete(step.id);
    } else {
      await index.settled();
    }
  }
  await index.settled();
  return current;
}

describe('StoryIndex', () => {
  test('after any imports, span edits and deletions, it answers as one built from scratch, and as a full scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 25 }), queryList, async (steps, queries) => {
        const index = StoryIndex.empty();
        const current = await changed(index, steps);
        const fresh = StoryIndex.empty();
        for (const document of current.values()) fresh.put(document);
        const fromScratch = await answers(fresh, queries);
        expect(await answers(index, queries)).toEqual(fromScratch);
        expect(await answers(await StoryIndex.fromSnapshot(await reread(index)), queries)).toEqual(fromScratch);
        // The search answers as a full scan of the articles does.
        for (const query of queries) {
          expect(searched(index, query)).toEqual(scanned([...current.values()].map((document) => ({ id: document.id, text: document.text, title: document.meta.title })), query));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('read on its worker thread (answers coming later, in batches, some overtaken by the next change), it answers as one read in this thread; so does its snapshot', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 25 }), queryList, async (steps, queries) => {
        const index = StoryIndex.empty(WorkerReading.start());
        const opened: StoryIndex[] = [index];
        try {
          const current = await changed(index, steps);
          const here = StoryIndex.empty();
          for (const document of current.values()) here.put(document);
          const expected = await answers(here, queries);
          expect([...index.all()].map((document) => `${document.id}:${document.text}:${document.spans[0]?.speaker}`).sort()).toEqual([...current.values()].map((document) => `${document.id}:${document.text}:${document.spans[0]?.speaker}`).sort());
          expect(await answers(index, queries)).toEqual(expected);
          const reopened = await StoryIndex.fromSnapshot(await reread(index), WorkerReading.start());
          opened.push(reopened);
          expect(await answers(reopened, queries)).toEqual(expected);
        } finally {
          await Promise.all(opened.map((each) => each.close()));
        }
      }),
      { numRuns: 12 },
    );
  });

  test("a snapshot whose full-text half does not hold its articles is refused; a closed index's worker answers no more", async () => {
    const index = StoryIndex.empty();
    index.put(documentOf('a', 'Psaki said we are ready.'));
    const snapshot = (await reread(index)) as { documents: unknown[]; articleIndex: unknown };
    const reader = WorkerReading.start();
    await expect(StoryIndex.fromSnapshot({ ...snapshot, documents: [] } as never, reader)).rejects.toThrow(/holds articles its full-text index does not/);
    const opened = await StoryIndex.fromSnapshot(snapshot as never, reader);
    expect(await answers(opened, ['ready'])).toEqual(await answers(index, ['ready']));
    await opened.close();
    await expect(opened.findMatches('Psaki said we are ready.', tokensOf('Psaki said we are ready.'), null, 5)).rejects.toThrow(/closed/);
  });
});

describe('story requests on the sample corpus', () => {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
  });

  async function sampleLibrary(): Promise<LibraryStore> {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-story-'));
    folders.push(folder);
    return LibraryStore.open(folder, { holder: 'test', defaultAnnotator: 'tester', seed: loadSampleCorpus });
  }

  test("the quote in 003 finds 001's changed quote, with ready/prepared and swift/rapid marked", async () => {
    const store = await sampleLibrary();
    const handlers = createStoryHandlers(store);
    const source = (await store.getDocument('003_37448910395a2621'))!;
    const quote = 'We are also ready to impose swift and severe consequences should Russia instead choose war';
    const start = source.text.indexOf(quote);
    const result = await handlers.findStoryMatches({ documentId: source.id, start, end: start + quote.length });
    expect(result.ok).toBe(true);
    const best = result.ok ? result.value.matches.find((match) => match.documentId.startsWith('001')) : undefined;
    expect(best?.text).toBe('We are also prepared to impose rapid and severe consequences if Russia chooses war');
    expect(best?.changes.filter((change) => change.type === 'replace').map((change) => `${change.source}>${change.target}`)).toEqual(['ready>prepared', 'swift>rapid', 'should>if', 'instead choose>chooses']);
    const drift = await driftReportOf(await handlers.service.ready());
    const pair = drift.entries.find((entry) => [entry.source.documentId, entry.target.documentId].sort().join() === '001_eb02124ce0597417,003_37448910395a2621');
    expect(pair?.changes.map((change) => `${change.source}>${change.target}`)).toEqual(expect.arrayContaining(['prepared>ready', 'rapid>swift']));
    await handlers.service.close();
    await store.close();
  });

  test('renaming two spellings of a speaker is one durable change that restoreDocuments undoes; the index follows', async () => {
    const store = await sampleLibrary();
    const handlers = createStoryHandlers(store);
    const ids = store.documentIds();
    const context = { annotator: 'tester', now: new Date().toISOString(), labels: ['claim', 'quote', 'attribution'] };
    const { applyOperation } = await import('../../shared/operations');
    for (const [order, id] of ids.slice(0, 3).entries()) {
      await store.updateDocument(id, (document) => applyOperation(document, { type: 'createSpan', span: { id: 'q1', start: 0, end: 10, label: 'quote' } }, context));
      await store.updateDocument(id, (document) => applyOperation(document, { type: 'setSpanSpeaker', spanId: 'q1', speaker: order === 0 ? 'Psaki' : 'Jen Psaki' }, context));
    }
    const renamed = await handlers.renameSpeaker({ from: ['Psaki', 'Jen Psaki'], to: 'White House press secretary Jen Psaki' });
    expect(renamed.ok && renamed.value.count).toBe(3);
    const speakers = await handlers.speakerIndex();
    expect(speakers.ok && speakers.value.map((entry) => `${entry.speaker} ${entry.count}`)).toEqual(['White House press secretary Jen Psaki 3']);
    const renamedFirst = (await store.getDocument(ids[0]!))!;
    expect(renamedFirst.spans[0]).toMatchObject({ speaker: 'White House press secretary Jen Psaki', speakerOriginal: 'Psaki' });
    // Exports carry the canonical speaker and the wording it replaced.
    expect(toExportRecord(renamedFirst, { offsetUnit: 'codepoint' }).spans[0]).toMatchObject({ speaker: 'White House press secretary Jen Psaki', speaker_original: 'Psaki' });
    await handlers.service.close();
    await store.close();
    // Durable: a new open reads the renamed speakers from the article files.
    const reopened = await LibraryStore.open(store.folder, { holder: 'test' });
    const again = createStoryHandlers(reopened);
    expect((await reopened.getDocument(ids[1]!))!.spans[0]?.speaker).toBe('White House press secretary Jen Psaki');
    const undo = await again.restoreDocuments({ documents: renamed.ok ? renamed.value.changed.map((change) => ({ documentId: change.documentId, revision: change.revision, state: change.before })) : [] });
    expect(undo.ok && undo.value.count).toBe(3);
    const after = await again.speakerIndex();
    expect(after.ok && after.value.map((entry) => `${entry.speaker} ${entry.count}`)).toEqual(['Jen Psaki 2', 'Psaki 1']);
    await again.service.close();
    await reopened.close();
  });

  test('at the edge: story requests are validated, and a range outside the article is refused with a reason', async () => {
    const store = await sampleLibrary();
    const handlers = createLibraryHandlers(store);
    const bad = await dispatchRequest(handlers, 'findStoryMatches', { documentId: '003_37448910395a2621', start: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const outside = await dispatchRequest(handlers, 'findStoryMatches', { documentId: '003_37448910395a2621', start: 5, end: 10_000_000 });
    expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('not inside article') } });
    const typed = await dispatchRequest(handlers, 'findStoryMatches', { text: 'We are also prepared to impose rapid and severe consequences if Russia chooses war' });
    expect(typed.ok && (typed.value as { matches: { documentId: string }[] }).matches.map((match) => match.documentId)).toContain('003_37448910395a2621');
    expect(await dispatchRequest(handlers, 'renameSpeaker', { from: [], to: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatchRequest(handlers, 'driftReport', {})).toMatchObject({ ok: true });
    await store.close();
  });

  test('the index follows changes: a span labelled in 001 shows in the match; search answers as a full scan does', async () => {
    const store = await sampleLibrary();
    const handlers = createStoryHandlers(store);
    await handlers.service.ready();
    const target = (await store.getDocument('001_eb02124ce0597417'))!;
    const start = target.text.indexOf('We are also prepared');
    const context = { annotator: 'tester', now: new Date().toISOString(), labels: ['claim', 'quote', 'attribution'] };
    const { applyOperation } = await import('../../shared/operations');
    await store.updateDocument(target.id, (document) => applyOperation(document, { type: 'createSpan', span: { id: 'q9', start, end: start + 50, label: 'quote' } }, context));
    await store.updateDocument(target.id, (document) => applyOperation(document, { type: 'setSpanSpeaker', spanId: 'q9', speaker: 'Psaki' }, context));
    const result = await handlers.findStoryMatches({ text: 'We are also ready to impose swift and severe consequences should Russia instead choose war' });
    expect(result.ok && result.value.matches.find((match) => match.documentId === target.id)?.span).toMatchObject({ id: 'q9', label: 'quote', speaker: 'Psaki' });
    const indexed = new LibrarySearcher(store, handlers.service);
    const scanning = new LibrarySearcher(store);
    for (const query of ['Psaki', 'psak', 'ready to', 'White House says', 'Straße', 'e', 'war.', 'nothing like this']) {
      expect(await indexed.search({ query }), query).toEqual(await scanning.search({ query }));
    }
    await handlers.service.close();
    await store.close();
  });

  test('a damaged cache file is rebuilt from the articles', async () => {
    const store = await sampleLibrary();
    await fs.writeFile(path.join(store.folder, STORY_INDEX_FILE), '{"version": 1, "snapshot": {');
    const service = new StoryIndexService(store, { saveDelayMs: 0 });
    expect((await service.ready()).size).toBe(5);
    await service.save();
    const cached = JSON.parse(await fs.readFile(path.join(store.folder, STORY_INDEX_FILE), 'utf8')) as { version: number };
    expect(cached.version).toBe(STORY_INDEX_VERSION);
    await service.close();
    await store.close();
  });
});
