import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { LibrarySearch, SearchResults } from '../../shared/librarySearch';
import { LibraryStore } from '../store/libraryStore';
import { LibrarySearcher } from './searchLibrary';
import { StoryIndex } from './storyIndex';

const WORDS = ['Russia', 'russian', 'ready', 'war', 'war.', 'Café', 'cafe', 'Straße', 'STRASSE', 'Мы', 'готовы', '我们', 'U.S.', 'the', 'White', 'House', 'e\u0301', '½'];
const GAPS = [' ', ' ', ', ', '. ', '\n\n', '  ', '—'];
const STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;

const textOf = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { minLength: 1, maxLength: 25 }).map((parts) => parts.map(([word, gap]) => word + gap).join('').trim() || 'war');
const articleOf = fc.record({ title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')), text: textOf, status: fc.constantFrom(...STATUSES) });
/** Words of the library, parts of them, runs of two, punctuation alone, nothing. */
const queryOf = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...WORDS).chain((word) => fc.nat(word.length).map((length) => word.slice(0, Math.max(1, length)))),
  fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS), fc.constantFrom(...WORDS)).map((parts) => parts.join('')),
  fc.constantFrom('.', ' , ', '', 'e', 'war. war', 'nothing like this'),
);

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/** A new library in a folder of its own, removed after the test. */
async function newStore(name: string): Promise<LibraryStore> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), `newsmark-search-${name}-`));
  folders.push(folder);
  return LibraryStore.open(folder, { holder: 'test', defaultAnnotator: 'tester' });
}

/** The story index of every article in `store`, built article by article. */
async function indexOf(store: LibraryStore): Promise<StoryIndex> {
  const index = StoryIndex.empty();
  for (const summary of store.listDocuments()) index.put((await store.getDocument(summary.id))!);
  return index;
}

/** Every page of a search, `size` hits at a time, from its first to its last. */
async function pagesOf(searcher: LibrarySearcher, search: LibrarySearch, size: number): Promise<SearchResults[]> {
  const pages = [await searcher.search({ ...search, limit: size })];
  while (pages.length * size < pages[0]!.total!) pages.push(await searcher.search({ ...search, offset: pages.length * size, limit: size }));
  return pages;
}

describe('a library search asked page by page', () => {
  test('the pages put together are the unpaged answer, from the index (an article missing from it scanned) and from a scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(articleOf, { minLength: 1, maxLength: 14 }), fc.array(fc.tuple(queryOf, fc.integer({ min: 1, max: 6 }), fc.subarray([...STATUSES])), { minLength: 1, maxLength: 6 }), fc.nat(), async (articles, searches, missing) => {
        const store = await newStore('pages');
        await store.addDocuments(articles.map((article, order) => ({ id: `a${order}`, text: article.text, meta: { title: article.title }, status: article.status, spans: [], relations: [] })), 'tester');
        const index = StoryIndex.empty();
        const listed = store.listDocuments();
        // One article is not in the index yet, as while it is being written.
        for (const [order, summary] of listed.entries()) if (order !== missing % listed.length) index.put((await store.getDocument(summary.id))!);
        for (const searcher of [new LibrarySearcher(store, { current: index }), new LibrarySearcher(store)]) {
          for (const [query, size, statuses] of searches) {
            const search: LibrarySearch = { query, statuses };
            const whole = await searcher.search(search);
            const pages = await pagesOf(searcher, search, size);
            expect(pages.every((page) => page.total === whole.hits.length && page.searched === whole.searched && page.hits.length <= size), query).toBe(true);
            expect(pages.flatMap((page) => page.hits), query).toEqual(whole.hits);
            expect(await searcher.search({ ...search, offset: whole.hits.length + 1 })).toEqual({ hits: [], searched: whole.searched, total: whole.hits.length });
          }
        }
        await store.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  test('without offset or limit the answer carries no total', async () => {
    const store = await newStore('pages');
    await store.addDocuments([{ id: 'a', text: 'Russia is ready.', meta: { title: 'Ready' }, status: 'todo', spans: [], relations: [] }], 'tester');
    const answer = await new LibrarySearcher(store).search({ query: 'ready' });
    expect(answer).toEqual({ hits: [expect.objectContaining({ id: 'a', inTitle: true, count: 1 })], searched: 1 });
    expect(await new LibrarySearcher(store).search({ query: 'ready', limit: 1 })).toEqual({ ...answer, total: 1 });
    await store.close();
  });

  test('typed keystroke by keystroke (each query extending the last, some edited back, an article added between), the index answers as a scan', async () => {
    const phraseOf = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { minLength: 1, maxLength: 3 }).map((parts) => parts.map(([word, gap]) => word + gap).join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(articleOf, { minLength: 1, maxLength: 10 }), phraseOf, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })), { maxLength: 3 }), fc.nat(), articleOf, async (articles, phrase, backspaces, addedAt, added) => {
        const store = await newStore('keys');
        const draftOf = (article: typeof added, id: string) => ({ id, text: article.text, meta: { title: article.title }, status: article.status, spans: [], relations: [] });
        await store.addDocuments(articles.map((article, order) => draftOf(article, `a${order}`)), 'tester');
        const index = await indexOf(store);
        const indexed = new LibrarySearcher(store, { current: index });
        const scanning = new LibrarySearcher(store);
        // The phrase typed one character at a time, going back a few characters here and there (and typing on).
        const keystrokes = [...phrase].map((_, length) => phrase.slice(0, length + 1));
        for (const [at, back] of backspaces) {
          const typed = at % keystrokes.length;
          keystrokes.splice(typed + 1, 0, keystrokes[typed]!.slice(0, Math.max(1, keystrokes[typed]!.length - back)));
        }
        for (const [order, query] of keystrokes.entries()) {
          if (order === addedAt % keystrokes.length) {
            const { added: [summary] } = await store.addDocuments([draftOf(added, 'added')], 'tester');
            index.put((await store.getDocument(summary!.id))!);
          }
          const { hits, searched } = await scanning.search({ query });
          expect(await indexed.search({ query, limit: 1_000 }), JSON.stringify(query)).toEqual({ hits, searched, total: hits.length });
        }
        await store.close();
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  test('a run of words matches only where the gaps between them fold as the query\'s do', async () => {
    const store = await newStore('gaps');
    const texts = ['ready, war', 'ready, —war', 'ready,  war', 'ready,war', 'ready. war', 'Ready,\nWar', 'ready, warm', 'already, war'];
    await store.addDocuments(texts.map((text, order) => ({ id: `a${order}`, text, meta: { title: 't' }, status: 'todo' as const, spans: [], relations: [] })), 'tester');
    const index = await indexOf(store);
    for (const query of ['ready, war', 'ready, —war', 'ready,war', 'y, w', 'ready, warm']) {
      const { hits } = await new LibrarySearcher(store).search({ query });
      expect(await new LibrarySearcher(store, { current: index }).search({ query, limit: 100 }), query).toEqual({ hits, searched: texts.length, total: hits.length });
    }
    await store.close();
  });
});
