import type { NewsDocument } from '../shared/model';
import { FindControls } from './pages/FindControls';
import { expect, test } from './support/fixtures';

const WHITE_HOUSE = 'The White House says Biden has agreed to meet with Putin';
const QUOTE = 'We are always ready for diplomacy.';

test.describe('search and filter the library', () => {
  test('a word found only in articles’ text (not titles) lists exactly those articles, ignoring case and accents, with a count and the word marked in a snippet', async ({ app }) => {
    const find = new FindControls(app.page);
    const ids = await app.page.locator('.document-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-document-id')!));
    const documents = await Promise.all(ids.map((id) => app.storedDocument(id)));
    // Accents aside: "Elysee" and "Élysée" are one word to a reader.
    const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
    const occurrences = (text: string) => plain(text).match(/elysee/gi)?.length ?? 0;
    const withWord = (document: NewsDocument) => occurrences(document.text) > 0;
    expect(documents.some((document) => occurrences(document.meta.title) > 0)).toBe(false);
    const expected = documents.filter(withWord);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(documents.length);

    await find.librarySearch.fill('ÉLYSÉE');
    await expect(find.filterSummary).toHaveText(`${expected.length} of ${documents.length} articles`);
    expect(await find.listedTitles()).toEqual(expected.map((document) => document.meta.title));
    for (const document of expected) {
      const row = app.page.locator(`.document-item[data-document-id="${document.id}"]`);
      const count = occurrences(document.text);
      await expect(row.locator('.search-count')).toHaveText(count === 1 ? '1 match' : `${count} matches`);
      await expect(row.locator('.search-snippet mark')).toHaveText(/^[EÉ]lys[eé]e$/);
    }
    // Clicking a hit opens it; clearing the search brings every article back.
    await app.page.locator('.document-item').first().click();
    await expect(app.articleTitle).toHaveText(expected[0]!.meta.title);
    await find.librarySearch.fill('');
    await expect(app.page.locator('.document-item')).toHaveCount(documents.length);
    await find.librarySearch.fill('zebra crossing');
    await expect(app.page.locator('.document-list-empty')).toHaveText('No article matches.');
    expect(app.problems).toEqual([]);
  });

  test('status and label filters narrow the list (any of the statuses pressed, a span of any of the labels pressed)', async ({ app }) => {
    const find = new FindControls(app.page);
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await app.openArticle(/in principle/);
    await app.page.getByRole('radio', { name: 'Done' }).click();
    await app.waitUntilSaved();
    const principle = await app.articleTitle.textContent();
    const whiteHouse = (await app.documentItem(WHITE_HOUSE).locator('.document-title').textContent())!;

    await find.statusFilter('Done').click();
    await expect(find.statusFilter('Done')).toHaveAttribute('aria-pressed', 'true');
    await expect(find.filterSummary).toHaveText('1 of 5 articles');
    expect(await find.listedTitles()).toEqual([principle]);
    await find.statusFilter('In progress').click();
    await expect(find.filterSummary).toHaveText('2 of 5 articles');
    await find.statusFilter('Done').click();
    expect(await find.listedTitles()).toEqual([whiteHouse]);
    await find.statusFilter('In progress').click();
    await expect(app.page.locator('.document-item')).toHaveCount(5);

    await find.labelFilter('quote').click();
    await expect(find.filterSummary).toHaveText('1 of 5 articles');
    expect(await find.listedTitles()).toEqual([whiteHouse]);
    await find.labelFilter('claim').click();
    expect(await find.listedTitles()).toEqual([whiteHouse]);
    await find.labelFilter('quote').click();
    await expect(app.page.locator('.document-list-empty')).toHaveText('No article matches.');
    // A search combines with the filters.
    await find.labelFilter('claim').click();
    await find.statusFilter('To do').click();
    await find.librarySearch.fill('Blinken');
    await expect(find.filterSummary).toHaveText(/^\d of 5 articles$/);
    const listed = await find.listedTitles();
    expect(listed).not.toContain(principle);
    expect(listed).not.toContain(whiteHouse);
    expect(listed.length).toBeGreaterThan(0);
  });
});

