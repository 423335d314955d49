/**
 * `npm run screenshot:story -- OUT.png`: starts the browser host on a fresh data folder, labels
 * sample article 003's quote through the API (linked to its attribution, speaker named), opens
 * it in Chromium, selects the quote and presses s: the story view lists the other tellings of
 * the quote, 001's reworded one first, with its changed words marked. Saves a screenshot.
 */
import path from 'node:path';
import type { NewsDocument } from '../shared/model';
import { callApi } from './support/browserHostProcess';
import { runScreenshot } from './support/screenshotRun';

const ARTICLE_ID = '003_37448910395a2621';
const QUOTE = 'We are also ready to impose swift and severe consequences should Russia instead choose war';
const ATTRIBUTION = 'Psaki said in a statement on Sunday night';

runScreenshot(async ({ host, page }) => {
  const out = path.resolve(process.argv[2] ?? 'newsmark-story-view.png');
  const article = await callApi<NewsDocument>(host, 'getDocument', { id: ARTICLE_ID });
  const at = (text: string) => {
    const start = article.text.indexOf(text);
    if (start < 0) throw new Error(`"${text}" is not in article ${ARTICLE_ID}`);
    return { start, end: start + text.length };
  };
  const operations = [
    { type: 'createSpan', span: { id: 'squote', ...at(QUOTE), label: 'quote' } },
    { type: 'createSpan', span: { id: 'sattribution', ...at(ATTRIBUTION), label: 'attribution', speaker: 'Jen Psaki' } },
    { type: 'linkSpans', relation: { id: 'rlink', label: 'attributed_to', headId: 'squote', childId: 'sattribution' } },
  ];
  for (const operation of operations) await callApi(host, 'updateDocument', { documentId: ARTICLE_ID, operation });
  await page.goto(host.url);
  await page.locator(`.document-item[data-document-id="${ARTICLE_ID}"]`).click();
  await page.locator('.nm-hl').first().waitFor();
  await page.locator('.span-item[data-span-id="squote"]').click();
  await page.locator('.article-scroll').focus();
  await page.keyboard.press('s');
  await page.locator('.story-match .story-diff del').first().waitFor();
  await page.screenshot({ path: out });
  return `screenshot saved to ${out}`;
});
