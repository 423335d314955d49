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

  test('grants the page clipboard writes (Copy list) and nothing else; builds the platform’s menu; names its data folder Newsmark', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [REPO_ROOT, '--data-dir', folder] });
    try {
      const window = await app.firstWindow();
      await window.locator('.article-text').waitFor();
      // permissions.query asks the session's permission check handler, without needing focus.
      const states = await window.evaluate(async () => {
        const state = async (name: string) => (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state;
        return { write: await state('clipboard-write'), read: await state('clipboard-read'), notifications: await state('notifications') };
      });
      expect(states).toEqual({ write: 'granted', read: 'denied', notifications: 'denied' });
      const shell = await app.evaluate(({ app: electronApp, Menu }) => ({
        menus: Menu.getApplicationMenu()!.items.map((item) => item.label),
        edit: Menu.getApplicationMenu()!.items.find((item) => item.label === 'Edit')!.submenu!.items.filter((item) => item.type !== 'separator').map((item) => (item.role ? `role:${item.role.toLowerCase()}` : item.label)),
        userData: electronApp.getPath('userData'),
      }));
      expect(shell.menus).toEqual(process.platform === 'darwin' ? ['Newsmark', 'File', 'Edit', 'View', 'Window'] : ['File', 'Edit', 'View']);
      expect(shell.edit).toEqual(['Undo', 'Redo', 'role:cut', 'role:copy', 'role:paste', 'role:selectall']);
      expect(path.basename(shell.userData)).toBe('Newsmark');
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
