import type { Page } from '@playwright/test';
import type { ExportRecord } from '../shared/exportRecord';
import { COMMANDS, chordLabel } from '../renderer/src/keyMap';
import { callApi } from './support/browserHostProcess';
import { expect, test } from './support/fixtures';
import type { NewsmarkPage } from './pages/NewsmarkPage';

const TITLE = 'Talks resume in Geneva';
const QUOTE = '“We are ready to talk,”';
const ATTRIBUTION = 'Psaki said';
const BODY = `${QUOTE} ${ATTRIBUTION} on Sunday. The ministry denied it. 👍🏽 Lavrov told reporters the troops would stay.`;
const OTHER_TITLE = 'Ministers meet again';

test.use({
  library: {
    articles: [
      { name: 'geneva.txt', text: `${TITLE}\n${BODY}\n` },
      { name: 'ministers.txt', text: `${OTHER_TITLE}\nThe minister said nothing new, aides reported.\n` },
    ],
  },
});

/** Presses each key in turn. */
async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

/** The one exported record of the Geneva article. */
async function exported(app: NewsmarkPage): Promise<{ line: string; record: ExportRecord }> {
  await app.waitUntilSaved();
  const { content } = await app.exportViaButton();
  const line = content.split('\n').find((each) => each.includes(TITLE))!;
  return { line, record: JSON.parse(line) as ExportRecord };
}

