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
  /** CPU time of the timed part (user + system, every thread of the process: the writes' too). */
  cpuSeconds: number;
  /** Heap and resident memory just before the timed part, after a full collection. */
  heapBefore: number;
  rssBefore: number;
  /** The highest readings while it ran; the live heap is read after full collections. */
  heapPeak: number;
  liveHeapPeak: number;
  rssPeak: number;
}

const OPTIONS = { offsetUnit: 'codepoint' } as const;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
}

/**
 * Samples memory while an export runs (it awaits I/O often, so timers get their turn): heap
 * and RSS every few milliseconds and, when `live`, the heap just after a full collection every
 * 100 ms, which counts what the export holds on to rather than garbage not yet collected. The
 * collections slow the export down, so a timed run samples without them.
 */
function startMemorySampler(live: boolean): () => { heapPeak: number; liveHeapPeak: number; rssPeak: number } {
  let heapPeak = 0;
  let liveHeapPeak = 0;
  let rssPeak = 0;
  let lastCollection = performance.now();
  const sample = () => {
    const usage = process.memoryUsage();
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    rssPeak = Math.max(rssPeak, usage.rss);
    if (live && performance.now() - lastCollection >= 100) {
      collectGarbage();
      lastCollection = performance.now();
      liveHeapPeak = Math.max(liveHeapPeak, process.memoryUsage().heapUsed);
    }
  };
  sample();
  const timer = setInterval(sample, 5);
  return () => {
    clearInterval(timer);
    sample();
    return { heapPeak, liveHeapPeak, rssPeak };
  };
}

/**
 * Characters of one plain write: the whole export as one string, up to what a JavaScript string
 * may hold (2^29 characters in V8); a library of 100,000 articles is written in a few such strings.
 */
const PLAIN_STRING_CHARS = 1 << 28;

async function plainWrite(records: readonly ExportRecord[], file: string): Promise<number> {
  const handle = await fs.open(file, 'w');
  let bytes = 0;
  try {
    let lines: string[] = [];
    let length = 0;
    const flush = async () => {
      const content = lines.join('');
      await handle.write(content, null, 'utf8');
      bytes += Buffer.byteLength(content);
      lines = [];
      length = 0;
    };
    for (const record of records) {
      const line = `${JSON.stringify(record)}\n`;
      if (length + line.length > PLAIN_STRING_CHARS) await flush();
      lines.push(line);
      length += line.length;
    }
    await flush();
    // The streamed export flushes its file too; both pay for it.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

async function main(): Promise<void> {
  const [mode, folder, file] = process.argv.slice(2);
  if ((mode !== 'streamed' && mode !== 'plain') || !folder || !file) throw new Error('usage: exportChild streamed|plain DATA_FOLDER OUTPUT_FILE');
  const store = await LibraryStore.open(folder, { holder: 'export benchmark' });
  try {
    const records: ExportRecord[] = [];
    if (mode === 'plain') {
      const resolved = exportOptionsSchema.parse(OPTIONS);
      for (const id of store.documentIds()) records.push(toExportRecord((await store.getDocument(id))!, resolved));
    }
    const run = async (target: string): Promise<{ bytes: number; documents: number }> => {
      if (mode === 'plain') return { bytes: await plainWrite(records, target), documents: records.length };
      const outcome = await exportToFile(store, OPTIONS, target);
      return { bytes: (await fs.stat(target)).size, documents: outcome.documents };
    };
    collectGarbage();
    const { heapUsed: heapBefore, rss: rssBefore } = process.memoryUsage();
    // Timed, then again with the live heap sampled.
    let stopSampler = startMemorySampler(false);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { bytes, documents } = await run(file);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const { heapPeak, rssPeak } = stopSampler();
    collectGarbage();
    stopSampler = startMemorySampler(true);
    await run(`${file}.again`);
    const { liveHeapPeak } = stopSampler();
    const measurement: ExportMeasurement = { mode, documents, bytes, seconds, cpuSeconds, heapBefore, rssBefore, heapPeak, liveHeapPeak, rssPeak };
    console.log(JSON.stringify(measurement));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