test.describe('find in the article', () => {
  test('Ctrl+F opens the find bar; matches are marked, Enter and Shift+Enter move between them ("2 of N"), Escape closes it and gives focus back', async ({ app }) => {
    const find = new FindControls(app.page);
    await app.openArticle(WHITE_HOUSE);
    const text = (await app.storedDocument(await app.currentDocumentId())).text;
    const expected = text.match(/russia/gi)!.length;
    expect(expected).toBeGreaterThan(2);

    const doneButton = app.page.getByRole('radio', { name: 'Done' });
    await doneButton.focus();
    await app.page.keyboard.press('Control+f');
    await expect(find.findInput).toBeFocused();
    await app.page.keyboard.type('RUSSIA');
    await expect(find.findCount).toHaveText(`1 of ${expected}`);
    await expect(find.findMatches).toHaveCount(expected);
    await expect(find.activeFindMatch).toHaveAttribute('data-find-index', '0');
    await expect(find.activeFindMatch).toHaveText('Russia');

    await app.page.keyboard.press('Enter');
    await expect(find.findCount).toHaveText(`2 of ${expected}`);
    await expect(find.activeFindMatch).toHaveAttribute('data-find-index', '1');
    await expect(find.activeFindMatch).toBeInViewport();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Shift+Enter');
    await expect(find.findCount).toHaveText(`2 of ${expected}`);
    await app.page.keyboard.press('Shift+Enter');
    await app.page.keyboard.press('Shift+Enter');
    await expect(find.findCount).toHaveText(`${expected} of ${expected}`);
    // Typing in the find bar labels nothing, even label keys.
    await app.page.keyboard.press('2');
    await expect(find.findCount).toHaveText('No matches');
    await expect(find.findMatches).toHaveCount(0);
    expect((await app.storedDocument(await app.currentDocumentId())).spans).toEqual([]);

    await app.page.keyboard.press('Backspace');
    await expect(find.findMatches).toHaveCount(expected);
    await app.page.keyboard.press('Escape');
    await expect(find.findBar).toHaveCount(0);
    await expect(find.findMatches).toHaveCount(0);
    await expect(doneButton).toBeFocused();
    expect(app.problems).toEqual([]);
  });

  test('find starts from the caret: the first match after where the user clicked, round to the first', async ({ app }) => {
    const find = new FindControls(app.page);
    await app.openArticle(WHITE_HOUSE);
    const text = (await app.storedDocument(await app.currentDocumentId())).text;
    const expected = text.match(/Russia/g)!.length;
    expect(expected).toBeGreaterThan(2);

    // The caret just inside the end of the second "Russia": the next match is the third.
    const points = await app.textPoints('Russia', 1);
    await app.page.mouse.click(points.x2, points.y2);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.type('Russia');
    await expect(find.findCount).toHaveText(`3 of ${expected}`);
    await expect(find.activeFindMatch).toHaveAttribute('data-find-index', '2');
    await app.page.keyboard.press('Escape');

    // After the last match, round to the first.
    const last = await app.textPoints('Russia', expected - 1);
    await app.page.mouse.click(last.x2, last.y2);
    await app.page.keyboard.press('Control+f');
    await app.page.keyboard.type('Russia');
    await expect(find.findCount).toHaveText(`1 of ${expected}`);
    expect(app.problems).toEqual([]);
  });

  test('letters typed at once after Ctrl+F go to the field, not to the window’s keys, while the bar is still opening', async ({ app }) => {
    const find = new FindControls(app.page);
    await app.openArticle(WHITE_HOUSE);
    const expected = (await app.storedDocument(await app.currentDocumentId())).text.match(/Russia/g)!.length;
    // A slow machine: the frame in which the bar takes focus comes 300 ms after the key.
    await app.page.evaluate(() => {
      const nextFrame = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (callback) => window.setTimeout(() => nextFrame(callback), 300);
    });
    await app.page.keyboard.press('Control+f');
    // "s" (story view) and "a" (accept a suggestion) are the window's keys once the field is not focused.
    await app.page.keyboard.type('Russia');
    await expect(find.findInput).toHaveValue('Russia');
    await expect(find.findInput).toBeFocused();
    await expect(find.findCount).toHaveText(`1 of ${expected}`);
    await app.page.keyboard.type(' and');
    await expect(find.findInput).toHaveValue('Russia and');
    expect(app.problems).toEqual([]);
  });

  test('the find bar stays open across articles and finds again in each; find highlights and span highlights show together', async ({ app }) => {
    const find = new FindControls(app.page);
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await app.page.keyboard.press('Control+f');
    // Letters typed before the field has focus would be the window's keys (d: done, p: previous).
    await expect(find.findInput).toBeFocused();
    await app.page.keyboard.type('diplomacy');
    await expect(find.findMatches.first()).toBeVisible();
    // The match inside the quote is both marked and highlighted.
    await expect(app.page.locator('.nm-hl[data-label="quote"] .nm-find, .nm-find .nm-hl[data-label="quote"]').first()).toBeVisible();
    await app.page.locator('.document-item').nth(3).click();
    const text = (await app.storedDocument(await app.currentDocumentId())).text;
    const count = (text.match(/diplomacy/gi) ?? []).length;
    await expect(find.findCount).toHaveText(count === 0 ? 'No matches' : `1 of ${count}`);
    await expect(find.findMatches).toHaveCount(count);
  });
});