test.describe('annotation depth', () => {
  test('keyboard only: a quote, an attribution with its speaker, the link between them and the status, exported with the relation', async ({ app }) => {
    const { page } = app;
    const selectedText = page.locator('.span-details .span-text');
    await app.openArticle(TITLE);
    await page.locator('.article-scroll').focus();
    // From the start: to the end of the title's sentence, onto the next line, then word by word.
    await press(page, 'Control+ArrowDown', 'ArrowRight');
    await press(page, ...Array<string>(5).fill('Control+Shift+ArrowRight'), 'Shift+ArrowRight', 'Shift+ArrowRight');
    expect((await page.locator('.nm-kbd-selection').allTextContents()).join('')).toBe(QUOTE);
    await press(page, '2');
    await expect(selectedText).toHaveText(QUOTE);
    // Escape deselects; the caret goes on from the quote's end.
    await press(page, 'Escape', 'ArrowRight', 'Control+Shift+ArrowRight', 'Control+Shift+ArrowRight', '3');
    await expect(selectedText).toHaveText(ATTRIBUTION);
    await expect(page.locator('.span-details .label-name')).toHaveText('attribution');
    // Back to the quote, link mode, the nearest attribution is the candidate, Enter links.
    await press(page, 'Shift+Tab');
    await expect(page.locator('.span-details .span-text')).toHaveText(QUOTE);
    await press(page, 'l');
    await expect(page.locator('.link-banner')).toContainText(ATTRIBUTION);
    await press(page, 'Enter');
    await expect(page.locator('.link-item')).toHaveCount(1);
    await expect(page.locator('.link-item .link-direction')).toHaveText('attributed to');
    // The attribution's speaker, typed into its field reached with Enter.
    await press(page, 'Tab');
    await expect(page.locator('.span-details .span-text')).toHaveText(ATTRIBUTION);
    await press(page, 'Enter');
    await expect(page.locator('.speaker-input')).toBeFocused();
    await page.keyboard.type('Jen Psaki');
    await press(page, 'Enter', 'd');
    await expect(page.locator('.status-option.active')).toHaveText('Done');

    const { record } = await exported(app);
    expect(record.status).toBe('done');
    const quote = record.spans.find((span) => span.label === 'quote')!;
    const attribution = record.spans.find((span) => span.label === 'attribution')!;
    expect([quote.text, attribution.text, attribution.speaker]).toEqual([QUOTE, ATTRIBUTION, 'Jen Psaki']);
    // Code points: the title line and its newline come first.
    expect([quote.start, quote.end]).toEqual([TITLE.length + 1, TITLE.length + 1 + [...QUOTE].length]);
    expect(record.relations).toEqual([
      {
        id: expect.any(String),
        label: 'attributed_to',
        head_id: quote.id,
        child_id: attribution.id,
        head_span: { start: quote.start, end: quote.end, label: 'quote' },
        child_span: { start: attribution.start, end: attribution.end, label: 'attribution' },
      },
    ]);
  });

  test('undo restores the export byte for byte after each kind of change, and redo makes it again', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    const original = (await exported(app)).line;

    /** Makes a change, checks it changed the export, undoes it (Ctrl+Z) and redoes it (Ctrl+Shift+Z). */
    const undoable = async (name: string, makeChange: () => Promise<void>) => {
      const before = (await exported(app)).line;
      await page.locator('.article-scroll').focus();
      await makeChange();
      const after = (await exported(app)).line;
      expect(after, `${name} changes the export`).not.toBe(before);
      await page.locator('.article-scroll').focus();
      await press(page, 'Control+z');
      expect((await exported(app)).line, `undoing ${name}`).toBe(before);
      await press(page, 'Control+Shift+z');
      expect((await exported(app)).line, `redoing ${name}`).toBe(after);
    };

    await undoable('create', () => app.label(QUOTE, '2'));
    await undoable('create attribution', () => app.label(ATTRIBUTION, '3'));
    await app.highlights('quote').first().click();
    await undoable('relabel', () => press(page, '1'));
    await undoable('resize', () => press(page, 'Shift+ArrowLeft'));
    await undoable('link', async () => {
      await press(page, 'l', 'Enter');
      await expect(page.locator('.link-item')).toHaveCount(1);
    });
    await undoable('note', async () => {
      await page.locator('.note-input').fill('check the date');
      await press(page, 'Control+Enter');
    });
    await app.highlights('attribution').first().click();
    await undoable('speaker', async () => {
      await page.locator('.speaker-input').fill('Jen Psaki');
      await press(page, 'Enter');
    });
    await undoable('status', () => press(page, 'x'));
    await undoable('delete', () => press(page, 'Delete'));

    // Undo everything: the article is as it was imported, its export byte for byte.
    await page.locator('.article-scroll').focus();
    for (let step = 0; step < 9; step++) await press(page, 'Control+z');
    expect((await exported(app)).line).toBe(original);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
    // Undone changes are stored, not only shown: a reload shows the original.
    await app.reload();
    await app.openArticle(TITLE);
    await expect(app.highlights()).toHaveCount(0);
  });

  test('mouse selections snap to whole words; Alt keeps them exact once; the setting turns snapping off', async ({ app, host }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    const selectedText = page.locator('.span-details .span-text');
    await app.label('eady to tal', '1');
    await expect(selectedText).toHaveText('ready to talk');
    // The quote mark is punctuation, kept when selected on purpose.
    await app.label('“We ar', '2');
    await expect(selectedText).toHaveText('“We are');
    await app.selectText('👍🏽 Lavr');
    await press(page, '3');
    await expect(selectedText).toHaveText('👍🏽 Lavrov');

    await page.keyboard.down('Alt');
    await app.selectText('ministr');
    await page.keyboard.up('Alt');
    await press(page, '1');
    await expect(page.locator('.span-details .span-text')).toHaveText('ministr');

    const settings = await callApi<{ annotator: string; labels: unknown[] }>(host, 'getSettings', {});
    await callApi(host, 'updateSettings', { settings: { ...settings, snapToWords: false } });
    await app.reload();
    await app.openArticle(TITLE);
    await app.label('roop', '2');
    await expect(page.locator('.span-details .span-text')).toHaveText('roop');
  });

  test('a selected span is resized with Shift+arrows (end), Alt+Shift+arrows (start) and by dragging its handles', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    await app.label('Psaki said on Sunday', '3');
    const details = page.locator('.span-details .span-text');
    await press(page, 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft');
    await expect(details).toHaveText('Psaki said on');
    await press(page, 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowLeft', 'Alt+Shift+ArrowLeft');
    await expect(details).toHaveText('” Psaki said on');

    // Drag the end handle to the end of "Sunday." and the start handle to "Psaki".
    const end = await page.locator('.nm-handle-end').boundingBox();
    const target = await app.textPoints('Sunday');
    // The end handle's knob hangs below the line, the start handle's above it.
    await page.mouse.move(end!.x, end!.y + end!.height + 6);
    await page.mouse.down();
    await page.mouse.move(target.x2, target.y2, { steps: 6 });
    expect((await page.locator('.nm-preview').allTextContents()).join('')).toBe('” Psaki said on Sunday');
    await page.mouse.up();
    await expect(details).toHaveText('” Psaki said on Sunday');
    const start = await page.locator('.nm-handle-start').boundingBox();
    const word = await app.textPoints('Psaki');
    await page.mouse.move(start!.x, start!.y - 6);
    await page.mouse.down();
    await page.mouse.move(word.x1 + 6, word.y1, { steps: 6 });
    await page.mouse.up();
    await expect(details).toHaveText('Psaki said on Sunday');
    await app.waitUntilSaved();
    const stored = await app.storedDocument('geneva');
    expect(stored.spans.map((span) => stored.text.slice(span.start, span.end))).toEqual(['Psaki said on Sunday']);
  });

  test('links show on both ends: the span panel lists them, hovering one end marks the other and draws a connector', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    await app.label(QUOTE, '2');
    await app.label(ATTRIBUTION, '3');
    await app.label('The ministry denied it.', '1');
    // Link the claim from the panel's picker, the quote in link mode by clicking the attribution.
    // The panel follows the article after the paint: its picker is the claim's once it shows the claim.
    await expect(page.locator('.span-details')).toContainText('The ministry denied it.');
    await page.locator('.span-details').getByRole('combobox', { name: 'Link to' }).fill(ATTRIBUTION.slice(0, 8));
    await page.getByRole('option', { name: `attribution: ${ATTRIBUTION}` }).click();
    await app.highlights('quote').first().click();
    await press(page, 'l');
    await app.highlights('attribution').first().click();
    await expect(page.locator('.link-banner')).toHaveCount(0);
    await app.highlights('attribution').first().click();
    await expect(page.locator('.link-item .link-direction')).toHaveText(['attribution of', 'attribution of']);

    await app.highlights('quote').first().hover();
    await expect(app.highlights('attribution').first()).toHaveClass(/nm-linked/);
    await expect(app.highlights('claim').first()).not.toHaveClass(/nm-linked/);
    await expect(page.locator('.link-connector')).toHaveCount(1);
    await app.highlights('attribution').first().hover();
    await expect(page.locator('.link-connector')).toHaveCount(2);

    // Deleting the attribution removes both links.
    await app.highlights('attribution').first().click();
    await press(page, 'Delete');
    await app.waitUntilSaved();
    expect((await app.storedDocument('geneva')).relations).toEqual([]);
  });

  test('the speaker field completes from speakers used anywhere in the library; notes are kept per span', async ({ app }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    await app.label(ATTRIBUTION, '3');
    await page.locator('.speaker-input').fill('Jen Psaki');
    await press(page, 'Enter');
    await app.openArticle(OTHER_TITLE);
    await app.label('The minister said', '3');
    await expect(page.locator('#known-speakers option')).toHaveAttribute('value', 'Jen Psaki');
    await page.locator('.note-input').fill('which minister?');
    await press(page, 'Control+Enter');
    await app.waitUntilSaved();
    expect((await app.storedDocument('ministers')).spans[0]).toMatchObject({ label: 'attribution', note: 'which minister?' });
  });

  test('Tab goes from span to span, n and p between articles, and ? lists every key of the live key map', async ({ app, host }) => {
    const { page } = app;
    await app.openArticle(TITLE);
    await app.label(ATTRIBUTION, '3');
    await app.label(QUOTE, '2');
    await press(page, 'Escape', 'Escape');
    await page.locator('.article-scroll').focus();
    await press(page, 'Tab');
    await expect(page.locator('.span-details .span-text')).toHaveText(QUOTE);
    await press(page, 'Tab');
    await expect(page.locator('.span-details .span-text')).toHaveText(ATTRIBUTION);
    await press(page, 'Tab');
    await expect(page.locator('.span-details .span-text')).toHaveText(QUOTE);
    await press(page, 'n');
    await expect(app.articleTitle).toHaveText(OTHER_TITLE);
    await press(page, 'p');
    await expect(app.articleTitle).toHaveText(TITLE);

    const settings = await callApi<{ annotator: string; labels: { name: string; color: string; key: string }[] }>(host, 'getSettings', {});
    const labels = settings.labels.map((label) => (label.name === 'claim' ? { ...label, key: '9' } : label));
    await callApi(host, 'updateSettings', { settings: { ...settings, labels } });
    await app.reload();
    await press(page, '?');
    const dialog = page.getByRole('dialog', { name: 'Keys' });
    await expect(dialog).toBeVisible();
    for (const command of COMMANDS) {
      await expect(dialog.locator(`tr[data-key-action="${command.id}"] kbd`)).toHaveText(command.chords.map(chordLabel));
    }
    await expect(dialog.locator('tr[data-key-action="label:claim"] kbd')).toHaveText('9');
    await press(page, 'Escape');
    await expect(dialog).toHaveCount(0);
  });
});
