import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

/** The measuring code every page gets before its own (see pageProbe.js). */
export const PAGE_PROBE = path.join(__dirname, 'pageProbe.js');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
}

/** A new page (1400 × 900, as the end-to-end tests use) with the probe installed; page errors are collected. */
export async function newMeasuredPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript({ path: PAGE_PROBE });
  return { page, errors };
}

/** Resolves after two animation frames: whatever the last action caused has been painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}
