import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import { callApi, startBrowserHostProcess } from '../e2e/support/browserHostProcess';
import type { NewsDocument } from '../shared/model';
import { launchChromium, newMeasuredPage, settle } from './browser';
import { generateDocument, WordChain, writeLibraryFolder } from './corpus';
import { seededRandom } from '../electron/store/testing/seededRandom';
import { formatMs, type Report } from './report';
import { median, percentile } from './stats';
import { serveStatic } from './staticServer';

export interface ArticleBenchOptions {
  textLength: number;
  spans: number;
  labellings: number;
  opens: number;
  temporaryFolder: string;
}

const OPEN_TARGET_MS = 300;
const HIGHLIGHT_TARGET_MS = 16;
const LONG_FRAME_MS = 50;
const LONG_ARTICLE_ID = 'long-article';
/** Listed (and so opened) first; it has no spans, so any highlight seen after the click is the long article's. */
const SHORT_ARTICLE_ID = 'a-short-article';
const LABEL_KEYS = ['1', '2', '3'];
const PAINT_TIMEOUT_MS = 30_000;
const LABEL_PAINT_TIMEOUT_MS = 10_000;

/** How the benchmark finds its way around one page: Newsmark's or the peer's. */
interface Subject {
  name: string;
  /** Loads the page until the long article can be opened with a click on `openSelector`. */
  load(page: Page): Promise<void>;
  openSelector: string;
  scrollSelector: string;
  highlightSelector: string;
  /** The attribute naming the span a highlight element draws. */
  idAttribute: string;
  /** Resolves once the labelling just made is settled (saved, for Newsmark). */
  settled(page: Page): Promise<void>;
  /**
   * How many spans the article has now, where a labelling can leave it unchanged (Newsmark
   * keeps one span per range and label); undefined where every labelling adds one.
   */
  spanCount?(): Promise<number>;
}

interface ArticleFigures {
  openMs: number[];
  highlightMs: number[];
  /** Labellings that made a new span whose highlight never appeared. */
  missed: number;
  /** Labellings of a range that already had that label: nothing new to draw, not timed. */
  unchanged: number;
  scroll: { type: string; frames: number; longestGap: number; longest: number; over50: number };
}

/** The long article and a short one, generated from the sample corpus's words. */
function generateArticles(options: ArticleBenchOptions): { long: NewsDocument; short: NewsDocument } {
  const chain = WordChain.fromSampleCorpus();
  const random = seededRandom(200_000);
  const long = generateDocument(LONG_ARTICLE_ID, chain.text(random, options.textLength), options.spans, random);
  const short = generateDocument(SHORT_ARTICLE_ID, chain.text(random, 1_500), 0, random);
  return { long, short };
}

async function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__newsmarkBench.${call}`) as Promise<T>;
}

async function armHighlight(page: Page, subject: Subject, timeoutMs: number): Promise<void> {
  await probe(page, `armHighlight(${JSON.stringify(subject.highlightSelector)}, ${JSON.stringify(subject.idAttribute)}, ${timeoutMs})`);
}

/** Request → text and highlights painted: from the click that opens the article to the paint showing its highlights. */
async function measureOpen(browser: Browser, subject: Subject): Promise<{ ms: number; page: Page; errors: string[] }> {
  const { page, errors } = await newMeasuredPage(browser);
  await subject.load(page);
  await settle(page);
  await armHighlight(page, subject, PAINT_TIMEOUT_MS);
  await page.click(subject.openSelector);
  const ms = await probe<number | null>(page, `paintedSince('click')`);
  if (ms === null) throw new Error(`${subject.name}: the article's highlights did not appear within ${PAINT_TIMEOUT_MS / 1000} s (${errors.join('; ')})`);
  return { ms, page, errors };
}

/**
 * Selects a few words with the mouse, presses a label key, and times key → new highlight
 * painted: a number, 'missed' (a new span but no highlight), or 'unchanged' (no new span).
 */
