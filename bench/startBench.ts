import { startBrowserHostProcess } from '../e2e/support/browserHostProcess';
import { launchChromium, newMeasuredPage } from './browser';
import { formatMegabytes, formatMs, type Report } from './report';
import { median } from './stats';

export interface StartBenchOptions {
  folder: string;
  documents: number;
  runs: number;
}

const START_TARGET_MS = 1_000;

/** Wall-clock time in ms since 1970, comparable with the page's performance.timeOrigin + now(). */
function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Cold start: from spawning the real browser host (`node out/main/web.js`) over a data folder
 * of `documents` documents to the paint that first shows the document list in Chromium (the
 * browser itself is already running, as a person's would be); then the page's JS heap, after
 * a full collection, read through the DevTools protocol.
 */
export async function benchStart(report: Report, options: StartBenchOptions): Promise<void> {
  const browser = await launchChromium();
  const startMs: number[] = [];
  const hostMs: number[] = [];
  const heapBytes: number[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const started = wallClock();
      const host = await startBrowserHostProcess(options.folder);
      try {
        hostMs.push(wallClock() - started);
        const { page, errors } = await newMeasuredPage(browser);
        await page.goto(host.url);
        const painted = (await page.evaluate(`window.__newsmarkBench.whenPainted('.document-item')`)) as number;
        startMs.push(painted - started);
        const devtools = await page.context().newCDPSession(page);
        await devtools.send('HeapProfiler.collectGarbage');
        const { usedSize } = await devtools.send('Runtime.getHeapUsage');
        heapBytes.push(usedSize);
        await page.close();
        if (errors.length > 0) throw new Error(`the app reported errors: ${errors.join('; ')}`);
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const section = `start ${options.documents.toLocaleString('en')} docs`;
  const start = median(startMs);
  report.add({ section, figure: `spawn → list painted (median of ${options.runs})`, ours: formatMs(start), target: `< ${START_TARGET_MS} ms`, pass: start < START_TARGET_MS });
  report.add({ section, figure: 'of which: host listening', ours: formatMs(median(hostMs)) });
  report.add({ section, figure: 'renderer JS heap after the list shows', ours: formatMegabytes(median(heapBytes)) });
}
