import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AgreementReport } from '../shared/agreement/compareExports';
import { wordTokens } from '../shared/agreement/tokenKappa';
import type { MatchScores } from '../shared/agreement/spanMatching';
import type { Settings } from '../shared/model';
import { NewsmarkPage } from './pages/NewsmarkPage';
import { BUILT_MAIN, callApi, REPO_ROOT, startBrowserHostProcess, type RunningHost } from './support/browserHostProcess';

/**
 * Two annotators label sample article 003 differently, each in their own library and browser
 * host; each exports; `newsmark agree` and the agreement view must give the figures worked out
 * by hand below; then review mode settles two disagreements, one from each side, with the keys.
 *
 * Ana: quote "We are always ready for diplomacy" (6 word tokens), attribution "Psaki said in a
 * statement on Sunday night" (8), claim "Russia appears … on Ukraine" (13: full-scale is two),
 * the quote linked to her attribution. Ben: the same quote, attribution "Psaki said" (2, inside
 * Ana's), quote "in principle" (2, only his), his quote linked to his attribution.
 */
const ARTICLE = '003_37448910395a2621';
const QUOTE = 'We are always ready for diplomacy';
const ATTRIBUTION = 'Psaki said in a statement on Sunday night';
const CLAIM = 'Russia appears to be continuing preparations for a full-scale assault on Ukraine';

/** Cohen's kappa of "label / not label" over `n` tokens: A marks `a`, B marks `b`, `differ` of them differently. */
function kappaByHand(n: number, a: number, b: number, differ: number): number {
  const observed = (n - differ) / n;
  const chance = (a * b + (n - a) * (n - b)) / (n * n);
  return (observed - chance) / (1 - chance);
}

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

interface Run {
  folder: string;
  host: RunningHost;
}

const runs: Run[] = [];
test.afterAll(async () => {
  for (const run of runs.splice(0)) {
    await run.host.stop();
    rmSync(run.folder, { recursive: true, force: true });
  }
});

async function startRun(annotator: string): Promise<RunningHost> {
  const folder = mkdtempSync(path.join(os.tmpdir(), `newsmark-review-${annotator}-`));
  const host = await startBrowserHostProcess(folder);
  runs.push({ folder, host });
  const settings = await callApi<Settings>(host, 'getSettings', {});
  await callApi(host, 'updateSettings', { settings: { ...settings, annotator } });
  return host;
}

/** Labels `spans` ([text, key]) in article 003 with the mouse and keys, links the first quote to the attribution, and exports. */
async function labelAndExport(app: NewsmarkPage, spans: [string, string][]): Promise<string> {
  await app.open();
  await app.page.locator(`.document-item[data-document-id="${ARTICLE}"]`).click();
  await app.articleText.waitFor();
  for (const [text, key] of spans) await app.label(text, key);
  await app.waitUntilSaved();
  const labelled = await app.storedDocument(ARTICLE);
  const quote = labelled.spans.find((span) => labelled.text.slice(span.start, span.end) === QUOTE)!;
  await app.highlight(quote.id).click();
  await expect(app.page.locator('.span-details .span-text')).toHaveText(QUOTE);
  await app.page.keyboard.press('l');
  await expect(app.page.locator('.link-banner')).toBeVisible();
  await app.page.keyboard.press('Enter');
  await expect(app.page.locator('.link-item')).toHaveCount(1);
  await app.waitUntilSaved();
  const stored = await app.storedDocument(ARTICLE);
  expect(stored.relations).toHaveLength(1);
  return (await app.exportViaButton()).content;
}

