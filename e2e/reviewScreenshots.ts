/**
 * `npm run screenshot:review -- OUT_FOLDER`: starts the browser host on a fresh data folder,
 * labels sample article 003 through the API as "ana", makes "ben"'s export of the same five
 * articles with other spans (a shorter attribution, a quote Ana has not, another label on one
 * range), picks it in the agreement view, and saves `agreement.png`; then opens review mode,
 * takes one of Ben's spans (t), keeps one of Ana's (m), and saves `review.png`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { toExportRecord } from '../shared/exportRecord';
import type { DocumentSummary, NewsDocument, Settings, Span } from '../shared/model';
import { callApi } from './support/browserHostProcess';
import { runScreenshot } from './support/screenshotRun';

const ARTICLE_ID = '003_37448910395a2621';

/** [text, label] of Ana's spans, then Ben's. */
const ANA: [string, string][] = [
  ['We are always ready for diplomacy', 'quote'],
  ['Psaki said in a statement on Sunday night', 'attribution'],
  ['Russia appears to be continuing preparations for a full-scale assault on Ukraine', 'claim'],
  ['according to press secretary Jen Psaki', 'attribution'],
];
const BEN: [string, string][] = [
  ['We are always ready for diplomacy', 'quote'],
  ['Psaki said', 'attribution'],
  ['Russia appears to be continuing preparations for a full-scale assault on Ukraine', 'quote'],
  ['in principle', 'quote'],
  ['according to press secretary Jen Psaki', 'attribution'],
];

function spanOf(text: string, [words, label]: [string, string], index: number, annotator: string): Span {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in article ${ARTICLE_ID}`);
  const now = '2026-11-30T12:00:00.000Z';
  return { id: `${annotator}${index + 1}`, start, end: start + words.length, label, createdAt: now, updatedAt: now, annotator };
}

runScreenshot(async ({ host, page }) => {
  const out = path.resolve(process.argv[2] ?? 'newsmark-review-screenshots');
  mkdirSync(out, { recursive: true });
  const settings = await callApi<Settings>(host, 'getSettings', {});
  await callApi(host, 'updateSettings', { settings: { ...settings, annotator: 'ana' } });
  const article = await callApi<NewsDocument>(host, 'getDocument', { id: ARTICLE_ID });
  for (const [index, entry] of ANA.entries()) {
    const { id, start, end, label } = spanOf(article.text, entry, index, 'ana');
    await callApi(host, 'updateDocument', { documentId: ARTICLE_ID, operation: { type: 'createSpan', span: { id, start, end, label } } });
  }
  await callApi(host, 'updateDocument', { documentId: ARTICLE_ID, operation: { type: 'linkSpans', relation: { id: 'anaLink', label: 'attributed_to', headId: 'ana1', childId: 'ana2' } } });
  // Ben's export: the same five articles, his spans in 003, his link from his quote to his attribution.
  const summaries = await callApi<DocumentSummary[]>(host, 'listDocuments', {});
  const lines: string[] = [];
  for (const summary of summaries) {
    const document = await callApi<NewsDocument>(host, 'getDocument', { id: summary.id });
    const spans = document.id === ARTICLE_ID ? BEN.map((entry, index) => spanOf(document.text, entry, index, 'ben')) : [];
    const relations = document.id === ARTICLE_ID ? [{ id: 'benLink', label: 'attributed_to', headId: 'ben1', childId: 'ben2' }] : [];
    lines.push(JSON.stringify(toExportRecord({ ...document, spans, relations, annotator: 'ben' }, { offsetUnit: 'codepoint' })));
  }
  await page.goto(host.url);
  await page.locator('.article-text').waitFor();
  await page.getByRole('button', { name: 'Agreement' }).click();
  await page.getByTestId('comparison-file').setInputFiles({ name: 'ben.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await page.locator('.agreement-table').waitFor();
  await page.screenshot({ path: path.join(out, 'agreement.png') });
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const list = page.getByRole('listbox', { name: 'Disagreements' });
  await list.waitFor();
  await list.focus();
  await page.keyboard.press('t');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('m');
  await page.locator('.review-list li.kept').waitFor();
  await page.screenshot({ path: path.join(out, 'review.png') });
  return `screenshots saved to ${out} (agreement.png, review.png)`;
});