async function measureLabelling(page: Page, subject: Subject, random: () => number, index: number): Promise<number | 'missed' | 'unchanged'> {
  await page.evaluate(
    `(() => { const element = document.querySelector(${JSON.stringify(subject.scrollSelector)}); element.scrollTop = ${random()} * (element.scrollHeight - element.clientHeight); })()`,
  );
  await settle(page);
  let drag: { from: { x: number; y: number }; to: { x: number; y: number } } | null = null;
  for (let attempt = 0; attempt < 20 && !drag; attempt++) {
    drag = await probe(page, `wordDrag(${JSON.stringify(subject.scrollSelector)}, [${random()}, ${random()}, ${random()}])`);
  }
  if (!drag) throw new Error(`${subject.name}: found no visible words to select`);
  await page.mouse.move(drag.from.x, drag.from.y);
  await page.mouse.down();
  await page.mouse.move(drag.to.x, drag.to.y, { steps: 4 });
  await page.mouse.up();
  await settle(page);
  const spansBefore = await subject.spanCount?.();
  await armHighlight(page, subject, LABEL_PAINT_TIMEOUT_MS);
  await page.keyboard.press(LABEL_KEYS[index % LABEL_KEYS.length]!);
  const ms = await probe<number | null>(page, `paintedSince('keydown')`);
  await subject.settled(page);
  if (ms !== null) return ms;
  return spansBefore !== undefined && (await subject.spanCount!()) === spansBefore ? 'unchanged' : 'missed';
}

