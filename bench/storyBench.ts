import { isDeepStrictEqual } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { FIRST_SCREEN_HITS, type SearchResults } from '../shared/librarySearch';
import { LibrarySearcher } from '../electron/services/searchLibrary';
import { StoryIndex } from '../electron/services/storyIndex';
import { STORY_INDEX_VERSION, StoryIndexService } from '../electron/services/storyIndexService';
import { WorkerReading } from '../electron/services/workerReading';
import { LibraryStore } from '../electron/store/libraryStore';
import { matchPassage } from '../shared/storyMatch';
import { tokensOf } from '../shared/storyText';
import { generateCorpus } from './corpus';
import { DOCUMENT_SHAPE } from './corpusFolders';
import { formatMs, type Report } from './report';
import { percentile } from './stats';

const TARGET_MS = 50;
/** Keystrokes searched by both the index and the plain scan (a scan takes seconds at 10,000 articles), whose results must be the same. */
const SCANNED_KEYSTROKES = ['Ru', 'sanctions', 'White Ho'];

/** CPU time of this process so far, in ms: beside the wall-clock figures, which the other jobs on a shared machine inflate. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Lookups run untimed on the opened index before the timed ones, as a running app has served some before. */
const WARM_UP_LOOKUPS = 5;

/** Collects the garbage now (node is not started with --expose-gc, so the flag is set here). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** `run` timed by the wall clock and by this process's CPU (its threads included). */
async function timed(run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu = cpuMs();
  const began = performance.now();
  await run();
  return { wall: performance.now() - began, cpu: cpuMs() - cpu };
}

/**
 * The story index at `documents` articles, in this process: the time to build it beside the
 * import it follows, its cache file's size and opening, story lookup and library search p95
 * against a plain scan of every article in the same run.
 */
