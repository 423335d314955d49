import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startBrowserHostProcess, type RunningHost } from './browserHostProcess';

/** What a screenshot script works with: a browser host on a fresh data folder, and a page of the window's size. */
export interface ScreenshotSession {
  host: RunningHost;
  browser: Browser;
  page: Page;
  folder: string;
}

/**
 * Runs one screenshot script: starts the browser host on a fresh data folder (the sample
 * corpus), launches Chromium as the e2e tests do, opens a 1400 × 900 page, runs `shoot` (which
 * saves its screenshots and answers what to print), then stops everything and removes the folder.
 * A failure prints its message and exits with 1.
 */
export function runScreenshot(shoot: (session: ScreenshotSession) => Promise<string>): void {
  const run = async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-screenshot-'));
    const host = await startBrowserHostProcess(folder);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
      console.log(await shoot({ host, browser, page, folder }));
    } finally {
      await browser.close();
      await host.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  };
  run().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
