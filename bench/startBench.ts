import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { startBrowserHostProcess } from '../e2e/support/browserHostProcess';
import { launchChromium, newMeasuredPage } from './browser';
import { addGrowthRow, type SizedFigure } from './growth';
import { formatMegabytes, formatMs, type Report } from './report';
import { median } from './stats';

export interface StartBenchOptions {
  /** Data folders by document count, smallest first. */
  libraries: { documents: number; folder: string }[];
  runs: number;
}

/** Cold start to the first painted list: under 1 s up to 10,000 articles, under 1.5 s beyond. */
function startTargetMs(documents: number): number {
  return documents <= 10_000 ? 1_000 : 1_500;
}
const SCROLL_FRAME_TARGET_MS = 50;
/** The list is scrolled from the first article to the last in this many jumps, two frames each. */
const SCROLL_STEPS = 120;
/** The open article's text, drawn once its editor is mounted. */
const ARTICLE_TEXT = '.ProseMirror';
const LIST_SCROLLER = '.document-scroll';

/** Wall-clock time in ms since 1970, comparable with the page's performance.timeOrigin + now(). */
function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** When the page had the answer of its first list request (listDocuments or listDocumentPage), wall clock; null if it made none. */
async function firstListAnswered(page: Page): Promise<number | null> {
  return (await page.evaluate(`(() => {
    const entry = performance.getEntriesByType('resource').find((entry) => /\\/api\\/request\\/listDocument/.test(entry.name));
    return entry ? performance.timeOrigin + entry.responseEnd : null;
  })()`)) as number | null;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc; null where there is no /proc. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The page's renderer process's CPU time so far, in ms (DevTools' Performance.getMetrics ProcessTime). */
async function rendererCpuMs(devtools: CDPSession): Promise<number> {
  const { metrics } = await devtools.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ProcessTime')?.value ?? 0) * 1000;
}

interface ScrollResult {
  longestFrameMs: number;
  over50: number;
  reachedLast: boolean;
}

/**
 * Scrolls the document list from its first row to its last in SCROLL_STEPS jumps (two frames
 * each), recording frames with the page probe; then checks the last article's row is drawn.
 * Null when the page has no list scroller.
 */
async function scrollListToEnd(page: Page, documents: number): Promise<ScrollResult | null> {
  if ((await page.locator(LIST_SCROLLER).count()) === 0) return null;
  // The scroll starts once the start-up is over, as a person's would: the first article drawn
  // (its editor's code loaded and evaluated, its view mounted: 20–90 ms tasks that a trace
  // showed inside the scroll when it began at the list's first paint) and the page idle. That
  // work is the start's, not the scroll's; the rows above time the start.
  await page.waitForSelector(ARTICLE_TEXT, { timeout: 30_000 });
  await page.evaluate('new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve)))');
  const tracePath = process.env.NEWSMARK_BENCH_LIST_TRACE;
  if (tracePath) await page.context().browser()!.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'toplevel'] });
  const profilePath = process.env.NEWSMARK_BENCH_LIST_PROFILE;
  const cdp = profilePath ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.evaluate('window.__newsmarkBench.startFrames()');
  for (let step = 1; step <= SCROLL_STEPS; step++) {
    await page.evaluate(`(() => {
      const scroller = document.querySelector(${JSON.stringify(LIST_SCROLLER)});
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * ${step / SCROLL_STEPS};
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    })()`);
  }
  const frames = (await page.evaluate('window.__newsmarkBench.stopFrames()')) as { longestGap: number; longest: number; over50: number };
  if (tracePath) await page.context().browser()!.stopTracing();
  if (cdp) (await import('node:fs')).writeFileSync(profilePath!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const reachedLast = (await page.locator(`.document-item[data-index="${documents - 1}"]`).count()) > 0;
  return { longestFrameMs: Math.max(frames.longestGap, frames.longest), over50: frames.over50, reachedLast };
}

/**
 * Cold start at each library size: from spawning the real browser host (`node out/main/web.js`)
 * over the data folder to the paint that first shows the document list in Chromium (the browser
 * itself is already running with a tab open, as a person's would be); when the host printed its address, and
 * when the page had its first list answer. Then the page's JS heap after a full collection, and
 * at the largest size a scroll of the list from the first article to the last.
 */
