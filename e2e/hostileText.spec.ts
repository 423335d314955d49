import { titleFromText } from '../shared/title';
import { hostileProbe } from './support/hostileProbe';
import { expect, test } from './support/fixtures';

/**
 * Articles whose titles and text hold what a browser would run or render if they were ever
 * treated as HTML: scripts, event handlers, javascript: links, CSS, framing, templates, bidi
 * controls that reorder what is shown, and one line of 200,000 characters.
 */
const MARKUP = [
  `<img src=x onerror="window.__pwned='title img'; alert('title')"><script>window.__pwned='title script'</script> Markup headline`,
  `<script>window.__pwned = 'script'; alert('script')</script>`,
  `<img src="x" onerror="window.__pwned='img'">  <svg onload="window.__pwned='svg'"><circle r=5 /></svg>`,
  `<a href="javascript:window.__pwned='link'">click me</a> and javascript:alert(document.cookie) as plain words`,
  `<style>body { display: none } * { color: transparent }</style><div style="position:fixed;inset:0;background:red">overlay</div>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe><object data="javascript:alert(1)"></object>`,
  `{{constructor.constructor('window.__pwned=1')()}} \${window.__pwned = 'template'} <!-- comment --> <![CDATA[ x ]]>`,
  `&lt;escaped&gt; &amp; &#60;script&#62; &quot;entities stay as typed&quot; <b onmouseover="window.__pwned='b'">bold?</b>`,
].join('\n');

const BIDI = [
  'Bidi \u202Egnp.exe\u202C headline \u2066isolated\u2069',
  'Right-to-left override: \u202Eevil text reversed\u202C back to normal.',
  'Embeddings \u202Aleft\u202C \u202Bright\u202C, isolates \u2067rtl\u2069 \u2068first strong\u2069, marks \u200E\u200F, joiners a\u200Db\u200Cc, BOM-like \uFEFF inside.',
  'Arabic مرحبا بالعالم and Hebrew שלום עולם mixed with 123 numbers.',
].join('\n');

const WORDS = ['Putin', 'Biden', 'said', 'the', 'talks', 'would', 'resume', 'soon', '—', '“quote”', '🇺🇦', 'é'];
const LONG_LINE = Array.from({ length: 40_000 }, (_, index) => WORDS[(index * 7) % WORDS.length]).join(' ').slice(0, 200_000);
const LONG = `A very long line follows\n${LONG_LINE}`;

const ARTICLES = [
  { name: 'markup.txt', text: MARKUP },
  { name: 'bidi.txt', text: BIDI },
  { name: 'long-line.txt', text: LONG },
];

test.use({ library: { articles: ARTICLES } });

test.describe('hostile article text', () => {
  test('titles and text with markup, scripts, handlers, javascript: links, CSS, bidi controls and a 200,000-character line show exactly as written and run nothing', async ({ app }) => {
    expect(LONG_LINE.length).toBe(200_000);
    expect(LONG_LINE).not.toContain('\n');
    const probe = hostileProbe(app.page);
    await probe.install();
    // Loaded again with the probe in place from the first script on.
    await app.reload();

    for (const article of ARTICLES) {
      const id = article.name.replace(/\.txt$/, '');
      const title = titleFromText(article.text, id);
      const item = app.page.locator(`.document-item[data-document-id="${id}"]`);
      // The list shows the title as text, character for character.
      expect(await item.locator('.document-title').evaluate((element) => element.textContent)).toBe(title);
      await item.click();
      await expect(app.page.locator('.document-item.current')).toHaveAttribute('data-document-id', id);
      await app.articleText.locator('p').first().waitFor();
      expect(await app.articleTitle.evaluate((element) => element.textContent)).toBe(title);
      // One paragraph per line, each holding exactly that line's characters.
      const paragraphs = await app.articleText.locator('p').evaluateAll((elements) => elements.map((element) => element.textContent));
      expect(paragraphs.length, id).toBe(article.text.split('\n').length);
      expect(paragraphs.join('\n') === article.text, `${id}: the article's text content equals the file's text`).toBe(true);
      expect(await probe.findings(), id).toEqual([]);
    }

    // Labelling hostile text keeps it text: the span panel shows the quote as written.
    await app.openArticle(titleFromText(MARKUP, 'markup'));
    const handler = `<img src="x" onerror="window.__pwned='img'">`;
    await app.label(handler, '2');
    await app.waitUntilSaved();
    await expect(app.page.locator('.span-item')).toHaveText([handler]);
    expect((await app.storedDocument('markup')).spans.map((span) => MARKUP.slice(span.start, span.end))).toEqual([handler]);

    // Still nothing ran, nothing became markup, and the page is still there to see.
    expect(await probe.findings()).toEqual([]);
    await expect(app.page.locator('body')).toBeVisible();
    expect(app.problems).toEqual([]);
  });
});

test.describe('the probe itself', () => {
  test('notices markup that did become DOM: the element, its handler, the blocked inline script', async ({ app }) => {
    const probe = hostileProbe(app.page);
    await probe.install();
    await app.reload();
    expect(await probe.findings()).toEqual([]);
    // What a renderer that set an article's text as HTML would do (beside the editor, which
    // would remove foreign nodes from its own DOM).
    await app.page.locator('.document-list').evaluate((element) => {
      element.insertAdjacentHTML('beforeend', `<img src="x" onerror="window.__pwned='img'">`);
    });
    await expect
      .poll(() => probe.findings())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^CSP violation: script-src-attr inline/),
          expect.stringMatching(/^element <img> in the app/),
          expect.stringMatching(/^attribute from an article: <img/),
        ]),
      );
  });
});