test.describe('a long document list', () => {
  const ARTICLES = Array.from({ length: 300 }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    return { name: `a${number}.txt`, text: `Article ${number}\n\nA body about topic ${number}, with a quote or two.` };
  });
  test.use({ library: { articles: ARTICLES } });

  test('draws only the rows on screen, and is one tab stop where ↑/↓, Home/End move and Enter opens', async ({ app }) => {
    const find = new FindControls(app.page);
    await expect(find.filterSummary).toHaveText('');
    const drawn = await app.page.locator('.document-item').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    await expect(app.page.locator('.progress')).toContainText('0 / 300 done');

    // Tab from the last filter reaches the list.
    await find.labelFilter('attribution').focus();
    await app.page.keyboard.press('Tab');
    await expect(find.listbox).toBeFocused();
    await app.page.keyboard.press('End');
    const last = app.page.locator('.document-item[data-document-id="a300"]');
    await expect(last).toHaveClass(/active/);
    await expect(last).toBeInViewport();
    await expect(find.listbox).toHaveAttribute('aria-activedescendant', 'document-option-a300');
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('Enter');
    await expect(app.articleTitle).toHaveText('Article 299');
    await expect(app.page.locator('.document-item[data-document-id="a299"]')).toHaveAttribute('aria-selected', 'true');
    expect(await app.page.locator('.document-item').count()).toBeLessThan(60);

    await app.page.keyboard.press('Home');
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('Enter');
    await expect(app.articleTitle).toHaveText('Article 002');
    // n moves to the next article and the list follows it.
    await app.page.keyboard.press('n');
    await expect(app.articleTitle).toHaveText('Article 003');
    await expect(app.page.locator('.document-item.current')).toHaveAttribute('data-document-id', 'a003');

    await find.librarySearch.fill('topic 150');
    await expect(find.filterSummary).toHaveText('1 of 300 articles');
    expect(await find.listedTitles()).toEqual(['Article 150']);
    // A query every article matches: the first screen of hits comes first with the number in all, the rest page by page.
    await find.librarySearch.fill('topic');
    await expect(find.filterSummary).toHaveText('300 of 300 articles');
    await find.listbox.focus();
    const lastHit = app.page.locator('.document-item[data-document-id="a300"]');
    // End reaches the last row once its page has come (a row not fetched yet cannot be made active).
    await expect(async () => {
      await app.page.keyboard.press('End');
      await expect(lastHit).toBeInViewport({ timeout: 500 });
    }).toPass();
    await expect(lastHit.locator('.search-count')).toHaveText('1 match');
    expect(app.problems).toEqual([]);
  });
});
