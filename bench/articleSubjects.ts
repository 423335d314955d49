import type { Page } from '@playwright/test';
import { callApi, type RunningHost } from '../e2e/support/browserHostProcess';
import type { NewsDocument } from '../shared/model';

/**
 * How the benchmark finds its way around one side's page: Newsmark's, the peer's or the
 * floor's. The selectors here are all the bench relies on in each page.
 */
export interface Subject {
  name: string;
  /** Where its scripts are served from: only their functions count as its script time. */
  origin: string;
  /** Loads the page until the article `articleId` can be opened with a click on `openSelector`. */
  load(page: Page, articleId: string): Promise<void>;
  openSelector(articleId: string): string;
  scrollSelector: string;
  /** The element holding the article's text (and nothing else's). */
  textSelector: string;
  highlightSelector: string;
  /** The attribute naming the span a highlight element draws. */
  idAttribute: string;
  /** Resolves once the labelling just made is settled (saved, for Newsmark). */
  settled(page: Page): Promise<void>;
  /**
   * How many spans the article has now, where a labelling can leave it unchanged (Newsmark
   * keeps one span per range and label); undefined where every labelling adds one.
   */
  spanCount?(articleId: string): Promise<number>;
}

/** Newsmark through the real browser host: its document list, article view and save state. */
export function newsmarkSubject(host: RunningHost): Subject {
  return {
    name: 'Newsmark',
    origin: host.origin,
    async load(page) {
      await page.goto(host.url);
      await page.locator('.article-text').waitFor();
    },
    openSelector: (articleId) => `[data-document-id="${articleId}"]`,
    scrollSelector: '.article-scroll',
    textSelector: '.article-text',
    highlightSelector: '.nm-hl',
    idAttribute: 'data-span-id',
    async settled(page) {
      await page.locator('.save-state[data-pending="0"]').waitFor();
    },
    async spanCount(articleId) {
      return (await callApi<NewsDocument>(host, 'getDocument', { id: articleId })).spans.length;
    },
  };
}

/** A plain page served at `origin` + `path` with an "Open" button (bench/peer, bench/floor). */
function plainPage(name: string, origin: string, path: string, highlight: { selector: string; idAttribute: string }): Subject {
  return {
    name,
    origin,
    async load(page, articleId) {
      await page.goto(`${origin}${path}?article=${encodeURIComponent(articleId)}`);
      await page.locator('#open').waitFor();
    },
    openSelector: () => '#open',
    scrollSelector: '#scroll',
    textSelector: '#article',
    highlightSelector: highlight.selector,
    idAttribute: highlight.idAttribute,
    async settled() {},
  };
}

/** @recogito/text-annotator 4.1.1 on a plain page (bench/peer). */
export function recogitoSubject(origin: string): Subject {
  return plainPage('recogito', origin, '/peer/index.html', { selector: '.r6o-annotation', idAttribute: 'data-annotation' });
}

/** The floor: static marks and a key handler that only wraps the selection (bench/floor). */
export function floorSubject(origin: string): Subject {
  return plainPage('floor', origin, '/floor/index.html', { selector: 'mark', idAttribute: 'data-span-id' });
}
