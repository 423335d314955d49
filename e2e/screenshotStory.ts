/**
 * `npm run screenshot:story -- OUT.png`: starts the browser host on a fresh data folder, labels
 * sample article 003's quote through the API (linked to its attribution, speaker named), opens
 * it in Chromium, selects the quote and presses s: the story view lists the other tellings of
 * the quote, 001's reworded one first, with its changed words marked. Saves a screenshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { NewsDocument } from '../shared/model';
import { callApi, startBrowserHostProcess } from './support/browserHostProcess';

const ARTICLE_ID = '003_37448910395a2621';
const QUOTE = 'We are also ready to impose swift and severe consequences should Russia instead choose war';
const ATTRIBUTION = 'Psaki said in a statement on Sunday night';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'newsmark-story-view.png');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-screenshot-'));
  const host = await startBrowserHostProcess(folder);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
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
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(host.url);
    await page.locator(`.document-item[data-document-id="${ARTICLE_ID}"]`).click();
    await page.locator('.nm-hl').first().waitFor();
    await page.locator('.span-item[data-span-id="squote"]').click();
    await page.locator('.article-scroll').focus();
    await page.keyboard.press('s');
    await page.locator('.story-match .story-diff del').first().waitFor();
    await page.screenshot({ path: out });
    console.log(`screenshot saved to ${out}`);
  } finally {
    await browser.close();
    await host.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
