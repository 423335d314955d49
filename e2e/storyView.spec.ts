import type { NewsDocument } from '../shared/model';
import { callApi } from './support/browserHostProcess';
import { expect, test } from './support/fixtures';

// In the sample corpus, article 001 rewrites 003 and changes its quote.
const SOURCE_ID = '003_37448910395a2621';
const TARGET_ID = '001_eb02124ce0597417';
const QUOTE = 'We are also ready to impose swift and severe consequences should Russia instead choose war';
const TOLD_AGAIN = 'We are also prepared to impose rapid and severe consequences if Russia chooses war';
const TARGET_ATTRIBUTION = 'Psaki said in a statement';
const SOURCE_ATTRIBUTION = 'Psaki said in a statement on Sunday night';

/** A stored article's spans and links in one line: "start-end label (speaker)" and "head→child" by span text. */
function described(document: NewsDocument): string {
  const textOf = (id: string) => {
    const span = document.spans.find((candidate) => candidate.id === id)!;
    return document.text.slice(span.start, span.end);
  };
  const spans = document.spans.map((span) => `${document.text.slice(span.start, span.end)} = ${span.label}${span.speaker ? ` (${span.speaker})` : ''}`);
  const links = document.relations.map((relation) => `${textOf(relation.headId)} → ${textOf(relation.childId)}`);
  return [...spans, ...links].join(' | ');
}

test.describe('the story view', () => {
  test("003's quote shows 001's changed telling word by word; c carries the label over to 001, linked to its attribution; one undo removes it", async ({ app, host }) => {
    const { page } = app;
    // 001 has its attribution labelled already; the carried quote is to be linked to it.
    const target = await app.storedDocument(TARGET_ID);
    const attributionStart = target.text.indexOf(TARGET_ATTRIBUTION);
    await callApi(host, 'updateDocument', { documentId: TARGET_ID, operation: { type: 'createSpan', span: { id: 'sattribution001', start: attributionStart, end: attributionStart + TARGET_ATTRIBUTION.length, label: 'attribution' } } });

    // In 003: the attribution with its speaker, and the quote linked to it.
    await page.locator(`.document-item[data-document-id="${SOURCE_ID}"]`).click();
    await expect(page.locator('.document-item.current')).toHaveAttribute('data-document-id', SOURCE_ID);
    await app.label(SOURCE_ATTRIBUTION, '3');
    await expect(page.locator('.speaker-input')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('.speaker-input')).toBeFocused();
    await page.keyboard.type('Jen Psaki');
    await page.keyboard.press('Enter');
    await app.label(QUOTE, '2');
    await expect(page.locator('.span-details .span-text')).toHaveText(QUOTE);
    await page.keyboard.press('l');
    await page.keyboard.press('Enter');
    await app.waitUntilSaved();
    expect(described(await app.storedDocument(SOURCE_ID))).toBe(`${QUOTE} = quote | ${SOURCE_ATTRIBUTION} = attribution (Jen Psaki) | ${QUOTE} → ${SOURCE_ATTRIBUTION}`);
    await expect(page.locator('.span-details .span-text')).toHaveText(QUOTE);

    // s: the story view, 001's telling first, its changed words marked.
    await page.keyboard.press('s');
    const panel = page.locator('.story-panel');
    await expect(panel.locator('.story-source q')).toHaveText(QUOTE);
    const telling = panel.locator(`.story-match[data-document-id="${TARGET_ID}"]`);
    await expect(telling).toHaveCount(1);
    await expect(panel.locator('.story-match').first()).toHaveAttribute('data-document-id', TARGET_ID);
    await expect(telling).toHaveAttribute('data-kind', 'reworded');
    await expect(telling.locator('.story-diff')).toContainText('We are also');
    await expect(telling.locator('.story-diff del')).toHaveText(['ready', 'swift', 'should', 'instead choose']);
    await expect(telling.locator('.story-diff ins')).toHaveText(['prepared', 'rapid', 'if', 'chooses']);
    // The telling's own text, with the deletions left out, is exactly what 001 says.
    const written = await telling.locator('.story-diff').evaluate((element) => Array.from(element.childNodes, (node) => (node.nodeName === 'DEL' ? '' : node.textContent)).join(''));
    expect(written).toBe(TOLD_AGAIN);

    // Alt+↓ / Alt+↑ move between the tellings; c carries the label to the focused one.
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowUp');
    await expect(telling).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('c');
    await expect(page.locator('.message')).toContainText(/Labelled quote \(Jen Psaki\) in “.*”, linked to its attribution/);
    await expect(telling.locator('.story-match-label')).toContainText('quote');
    await app.waitUntilSaved();
    expect(described(await app.storedDocument(TARGET_ID))).toBe(
      `${TOLD_AGAIN} = quote (Jen Psaki) | ${TARGET_ATTRIBUTION} = attribution | ${TOLD_AGAIN} → ${TARGET_ATTRIBUTION}`,
    );
    // Still in 003, where undo now has the carried label to undo.
    await expect(page.locator('.document-item.current')).toHaveAttribute('data-document-id', SOURCE_ID);
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();

    // One undo, from 003 where the user is, removes the carried label and its link from 001 — and nothing in 003.
    await page.keyboard.press('Control+z');
    await expect(page.locator('.message')).toContainText('Undone in');
    await app.waitUntilSaved();
    expect(described(await app.storedDocument(TARGET_ID))).toBe(`${TARGET_ATTRIBUTION} = attribution`);
    expect(described(await app.storedDocument(SOURCE_ID))).toBe(`${QUOTE} = quote | ${SOURCE_ATTRIBUTION} = attribution (Jen Psaki) | ${QUOTE} → ${SOURCE_ATTRIBUTION}`);
    await expect(telling.locator('.story-match-label')).toHaveCount(0);

    // A click opens 001 at the telling, marked.
    await telling.click();
    await expect(page.locator('.document-item.current')).toHaveAttribute('data-document-id', TARGET_ID);
    await expect(page.locator('.nm-story-match')).toHaveText(TOLD_AGAIN);
    await expect(page.locator('.nm-story-match')).toBeInViewport();

    // s again hides the view.
    await page.locator('.article-scroll').focus();
    await page.keyboard.press('s');
    await expect(panel).toHaveCount(0);
    await expect(page.locator('.nm-story-match')).toHaveCount(0);
    expect(app.problems).toEqual([]);
  });
});