export async function benchStart(report: Report, options: StartBenchOptions): Promise<void> {
  const browser = await launchChromium();
  const growth = { cpu: [] as SizedFigure[], start: [] as SizedFigure[], listening: [] as SizedFigure[], answered: [] as SizedFigure[], heap: [] as SizedFigure[] };
  try {
    for (const [order, { documents, folder }] of options.libraries.entries()) {
      const largest = order === options.libraries.length - 1;
      const startMs: number[] = [];
      const hostMs: number[] = [];
      const answeredMs: number[] = [];
      const heapBytes: number[] = [];
      const cpuMs: { host: number; page: number }[] = [];
      let scroll: ScrollResult | null = null;
      for (let run = 0; run < options.runs; run++) {
        // The tab is open before the clock starts, as a person's browser window is: making a
        // Playwright page (a new browser context, the probe installed) takes 0.4–1 s on this
        // machine, which is the bench's cost, not the app's.
        const { page, errors } = await newMeasuredPage(browser);
        const devtools = await page.context().newCDPSession(page);
        await devtools.send('Performance.enable');
        const blankPageCpu = await rendererCpuMs(devtools);
        const started = wallClock();
        const host = await startBrowserHostProcess(folder);
        try {
          hostMs.push(wallClock() - started);
          await page.goto(host.url);
          const painted = (await page.evaluate(`window.__newsmarkBench.whenPainted('.document-item')`)) as number;
          startMs.push(painted - started);
          const hostCpu = processCpuMs(host.process.pid);
          const pageCpu = await rendererCpuMs(devtools);
          // The navigation may have moved the tab to a new renderer process, whose count starts at 0.
          if (hostCpu !== null) cpuMs.push({ host: hostCpu, page: pageCpu >= blankPageCpu ? pageCpu - blankPageCpu : pageCpu });
          const answered = await firstListAnswered(page);
          if (answered !== null) answeredMs.push(answered - started);
          await devtools.send('HeapProfiler.collectGarbage');
          const { usedSize } = await devtools.send('Runtime.getHeapUsage');
          heapBytes.push(usedSize);
          if (largest && run === options.runs - 1) scroll = await scrollListToEnd(page, documents);
          await page.close();
          if (errors.length > 0) throw new Error(`the app reported errors: ${errors.join('; ')}`);
        } finally {
          await host.stop();
        }
      }
      const section = `start ${documents.toLocaleString('en')} docs`;
      const start = median(startMs);
      const target = startTargetMs(documents);
      report.add({ section, figure: `spawn → list painted (median of ${options.runs})`, ours: formatMs(start), target: `< ${target} ms`, pass: start < target });
      report.add({ section, figure: 'of which: host listening (address printed)', ours: formatMs(median(hostMs)) });
      if (answeredMs.length > 0) report.add({ section, figure: 'of which: first list answer received', ours: formatMs(median(answeredMs)) });
      if (cpuMs.length > 0) {
        const host = median(cpuMs.map((cpu) => cpu.host));
        const pageCpu = median(cpuMs.map((cpu) => cpu.page));
        report.add({ section, figure: 'CPU time until painted: host + page renderer', ours: `${formatMs(host)} + ${formatMs(pageCpu)}`, other: 'whatever the load' });
        growth.cpu.push({ documents, value: host + pageCpu });
      }
      report.add({ section, figure: 'renderer JS heap after the list shows', ours: formatMegabytes(median(heapBytes)) });
      growth.start.push({ documents, value: start });
      growth.listening.push({ documents, value: median(hostMs) });
      if (answeredMs.length > 0) growth.answered.push({ documents, value: median(answeredMs) });
      growth.heap.push({ documents, value: median(heapBytes) });
      if (largest) {
        if (scroll === null) report.add({ section, figure: `list scroll, first → last article`, ours: `not measured (no ${LIST_SCROLLER})` });
        else {
          const pass = scroll.reachedLast && scroll.longestFrameMs <= SCROLL_FRAME_TARGET_MS;
          report.add({
            section,
            figure: `list scroll, first → last article (${SCROLL_STEPS} jumps): longest frame`,
            ours: `${formatMs(scroll.longestFrameMs)}, ${scroll.over50} over 50 ms${scroll.reachedLast ? '' : ', last article NOT shown'}`,
            target: `no frame over ${SCROLL_FRAME_TARGET_MS} ms`,
            pass,
          });
        }
      }
    }
  } finally {
    await browser.close();
  }
  addGrowthRow(report, 'start: spawn → list painted', growth.start, formatMs);
  addGrowthRow(report, 'start: CPU time until painted (host + page)', growth.cpu, formatMs);
  addGrowthRow(report, 'start: host listening', growth.listening, formatMs);
  addGrowthRow(report, 'start: first list answer', growth.answered, formatMs);
  addGrowthRow(report, 'start: renderer JS heap', growth.heap, formatMegabytes);
}
