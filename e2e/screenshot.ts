/**
 * `npm run screenshot -- OUT.png [SHOT]`: starts the browser host on a fresh data folder and
 * saves a screenshot of one view. SHOT `speakers` is the speaker index, `drift` the drift report
 * (speakerScreenshots.ts). Without SHOT (or `article`), it labels
 * sample article 003 through the API with several overlapping and nested spans of all three
 * labels, links the first quote to its attribution (with the speaker named), opens it in
 * Chromium, selects the quote, hovers the attribution, and saves a screenshot: the link shows as
 * a connector between the two ends and in the span panel.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { NewsDocument } from '../shared/model';
import { driftShot, speakerIndexShot } from './speakerScreenshots';
import { callApi, type RunningHost } from './support/browserHostProcess';
import { runScreenshot } from './support/screenshotRun';

/** Screenshots besides the article's: each brings the page, open at the app, to what is shot. */
const SHOTS: Record<string, (page: Page, host: RunningHost) => Promise<void>> = {
  speakers: speakerIndexShot,
  drift: driftShot,
};

const ARTICLE_ID = '003_37448910395a2621';

/** [text, label, occurrence]: spans to make, several overlapping or nested. */
const SPANS: [string, string][] = [
  ['“We are always ready for diplomacy. We are also ready to impose swift and severe consequences should Russia instead choose war.', 'quote'],
  ['We are also ready to impose swift and severe consequences should Russia instead choose war. And currently, Russia appears to be continuing preparations for a full-scale assault on Ukraine very soon,”', 'claim'],
  ['Russia appears to be continuing preparations for a full-scale assault on Ukraine', 'claim'],
  ['Psaki said in a statement on Sunday night', 'attribution'],
  ['said in a statement', 'quote'],
  ['President Joe Biden has agreed “in principle” to French-brokered summit talks with Russian President Vladimir Putin', 'claim'],
  ['“in principle”', 'quote'],
  ['the White House said late Sunday', 'attribution'],
  ['according to press secretary Jen Psaki', 'attribution'],
];

runScreenshot(async ({ host, page }) => {
  const out = path.resolve(process.argv[2] ?? 'newsmark-screenshot.png');
  const shot = process.argv[3] ?? 'article';
  if (shot !== 'article') {
    const prepare = SHOTS[shot];
    if (!prepare) throw new Error(`No screenshot "${shot}"; there are: article, ${Object.keys(SHOTS).join(', ')}.`);
    await page.goto(host.url);
    await page.locator('.article-text').waitFor();
    await prepare(page, host);
    await page.screenshot({ path: out });
    return `screenshot saved to ${out}`;
  }
  const article = await callApi<NewsDocument>(host, 'getDocument', { id: ARTICLE_ID });
  let firstQuoteId = '';
  for (const [index, [text, label]] of SPANS.entries()) {
    const start = article.text.indexOf(text);
    if (start < 0) throw new Error(`"${text}" is not in article ${ARTICLE_ID}`);
    const id = `shot${index + 1}`;
    if (label === 'quote' && !firstQuoteId) firstQuoteId = id;
    await callApi(host, 'updateDocument', { documentId: ARTICLE_ID, operation: { type: 'createSpan', span: { id, start, end: start + text.length, label } } });
  }
  const operations = [
    { type: 'linkSpans', relation: { id: 'link1', label: 'attributed_to', headId: firstQuoteId, childId: 'shot4' } },
    { type: 'setSpanSpeaker', spanId: 'shot4', speaker: 'Jen Psaki' },
  ];
  for (const operation of operations) await callApi(host, 'updateDocument', { documentId: ARTICLE_ID, operation });
  await page.goto(host.url);
  await page.locator('.document-item[data-document-id="003_37448910395a2621"]').click();
  await page.locator('.nm-hl').first().waitFor();
  await page.locator(`.span-item[data-span-id="${firstQuoteId}"]`).click();
  await page.locator('.article-scroll').evaluate((element) => element.scrollTo(0, 220));
  await page.locator('.nm-hl[data-span-id="shot4"]').first().hover();
  await page.locator('.hover-card').waitFor();
  await page.locator('.link-connector').waitFor();
  await page.screenshot({ path: out });
  return `screenshot saved to ${out}`;
});
