import { FindControls } from './pages/FindControls';
import { SettingsDialog } from './pages/SettingsDialog';
import { expect, test } from './support/fixtures';

/** Issue 13's small things: done and next, n and p under the list's filters, the settings dialog and the default colours. */
test.describe('moving through the list', () => {
  test('Shift+D and the "Done & next" button mark the article done and open the next one; ? lists the key', async ({ app }) => {
    const { page } = app;
    const find = new FindControls(page);
    const titles = await find.listedTitles();
    await app.openArticle(titles[0]!);
    const first = await app.currentDocumentId();

    await app.articleText.click();
    await page.keyboard.press('Shift+D');
    await expect(app.articleTitle).toHaveText(titles[1]!);
    await app.waitUntilSaved();
    expect((await app.storedDocument(first)).status).toBe('done');

    const second = await app.currentDocumentId();
    await page.getByRole('button', { name: /Done & next/ }).click();
    await expect(app.articleTitle).toHaveText(titles[2]!);
    await app.waitUntilSaved();
    expect((await app.storedDocument(second)).status).toBe('done');

    await page.keyboard.press('?');
    await expect(page.getByText('Mark the article done and open the next one of the list')).toBeVisible();
    expect(app.problems).toEqual([]);
  });

  test('n and p follow the list as its filters narrow it', async ({ app }) => {
    const { page } = app;
    const find = new FindControls(page);
    const titles = await find.listedTitles();
    // The second article is done; the list then shows only what is to do.
    await app.openArticle(titles[1]!);
    await page.getByRole('radio', { name: 'Done' }).click();
    await app.waitUntilSaved();
    await app.openArticle(titles[0]!);
    await find.statusFilter('To do').click();
    await expect(find.filterSummary).toHaveText(`${titles.length - 1} of ${titles.length} articles`);

    await app.articleText.click();
    await page.keyboard.press('n');
    await expect(app.articleTitle).toHaveText(titles[2]!);
    await page.keyboard.press('p');
    await expect(app.articleTitle).toHaveText(titles[0]!);

    // Marked done (so hidden by the filter), the open article still moves on to the next shown one.
    await page.keyboard.press('d');
    await expect(find.filterSummary).toHaveText(`${titles.length - 2} of ${titles.length} articles`);
    await page.keyboard.press('n');
    await expect(app.articleTitle).toHaveText(titles[2]!);
    expect(app.problems).toEqual([]);
  });
});

test.describe('the settings dialog', () => {
  test('the default label colours pass the dialog’s own contrast check', async ({ app }) => {
    const settings = new SettingsDialog(app.page);
    await settings.open();
    for (const name of ['claim', 'quote', 'attribution']) {
      await expect(settings.row(name).locator('.contrast-report')).not.toContainText('faint');
    }
    await expect(settings.dialog.locator('.contrast-report.warn')).toHaveCount(0);
  });

  test('Save and Cancel stay in view with more labels than fit', async ({ app }) => {
    await app.page.setViewportSize({ width: 1000, height: 600 });
    const settings = new SettingsDialog(app.page);
    await settings.open();
    for (let added = 0; added < 3; added++) await settings.dialog.getByRole('button', { name: 'Add a label' }).click();
    await expect(settings.dialog.locator('.label-row')).toHaveCount(6);
    await expect(settings.saveButton).toBeInViewport({ ratio: 1 });
    await expect(settings.dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
  });
});

test.describe('link mode', () => {
  const WHITE_HOUSE = 'The White House says Biden has agreed to meet with Putin';
  const QUOTE = 'We are always ready for diplomacy.';
  const ATTRIBUTION = 'Psaki said in a statement';

  test('the link banner lies over the article without moving it, and the label card under the pointer goes', async ({ app }) => {
    const { page } = app;
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await app.label(ATTRIBUTION, '3');
    await app.highlights('quote').first().hover();
    await expect(page.locator('.hover-card')).toBeVisible();
    // The article's box (its text may scroll to the link's candidate, which is another matter).
    const scroller = page.locator('.article-scroll');
    const before = await scroller.boundingBox();

    await page.keyboard.press('l');
    await expect(page.locator('.link-banner')).toBeVisible();
    await expect(page.locator('.hover-card')).toHaveCount(0);
    expect(await scroller.boundingBox()).toEqual(before);

    await page.keyboard.press('Escape');
    await expect(page.locator('.link-banner')).toHaveCount(0);
    expect(await scroller.boundingBox()).toEqual(before);
    expect(app.problems).toEqual([]);
  });
});
