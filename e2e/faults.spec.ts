import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileDamages } from '../electron/store/testing/fileDamages';
import type { DocumentSummary, NewsDocument, Settings } from '../shared/model';
import { NewsmarkPage } from './pages/NewsmarkPage';
import { BUILT_MAIN, callApi, REPO_ROOT, startBrowserHostProcess } from './support/browserHostProcess';
import { test as faultTest } from './support/faultFixtures';
import { expect, test } from './support/fixtures';

const QUOTE = 'We are always ready for diplomacy.';
const ARTICLE_WITH_QUOTE = 'The White House says Biden has agreed to meet with Putin';

test.describe('damaged files', () => {
  test('four articles damaged four ways are set aside untouched and named in the window; the fifth loads', async ({ host, dataFolder, page }) => {
    const summaries = await callApi<DocumentSummary[]>(host, 'listDocuments', {});
    await host.stop();
    const damages = fileDamages('revision').filter(([kind]) => kind !== 'of the wrong schema');
    expect(damages.map(([kind]) => kind)).toEqual(['truncated', 'empty', 'NUL-filled', 'not JSON']);
    const damaged = damages.map(([kind, damage], index) => {
      const summary = summaries[index]!;
      const file = path.join(dataFolder, 'documents', `${summary.id}.json`);
      const bytes = damage(readFileSync(file));
      writeFileSync(file, bytes);
      return { kind, summary, bytes };
    });
    const intact = summaries[4]!;

    const restarted = await startBrowserHostProcess(dataFolder);
    try {
      const app = new NewsmarkPage(page, restarted);
      await app.open();
      const notices = app.page.locator('.notices .notice');
      await expect(notices).toHaveCount(4);
      for (const { summary } of damaged) {
        await expect(notices.filter({ hasText: `"${summary.title}"` })).toContainText(/was damaged .* set aside as documents\/.*\.damaged-/);
      }
      await expect(app.page.locator('.document-item')).toHaveCount(1);
      await expect(app.page.locator('.document-item .document-title')).toHaveText(intact.title);
      await expect(app.articleTitle).toHaveText(intact.title);

      // Each damaged file is kept, byte for byte, under its set-aside name; nothing took its place.
      const files = readdirSync(path.join(dataFolder, 'documents'));
      for (const { kind, summary, bytes } of damaged) {
        const aside = files.filter((name) => name.startsWith(`${summary.id}.json.damaged-`));
        expect(aside, kind).toHaveLength(1);
        expect(readFileSync(path.join(dataFolder, 'documents', aside[0]!)).equals(bytes), `${kind}: the set-aside file is the damaged file`).toBe(true);
        expect(files, kind).not.toContain(`${summary.id}.json`);
      }
    } finally {
      await restarted.stop();
    }
  });

  test('a span that does not fit its article (edited by hand) is named in the window and not drawn; the file is not changed by opening', async ({ host, dataFolder, page }) => {
    const [summary] = await callApi<DocumentSummary[]>(host, 'listDocuments', {});
    await host.stop();
    const file = path.join(dataFolder, 'documents', `${summary!.id}.json`);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as NewsDocument;
    const span = { id: 'past-the-end', start: 10, end: stored.text.length + 40, label: 'quote', createdAt: stored.createdAt, updatedAt: stored.updatedAt, annotator: 'someone' };
    const bytes = Buffer.from(JSON.stringify({ ...stored, spans: [span] }));
    writeFileSync(file, bytes);

    const restarted = await startBrowserHostProcess(dataFolder);
    try {
      const app = new NewsmarkPage(page, restarted);
      await app.open();
      const notices = app.page.locator('.notices .notice');
      await expect(notices).toHaveCount(1);
      await expect(notices).toContainText(`Article "${summary!.title}" (${summary!.id}) has spans or relations that do not fit its text`);
      await expect(notices).toContainText(`span past-the-end (quote, 10–${span.end}): offsets 10–${span.end} are outside the text`);
      await app.openArticle(summary!.title);
      await expect(app.highlights()).toHaveCount(0);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });

  test('a NUL-filled index is set aside and rebuilt from the article files, every article listed', async ({ host, dataFolder, page }) => {
    const summaries = await callApi<DocumentSummary[]>(host, 'listDocuments', {});
    await host.stop();
    const indexPath = path.join(dataFolder, 'index.json');
    const bytes = Buffer.alloc(readFileSync(indexPath).length);
    writeFileSync(indexPath, bytes);

    const restarted = await startBrowserHostProcess(dataFolder);
    try {
      const app = new NewsmarkPage(page, restarted);
      await app.open();
      await expect(app.page.locator('.notices .notice')).toHaveText([/The library index was damaged \(the file holds NUL bytes\); it was set aside as index\.json\.damaged-/]);
      await expect(app.page.locator('.document-item')).toHaveCount(summaries.length);
      const aside = readdirSync(dataFolder).filter((name) => name.startsWith('index.json.damaged-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(path.join(dataFolder, aside[0]!)).equals(bytes)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });

  test('with index.json and settings.json deleted, a label the spans carry comes back, and the window says what happened', async ({ host, dataFolder, page }) => {
    const settings = await callApi<Settings>(host, 'getSettings', {});
    await callApi(host, 'updateSettings', { settings: { ...settings, labels: [...settings.labels, { name: 'stance', color: '#cc79a7', key: '4' }] } });
    const [summary] = await callApi<DocumentSummary[]>(host, 'listDocuments', {});
    await callApi(host, 'updateDocument', { documentId: summary!.id, operation: { type: 'createSpan', span: { id: 'st1', start: 0, end: 3, label: 'stance' } } });
    await host.stop();
    rmSync(path.join(dataFolder, 'index.json'));
    rmSync(path.join(dataFolder, 'settings.json'));

    const restarted = await startBrowserHostProcess(dataFolder);
    try {
      const app = new NewsmarkPage(page, restarted);
      await app.open();
      await expect(app.page.locator('.notices .notice')).toHaveText([
        /The library index \(index\.json\) was missing; the list of articles was rebuilt from the \d+ article files/,
        /the settings were rebuilt: the default labels .* Label “stance”, found on spans, was added back with new keys and colours\./,
      ]);
      await expect(app.page.locator('.label-button[data-label="stance"]')).toBeVisible();
    } finally {
      await restarted.stop();
    }
  });
});

/** Whether this process can still write into a folder it made read-only (it can as root). */
function permissionsBindUs(folder: string): boolean {
  const probe = path.join(folder, '.probe');
  chmodSync(folder, 0o555);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(folder, 0o755);
  }
}

faultTest.describe('saving fails', () => {
  faultTest('a full disk (ENOSPC): the window says so, the change stays on screen as unsaved, nothing is acknowledged; once space is back the retry saves it', async ({ app, faultSwitch, dataFolder }) => {
    await app.openArticle(ARTICLE_WITH_QUOTE);
    const id = await app.currentDocumentId();
    const file = path.join(dataFolder, 'documents', `${id}.json`);
    const before = readFileSync(file);

    writeFileSync(faultSwitch, 'ENOSPC');
    await app.label(QUOTE, '2');
    await expect(app.saveState).toHaveClass(/failed/);
    await expect(app.saveState).toContainText('Not saved — retrying: The disk is full: the change was not saved.');
    await expect(app.saveState).toHaveAttribute('data-pending', '1');
    await expect(app.highlights('quote').first()).toBeVisible();
    await expect(app.panelItems('quote')).toHaveText([QUOTE]);
    // Nothing was acknowledged that is not on disk: the host and the file still hold no span.
    expect((await app.storedDocument(id)).spans).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);

    rmSync(faultSwitch);
    await expect(app.saveState).toHaveText('All changes saved', { timeout: 20_000 });
    expect((await app.storedDocument(id)).spans.map((span) => span.label)).toEqual(['quote']);
    await app.reload();
    await app.openArticle(ARTICLE_WITH_QUOTE);
    await expect(app.panelItems('quote')).toHaveText([QUOTE]);
  });

  faultTest('a read-only data folder: the window says it cannot be written, the change stays unsaved; once writable again it is saved', async ({ app, faultSwitch, dataFolder }) => {
    await app.openArticle(ARTICLE_WITH_QUOTE);
    const id = await app.currentDocumentId();
    const documents = path.join(dataFolder, 'documents');
    // Made read-only for real where permissions bind this process; as root they do not, so the
    // host's fault switch makes every write fail with EROFS, as a read-only mount would.
    const realReadOnly = permissionsBindUs(documents);
    faultTest.info().annotations.push({ type: 'read-only folder', description: realReadOnly ? 'chmod 555 on the documents folder' : 'EROFS from the fault switch (running as root, where chmod does not stop writes)' });
    if (realReadOnly) chmodSync(documents, 0o555);
    else writeFileSync(faultSwitch, 'EROFS');
    try {
      await app.label(QUOTE, '2');
      await expect(app.saveState).toContainText('Not saved — retrying: The data folder cannot be written (read-only or no permission): the change was not saved.');
      await expect(app.saveState).toHaveAttribute('data-pending', '1');
      await expect(app.highlights('quote').first()).toBeVisible();
      await expect(app.panelItems('quote')).toHaveText([QUOTE]);
      expect((await app.storedDocument(id)).spans).toEqual([]);
    } finally {
      if (realReadOnly) chmodSync(documents, 0o755);
      else rmSync(faultSwitch, { force: true });
    }
    await expect(app.saveState).toHaveText('All changes saved', { timeout: 20_000 });
    expect((await app.storedDocument(id)).spans.map((span) => span.label)).toEqual(['quote']);
    accessSync(path.join(documents, `${id}.json`));
  });
});

test.describe('one process per data folder', () => {
  test('a second browser host and the command line on a folder the host holds are refused, naming it', async ({ host, dataFolder }) => {
    const pid = host.process.pid!;
    const holder = new RegExp(`in use by Newsmark browser host \\(process ${pid} on .+, since \\d{4}-\\d{2}-\\d{2}T`);
    const second = spawnSync(process.execPath, [path.join(BUILT_MAIN, 'web.js'), '--data-dir', dataFolder, '--port', '0'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(holder);
    expect(second.stdout).not.toContain('Newsmark running at');
    const cli = spawnSync(process.execPath, [path.join(BUILT_MAIN, 'cli.js'), 'export', '--data-dir', dataFolder, '--out', path.join(dataFolder, 'out.jsonl')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(holder);
    // The first host is unharmed and still answers.
    expect(await callApi<DocumentSummary[]>(host, 'listDocuments', {})).toHaveLength(5);
  });
});
