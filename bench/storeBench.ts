import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DEFAULT_LABELS, type NewsDocument } from '../shared/model';
import { applyOperation, type DocumentOperation } from '../shared/operations';
import { DOCUMENTS_FOLDER, LibraryStore } from '../electron/store/libraryStore';
import { documentId, generateCorpus } from './corpus';
import { DOCUMENT_SHAPE } from './corpusFolders';
import { randomInteger, randomItem, seededRandom } from '../electron/store/testing/seededRandom';
import { addGrowthRow, type SizedFigure } from './growth';
import { formatMs, type Report } from './report';
import { elapsedMs, percentile } from './stats';
import { diskFloorLatencies } from './storeDiskFloor';

export interface StoreBenchOptions {
  /** Library sizes to measure, smallest first (the first is the reference for "flat"). */
  sizes: readonly number[];
  /** Labellings saved at each size, in both stores (ours times at least TIMED_SAVES). */
  saves: number;
  temporaryFolder: string;
  /** A data folder of `documents` documents of DOCUMENT_SHAPE, which this benchmark may change. */
  libraryFolder(documents: number): Promise<string>;
}

const SAVE_TARGET_MS = 5;
const FLATNESS_LIMIT = 1.5;
/**
 * Each single-file save rewrites the whole library (about 60 MB at 10,000 documents, seconds a
 * save), so that store is measured over fewer saves at large sizes: about this many documents
 * rewritten in all, and at least 10 saves.
 */
const SINGLE_FILE_DOCUMENT_WRITES = 20_000;
/** Beyond this the single-file store is not run: its one file (~1.3 GB at 100,000) is longer than a JavaScript string may be. */
const SINGLE_FILE_MAX_DOCUMENTS = 10_000;
/**
 * Our store's saves are timed at least this many times per size. Each durable save is two
 * fsyncs (the file's, the folder's), so its slowest saves are the disk's slowest moments: the p95
 * of 60 saves was the third-slowest save, which moved 1.97× and 0.80× between two quiet runs
 * (bench/README.md, "Issue 14, fourth pass"); the p95 of 400 is the disk's p95, not its worst
 * three moments. The single-file store keeps its own smaller count (SINGLE_FILE_DOCUMENT_WRITES).
 */
const TIMED_SAVES = 400;
/** About the size of one of the corpus's document files (5,000 characters of text, 30 spans). */
const DOCUMENT_FILE_BYTES = 10_000;
/** An annotator labels a few spans in one article, then moves on to another. */
const SAVES_PER_VISIT = 5;

interface Save {
  documentId: string;
  operation: DocumentOperation;
}

const CONTEXT = { annotator: 'bench', now: '2026-01-02T00:00:00.000Z', labels: DEFAULT_LABELS.map((label) => label.name) };

/**
 * The labellings to save, the same for both stores: new spans over whole words of visited
 * articles, read from the data folder (a library of 100,000 is not held in memory).
 */
function plannedSaves(folder: string, size: number, count: number, seed: number): Save[] {
  const random = seededRandom(seed);
  const visit = () => JSON.parse(readFileSync(path.join(folder, DOCUMENTS_FOLDER, `${documentId(randomInteger(random, 1, size))}.json`), 'utf8')) as NewsDocument;
  const saves: Save[] = [];
  let document = visit();
  for (let index = 0; index < count; index++) {
    if (index % SAVES_PER_VISIT === 0) document = visit();
    const words = [...document.text.matchAll(/\S+/g)];
    // A new span each time: one with the range and label of a span there already (an earlier
    // run's, in a kept library) would change nothing, and write nothing.
    const taken = (span: { start: number; end: number; label: string }) =>
      [...document.spans, ...saves.filter((save) => save.documentId === document.id).map((save) => (save.operation as { span: typeof span }).span)].some(
        (other) => other.start === span.start && other.end === span.end && other.label === span.label,
      );
    let span: { id: string; start: number; end: number; label: string };
    do {
      const first = randomInteger(random, 0, words.length - 2);
      const last = Math.min(words.length - 1, first + randomInteger(random, 0, 12));
      span = { id: `bench-${seed}-${index}`, start: words[first]!.index, end: words[last]!.index + words[last]![0].length, label: randomItem(random, CONTEXT.labels) };
    } while (taken(span));
    saves.push({ documentId: document.id, operation: { type: 'createSpan', span } });
  }
  return saves;
}

/** Acknowledged save latency through the real LibraryStore (document file durable on return). */
async function libraryStoreLatencies(folder: string, saves: readonly Save[]): Promise<{ latencies: number[]; openMs: number }> {
  const opening = performance.now();
  const store = await LibraryStore.open(folder, { holder: 'store benchmark' });
  const openMs = elapsedMs(opening);
  const latencies: number[] = [];
  try {
    for (const { documentId, operation } of saves) {
      const started = performance.now();
      let changed = false;
      const result = await store.updateDocument(documentId, (document) => {
        const applied = applyOperation(document, operation, CONTEXT);
        changed = applied.ok && applied.value !== document;
        return applied;
      });
      latencies.push(elapsedMs(started));
      if (!result.ok) throw new Error(`save failed: ${result.error.message}`);
      // A span already there changes nothing and writes nothing: such a save would time no write.
      if (!changed) throw new Error(`a planned save of ${documentId} changed nothing (its span is there already)`);
    }
  } finally {
    await store.close();
  }
  return { latencies, openMs };
}

