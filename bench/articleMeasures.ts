/**
 * The article benchmark's measurements, each taken the same way on every side (Newsmark, the
 * peer, the floor) through the page probe (pageProbe.js) and the DevTools protocol.
 */
import type { Browser, Page } from '@playwright/test';
import type { PlannedSelection } from './articleSelections';
import type { Subject } from './articleSubjects';
import { newMeasuredPage, settle } from './browser';

const PAINT_TIMEOUT_MS = 30_000;
const LABEL_PAINT_TIMEOUT_MS = 10_000;
const LABEL_KEYS = ['1', '2', '3'];
/**
 * Before the label key of a traced labelling (script per labelling), the page must have changed
 * nothing in its DOM for this long (checked in idle time; at most QUIET_TIMEOUT_MS): the work of
 * the bench's own jump to the phrase (a page drawing what came into view, and what lies ahead of
 * it, in idle time) then does not land in the labelling's window. The same rule on every side.
 * NEWSMARK_BENCH_ARTICLE_NO_QUIET=1 presses the key two frames after the selection, as the bench
 * did before, for comparisons with older runs. Timed labellings (key → paint) never wait.
 */
const QUIET_MS = 200;
const QUIET_TIMEOUT_MS = 5_000;

export interface ScrollFigures {
  type: string;
  frames: number;
  longestGap: number;
  longest: number;
  over50: number;
}

export type LabellingOutcome = number | 'missed' | 'unchanged';

async function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__newsmarkBench.${call}`) as Promise<T>;
}

async function armHighlight(page: Page, subject: Subject, timeoutMs: number): Promise<void> {
  await probe(page, `armHighlight(${JSON.stringify(subject.highlightSelector)}, ${JSON.stringify(subject.idAttribute)}, ${timeoutMs})`);
}

/**
 * Opens `articleId` in a new tab: from the click that opens it to the paint showing its
 * highlights (the request, the parse, the text and the highlights).
 */
export async function measureOpen(browser: Browser, subject: Subject, articleId: string): Promise<{ ms: number; page: Page; errors: string[] }> {
  const { page, errors } = await newMeasuredPage(browser);
  await subject.load(page, articleId);
  await settle(page);
  await armHighlight(page, subject, PAINT_TIMEOUT_MS);
  await page.click(subject.openSelector(articleId));
  const ms = await probe<number | null>(page, `paintedSince('click')`);
  if (ms === null) throw new Error(`${subject.name}: the article's highlights did not appear within ${PAINT_TIMEOUT_MS / 1000} s (${errors.join('; ')})`);
  return { ms, page, errors };
}

/** The page's JS heap in use after a full garbage collection, in bytes, read over the DevTools protocol. */
export async function measureHeap(page: Page): Promise<number> {
  await settle(page);
  const devtools = await page.context().newCDPSession(page);
  try {
    await devtools.send('HeapProfiler.collectGarbage');
    return (await devtools.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await devtools.detach();
  }
}

interface PhrasePlace {
  top: number;
  bottom: number;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** Scrolls until the phrase's first line is at `selection.at` of the scroller's height; where it then is. */
async function bringIntoView(page: Page, subject: Subject, selection: PlannedSelection): Promise<PhrasePlace> {
  const box = (await page.locator(subject.scrollSelector).boundingBox())!;
  const call = `phrasePlace(${JSON.stringify(subject.textSelector)}, ${JSON.stringify(selection.phrase)})`;
  // Paragraphs laid out only near the screen change height as they come near: measure again until still.
  // Near the article's ends the scroller may stop short of that place: then where it stops will do.
  let moved = Infinity;
  for (let attempt = 0; attempt < 8; attempt++) {
    const place = await probe<PhrasePlace | null>(page, call);
    if (!place) throw new Error(`${subject.name}: the page does not show ${JSON.stringify(selection.phrase)}`);
    const offset = place.top - (box.y + selection.at * box.height);
    const visible = place.top >= box.y && place.bottom <= box.y + box.height;
    if (visible && (Math.abs(offset) < 4 || Math.abs(moved) < 1)) return place;
    moved = await page.evaluate(
      `(() => { const element = document.querySelector(${JSON.stringify(subject.scrollSelector)}); const before = element.scrollTop; element.scrollTop += ${offset}; return element.scrollTop - before; })()`,
    );
    await settle(page);
  }
  throw new Error(`${subject.name}: could not bring ${JSON.stringify(selection.phrase)} on screen`);
}

/**
 * Brings the planned phrase on screen, selects it by dragging the mouse over it, waits until the
 * page is quiet if `quiet` (QUIET_MS), presses a label key, and times key → new highlight
 * painted: a number, 'missed' (a new span but no highlight), or 'unchanged' (no new span).
 * Returns once the labelling is settled, with whether the page's selection was exactly the phrase.
 */
export async function measureLabelling(
  page: Page,
  subject: Subject,
  articleId: string,
  selection: PlannedSelection,
  index: number,
  quiet = false,
): Promise<{ outcome: LabellingOutcome; selectedAsPlanned: boolean }> {
  const drag = await bringIntoView(page, subject, selection);
  await page.mouse.move(drag.from.x, drag.from.y);
  await page.mouse.down();
  await page.mouse.move(drag.to.x, drag.to.y, { steps: 4 });
  await page.mouse.up();
  await settle(page);
  const selectedAsPlanned = (await probe<string>(page, 'selectedText()')) === selection.phrase;
  const spansBefore = await subject.spanCount?.(articleId);
  if (quiet && !process.env.NEWSMARK_BENCH_ARTICLE_NO_QUIET) await probe(page, `whenQuiet(${QUIET_MS}, ${QUIET_TIMEOUT_MS})`);
  await armHighlight(page, subject, LABEL_PAINT_TIMEOUT_MS);
  await page.keyboard.press(LABEL_KEYS[index % LABEL_KEYS.length]!);
  const ms = await probe<number | null>(page, `paintedSince('keydown')`);
  await subject.settled(page);
  if (ms !== null) return { outcome: ms, selectedAsPlanned };
  const unchanged = spansBefore !== undefined && (await subject.spanCount!(articleId)) === spansBefore;
  return { outcome: unchanged ? 'unchanged' : 'missed', selectedAsPlanned };
}

/** Scrolls the article from top to bottom with the mouse wheel, recording every frame. */
export async function measureScroll(page: Page, subject: Subject): Promise<ScrollFigures> {
  const scroller = JSON.stringify(subject.scrollSelector);
  await page.evaluate(`document.querySelector(${scroller}).scrollTop = 0`);
  await page.mouse.click(1, 1);
  await settle(page);
  const box = (await page.locator(subject.scrollSelector).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // NEWSMARK_BENCH_ARTICLE_SCROLL_TRACE=<prefix>: a Chrome trace of each side's scroll, in <prefix>-<side>.json.
  const tracePrefix = process.env.NEWSMARK_BENCH_ARTICLE_SCROLL_TRACE;
  const tracePath = tracePrefix ? `${tracePrefix}-${subject.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json` : null;
  if (tracePath) await page.context().browser()!.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'toplevel'] });
  await probe(page, 'startFrames()');
  const atBottom = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const element = document.querySelector(${scroller});
    resolve(element.scrollTop + element.clientHeight >= element.scrollHeight - 2);
  })))`;
  for (let step = 0; step < 5_000 && !(await page.evaluate(atBottom)); step++) await page.mouse.wheel(0, 500);
  const frames = await probe<ScrollFigures>(page, 'stopFrames()');
  if (tracePath) await page.context().browser()!.stopTracing();
  return frames;
}
