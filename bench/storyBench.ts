import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StoryIndex } from '../electron/services/storyIndex';
import { LibraryStore } from '../electron/store/libraryStore';
import { matchPassage } from '../shared/storyMatch';
import { tokensOf } from '../shared/storyText';
import { findMatches } from '../shared/textSearch';
import { generateCorpus } from './corpus';
import { DOCUMENT_SHAPE } from './corpusFolders';
import { formatMs, type Report } from './report';
import { percentile } from './stats';

const TARGET_MS = 50;

/**
 * The story index at `documents` articles, in this process: story lookup and library search p95
 * against a plain scan of every article in the same run, and the time to build the index.
 */
export async function benchStory(report: Report, { documents, lookups }: { documents: number; lookups: number }): Promise<void> {
  const corpus = [...generateCorpus({ ...DOCUMENT_SHAPE, documents })];
  // The import the index is built beside: the same articles added to a new library, durably.
  const folder = await mkdtemp(path.join(os.tmpdir(), 'newsmark-story-import-'));
  let importMs: number;
  try {
    const store = await LibraryStore.open(folder, { holder: 'bench', defaultAnnotator: 'bench' });
    const began = performance.now();
    await store.addDocuments(corpus.map((document) => ({ id: document.id, text: document.text, meta: document.meta, status: document.status, spans: [], relations: [] })), 'bench');
    importMs = performance.now() - began;
    await store.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const index = StoryIndex.empty();
  const built = performance.now();
  for (const document of corpus) index.put(document);
  const buildMs = performance.now() - built;
  report.add({ section: 'story', figure: `index build beside import, ${documents} articles`, ours: formatMs(buildMs), other: `import ${formatMs(importMs)}`, ratio: buildMs / importMs, target: '< 0.25× import', pass: buildMs / importMs < 0.25 });
  const serialised = JSON.stringify(index.snapshot());
  const loading = performance.now();
  StoryIndex.fromSnapshot(JSON.parse(serialised) as never);
  report.add({ section: 'story', figure: `index cache opened (in the background after start), ${documents} articles`, ours: formatMs(performance.now() - loading), other: `${(serialised.length / 1024 / 1024).toFixed(1)} MB file` });

  const quotes = Array.from({ length: lookups }, (_, order) => {
    const document = corpus[(order * 7919) % corpus.length]!;
    const start = document.text.indexOf(' ', (order * 131) % 3_000) + 1;
    return { document, start, end: document.text.indexOf(' ', start + 80) };
  });
  const indexed: number[] = [];
  for (const { document, start, end } of quotes) {
    const began = performance.now();
    index.findMatches(document.text, tokensOf(document.text, start, end), document.id, 30);
    indexed.push(performance.now() - began);
  }
  const scanned: number[] = [];
  for (const { document, start, end } of quotes.slice(0, Math.max(2, Math.ceil(lookups / 10)))) {
    const source = tokensOf(document.text, start, end);
    const began = performance.now();
    for (const other of corpus) if (other !== document) matchPassage(document.text, source, other.text, tokensOf(other.text));
    scanned.push(performance.now() - began);
  }
  const storyP95 = percentile(indexed, 95);
  const scanP95 = percentile(scanned, 95);
  report.add({ section: 'story', figure: `story lookup p95, ${documents} articles`, ours: formatMs(storyP95), other: `plain scan ${formatMs(scanP95)}`, ratio: storyP95 / scanP95, target: `< ${TARGET_MS} ms`, pass: storyP95 < TARGET_MS });

  const words = ['Russia', 'Biden', 'Ukraine', 'sanctions', 'diplomacy', 'White House', 'Putin said'];
  const keystrokes = words.flatMap((word) => Array.from({ length: word.length - 1 }, (_, length) => word.slice(0, length + 2)));
  const searchTimes: number[] = [];
  const scanTimes: number[] = [];
  for (const query of keystrokes) {
    let began = performance.now();
    const candidates = index.candidates(query);
    const hits = corpus.filter((document) => (candidates === null || candidates.has(document.id)) && findMatches(document.text, query, 1).length > 0).length;
    searchTimes.push(performance.now() - began);
    began = performance.now();
    const scannedHits = corpus.filter((document) => findMatches(document.text, query, 1).length > 0).length;
    scanTimes.push(performance.now() - began);
    if (hits !== scannedHits) throw new Error(`library search for "${query}": the index found ${hits} articles, a scan ${scannedHits}`);
  }
  const searchP95 = percentile(searchTimes, 95);
  const searchScanP95 = percentile(scanTimes, 95);
  report.add({ section: 'story', figure: `library search p95 per keystroke, ${documents} articles`, ours: formatMs(searchP95), other: `plain scan ${formatMs(searchScanP95)}`, ratio: searchP95 / searchScanP95, target: `< ${TARGET_MS} ms`, pass: searchP95 < TARGET_MS });
}
