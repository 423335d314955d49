import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { NewsmarkPage } from '../pages/NewsmarkPage';
import { BUILT_MAIN, REPO_ROOT, startBrowserHostProcess, type RunningHost } from './browserHostProcess';

export interface ArticleFile {
  /** File name, e.g. "emoji.txt"; the id is the name without extension. */
  name: string;
  text: string;
}

interface Options {
  /**
   * The library the test starts with: `articles` are imported before the host starts; without
   * them, the host seeds the sample corpus. (An object, because Playwright reads an array
   * given to test.use as a [value, options] pair.)
   */
  library: { articles?: ArticleFile[] };
}

interface Fixtures {
  dataFolder: string;
  host: RunningHost;
  app: NewsmarkPage;
}

/**
 * Each test gets its own data folder and its own browser host over it. With `library.articles`, the
 * folder is filled through the command line (`newsmark import`) instead of the sample corpus.
 */
export const test = base.extend<Options & Fixtures>({
  library: [{}, { option: true }],
  dataFolder: async ({}, use) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-'));
    await use(folder);
    rmSync(folder, { recursive: true, force: true });
  },
  host: async ({ dataFolder, library }, use) => {
    const articles = library.articles ?? [];
    if (articles.length > 0) {
      const sources = mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-src-'));
      const files = articles.map((article) => {
        const file = path.join(sources, article.name);
        writeFileSync(file, article.text);
        return file;
      });
      const run = spawnSync(process.execPath, [path.join(BUILT_MAIN, 'cli.js'), 'import', '--data-dir', dataFolder, ...files], { cwd: REPO_ROOT, encoding: 'utf8' });
      rmSync(sources, { recursive: true, force: true });
      if (run.status !== 0) throw new Error(`newsmark import failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    const host = await startBrowserHostProcess(dataFolder);
    await use(host);
    await host.stop();
  },
  app: async ({ page, host }, use) => {
    const app = new NewsmarkPage(page, host);
    await app.open();
    await use(app);
  },
});

export { expect } from '@playwright/test';
