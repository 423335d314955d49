import type { Page } from '@playwright/test';
import { NewsmarkPage } from './pages/NewsmarkPage';
import { expect, test } from './support/fixtures';

const WHITE_HOUSE = 'The White House says Biden has agreed to meet with Putin';
const ATTRIBUTION = 'Psaki said in a statement';

/** Labels the attribution and types its speaker (Enter to the field, Enter to save); returns the span's id. */
async function attributionWithSpeaker(app: NewsmarkPage, speaker: string): Promise<string> {
  const { page } = app;
  await app.label(ATTRIBUTION, '3');
  await expect(page.locator('.speaker-input')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.speaker-input')).toBeFocused();
  await page.keyboard.type(speaker);
  await page.keyboard.press('Enter');
  await app.waitUntilSaved();
  return (await app.storedDocument(await app.currentDocumentId())).spans[0]!.id;
}

async function storedSpan(app: NewsmarkPage) {
  return (await app.storedDocument(await app.currentDocumentId())).spans[0]!;
}

/** The window was left and came back to (what makes it look for changes made elsewhere). */
async function returnTo(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

test.describe('the span panel shows what is stored', () => {
  test('the speaker field after undo and redo', async ({ app }) => {
    const { page } = app;
    await app.openArticle(WHITE_HOUSE);
    await attributionWithSpeaker(app, 'Jen Psaki');
    await expect(page.locator('.span-item').first()).toContainText('Jen Psaki');

    await page.keyboard.press('Control+z');
    await app.waitUntilSaved();
    expect((await storedSpan(app)).speaker).toBeUndefined();
    await expect(page.locator('.speaker-input')).toHaveValue('');
    await expect(page.locator('.span-item').first()).not.toContainText('Jen Psaki');

    await page.keyboard.press('Control+Shift+z');
    await app.waitUntilSaved();
    expect((await storedSpan(app)).speaker).toBe('Jen Psaki');
    await expect(page.locator('.speaker-input')).toHaveValue('Jen Psaki');
  });

  test('the note field after undo and redo', async ({ app }) => {
    const { page } = app;
    await app.openArticle(WHITE_HOUSE);
    await app.label(ATTRIBUTION, '3');
    await page.locator('.note-input').fill('check the wording');
    await page.locator('.note-input').press('Control+Enter');
    await app.waitUntilSaved();
    expect((await storedSpan(app)).note).toBe('check the wording');

    await page.keyboard.press('Control+z');
    await app.waitUntilSaved();
    expect((await storedSpan(app)).note).toBeUndefined();
    await expect(page.locator('.note-input')).toHaveValue('');

    await page.keyboard.press('Control+Shift+z');
    await app.waitUntilSaved();
    expect((await storedSpan(app)).note).toBe('check the wording');
    await expect(page.locator('.note-input')).toHaveValue('check the wording');
  });

  test('the speaker field after a change in another window, and after a reload', async ({ app, host, context }) => {
    const { page } = app;
    await app.openArticle(WHITE_HOUSE);
    const spanId = await attributionWithSpeaker(app, 'Jen Psaki');

    // A second window on the same host changes the speaker.
    const other = new NewsmarkPage(await context.newPage(), host);
    await other.open();
    await other.openArticle(WHITE_HOUSE);
    await other.highlight(spanId).click();
    await expect(other.page.locator('.speaker-input')).toHaveValue('Jen Psaki');
    await other.page.locator('.speaker-input').fill('Karine Jean-Pierre');
    await other.page.locator('.speaker-input').press('Enter');
    await other.waitUntilSaved();
    expect((await storedSpan(app)).speaker).toBe('Karine Jean-Pierre');

    await returnTo(page);
    await expect(page.locator('.speaker-input')).toHaveValue('Karine Jean-Pierre');
    await expect(page.locator('.span-item').first()).toContainText('Karine Jean-Pierre');

    await app.reload();
    await app.highlight(spanId).click();
    await expect(page.locator('.speaker-input')).toHaveValue('Karine Jean-Pierre');
    expect(other.problems).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
