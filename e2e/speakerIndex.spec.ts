import type { NewsDocument } from '../shared/model';
import { callApi } from './support/browserHostProcess';
import { expect, test } from './support/fixtures';
import { ARTICLE_001, ARTICLE_003, labelWithSpeaker, QUOTE_001, QUOTE_003, SpeakerViews } from './pages/speakerViews';

/** A stored span's speaker and its first wording, in one line: "Jen Psaki (was Psaki)". */
async function storedSpeaker(host: Parameters<typeof callApi>[0], documentId: string, spanId: string): Promise<string> {
  const span = (await callApi<NewsDocument>(host, 'getDocument', { id: documentId })).spans.find((each) => each.id === spanId);
  return `${span?.speaker ?? '-'}${span?.speakerOriginal ? ` (was ${span.speakerOriginal})` : ''}`;
}

test.describe('The speaker index and the drift report (sample corpus)', () => {
  test('merges "Psaki" and "Jen Psaki" as one change that one undo reverses; merged again, the export carries the merged name and the original wording', async ({ app, host }) => {
    const { page } = app;
    const views = new SpeakerViews(page);
    await labelWithSpeaker(host, ARTICLE_003, QUOTE_003, 'quote', 'Psaki', 'q003');
    await labelWithSpeaker(host, ARTICLE_001, QUOTE_001, 'quote', 'Jen Psaki', 'q001');
    await app.reload();
    // 003 is open, so this window holds its copy: it must not show the old speaker afterwards.
    await page.locator(`.document-item[data-document-id="${ARTICLE_003}"]`).click();
    await app.highlight('q003').waitFor();

    await views.showSpeakers();
    expect(await views.speakerNames()).toEqual(['Jen Psaki', 'Psaki']);
    await views.filter.fill('jen');
    expect(await views.speakerNames()).toEqual(['Jen Psaki']);
    await views.filter.fill('');

    await views.merge(['Psaki', 'Jen Psaki'], 'Jen Psaki');
    expect(await views.speakerNames()).toEqual(['Jen Psaki']);
    const merged = views.card('Jen Psaki');
    await expect(merged.locator('.speaker-counts')).toHaveText('2 spans · 2 articles · 1 distinct quote');
    await expect(merged.locator('.group-count')).toHaveText('told 2 times');
    await expect(merged.locator('.quote-original')).toHaveText('written “Psaki”');
    expect(await storedSpeaker(host, ARTICLE_003, 'q003')).toBe('Jen Psaki (was Psaki)');
    await expect(views.undoButton).toHaveAttribute('title', 'Undo merging Psaki, Jen Psaki into Jen Psaki (Ctrl/⌘+Z)');

    // One undo, from the keyboard, puts both back.
    await page.locator('.speaker-index h2').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => views.speakerNames()).toEqual(['Jen Psaki', 'Psaki']);
    expect(await storedSpeaker(host, ARTICLE_003, 'q003')).toBe('Psaki');
    expect(await storedSpeaker(host, ARTICLE_001, 'q001')).toBe('Jen Psaki');
    // Redo and undo by the buttons.
    await views.redoButton.click();
    await expect.poll(() => views.speakerNames()).toEqual(['Jen Psaki']);
    await views.undoButton.click();
    await expect.poll(() => views.speakerNames()).toEqual(['Jen Psaki', 'Psaki']);
    await expect(views.undoButton).toBeDisabled();

    // Merged again; clicking the quote opens 003 at it, showing the merged name.
    await views.merge(['Psaki', 'Jen Psaki'], 'Jen Psaki');
    await views.card('Jen Psaki').locator('.speaker-quote', { hasText: 'swift' }).click();
    await expect(app.articleTitle).toBeVisible();
    expect(await app.currentDocumentId()).toBe(ARTICLE_003);
    await expect(page.locator('.speaker-input')).toHaveValue('Jen Psaki');
    await expect(page.locator('.span-item[data-span-id="q003"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(app.highlight('q003')).toBeInViewport();

    const { records } = await app.exportViaButton();
    const spans = records.flatMap((record) => record.spans.map((span) => `${record.id}: ${span.text} — ${span.speaker} (was ${span.speaker_original ?? '-'})`));
    expect(spans).toEqual([`${ARTICLE_001}: ${QUOTE_001} — Jen Psaki (was -)`, `${ARTICLE_003}: ${QUOTE_003} — Jen Psaki (was Psaki)`]);
    expect(app.problems).toEqual([]);
  });

  test('the drift view shows the 003/001 quote with ready/prepared and swift/rapid marked; clicking a side opens that article there', async ({ app }) => {
    const views = new SpeakerViews(app.page);
    await views.showDrift();
    const card = views.driftCard(ARTICLE_003, ARTICLE_001).filter({ hasText: 'swift' }).first();
    await expect(card).toBeVisible();
    const side = (documentId: string) => card.locator(`.drift-side[data-document="${documentId}"]`);
    const replaced = (documentId: string) => side(documentId).locator('mark.word-replace').allTextContents();
    expect(await replaced(ARTICLE_003)).toEqual(expect.arrayContaining(['ready', 'swift']));
    expect(await replaced(ARTICLE_001)).toEqual(expect.arrayContaining(['prepared', 'rapid']));
    await expect(side(ARTICLE_003).locator('mark.word-replace', { hasText: 'ready' })).toHaveAttribute('title', /“prepared”/);

    const passage = await side(ARTICLE_001).locator('.quote-text').textContent();
    await side(ARTICLE_001).click();
    await expect(app.articleText).toContainText('prepared to impose rapid');
    expect(await app.currentDocumentId()).toBe(ARTICLE_001);
    // The passage is selected with the keyboard caret (a label key would label it), in view.
    await expect.poll(async () => (await app.page.locator('.nm-kbd-selection').allTextContents()).join('')).toBe(passage);
    await expect(app.page.locator('.nm-kbd-selection').first()).toBeInViewport();
    expect(app.problems).toEqual([]);
  });
});
