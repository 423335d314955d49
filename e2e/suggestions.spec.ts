import type { ExportRecord } from '../shared/exportRecord';
import type { NewsDocument } from '../shared/model';
import type { SuggestionCounts } from '../shared/suggestions/decisions';
import { callApi } from './support/browserHostProcess';
import { expect, test } from './support/fixtures';
import type { NewsmarkPage } from './pages/NewsmarkPage';

// Sample article 003, as the rules read it (shared/suggestions): each of these is suggested.
const TITLE = 'White House says Biden has agreed to meet with Putin ‘in principle’';
const ACCEPTED = 'the White House said late Sunday';
const REJECTED = 'US officials have said';
const ACCORDING_TO = 'according to press secretary Jen Psaki';
const REPORTED = 'would occur after US Secretary of State Antony Blinken and Russian Foreign Minister Sergey Lavrov meet on February 24';

/**
 * The suggestion drawn over `text` (its first appearance in the article), by its key's range:
 * its text may be split over several elements (the caret is drawn inside it).
 */
async function suggestionLocator(app: NewsmarkPage, documentId: string) {
  const article = (await app.storedDocument(documentId)).text;
  return (text: string) => {
    const start = article.indexOf(text);
    if (start < 0) throw new Error(`"${text}" is not in the article`);
    return app.page.locator(`.nm-sugg[data-suggestion-key$=":${start}-${start + text.length}"]`);
  };
}