test('two annotators: agree and the agreement view give the figures worked out by hand; review settles one disagreement from each side', async ({ browser }) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-review-exports-'));
  runs.push({ folder, host: { stop: async () => {} } as unknown as RunningHost });

  const anaHost = await startRun('ana');
  const ana = new NewsmarkPage(await browser.newPage(), anaHost);
  const anaExport = await labelAndExport(ana, [[QUOTE, '2'], [ATTRIBUTION, '3'], [CLAIM, '1']]);
  const benHost = await startRun('ben');
  const ben = new NewsmarkPage(await browser.newPage(), benHost);
  const benExport = await labelAndExport(ben, [[QUOTE, '2'], ['Psaki said', '3'], ['in principle', '2']]);
  await ben.page.close();
  const fileA = path.join(folder, 'ana.jsonl');
  const fileB = path.join(folder, 'ben.jsonl');
  writeFileSync(fileA, anaExport);
  writeFileSync(fileB, benExport);

  // The command line's figures.
  const agree = spawnSync(process.execPath, [path.join(BUILT_MAIN, 'cli.js'), 'agree', fileA, fileB, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(agree.status, agree.stderr).toBe(0);
  const report = JSON.parse(agree.stdout) as AgreementReport;

  // By hand. Quote: 1 of Ana's matches 1 of Ben's 2, exactly: P 1, R ½, F1 ⅔ (overlap the same).
  // Attribution: Ben's inside Ana's: exact 0; overlap 1 of 1. Claim: only Ana's: P 0, R undefined, F1 0.
  // All: exact 1 of 3 / 3; overlap 2 of 3 / 3. Links: one each, their attributions differ: 0 matched.
  const scores = (s: MatchScores) => [s.a, s.b, s.matched, s.precision, s.recall, s.f1];
  expect(scores(report.labels['quote']!.exact)).toEqual([1, 2, 1, 1, 0.5, 2 / 3]);
  expect(scores(report.labels['quote']!.overlap)).toEqual([1, 2, 1, 1, 0.5, 2 / 3]);
  expect(scores(report.labels['attribution']!.exact)).toEqual([1, 1, 0, 0, 0, 0]);
  expect(scores(report.labels['attribution']!.overlap)).toEqual([1, 1, 1, 1, 1, 1]);
  expect(scores(report.labels['claim']!.exact)).toEqual([1, 0, 0, 0, null, 0]);
  expect(scores(report.all.exact)).toEqual([3, 3, 1, 1 / 3, 1 / 3, 1 / 3]);
  expect(scores(report.all.overlap)).toEqual([3, 3, 2, 2 / 3, 2 / 3, 2 / 3]);
  expect(scores(report.relations)).toEqual([1, 1, 0, 0, 0, 0]);
  // Kappa over the word tokens of the five articles (both exports hold all five).
  const records = anaExport.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { text: string });
  const n = records.reduce((sum, record) => sum + wordTokens(record.text).length, 0);
  expect(report.documents.compared).toBe(5);
  // Quote: Ana 6 tokens, Ben 6 + 2, differing on 2. Attribution: Ana 8, Ben 2, differing on 6. Claim: Ana 13, Ben 0: κ = 0.
  expect(report.labels['quote']!.kappa).toBeCloseTo(kappaByHand(n, 6, 8, 2), 12);
  expect(report.labels['attribution']!.kappa).toBeCloseTo(kappaByHand(n, 8, 2, 6), 12);
  expect(report.labels['claim']!.kappa).toBeCloseTo(0, 12);
  expect(report.disagreements.map((each) => each.kind)).toEqual(['only_b', 'only_a', 'boundary', 'relation_only_a', 'relation_only_b']);

  // The agreement view, in Ana's library, with Ben's export picked.
  const page = ana.page;
  await page.getByRole('button', { name: 'Agreement' }).click();
  await page.getByTestId('comparison-file').setInputFiles(fileB);
  const view = page.getByRole('main', { name: 'Agreement' });
  await expect(view.getByTestId('comparison-status')).toContainText('Yours (ana) against ben.jsonl (ben): 5 articles compared');
  for (const [label, figures] of [...Object.entries(report.labels), ['all labels', report.all] as const]) {
    const cells = [figures.exact.a, figures.exact.b, ...[figures.exact, figures.overlap].flatMap((s) => [s.precision, s.recall, s.f1].map(percent)), figures.kappa === null ? '–' : figures.kappa.toFixed(3)].map(String);
    await expect(view.locator(`tr[data-label="${label}"] td`)).toHaveText(cells);
  }
  await expect(view.locator('tr[data-label="quote"] td')).toHaveText(['1', '2', '100.0%', '50.0%', '66.7%', '100.0%', '50.0%', '66.7%', kappaByHand(n, 6, 8, 2).toFixed(3)]);
  await expect(view.locator('tr[data-label="links"] td').first()).toHaveText('1');
  await expect(view.locator('.disagreement-list li')).toHaveCount(5);
  await expect(view.locator('.disagreement-list li[data-kind="boundary"]')).toContainText(`Yours: attribution “${ATTRIBUTION}”`);
  await expect(view.locator('.disagreement-list li[data-kind="boundary"]')).toContainText('Theirs: attribution “Psaki said”');
  // A disagreement opens the article at it.
  await view.locator('.disagreement-list li[data-kind="only_a"] button').click();
  await expect(page.locator('.span-details .span-text')).toHaveText(CLAIM);
  // One only Ben has opens the article with its range selected by the caret, ready for a label key.
  await page.getByRole('button', { name: 'Agreement' }).click();
  await view.locator('.disagreement-list li[data-kind="only_b"] button').click();
  await expect.poll(async () => (await page.locator('.nm-kbd-selection').allTextContents()).join('')).toBe('in principle');

  // Review: ↓ to Ana's claim, m keeps it; ↑↑ to Ben's "in principle", t takes it.
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const list = page.getByRole('listbox', { name: 'Disagreements' });
  await expect(list.getByRole('option')).toHaveCount(5);
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('data-kind', 'only_b');
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('data-kind', 'only_a');
  await page.keyboard.press('m');
  await expect(list.locator('[data-kind="only_a"]')).toHaveClass(/kept/);
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('data-kind', 'boundary');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('data-kind', 'only_b');
  await page.keyboard.press('t');
  await expect(list.locator('[data-kind="only_b"]')).toHaveCount(0);
  await expect(page.getByTestId('review-counts')).toHaveText('3 open · 1 taken from theirs · 1 kept yours');
  const taken = async () => (await ana.storedDocument(ARTICLE)).spans.filter((span) => span.annotator === 'ben').map((span) => span.label);
  await expect.poll(taken).toEqual(['quote']);
  // Ctrl+Z undoes the choice (durably); Redo makes it again.
  await page.keyboard.press('Control+z');
  await expect(list.locator('[data-kind="only_b"]')).toHaveCount(1);
  await expect.poll(taken).toEqual([]);
  await page.getByRole('main', { name: 'Review' }).getByRole('button', { name: 'Redo' }).click();
  await expect(list.locator('[data-kind="only_b"]')).toHaveCount(0);
  await expect.poll(taken).toEqual(['quote']);

  // The export holds the merged result, with both annotators' names.
  const merged = (await ana.exportViaButton()).records.find((record) => record.id === ARTICLE)!;
  expect(merged.spans.map((span) => `${span.label} ${span.text} ${span.annotator}`).sort()).toEqual([
    `attribution ${ATTRIBUTION} ana`,
    `claim ${CLAIM} ana`,
    `quote ${QUOTE} ana`,
    'quote in principle ben',
  ]);
  // The agreement view follows: Ben's "in principle" is now Ana's too.
  await page.getByRole('button', { name: 'Agreement' }).click();
  await expect(view.locator('tr[data-label="quote"] td').nth(4)).toHaveText('100.0%');
  expect(ana.problems).toEqual([]);
});