/**
 * The same saves in a single-file lowdb store (lowdb's own JSONFile adapter, chosen explicitly:
 * JSONFilePreset would silently keep everything in memory under NODE_ENV=test). Each save
 * rewrites the one file, as such a store must.
 */
async function singleFileLatencies(file: string, documents: NewsDocument[], saves: readonly Save[]): Promise<number[]> {
  const db = new Low<{ documents: NewsDocument[] }>(new JSONFile(file), { documents: [] });
  db.data.documents = documents;
  await db.write();
  const positions = new Map(documents.map((document, index) => [document.id, index]));
  const latencies: number[] = [];
  for (const { documentId, operation } of saves) {
    const started = performance.now();
    const index = positions.get(documentId)!;
    const result = applyOperation(db.data.documents[index]!, operation, CONTEXT);
    if (!result.ok) throw new Error(`save failed: ${result.error.message}`);
    db.data.documents[index] = result.value;
    await db.write();
    latencies.push(elapsedMs(started));
  }
  return latencies;
}

export async function benchStore(report: Report, options: StoreBenchOptions): Promise<void> {
  let referenceP95: number | null = null;
  const growth = { p95: [] as SizedFigure[], open: [] as SizedFigure[] };
  for (const size of options.sizes) {
    const folder = await options.libraryFolder(size);
    // Seeded anew each run: a library kept with --corpora holds the spans of earlier runs' saves,
    // and the same spans again would change nothing (before 2026-11-30 21:55 UTC a second run on
    // a kept library timed saves that wrote nothing).
    const saves = plannedSaves(folder, size, Math.max(options.saves, TIMED_SAVES), size * 1_000_003 + (Date.now() % 1_000_003));
    const ours = await libraryStoreLatencies(folder, saves);
    const floor = diskFloorLatencies(path.join(folder, DOCUMENTS_FOLDER), DOCUMENT_FILE_BYTES, saves.length);
    // The same documents again, for the single-file store, up to the size one JSON string can hold.
    const lowdb =
      size <= SINGLE_FILE_MAX_DOCUMENTS
        ? await singleFileLatencies(path.join(options.temporaryFolder, `lowdb-${size}.json`), [...generateCorpus({ ...DOCUMENT_SHAPE, documents: size })], saves.slice(0, Math.max(10, Math.floor(SINGLE_FILE_DOCUMENT_WRITES / size))))
        : null;
    const [ourP50, ourP95] = [percentile(ours.latencies, 50), percentile(ours.latencies, 95)];
    const [lowP50, lowP95] = lowdb ? [percentile(lowdb, 50), percentile(lowdb, 95)] : [NaN, NaN];
    referenceP95 ??= ourP95;
    const section = `store ${size.toLocaleString('en')} docs`;
    const lowdbName = lowdb ? `lowdb${lowdb.length < saves.length ? ` (${lowdb.length} saves)` : ''}` : '';
    const versus = (ms: number) => (lowdb ? `${lowdbName} ${formatMs(ms)}` : 'lowdb not run (its one file would exceed a JavaScript string)');
    report.add({ section, figure: `save p50 (${saves.length} saves)`, ours: formatMs(ourP50), other: versus(lowP50), ...(lowdb ? { ratio: ourP50 / lowP50 } : {}) });
    report.add({
      section,
      figure: 'save p95',
      ours: formatMs(ourP95),
      other: versus(lowP95),
      ...(lowdb ? { ratio: ourP95 / lowP95 } : {}),
      target: `< ${SAVE_TARGET_MS} ms`,
      pass: ourP95 < SAVE_TARGET_MS,
    });
    if (size !== options.sizes[0]) {
      const growth = ourP95 / referenceP95;
      report.add({
        section,
        figure: `save p95 vs ${options.sizes[0]} docs`,
        ours: `${growth.toFixed(2)}×`,
        target: `≤ ${FLATNESS_LIMIT}×`,
        pass: growth <= FLATNESS_LIMIT,
      });
    }
    report.add({
      section,
      figure: 'disk floor p50 / p95 (the system calls of a save alone, same folder, just after)',
      ours: `${formatMs(percentile(floor, 50))} / ${formatMs(percentile(floor, 95))}`,
    });
    report.add({ section, figure: 'store open (every file checked)', ours: formatMs(ours.openMs) });
    growth.p95.push({ documents: size, value: ourP95 });
    growth.open.push({ documents: size, value: ours.openMs });
  }
  addGrowthRow(report, 'store: save p95', growth.p95, formatMs);
  addGrowthRow(report, 'store: open (every file checked)', growth.open, formatMs);
}