/** Clicks in the middle of `text` in the article: the caret goes there, and a suggestion there shows its control. */
async function clickInto(app: NewsmarkPage, text: string): Promise<void> {
  const points = await app.textPoints(text);
  await app.page.mouse.click((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2);
}

/** Spans of the stored article as `label "text"` (with `@speaker`), in order. */
function spansOf(document: NewsDocument): string[] {
  return document.spans.map((span) => `${span.label} "${document.text.slice(span.start, span.end)}"${span.speaker ? ` @${span.speaker}` : ''}`);
}

/**
 * The stored article's spans (see spansOf) and its links as `quote "…" → attribution "…"`, asked
 * again until it matches (the window sends a change's operations one after another).
 */
function stored(app: NewsmarkPage, id: string) {
  return expect.poll(async () => {
    const document = await app.storedDocument(id);
    const text = (spanId: string) => spansOf({ ...document, spans: document.spans.filter((span) => span.id === spanId) })[0];
    return [...spansOf(document), ...document.relations.map((relation) => `${text(relation.headId)} → ${text(relation.childId)}`)];
  });
}

test.describe('suggestions in the article', () => {
  test('shown dashed and apart from spans; one accepted by key is exported, one rejected is gone from view and export; undo removes the accepted span and un-counts it', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    const id = await app.currentDocumentId();
    const suggestion = await suggestionLocator(app, id);
    await expect(suggestion(ACCEPTED).first()).toBeVisible();
    const drawn = await page.locator('.nm-sugg').count();
    expect(drawn).toBeGreaterThan(20);
    // Dashed, in the label's colour; not spans: none listed, none counted, no highlight.
    await expect(suggestion(ACCEPTED).first()).toHaveCSS('outline-style', 'dashed');
    await expect(suggestion(ACCEPTED).first()).toHaveAttribute('data-label', 'attribution');
    await expect(page.locator('.span-item')).toHaveCount(0);
    await expect(app.highlights()).toHaveCount(0);
    await expect(app.documentItem(TITLE).locator('.count-chip')).toHaveCount(0);

    // Accept by key: the caret in it, `a`.
    await clickInto(app, ACCEPTED);
    await expect(page.getByRole('dialog', { name: 'Suggested attribution' })).toBeVisible();
    await page.keyboard.press('a');
    await expect(suggestion(ACCEPTED)).toHaveCount(0);
    await expect(app.highlights('attribution')).not.toHaveCount(0);
    await expect(app.panelItems('attribution')).toHaveCount(1);

    // Reject by key: gone from the view, and still gone after a reload. Escape puts the control
    // away; the suggestion under the caret stays marked as the one the keys act on.
    await clickInto(app, REJECTED);
    await expect(page.locator('.suggestion-card')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.suggestion-card')).toHaveCount(0);
    await expect(suggestion(REJECTED).first()).toHaveClass(/nm-sugg-active/);
    await page.keyboard.press('r');
    await expect(suggestion(REJECTED)).toHaveCount(0);
    await expect(page.locator('.nm-sugg')).toHaveCount(drawn - 2);
    await stored(app, id).toEqual([`attribution "${ACCEPTED}" @White House`]);
    await app.waitUntilSaved();

    const { records } = await app.exportViaButton();
    const record = records.find((each: ExportRecord) => each.id === id)!;
    expect(record.spans.map((span) => `${span.label} "${span.text}"`)).toEqual([`attribution "${ACCEPTED}"`]);
    expect(JSON.stringify(records)).not.toContain(`"text":"${REJECTED}"`);

    await expect.poll(async () => (await callApi<SuggestionCounts>(app.host, 'suggestionStats', {}))['attribution.speech-verb']).toEqual({ accepted: 1, rejected: 1 });
    // Undo removes the accepted span; the suggestion is back, and its accept is no longer counted.
    await page.keyboard.press('Control+z');
    await stored(app, id).toEqual([]);
    await expect(suggestion(ACCEPTED).first()).toBeVisible();
    await expect.poll(async () => (await callApi<SuggestionCounts>(app.host, 'suggestionStats', {}))['attribution.speech-verb']).toEqual({ accepted: 0, rejected: 1 });

    await app.reload();
    await app.openArticle(TITLE);
    await expect(suggestion(ACCEPTED).first()).toBeVisible();
    await expect(suggestion(REJECTED)).toHaveCount(0);
    expect(app.problems).toEqual([]);
  });

  test('a clicked suggestion shows its suggested link; accepting it makes both ends (speaker filled) and the link as one undoable change; Shift+A takes a paragraph at once', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    const id = await app.currentDocumentId();
    const suggestion = await suggestionLocator(app, id);
    await clickInto(app, ACCORDING_TO);
    const card = page.getByRole('dialog', { name: 'Suggested attribution' });
    await expect(card).toContainText('Jen Psaki');
    await expect(card.locator('.suggested-link')).toContainText('attribution of quote');
    // The quote suggested as linked to it is marked.
    await expect(suggestion(REPORTED).first()).toHaveClass(/nm-sugg-partner/);
    await card.getByRole('button', { name: 'Accept with link' }).click();
    const attribution = `attribution "${ACCORDING_TO}" @Jen Psaki`;
    const quote = `quote "${REPORTED}"`;
    await stored(app, id).toEqual([attribution, quote, `${quote} → ${attribution}`]);
    expect((await app.storedDocument(id)).relations.map((relation) => relation.label)).toEqual(['attributed_to']);
    await page.keyboard.press('Control+z');
    await stored(app, id).toEqual([]);
    await expect(suggestion(ACCORDING_TO).first()).toBeVisible();
    await expect(card).toHaveCount(0);

    // Shift+A: every suggestion of the paragraph holding the caret, one undo step.
    const paragraphSuggestions = await page
      .locator('p', { has: suggestion(ACCEPTED) })
      .locator('.nm-sugg')
      .evaluateAll((elements) => new Set(elements.map((element) => (element as HTMLElement).dataset.suggestionKey)).size);
    expect(paragraphSuggestions).toBeGreaterThan(1);
    await clickInto(app, ACCEPTED);
    await page.keyboard.press('Shift+A');
    await expect.poll(async () => (await app.storedDocument(id)).spans.length).toBe(paragraphSuggestions);
    await expect(page.locator('p', { has: page.locator('.nm-hl') }).locator('.nm-sugg')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await stored(app, id).toEqual([]);
    expect(app.problems).toEqual([]);
  });

  test('keyboard only: the caret moved into a suggestion marks it, a accepts it', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    const id = await app.currentDocumentId();
    const suggestion = await suggestionLocator(app, id);
    await expect(suggestion('White House says').first()).toBeVisible();
    await page.locator('.article-scroll').focus();
    // "Skip to Content\n\nWhite House says …": four words on, the caret is inside "White".
    for (let word = 0; word < 4; word++) await page.keyboard.press('Control+ArrowRight');
    await expect(suggestion('White House says').first()).toHaveClass(/nm-sugg-active/);
    await page.keyboard.press('a');
    await stored(app, id).toEqual(['attribution "White House says" @White House']);
  });

  test('the Suggestions view counts accepted and rejected suggestions per rule', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    await clickInto(app, REJECTED);
    await page.keyboard.press('r');
    await clickInto(app, ACCEPTED);
    await page.keyboard.press('a');
    await app.waitUntilSaved();
    await page.locator('.view-tab[data-view="suggestions"]').click();
    const row = page.locator('.suggestion-stats tr[data-rule="attribution.speech-verb"]');
    await expect(row.locator('[data-count="accepted"]')).toHaveText('1');
    await expect(row.locator('[data-count="rejected"]')).toHaveText('1');
    await expect(page.locator('.suggestion-stats tr[data-rule="quote.direct"] [data-count="accepted"]')).toHaveText('0');
  });
});
