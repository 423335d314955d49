import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { ExportRecord } from '../../shared/exportRecord';
import type { NewsDocument } from '../../shared/model';
import { callApi, type RunningHost } from '../support/browserHostProcess';

/** What a person sees and does in the app, in words a spec can read. */
export class NewsmarkPage {
  /** Console errors, page errors and CSP violations seen so far. */
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly host: RunningHost,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
  }

  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await this.articleText.waitFor();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.articleText.waitFor();
  }

  get articleText(): Locator {
    return this.page.locator('.article-text');
  }

  get articleTitle(): Locator {
    return this.page.locator('.article-title');
  }

  get saveState(): Locator {
    return this.page.locator('.save-state');
  }

  documentItem(title: string | RegExp): Locator {
    return this.page.locator('.document-item', { has: this.page.locator('.document-title', { hasText: title }) });
  }

  async openArticle(title: string | RegExp): Promise<void> {
    await this.documentItem(title).click();
    await this.page.locator('.article-title', { hasText: title }).waitFor();
  }

  highlights(label?: string): Locator {
    return this.page.locator(label ? `.nm-hl[data-label="${label}"]` : '.nm-hl');
  }

  highlight(spanId: string): Locator {
    return this.page.locator(`.nm-hl[data-span-id="${spanId}"]`).first();
  }

  panelItems(label: string): Locator {
    return this.page.locator(`.span-item[data-label="${label}"]`);
  }

  /**
   * Selects `text` (its `occurrence`-th appearance) in the article by dragging the mouse from
   * the left edge of its first character to the right edge of its last, as a person would.
   */
  async selectText(text: string, occurrence = 0): Promise<void> {
    const points = await this.textPoints(text, occurrence);
    await this.page.mouse.move(points.x1, points.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
    await this.page.mouse.move(points.x2, points.y2, { steps: 4 });
    await this.page.mouse.up();
  }

  /**
   * Where `text` (its `occurrence`-th appearance) is on screen, scrolled into view: just inside
   * the left edge of its first character and the right edge of its last, at mid height.
   */
  textPoints(text: string, occurrence = 0): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
    return this.articleText.evaluate(
      (root, { text, occurrence }) => {
        const paragraphs = Array.from(root.querySelectorAll('p'));
        const full = paragraphs.map((paragraph) => paragraph.textContent ?? '').join('\n');
        let start = -1;
        for (let seen = 0; seen <= occurrence; seen++) {
          start = full.indexOf(text, start + 1);
          if (start < 0) throw new Error(`"${text}" (occurrence ${occurrence}) is not in the article`);
        }
        const end = start + text.length;
        // The range of the one character that starts at text offset `offset`.
        const characterAt = (offset: number): Range => {
          let lineStart = 0;
          for (const paragraph of paragraphs) {
            const length = (paragraph.textContent ?? '').length;
            if (offset < lineStart + length) {
              let within = offset - lineStart;
              const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
                if (within < node.length) {
                  const code = node.data.charCodeAt(within);
                  const size = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
                  const range = document.createRange();
                  range.setStart(node, within);
                  range.setEnd(node, Math.min(within + size, node.length));
                  return range;
                }
                within -= node.length;
              }
            }
            lineStart += length + 1;
          }
          throw new Error(`offset ${offset} is outside the article`);
        };
        const firstCharacter = characterAt(start);
        (firstCharacter.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const lastCode = full.charCodeAt(end - 1);
        const lastCharacter = characterAt(end - (lastCode >= 0xdc00 && lastCode <= 0xdfff ? 2 : 1));
        const first = firstCharacter.getClientRects()[0]!;
        const lastRects = lastCharacter.getClientRects();
        const last = lastRects[lastRects.length - 1]!;
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      },
      { text, occurrence },
    );
  }

  /** Selects `text` and presses the label's key. */
  async label(text: string, key: string, occurrence = 0): Promise<void> {
    await this.selectText(text, occurrence);
    await this.page.keyboard.press(key);
  }

  async waitUntilSaved(): Promise<void> {
    // The saving status follows a change after the paint: two frames and a task let a change
    // just made show as pending, so a status still reading 0 from before it does not pass.
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
    await this.page.locator('.save-state[data-pending="0"]').waitFor();
  }

  /** The stored document, straight from the host's API. */
  storedDocument(id: string): Promise<NewsDocument> {
    return callApi<NewsDocument>(this.host, 'getDocument', { id });
  }

  async currentDocumentId(): Promise<string> {
    return (await this.page.locator('.document-item.current').getAttribute('data-document-id'))!;
  }

  /** Exports with the Export dialog's defaults (JSONL, code points) and returns the downloaded file's records. */
  async exportViaButton(): Promise<{ fileName: string; content: string; records: ExportRecord[] }> {
    await this.page.getByRole('button', { name: 'Export…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Export' });
    const [download] = await Promise.all([this.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const path = await download.path();
    const content = readFileSync(path, 'utf8');
    const records = content
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as ExportRecord);
    return { fileName: download.suggestedFilename(), content, records };
  }
}
