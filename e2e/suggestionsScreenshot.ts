/**
 * `npm run screenshot:suggestions -- OUT.png`: starts the browser host on a fresh data folder,
 * opens sample article 003 in Chromium with its suggestions drawn (dashed outlines by label),
 * accepts one by key (it becomes a real highlight), clicks the "according to" attribution so its
 * accept/reject control and its suggested link show (the linked quote marked), and saves a
 * screenshot.
 */
import path from 'node:path';
import { runScreenshot } from './support/screenshotRun';

const ARTICLE_ID = '003_37448910395a2621';

runScreenshot(async ({ host, page }) => {
  const out = path.resolve(process.argv[2] ?? 'newsmark-suggestions.png');
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
  return `screenshot saved to ${out}`;
});
