/**
 * One export measured alone in a child process (run with --expose-gc), so that its memory is
 * its own: `streamed` runs the app's export (electron/services/exportLibrary.ts) over a data
 * folder; `plain` builds every export record in memory first and then times one
 * JSON.stringify + write of them, the simple way the streamed export is compared with.
 * Prints one JSON line: ExportMeasurement.
 */
import { promises as fs } from 'node:fs';
import { exportOptionsSchema, toExportRecord, type ExportRecord } from '../shared/exportRecord';
import { exportToFile } from '../electron/services/exportLibrary';
import { LibraryStore } from '../electron/store/libraryStore';

export interface ExportMeasurement {
  mode: 'streamed' | 'plain';
  documents: number;
  bytes: number;
  seconds: number;
  /** Heap and resident memory just before the timed part, after a full collection. */
  heapBefore: number;
  rssBefore: number;
  /** The highest readings while it ran. */
  heapPeak: number;
  rssPeak: number;
}

const OPTIONS = { offsetUnit: 'codepoint' } as const;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
}

/** Samples memory every few milliseconds (the export awaits I/O often, so the timer runs). */
function startMemorySampler(): () => { heapPeak: number; rssPeak: number } {
  let heapPeak = 0;
  let rssPeak = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    rssPeak = Math.max(rssPeak, usage.rss);
  };
  sample();
  const timer = setInterval(sample, 5);
  return () => {
    clearInterval(timer);
    sample();
    return { heapPeak, rssPeak };
  };
}

async function plainWrite(records: readonly ExportRecord[], file: string): Promise<number> {
  const content = records.map((record) => `${JSON.stringify(record)}\n`).join('');
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    // The streamed export flushes its file too; both pay for it.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return Buffer.byteLength(content);
}

async function main(): Promise<void> {
  const [mode, folder, file] = process.argv.slice(2);
  if ((mode !== 'streamed' && mode !== 'plain') || !folder || !file) throw new Error('usage: exportChild streamed|plain DATA_FOLDER OUTPUT_FILE');
  const store = await LibraryStore.open(folder, { holder: 'export benchmark' });
  try {
    let records: ExportRecord[] = [];
    if (mode === 'plain') {
      const resolved = exportOptionsSchema.parse(OPTIONS);
      for (const id of store.documentIds()) records.push(toExportRecord((await store.getDocument(id))!, resolved));
    }
    collectGarbage();
    const { heapUsed: heapBefore, rss: rssBefore } = process.memoryUsage();
    const stopSampler = startMemorySampler();
    const started = performance.now();
    let bytes: number;
    let documents: number;
    if (mode === 'streamed') {
      const outcome = await exportToFile(store, OPTIONS, file);
      documents = outcome.documents;
      bytes = (await fs.stat(file)).size;
    } else {
      bytes = await plainWrite(records, file);
      documents = records.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const peaks = stopSampler();
    records = [];
    const measurement: ExportMeasurement = { mode, documents, bytes, seconds, heapBefore, rssBefore, ...peaks };
    console.log(JSON.stringify(measurement));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
