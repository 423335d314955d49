import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import { startBrowserHostProcess } from '../e2e/support/browserHostProcess';
import type { NewsDocument } from '../shared/model';
import { seededRandom } from '../electron/store/testing/seededRandom';
import { measureHeap, measureLabelling, measureOpen, measureScroll, type LabellingOutcome, type ScrollFigures } from './articleMeasures';
import { reportArticle } from './articleReport';
import { planSelections, type PlannedSelection } from './articleSelections';
import { floorSubject, newsmarkSubject, recogitoSubject, type Subject } from './articleSubjects';
import { launchChromium } from './browser';
import { generateDocument, WordChain, writeLibraryFolder } from './corpus';
import type { Report } from './report';
import { ScriptTrace, type LabellingScript } from './scriptTrace';
import { serveStatic } from './staticServer';

/** One article's workload: its size, and how many opens and labellings each side gets. */
export interface ArticleSize {
  textLength: number;
  spans: number;
  opens: number;
  /** Labellings timed key → paint. */
  labellings: number;
  /** Labellings made afterwards under a Chrome trace, for script time (tracing slows a page, so these are not timed). */
  traced: number;
}

export interface ArticleBenchOptions {
  /** The long article: open, heap, latency, script time and scrolling. */
  long: ArticleSize;
  /** The medium article: latency and script time. */
  medium: ArticleSize;
  temporaryFolder: string;
}

/** One side's figures on one article. */
export interface ArticleFigures {
  openMs: number[];
  /** JS heap after the last open (long article only). */
  heapBytes?: number;
  highlightMs: number[];
  /** Labellings of a range that already had that label: nothing new to draw, not timed. */
  unchanged: number;
  /** Labellings where the mouse selected other text than planned (a fault of the bench, shown if any). */
  selectedOtherwise: number;
  /** Script time of each traced labelling that drew a new highlight. */
  script: LabellingScript[];
  scroll?: ScrollFigures;
}

export type Sides = Record<'newsmark' | 'recogito' | 'floor', ArticleFigures>;

const LONG_ARTICLE_ID = 'long-article';
const MEDIUM_ARTICLE_ID = 'medium-article';
/** Listed (and so opened) first; it has no spans, so any highlight seen after a click is the article's opened. */
const SHORT_ARTICLE_ID = 'a-short-article';

interface ArticlePlan {
  document: NewsDocument;
  size: ArticleSize;
  /** The same on every side: the timed labellings' then the traced ones'. */
  selections: PlannedSelection[];
  long: boolean;
}

/** The long, medium and short articles, generated from the sample corpus's words. */
function generateArticles(options: ArticleBenchOptions): { long: NewsDocument; medium: NewsDocument; short: NewsDocument } {
  const chain = WordChain.fromSampleCorpus();
  const random = seededRandom(200_000);
  const long = generateDocument(LONG_ARTICLE_ID, chain.text(random, options.long.textLength), options.long.spans, random);
  const short = generateDocument(SHORT_ARTICLE_ID, chain.text(random, 1_500), 0, random);
  const mediumRandom = seededRandom(10_000);
  const medium = generateDocument(MEDIUM_ARTICLE_ID, chain.text(mediumRandom, options.medium.textLength), options.medium.spans, mediumRandom);
  return { long, medium, short };
}

function articlePlan(document: NewsDocument, size: ArticleSize, seed: number, long: boolean): ArticlePlan {
  return { document, size, selections: planSelections(document.text, size.labellings + size.traced, seededRandom(seed)), long };
}