/** Scrolls the article from top to bottom with the mouse wheel, recording every frame. */
async function measureScroll(page: Page, subject: Subject): Promise<ArticleFigures['scroll']> {
  const scroller = JSON.stringify(subject.scrollSelector);
  await page.evaluate(`document.querySelector(${scroller}).scrollTop = 0`);
  await page.mouse.click(1, 1);
  await settle(page);
  const box = (await page.locator(subject.scrollSelector).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await probe(page, 'startFrames()');
  const atBottom = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const element = document.querySelector(${scroller});
    resolve(element.scrollTop + element.clientHeight >= element.scrollHeight - 2);
  })))`;
  for (let step = 0; step < 5_000 && !(await page.evaluate(atBottom)); step++) await page.mouse.wheel(0, 500);
  return probe(page, 'stopFrames()');
}

async function measureSubject(browser: Browser, subject: Subject, options: ArticleBenchOptions): Promise<ArticleFigures> {
  const openMs: number[] = [];
  let last: { page: Page; errors: string[] } | null = null;
  for (let run = 0; run < options.opens; run++) {
    await last?.page.close();
    const opened = await measureOpen(browser, subject);
    openMs.push(opened.ms);
    last = opened;
  }
  const { page, errors } = last!;
  const random = seededRandom(50);
  const highlightMs: number[] = [];
  let missed = 0;
  let unchanged = 0;
  for (let index = 0; index < options.labellings; index++) {
    const outcome = await measureLabelling(page, subject, random, index);
    if (outcome === 'missed') missed++;
    else if (outcome === 'unchanged') unchanged++;
    else highlightMs.push(outcome);
  }
  const scroll = await measureScroll(page, subject);
  await page.close();
  if (errors.length > 0) throw new Error(`${subject.name} reported errors: ${errors.join('; ')}`);
  // Not a figure but a fault: a span was made and never shown.
  if (missed > 0) throw new Error(`${subject.name}: ${missed} labelling(s) made a span whose highlight never appeared`);
  if (highlightMs.length === 0) throw new Error(`${subject.name}: no labelling produced a highlight`);
  return { openMs, highlightMs, missed, unchanged, scroll };
}

/** Builds the peer's page (bench/peer) with Vite into `outDir`. */
async function buildPeerPage(outDir: string): Promise<void> {
  await build({ root: path.join(__dirname, 'peer'), configFile: false, logLevel: 'warn', base: './', build: { outDir, emptyOutDir: true, modulePreload: false } });
}

function ratio(ours: number, peer: number): number {
  return ours / Math.max(peer, 0.001);
}

function reportFigures(report: Report, options: ArticleBenchOptions, ours: ArticleFigures, peer: ArticleFigures): void {
  const section = `article ${(options.textLength / 1000).toFixed(0)}k chars, ${options.spans} spans`;
  const openOurs = median(ours.openMs);
  const openPeer = median(peer.openMs);
  report.add({
    section,
    figure: `open (median of ${ours.openMs.length})`,
    ours: formatMs(openOurs),
    other: `recogito ${formatMs(openPeer)}`,
    ratio: ratio(openOurs, openPeer),
    target: `< ${OPEN_TARGET_MS} ms, ≤ peer`,
    pass: openOurs < OPEN_TARGET_MS && openOurs <= openPeer,
  });
  report.add({
    section,
    figure: `highlight p50 (${ours.highlightMs.length} labellings)`,
    ours: formatMs(percentile(ours.highlightMs, 50)),
    other: `recogito ${formatMs(percentile(peer.highlightMs, 50))}`,
    ratio: ratio(percentile(ours.highlightMs, 50), percentile(peer.highlightMs, 50)),
  });
  const p95Ours = percentile(ours.highlightMs, 95);
  const p95Peer = percentile(peer.highlightMs, 95);
  report.add({
    section,
    figure: 'highlight p95',
    ours: formatMs(p95Ours),
    other: `recogito ${formatMs(p95Peer)}`,
    ratio: ratio(p95Ours, p95Peer),
    target: `< ${HIGHLIGHT_TARGET_MS} ms, ≤ peer`,
    pass: p95Ours < HIGHLIGHT_TARGET_MS && p95Ours <= p95Peer,
  });
  if (ours.unchanged + peer.unchanged > 0) {
    report.add({ section, figure: 'labellings of an already labelled range (untimed)', ours: String(ours.unchanged), other: `recogito ${peer.unchanged}` });
  }
  report.add({
    section,
    figure: `scroll: longest frame (${ours.scroll.frames} frames)`,
    ours: formatMs(Math.max(ours.scroll.longest, ours.scroll.longestGap)),
    other: `recogito ${formatMs(Math.max(peer.scroll.longest, peer.scroll.longestGap))}`,
    ratio: ratio(Math.max(ours.scroll.longest, ours.scroll.longestGap), Math.max(peer.scroll.longest, peer.scroll.longestGap)),
  });
  report.add({
    section,
    figure: `scroll: frames > ${LONG_FRAME_MS} ms (${ours.scroll.type})`,
    ours: String(ours.scroll.over50),
    other: `recogito ${peer.scroll.over50}`,
    target: `0, ≤ peer`,
    pass: ours.scroll.over50 === 0 && ours.scroll.over50 <= peer.scroll.over50,
  });
}

/**
 * The article view, Newsmark (through the real browser host) beside @recogito/text-annotator,
 * over the same generated article and spans, in the same Chromium.
 */
export async function benchArticle(report: Report, options: ArticleBenchOptions): Promise<void> {
  const { long, short } = generateArticles(options);
  const libraryFolder = path.join(options.temporaryFolder, 'article-library');
  await writeLibraryFolder(libraryFolder, [short, long]);
  const peerFolder = path.join(options.temporaryFolder, 'peer-page');
  await buildPeerPage(peerFolder);
  const article = JSON.stringify({ text: long.text, spans: long.spans.map(({ id, start, end, label }) => ({ id, start, end, label })) });
  const peerServer = await serveStatic(peerFolder, { 'article.json': article });
  const host = await startBrowserHostProcess(libraryFolder);
  const browser = await launchChromium();
  try {
    const newsmark: Subject = {
      name: 'Newsmark',
      async load(page) {
        await page.goto(host.url);
        await page.locator('.article-text').waitFor();
      },
      openSelector: `[data-document-id="${LONG_ARTICLE_ID}"]`,
      scrollSelector: '.article-scroll',
      highlightSelector: '.nm-hl',
      idAttribute: 'data-span-id',
      async settled(page) {
        await page.locator('.save-state[data-pending="0"]').waitFor();
      },
      async spanCount() {
        return (await callApi<NewsDocument>(host, 'getDocument', { id: LONG_ARTICLE_ID })).spans.length;
      },
    };
    const peer: Subject = {
      name: 'recogito',
      async load(page) {
        await page.goto(`${peerServer.origin}/index.html`);
        await page.locator('#open').waitFor();
      },
      openSelector: '#open',
      scrollSelector: '#scroll',
      highlightSelector: '.r6o-annotation',
      idAttribute: 'data-annotation',
      async settled() {},
    };
    const ours = await measureSubject(browser, newsmark, options);
    const theirs = await measureSubject(browser, peer, options);
    reportFigures(report, options, ours, theirs);
  } finally {
    await browser.close();
    await host.stop();
    await peerServer.close();
  }
}
