import type { ExportRecord } from '../shared/exportRecord';
import { SettingsDialog } from './pages/SettingsDialog';
import { expect, test } from './support/fixtures';

const WHITE_HOUSE = 'The White House says Biden has agreed to meet with Putin';
const QUOTE = 'We are always ready for diplomacy.';
const CLAIM = 'Russia seems to be preparing for a full-scale offensive against Ukraine';

function labelsOf(records: readonly ExportRecord[]): string[] {
  return [...new Set(records.flatMap((record) => record.spans.map((span) => span.label)))].sort();
}

test.describe('the settings dialog', () => {
  test('is a modal dialog used by keyboard: focus starts inside, Tab and Shift+Tab stay inside, Escape closes it and gives focus back', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await expect(app.page.locator('.nm-hl.nm-selected').first()).toHaveAttribute('data-label', 'quote');
    const settings = new SettingsDialog(app.page);
    await settings.openButton.focus();
    await app.page.keyboard.press('Enter');
    await expect(settings.dialog).toBeVisible();
    await expect(settings.annotatorField).toBeFocused();

    const focusInDialog = () => app.page.evaluate(() => document.activeElement?.closest('dialog[open]') != null);
    const stops = await settings.dialog.locator('button:not([disabled]), input:not([type=radio]), input[type=radio]:checked').count();
    for (let press = 0; press < stops + 2; press++) {
      await app.page.keyboard.press('Tab');
      expect(await focusInDialog()).toBe(true);
    }
    // Shift+Tab from the first field goes round to the last button.
    await settings.annotatorField.focus();
    await app.page.keyboard.press('Shift+Tab');
    await expect(settings.saveButton).toBeFocused();

    // Keys pressed in the dialog do not act on the article behind it: the selected span stays.
    await app.page.keyboard.press('Delete');
    await app.page.keyboard.press('1');
    await app.page.keyboard.press('Escape');
    await expect(settings.dialog).toHaveCount(0);
    await expect(settings.openButton).toBeFocused();
    await expect(app.panelItems('quote')).toHaveText([QUOTE]);
    await expect(app.page.locator('.nm-hl.nm-selected').first()).toHaveAttribute('data-label', 'quote');
    expect(app.problems).toEqual([]);
  });
});

test.describe('labels and keys', () => {
  test('renaming "claim" to "assertion" relabels its spans in every article, in the list, the panel and the export', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    await app.label(CLAIM, '1');
    await app.label(QUOTE, '2');
    await app.openArticle(/in principle/);
    await app.label('Biden', '1');
    await app.waitUntilSaved();
    expect(labelsOf((await app.exportViaButton()).records)).toEqual(['claim', 'quote']);

    const settings = new SettingsDialog(app.page);
    await settings.open();
    await settings.nameField(settings.row('claim')).fill('assertion');
    await expect(settings.row('claim')).toContainText('Renames “claim” on 2 spans');
    await settings.save();

    await expect(app.page.locator('.label-button[data-label="assertion"]')).toContainText('assertion');
    await expect(app.page.locator('.label-button[data-label="claim"]')).toHaveCount(0);
    await app.openArticle(WHITE_HOUSE);
    await expect(app.panelItems('assertion')).toHaveText([CLAIM]);
    await expect(app.highlights('assertion').first()).toHaveAttribute('title', 'assertion');
    await expect(app.documentItem(WHITE_HOUSE).locator('.count-chip[data-label="assertion"]')).toHaveText('assertion 1');
    const { records } = await app.exportViaButton();
    expect(labelsOf(records)).toEqual(['assertion', 'quote']);
    expect(records.flatMap((record) => record.spans.filter((span) => span.label === 'assertion').map((span) => span.text)).sort()).toEqual(['Biden', CLAIM]);
    // The key stays with the renamed label.
    await app.label('full-scale offensive', '1');
    await expect(app.panelItems('assertion')).toHaveCount(2);
    expect(app.problems).toEqual([]);
  });

  test('a key taken by another label or by a command is refused with the reason shown; a new label with a free key labels a selection with that key', async ({ app }) => {
    const settings = new SettingsDialog(app.page);
    await settings.open();
    await settings.dialog.getByRole('button', { name: 'Add a label' }).click();
    const row = settings.newRow;
    await expect(settings.nameField(row)).toBeFocused();
    await app.page.keyboard.type('stance');

    await settings.typeKey(row, '2');
    await expect(row.locator('.key-problem')).toHaveText('“2” is already the key of “quote”');
    await expect(settings.keyField(row)).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.saveButton).toBeDisabled();
    await settings.typeKey(row, 'n');
    await expect(row.locator('.key-problem')).toContainText('“n” is reserved for a command');
    await expect(settings.saveButton).toBeDisabled();
    await settings.typeKey(row, '4');
    await expect(row.locator('.key-problem')).toHaveCount(0);
    // A colour from the palette, picked by keyboard, with its contrast shown.
    await row.getByRole('radio', { name: 'Vermillion' }).check();
    await expect(row.locator('.contrast-report')).toContainText('Vermillion: marks on the page');
    await settings.save();

    await expect(app.page.locator('.label-button[data-label="stance"] kbd')).toHaveText('4');
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '4');
    await expect(app.highlights('stance').first()).toHaveAttribute('title', 'stance');
    await expect(app.panelItems('stance')).toHaveText([QUOTE]);
    // Names drawn on a label's colour take black or white, whichever reads better on it.
    const nameColour = (label: string) => app.page.locator(`.span-group[data-label="${label}"] .label-name`).evaluate((element) => getComputedStyle(element).color);
    expect(await nameColour('stance')).toBe('lab(0 0 0)'); // black on vermillion
    expect(await nameColour('claim')).toBe('lab(100 0 0)'); // white on blue
    await app.waitUntilSaved();
    const { records } = await app.exportViaButton();
    expect(records.flatMap((record) => record.spans).map((span) => `${span.label} ${span.text}`)).toEqual([`stance ${QUOTE}`]);
    expect(app.problems).toEqual([]);
  });

  test('the annotator name set in the dialog is stamped on new spans and on the export', async ({ app }) => {
    const settings = new SettingsDialog(app.page);
    await settings.open();
    await settings.annotatorField.fill('');
    await expect(settings.dialog.locator('#annotator-problem')).toHaveText('Your name must not be empty');
    await expect(settings.saveButton).toBeDisabled();
    await settings.annotatorField.fill('Grace Hopper');
    await settings.save();

    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await app.waitUntilSaved();
    const { records } = await app.exportViaButton();
    const labelled = records.find((record) => record.spans.length > 0)!;
    expect(labelled.annotator).toBe('Grace Hopper');
    expect(labelled.spans[0]!.annotator).toBe('Grace Hopper');
  });
});