async function measureSubject(browser: Browser, subject: Subject, plan: ArticlePlan, traceFolder: string): Promise<ArticleFigures> {
  const openMs: number[] = [];
  let last: { page: Page; errors: string[] } | null = null;
  for (let run = 0; run < plan.size.opens; run++) {
    await last?.page.close();
    const opened = await measureOpen(browser, subject, plan.document.id);
    openMs.push(opened.ms);
    last = opened;
  }
  const { page, errors } = last!;
  const heapBytes = plan.long ? await measureHeap(page) : undefined;
  const labelled: { outcome: LabellingOutcome; selectedAsPlanned: boolean }[] = [];
  for (let index = 0; index < plan.size.labellings; index++) labelled.push(await measureLabelling(page, subject, plan.document.id, plan.selections[index]!, index));
  const trace = await ScriptTrace.start(page);
  for (let index = plan.size.labellings; index < plan.selections.length; index++) {
    labelled.push(await measureLabelling(page, subject, plan.document.id, plan.selections[index]!, index, true));
    await trace.markLabelled();
  }
  const scripts = await trace.stop(subject.origin, path.join(traceFolder, `trace-${plan.document.id}-${subject.name.toLowerCase()}.json`));
  if (scripts.length !== plan.size.traced) throw new Error(`${subject.name}: the trace holds ${scripts.length} labellings' marks, not ${plan.size.traced}`);
  const scroll = plan.long ? await measureScroll(page, subject) : undefined;
  await page.close();
  if (errors.length > 0) throw new Error(`${subject.name} reported errors: ${errors.join('; ')}`);
  const outcomes = labelled.map((entry) => entry.outcome);
  // Not a figure but a fault: a span was made and never shown.
  const missed = outcomes.filter((outcome) => outcome === 'missed').length;
  if (missed > 0) throw new Error(`${subject.name}: ${missed} labelling(s) made a span whose highlight never appeared`);
  const highlightMs = outcomes.slice(0, plan.size.labellings).filter((outcome) => typeof outcome === 'number');
  const traced = outcomes.slice(plan.size.labellings);
  const script = scripts.filter((entry, index): entry is LabellingScript => entry !== null && typeof traced[index] === 'number');
  if (highlightMs.length === 0 || (plan.size.traced > 0 && script.length === 0)) throw new Error(`${subject.name}: no labelling produced a highlight`);
  return {
    openMs,
    heapBytes,
    highlightMs,
    unchanged: outcomes.filter((outcome) => outcome === 'unchanged').length,
    selectedOtherwise: labelled.filter((entry) => !entry.selectedAsPlanned).length,
    script,
    scroll,
  };
}

/** Builds the plain pages (bench/peer, bench/floor) with Vite into `outDir`/peer and `outDir`/floor. */
async function buildPlainPages(outDir: string): Promise<void> {
  for (const name of ['peer', 'floor']) {
    await build({ root: path.join(__dirname, name), configFile: false, logLevel: 'warn', base: './', build: { outDir: path.join(outDir, name), emptyOutDir: true, modulePreload: false } });
  }
}

function articleJson(document: NewsDocument): string {
  return JSON.stringify({ text: document.text, spans: document.spans.map(({ id, start, end, label }) => ({ id, start, end, label })) });
}

/**
 * The article view on three sides over the same generated articles and spans, in the same
 * Chromium: Newsmark (through the real browser host), @recogito/text-annotator on a plain page,
 * and the floor (static marks, a key handler that only wraps the selection).
 */
export async function benchArticle(report: Report, options: ArticleBenchOptions): Promise<void> {
  const articles = generateArticles(options);
  const documents = [articles.short, articles.long, articles.medium];
  const libraryFolder = path.join(options.temporaryFolder, 'article-library');
  await writeLibraryFolder(libraryFolder, documents);
  const pagesFolder = path.join(options.temporaryFolder, 'plain-pages');
  await buildPlainPages(pagesFolder);
  const pagesServer = await serveStatic(pagesFolder, Object.fromEntries(documents.map((document) => [`${document.id}.json`, articleJson(document)])));
  const host = await startBrowserHostProcess(libraryFolder);
  const browser = await launchChromium();
  try {
    const subjects = { newsmark: newsmarkSubject(host), recogito: recogitoSubject(pagesServer.origin), floor: floorSubject(pagesServer.origin) };
    const plans = [articlePlan(articles.long, options.long, 50, true), articlePlan(articles.medium, options.medium, 60, false)];
    for (const plan of plans) {
      const sides = {} as Sides;
      for (const [key, subject] of Object.entries(subjects) as [keyof Sides, Subject][]) sides[key] = await measureSubject(browser, subject, plan, options.temporaryFolder);
      reportArticle(report, `article ${(plan.size.textLength / 1000).toFixed(0)}k chars, ${plan.size.spans} spans`, sides, plan.long);
    }
  } finally {
    await browser.close();
    await host.stop();
    await pagesServer.close();
  }
}