export async function benchStory(report: Report, { documents, lookups }: { documents: number; lookups: number }): Promise<void> {
  const corpus = [...generateCorpus({ ...DOCUMENT_SHAPE, documents })];
  const drafts = corpus.map((document) => ({ id: document.id, text: document.text, meta: document.meta, status: document.status, spans: [], relations: [] }));
  const folders: string[] = [];
  /** A new library in a folder of its own, removed at the end. */
  const newLibrary = async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'newsmark-story-import-'));
    folders.push(folder);
    return LibraryStore.open(folder, { holder: 'bench', defaultAnnotator: 'bench' });
  };
  /** The articles imported into a new library, durably, without an index: wall-clock and CPU ms. */
  const importWithout = async () => {
    const library = await newLibrary();
    const cpu = cpuMs();
    const began = performance.now();
    await library.addDocuments(drafts, 'bench');
    const times = { wall: performance.now() - began, cpu: cpuMs() - cpu };
    await library.close();
    return times;
  };
  try {
    // The import as the app runs it, with the index open (StoryIndexService, fed by the store as each article is on disk)
    // until the index holds every article, against the same import without the index before and after it.
    const importBefore = await importWithout();
    const store = await newLibrary();
    let service: StoryIndexService | null = new StoryIndexService(store, { persist: false });
    await service.ready();
    const withIndexCpu = cpuMs();
    const began = performance.now();
    await store.addDocuments(drafts, 'bench');
    let withIndex: StoryIndex | null = await service.ready();
    const withIndexMs = performance.now() - began;
    const withIndexCpuMs = cpuMs() - withIndexCpu;
    const importAfter = await importWithout();
    const importMs = (importBefore.wall + importAfter.wall) / 2;
    const added = withIndexMs / importMs - 1;
    report.add({ section: 'story', figure: `import with the index (until it holds every article) vs without, ${documents} articles`, ours: formatMs(withIndexMs), other: `without ${formatMs(importMs)} (${formatMs(importBefore.wall)} before, ${formatMs(importAfter.wall)} after)`, ratio: withIndexMs / importMs, target: '< 1.25× (index adds < 25 %)', pass: added < 0.25 });
    report.add({ section: 'story', figure: `import with the index, CPU time (threads included), ${documents} articles`, ours: formatMs(withIndexCpuMs), other: `without ${formatMs(importBefore.cpu)} before, ${formatMs(importAfter.cpu)} after` });
    const stored = store.listDocuments().map((summary) => summary.id);
    const articles = await Promise.all(stored.map(async (id) => (await store.getDocument(id))!));
    if (withIndex.size !== articles.length) throw new Error(`the index holds ${withIndex.size} of ${articles.length} articles after the import`);
    // The cache file's text, as the service writes it.
    let serialised = `{"version":${STORY_INDEX_VERSION},"snapshot":${await withIndex.snapshotText()}}`;
    withIndex = null;
    await service.close();
    service = null;

    // The build alone, article by article, all in this thread (the full-text half too), for its CPU time (that index let go after).
    const build = await timed(() => {
      const alone = StoryIndex.empty();
      for (const document of articles) alone.put(document);
    });
    report.add({ section: 'story', figure: `index build alone (no import, one thread), ${documents} articles`, ours: formatMs(build.wall), other: `CPU time ${formatMs(build.cpu)}` });
    const textBytes = articles.reduce((sum, document) => sum + Buffer.byteLength(document.text), 0);
    const opened: { index?: StoryIndex } = {};
    // Opened as the app opens it: read on the reader's worker thread, whose full-text half then answers the lookups.
    const opening = await timed(async () => (opened.index = await StoryIndex.fromSnapshot((JSON.parse(serialised) as { snapshot: never }).snapshot, WorkerReading.start())));
    report.add({ section: 'story', figure: `index cache opened (in the background after start), ${documents} articles`, ours: formatMs(opening.wall), other: `${(serialised.length / 1024 / 1024).toFixed(1)} MB file, ${(serialised.length / 1024 / documents).toFixed(1)} kB per article (text ${(textBytes / 1024 / documents).toFixed(1)} kB)` });

    // Lookups and searches are served by the opened index, as after the app's start; the file's text is let go.
    serialised = '';
    const index = opened.index!;
    const quoteAt = (order: number) => {
      const document = articles[(order * 7919) % articles.length]!;
      const start = document.text.indexOf(' ', (order * 131) % 3_000) + 1;
      return { document, start, end: document.text.indexOf(' ', start + 80) };
    };
    const lookUp = ({ document, start, end }: ReturnType<typeof quoteAt>) => timed(() => index.findMatches(document.text, tokensOf(document.text, start, end), document.id, 30));
    // Quotes other than the timed ones warm the code up, then the build's and the opening's garbage is collected.
    // One at a time, as the story view asks.
    const lookUpEach = async (quotes: ReturnType<typeof quoteAt>[]) => {
      const times: { wall: number; cpu: number }[] = [];
      for (const quote of quotes) times.push(await lookUp(quote));
      return times;
    };
    const warmUp = await lookUpEach(Array.from({ length: WARM_UP_LOOKUPS }, (_, order) => quoteAt(lookups + order)));
    collectGarbage();
    const quotes = Array.from({ length: lookups }, (_, order) => quoteAt(order));
    const indexed = await lookUpEach(quotes);
    const scanned: number[] = [];
    for (const { document, start, end } of quotes.slice(0, 2)) {
      const source = tokensOf(document.text, start, end);
      scanned.push((await timed(() => articles.forEach((other) => other !== document && matchPassage(document.text, source, other.text, tokensOf(other.text))))).wall);
    }
    const storyP95 = percentile(indexed.map((time) => time.wall), 95);
    const scanP95 = percentile(scanned, 95);
    report.add({ section: 'story', figure: `story lookup p95 of ${lookups} (opened index, after ${WARM_UP_LOOKUPS} untimed lookups and a GC), ${documents} articles`, ours: formatMs(storyP95), other: `plain scan ${formatMs(scanP95)}`, ratio: storyP95 / scanP95, target: `< ${TARGET_MS} ms`, pass: storyP95 < TARGET_MS });
    report.add({ section: 'story', figure: `story lookup p95, CPU time, ${documents} articles`, ours: formatMs(percentile(indexed.map((time) => time.cpu), 95)) });
    report.add({ section: 'story', figure: `story lookup, slowest of the ${WARM_UP_LOOKUPS} warm-up lookups (cold code), ${documents} articles`, ours: formatMs(Math.max(...warmUp.map((time) => time.wall))), other: `CPU time ${formatMs(Math.max(...warmUp.map((time) => time.cpu)))}` });

    // The library search as the app runs it (LibrarySearcher over the store), answered from the index:
    // a keystroke asks for the first screen of hits and the number in all (the rest is asked for in later pages).
    const searcher = new LibrarySearcher(store, { current: index });
    const words = ['Russia', 'Biden', 'Ukraine', 'sanctions', 'diplomacy', 'White House', 'Putin said'];
    const keystrokes = words.flatMap((word) => Array.from({ length: word.length - 1 }, (_, length) => word.slice(0, length + 2)));
    const searchTimes: { wall: number; cpu: number }[] = [];
    const wholeTimes: number[] = [];
    // Only the results to be compared are kept: holding all 50 (10,000 hits each) would load the garbage collector as the app never does.
    const results = new Map<string, unknown>();
    for (const query of keystrokes) {
      const cpu = cpuMs();
      const began = performance.now();
      const result = await searcher.search({ query, limit: FIRST_SCREEN_HITS });
      searchTimes.push({ wall: performance.now() - began, cpu: cpuMs() - cpu });
      if (!SCANNED_KEYSTROKES.includes(query)) continue;
      // The whole answer, as the app puts it together: the first screen, then the rest.
      const rest = await searcher.search({ query, offset: result.hits.length });
      wholeTimes.push(performance.now() - began);
      results.set(query, { hits: [...result.hits, ...rest.hits], searched: result.searched, total: result.total } satisfies SearchResults);
    }
    const scanning = new LibrarySearcher(store);
    const scanTimes: number[] = [];
    for (const query of SCANNED_KEYSTROKES) {
      const began = performance.now();
      const whole = await scanning.search({ query });
      const plain = { ...whole, total: whole.hits.length };
      scanTimes.push(performance.now() - began);
      if (!isDeepStrictEqual(plain, results.get(query))) throw new Error(`library search for "${query}": the index's results differ from a scan's`);
    }
    await index.close();
    await store.close();
    const searchP95 = percentile(searchTimes.map((time) => time.wall), 95);
    const searchScanP95 = percentile(scanTimes, 95);
    report.add({ section: 'story', figure: `library search p95 per keystroke (first ${FIRST_SCREEN_HITS} hits and the number in all), ${documents} articles`, ours: formatMs(searchP95), other: `plain scan ${formatMs(searchScanP95)}`, ratio: searchP95 / searchScanP95, target: `< ${TARGET_MS} ms`, pass: searchP95 < TARGET_MS });
    report.add({ section: 'story', figure: `library search p95, CPU time, ${documents} articles`, ours: formatMs(percentile(searchTimes.map((time) => time.cpu), 95)) });
    report.add({ section: 'story', figure: `library search, whole answer (first screen, then the rest), slowest of ${SCANNED_KEYSTROKES.length}`, ours: formatMs(Math.max(...wholeTimes)), other: `plain scan ${formatMs(searchScanP95)}` });
  } finally {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  }
}
