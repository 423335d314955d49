import { describeSpans } from '../shared/spans';
import { expect, test } from './support/fixtures';
import { pythonSlice } from '../shared/testing/codePoints';

const WHITE_HOUSE = 'The White House says Biden has agreed to meet with Putin';
const QUOTE = 'We are always ready for diplomacy. We are also prepared to impose rapid and severe consequences if Russia chooses war.';
const CLAIM = 'Russia seems to be preparing for a full-scale offensive against Ukraine';
const ATTRIBUTION = 'Psaki said in a statement';
// Overlaps the end of QUOTE and the start of the sentence after it.
const OVERLAPPING_CLAIM = 'if Russia chooses war. At present, Russia';

/** "start-end label" for `text`'s first appearance in `article`. */
function expected(article: string, text: string, label: string): string {
  const start = article.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in the article`);
  return `${start}-${start + text.length} ${label}`;
}

test.describe('core loop in the browser host', () => {
  test('the library opens with the five sample articles, their titles, statuses and counts', async ({ app }) => {
    await expect(app.page.locator('.document-item')).toHaveCount(5);
    // Site chrome ("Skip to Content") is not a title.
    await expect(app.documentItem('White House says Biden has agreed to meet with Putin ‘in principle’')).toBeVisible();
    await expect(app.page.getByText('Skip to Content', { exact: true })).toHaveCount(0);
    await expect(app.documentItem(WHITE_HOUSE).locator('.status-badge')).toHaveText('To do');
    // A label with no span in the article shows no chip.
    await expect(app.documentItem(WHITE_HOUSE).locator('.count-chip[data-label="quote"]')).toHaveCount(0);
  });

  test('mouse selection and keys 1/2/3 create claim, quote and attribution spans, overlapping ones included, stored exactly and kept after reload', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    const id = await app.currentDocumentId();
    const article = (await app.storedDocument(id)).text;

    await app.label(QUOTE, '2');
    await app.label(ATTRIBUTION, '3');
    await app.label(CLAIM, '1');
    await app.label(OVERLAPPING_CLAIM, '1');
    await app.waitUntilSaved();

    const want = describeSpans(
      [
        [QUOTE, 'quote'],
        [ATTRIBUTION, 'attribution'],
        [CLAIM, 'claim'],
        [OVERLAPPING_CLAIM, 'claim'],
      ].map(([text, label]) => {
        const [range, name] = expected(article, text!, label!).split(' ');
        const [start, end] = range!.split('-').map(Number);
        return { start: start!, end: end!, label: name! };
      }),
    );
    expect(describeSpans((await app.storedDocument(id)).spans)).toBe(want);

    // Drawn at once, named on hover, overlapping highlights nested and each visible.
    await expect(app.highlights('quote')).not.toHaveCount(0);
    await expect(app.highlights('claim')).not.toHaveCount(0);
    await expect(app.highlights('attribution').first()).toHaveAttribute('title', 'attribution');
    const nested = app.page.locator('.nm-hl[data-label="quote"] .nm-hl[data-label="claim"], .nm-hl[data-label="claim"] .nm-hl[data-label="quote"]');
    await expect(nested.first()).toBeVisible();
    await app.highlights('attribution').first().hover();
    await expect(app.page.locator('.hover-card')).toContainText('attribution');

    await expect(app.panelItems('claim')).toHaveCount(2);
    await expect(app.panelItems('quote')).toHaveText([QUOTE]);
    await expect(app.documentItem(WHITE_HOUSE).locator('.count-chip[data-label="claim"]')).toHaveText('claim 2');

    await app.reload();
    await app.openArticle(WHITE_HOUSE);
    await expect(app.panelItems('claim')).toHaveCount(2);
    await expect(app.panelItems('attribution')).toHaveText([ATTRIBUTION]);
    expect(describeSpans((await app.storedDocument(id)).spans)).toBe(want);
    expect(app.problems).toEqual([]);
  });

  test('a selection with white space around it is stored trimmed', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    const id = await app.currentDocumentId();
    const article = (await app.storedDocument(id)).text;
    await app.label(' rapid and severe consequences ', '1');
    await app.waitUntilSaved();
    expect(describeSpans((await app.storedDocument(id)).spans)).toBe(expected(article, 'rapid and severe consequences', 'claim'));
  });

  test('clicking a highlight selects it; Delete removes it, a label key relabels it, Backspace works too', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    const id = await app.currentDocumentId();
    await app.label(ATTRIBUTION, '1');
    await app.label(CLAIM, '1');
    await app.waitUntilSaved();
    const [attribution, claim] = (await app.storedDocument(id)).spans.sort((a, b) => b.start - a.start);

    await app.page.keyboard.press('Escape');
    await app.highlight(attribution!.id).click();
    await expect(app.page.locator('.span-details')).toContainText(ATTRIBUTION);
    await app.page.keyboard.press('3');
    await expect(app.highlight(attribution!.id)).toHaveAttribute('data-label', 'attribution');

    await app.highlight(claim!.id).click();
    await app.page.keyboard.press('Delete');
    await expect(app.highlight(claim!.id)).toHaveCount(0);
    await app.waitUntilSaved();
    expect(describeSpans((await app.storedDocument(id)).spans)).toBe(`${attribution!.start}-${attribution!.end} attribution`);

    await app.highlight(attribution!.id).click();
    await expect(app.highlight(attribution!.id)).toHaveClass(/nm-selected/);
    await app.page.keyboard.press('Backspace');
    // Gone from the page first: the saving status may not count the change yet right after the key.
    await expect(app.highlight(attribution!.id)).toHaveCount(0);
    await app.waitUntilSaved();
    expect((await app.storedDocument(id)).spans).toEqual([]);
    await app.reload();
    await expect(app.highlights()).toHaveCount(0);
  });

  test('clicking where spans nest selects the innermost, clicking again the one around it, and the hover names both', async ({ app }) => {
    await app.openArticle(WHITE_HOUSE);
    await app.label(QUOTE, '2');
    await app.label('ready for diplomacy', '1');
    await app.page.keyboard.press('Escape');
    const inner = app.page.locator('.nm-hl[data-label="claim"]').first();
    await inner.hover();
    await expect(app.page.locator('.hover-card .hover-label')).toHaveText(['claim', 'quote']);
    await inner.click();
    await expect(app.page.locator('.span-details .label-name')).toHaveText('claim');
    await inner.click();
    await expect(app.page.locator('.span-details .label-name')).toHaveText('quote');
    await expect(app.page.locator('.span-details .span-text')).toHaveText(QUOTE);
  });

  test('clicking a span in the panel selects it and scrolls the article to it', async ({ app }) => {
    await app.openArticle('White House says Biden has agreed to meet with Putin ‘in principle’');
    await app.label('Kremlin spokesperson Dmitry Peskov', '3');
    await app.page.locator('.article-scroll').evaluate((element) => element.scrollTo(0, 0));
    await app.label('President Joe Biden has agreed', '1');
    await app.page.locator('.article-scroll').evaluate((element) => element.scrollTo(0, 0));
    const item = app.panelItems('attribution').first();
    await item.click();
    await expect(item).toHaveAttribute('aria-pressed', 'true');
    const selected = app.page.locator('.nm-hl.nm-selected').first();
    await expect(selected).toBeInViewport();
    await expect(selected).toHaveAttribute('data-label', 'attribution');
  });

  test('status can be set; n and p move between articles; the first span moves a to-do article to in progress', async ({ app }) => {
    const first = app.page.locator('.document-item').first();
    await first.click();
    await expect(first.locator('.status-badge')).toHaveText('To do');
    await app.label('Joe Biden', '2');
    await expect(first.locator('.status-badge')).toHaveText('In progress');

    await app.page.getByRole('radio', { name: 'Done' }).click();
    await expect(first.locator('.status-badge')).toHaveText('Done');
    await expect(app.page.locator('.progress')).toContainText('1 / 5 done');

    await app.page.keyboard.press('n');
    await expect(app.page.locator('.document-item').nth(1)).toHaveAttribute('aria-current', 'true');
    await app.page.getByRole('radio', { name: 'Skipped' }).click();
    await app.page.keyboard.press('n');
    await expect(app.page.locator('.document-item').nth(2)).toHaveAttribute('aria-current', 'true');
    await app.page.keyboard.press('p');
    await app.page.keyboard.press('p');
    await expect(first).toHaveAttribute('aria-current', 'true');
    await app.waitUntilSaved();

    await app.reload();
    await expect(first.locator('.status-badge')).toHaveText('Done');
    await expect(app.page.locator('.document-item').nth(1).locator('.status-badge')).toHaveText('Skipped');
  });
});

test.describe('export', () => {
  const EMOJI_TEXT = [
    'Emoji before the spans 🎉',
    'Flags 🇺🇦, a family 👩‍👩‍👧, skin tones 👍🏽 and a combining accent: café (e + U+0301).',
    '“We are always ready for diplomacy,” Psaki said in a statement on Sunday night.',
    'Russia currently has more than 150,000 combat-ready troops surrounding Ukraine. 🐻',
    'Arabic: قال المتحدث إن الاجتماع سيعقد — and Hebrew: הוא אמר.',
  ].join('\n');
  test.use({ library: { articles: [{ name: 'emoji.txt', text: EMOJI_TEXT }, { name: 'plain.txt', text: 'Plain article\n\nNothing to see.' }] } });

  test('the Export button downloads JSONL whose every span text is the Python code-point slice, with emoji before the spans', async ({ app }) => {
    await app.openArticle('Emoji before the spans');
    await app.label('We are always ready for diplomacy,', '2');
    await app.label('Psaki said in a statement', '3');
    await app.label('more than 150,000 combat-ready troops surrounding Ukraine. 🐻', '1');
    await app.label('قال المتحدث', '2');
    await app.page.getByRole('radio', { name: 'Done' }).click();
    await app.waitUntilSaved();

    const { fileName, records } = await app.exportViaButton();
    expect(fileName).toMatch(/^newsmark-export-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(records.map((record) => record.id).sort()).toEqual(['emoji', 'plain']);
    const record = records.find((candidate) => candidate.id === 'emoji')!;
    expect(record).toMatchObject({ status: 'done', offset_unit: 'codepoint', meta: { title: 'Emoji before the spans 🎉', source: 'emoji.txt' } });
    expect(record.spans.map((span) => span.label).sort()).toEqual(['attribution', 'claim', 'quote', 'quote']);
    for (const span of record.spans) {
      expect(pythonSlice(record.text, span.start, span.end)).toBe(span.text);
    }
    // Code points, not UTF-16: the emoji before the quote make the two differ.
    const quote = record.spans.find((span) => span.text.startsWith('We are'))!;
    expect(quote.start).toBe(Array.from(EMOJI_TEXT.slice(0, EMOJI_TEXT.indexOf('We are'))).length);
    expect(quote.start).toBeLessThan(EMOJI_TEXT.indexOf('We are'));
    expect(record.annotator.length).toBeGreaterThan(0);
    expect(record.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

test.describe('hostile article text', () => {
  const HOSTILE = [
    '<script>window.__pwned = "title"</script><b>Hostile</b> headline',
    '<img src=x onerror="window.__pwned = \'img\'">',
    '<script>window.__pwned = "script"</script>',
    '<a href="javascript:window.__pwned=\'link\'">click me</a> <style>body { display: none }</style>',
    '<iframe src="javascript:parent.__pwned=\'iframe\'"></iframe> &lt;escaped&gt; &amp; done',
  ].join('\n');
  test.use({ library: { articles: [{ name: 'hostile.txt', text: HOSTILE }] } });

  test('HTML and scripts in an article show as text and run nothing', async ({ app }) => {
    await expect(app.articleTitle).toHaveText('<script>window.__pwned = "title"</script><b>Hostile</b> headline');
    await expect(app.articleText).toHaveText(HOSTILE.split('\n').join(''));
    await expect(app.articleText.locator('img, script, a, iframe, style, b')).toHaveCount(0);
    await expect(app.page.locator('.document-list img, .document-list script, .document-list b')).toHaveCount(0);
    await app.label('<img src=x onerror="window.__pwned = \'img\'">', '2');
    await app.waitUntilSaved();
    await expect(app.page.locator('.span-item')).toHaveText(['<img src=x onerror="window.__pwned = \'img\'">']);
    await app.page.waitForTimeout(300);
    expect(await app.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await expect(app.page.locator('body')).toBeVisible();
  });
});
