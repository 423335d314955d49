/**
 * `npm run screenshot:suggestions -- OUT.png`: starts the browser host on a fresh data folder,
 * opens sample article 003 in Chromium with its suggestions drawn (dashed outlines by label),
 * accepts one by key (it becomes a real highlight), clicks the "according to" attribution so its
 * accept/reject control and its suggested link show (the linked quote marked), and saves a
 * screenshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startBrowserHostProcess } from './support/browserHostProcess';

const ARTICLE_ID = '003_37448910395a2621';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'newsmark-suggestions.png');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-screenshot-'));
  const host = await startBrowserHostProcess(folder);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(host.url);
    await page.locator(`.document-item[data-document-id="${ARTICLE_ID}"]`).click();
    const clickOn = async (text: string) => {
      const box = (await page.locator('.nm-sugg', { hasText: text }).last().boundingBox())!;
      await page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
    };
    await page.locator('.nm-sugg').first().waitFor();
    // One accepted by key: a real highlight among the suggestions.
    await clickOn('the White House said late Sunday');
    await page.keyboard.press('a');
    await page.locator('.nm-hl[data-label="attribution"]').first().waitFor();
    await clickOn('according to press secretary Jen Psaki');
    await page.locator('.suggestion-card').waitFor();
    await page.locator('.nm-sugg-partner').first().waitFor();
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
