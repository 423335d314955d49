import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../electron/electronBinary';
import { REPO_ROOT } from './support/browserHostProcess';

const binary = findElectronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'no Electron binary');

  test('opens a secure window listing the sample corpus and labels a selection', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [REPO_ROOT, '--data-dir', folder] });
    try {
      const window = await app.firstWindow();
      await window.locator('.article-text').waitFor();
      await expect(window.locator('.document-item')).toHaveCount(5);
      const preferences = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        const prefs = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
        return { contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration, url: contents.getURL() };
      });
      expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(preferences.url.startsWith('newsmark://app/')).toBe(true);
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      await window.locator('.article-text p').first().dblclick();
      await window.keyboard.press('2');
      await expect(window.locator('.nm-hl[data-label="quote"]').first()).toBeVisible();
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
