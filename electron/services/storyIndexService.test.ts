import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { SearchResults } from '../../shared/librarySearch';
import { applyOperation } from '../../shared/operations';
import { LibraryStore } from '../store/libraryStore';
import { LibrarySearcher } from './searchLibrary';
import { StoryIndexService } from './storyIndexService';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

const WORDS = ['Russia', 'is', 'ready', 'to', 'impose', 'swift', 'consequences', 'said', 'Psaki', 'talks', 'Geneva', 'Straße', 'Мы', '我们'];
const textOf = (order: number) => Array.from({ length: 60 }, (_, word) => WORDS[(order * 7 + word * word) % WORDS.length]).join(' ') + '.';

test('an import is indexed beside its writes: searches meanwhile answer as a scan, ready() waits until every article is in, a change of spans alone is in at once', async () => {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-story-service-'));
  folders.push(folder);
  const store = await LibraryStore.open(folder, { holder: 'test', defaultAnnotator: 'tester' });
  const service = new StoryIndexService(store, { persist: false });
  await service.ready();
  const drafts = Array.from({ length: 40 }, (_, order) => ({ id: `a${order}`, text: textOf(order), meta: { title: `Article ${order}` }, status: 'todo' as const, spans: [], relations: [] }));
  const importing = store.addDocuments(drafts, 'tester');
  const indexed = new LibrarySearcher(store, service);
  const scanning = new LibrarySearcher(store);
  const queries = ['ready to', 'Psaki', 'Мы'];
  // Searched while the import and the indexing beside it go on (articles not indexed yet are read and scanned); held below to
  // a scan of the articles listed then (the first `searched` of the import: an article's hit does not depend on the others).
  const answered: { query: string; answer: SearchResults }[] = [];
  let lagged = false;
  while (!(await Promise.race([importing.then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]))) {
    lagged ||= (service.current?.size ?? 0) < store.listDocuments().length;
    for (const query of queries) answered.push({ query, answer: await indexed.search({ query, limit: 5 }) });
  }
  expect(lagged, 'the index followed the import a little behind').toBe(true);
  for (const { query, answer } of answered) {
    const listed = (await scanning.search({ query })).hits.filter((hit) => Number(hit.id.slice(1)) < answer.searched);
    expect(answer, query).toEqual({ hits: listed.slice(0, 5), searched: answer.searched, total: listed.length });
  }
  expect((await service.ready()).size).toBe(40);
  for (const query of ['ready to', 'Psaki', 'Мы', 'Article 3']) expect(await indexed.search({ query }), query).toEqual(await scanning.search({ query }));
  const context = { annotator: 'tester', now: new Date().toISOString(), labels: ['claim', 'quote', 'attribution'] };
  await store.updateDocument('a3', (document) => applyOperation(document, { type: 'createSpan', span: { id: 'q1', start: 0, end: 6, label: 'quote' } }, context));
  expect(service.current!.get('a3')!.spans.map((span) => span.id)).toEqual(['q1']);
  await service.close();
  await store.close();
});