test.describe('deleting a label', () => {
  const PSAKI = 'Psaki said: “We are always ready for diplomacy.” Blinken said talks would go on.';
  const LAVROV = 'Lavrov said: “There will be no war.” Officials said nothing more.';
  const record = (id: string, text: string, spans: [string, string, string][], relations: [string, string][]) =>
    JSON.stringify({
      id,
      text,
      meta: { title: id },
      spans: spans.map(([spanId, piece, label]) => ({ id: spanId, start: text.indexOf(piece), end: text.indexOf(piece) + piece.length, label })),
      relations: relations.map(([head, child]) => ({ label: 'attributed_to', head_id: head, child_id: child })),
    });
  test.use({
    library: {
      articles: [
        {
          name: 'labelled.jsonl',
          text: [
            record('psaki', PSAKI, [['q', '“We are always ready for diplomacy.”', 'quote'], ['a', 'Psaki said', 'attribution'], ['b', 'Blinken said', 'attribution']], [['q', 'a']]),
            record('lavrov', LAVROV, [['q', '“There will be no war.”', 'quote'], ['a', 'Lavrov said', 'attribution']], [['q', 'a']]),
            record('plain', 'Nothing labelled here.', [], []),
          ].join('\n'),
        },
      ],
    },
  });

  test('asks first, saying how many spans in how many articles carry it, then removes them and their links from every article', async ({ app }) => {
    const settings = new SettingsDialog(app.page);
    await settings.open();
    await settings.row('attribution').getByRole('button', { name: 'Delete label “attribution”' }).click();
    await expect(settings.confirmation).toContainText('3 spans in 2 articles carry it');
    // Keeping it changes nothing and returns to the Delete button.
    await settings.confirmation.getByRole('button', { name: 'Keep it' }).click();
    await expect(settings.row('attribution')).toBeVisible();
    await expect(settings.row('attribution').getByRole('button', { name: 'Delete label “attribution”' })).toBeFocused();

    await app.page.keyboard.press('Enter');
    await expect(settings.confirmation.getByRole('button', { name: 'Delete label and 3 spans' })).toBeFocused();
    await app.page.keyboard.press('Enter');
    await expect(settings.row('attribution')).toHaveCount(0);
    await expect(settings.dialog.locator('.pending-deletions')).toContainText('“attribution” (3)');
    await settings.save();

    await expect(app.page.locator('.label-button[data-label="attribution"]')).toHaveCount(0);
    await expect(app.documentItem('psaki').locator('.count-chip')).toHaveText(['quote 1']);
    const { records } = await app.exportViaButton();
    expect(records.map((exported) => `${exported.id}: ${exported.spans.map((span) => span.label).join(' ')} / ${exported.relations.length} links`)).toEqual([
      'psaki: quote / 0 links',
      'lavrov: quote / 0 links',
      'plain:  / 0 links',
    ]);
    // Durable: the stored documents say the same.
    expect((await app.storedDocument('lavrov')).spans.map((span) => span.label)).toEqual(['quote']);
    expect(app.problems).toEqual([]);
  });
});
