import type { Locator, Page } from '@playwright/test';
import type { NewsDocument } from '../../shared/model';
import { callApi, type RunningHost } from '../support/browserHostProcess';

export const ARTICLE_003 = '003_37448910395a2621';
export const ARTICLE_001 = '001_eb02124ce0597417';
/** The quote of 003, and 001's rewording of it (the sample corpus). */
export const QUOTE_003 = 'We are also ready to impose swift and severe consequences should Russia instead choose war.';
export const QUOTE_001 = 'We are also prepared to impose rapid and severe consequences if Russia chooses war.';

/** Labels `text` in an article through the host's API as a span with a speaker; returns the span's id. */
export async function labelWithSpeaker(host: RunningHost, documentId: string, text: string, label: string, speaker: string, id: string): Promise<string> {
  const article = await callApi<NewsDocument>(host, 'getDocument', { id: documentId });
  const start = article.text.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in article ${documentId}`);
  await callApi(host, 'updateDocument', { documentId, operation: { type: 'createSpan', span: { id, start, end: start + text.length, label, speaker } } });
  return id;
}

/** The header's tabs, the speaker index and the drift report, in words a spec can read. */
export class SpeakerViews {
  constructor(readonly page: Page) {}

  tab(view: 'article' | 'speakers' | 'drift'): Locator {
    return this.page.locator(`.view-tab[data-view="${view}"]`);
  }

  async showSpeakers(): Promise<void> {
    await this.tab('speakers').click();
    await this.page.locator('.speaker-index .speaker-list, .speaker-index .empty').first().waitFor();
  }

  async showDrift(): Promise<void> {
    await this.tab('drift').click();
    await this.page.locator('.drift-view .drift-list, .drift-view .empty').first().waitFor();
  }

  get filter(): Locator {
    return this.page.getByLabel('Filter speakers');
  }

  /** The speakers listed, in order. */
  speakerNames(): Promise<string[]> {
    return this.page.locator('.speaker-card .speaker-name span').allTextContents();
  }

  card(speaker: string): Locator {
    return this.page.locator('.speaker-card').filter({ has: this.page.locator('.speaker-name span', { hasText: new RegExp(`^${speaker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  }

  /** Ticks each speaker's box, names them `name` and merges (or renames) them. */
  async merge(speakers: readonly string[], name: string): Promise<void> {
    for (const speaker of speakers) await this.card(speaker).getByRole('checkbox').check();
    await this.page.getByLabel('Speaker name').fill(name);
    await this.page.locator('.merge-apply').click();
    await this.page.locator('.speaker-merge-bar').waitFor({ state: 'detached' });
  }

  /** The header's Undo, which reaches the speaker renames while the speaker index is shown. */
  get undoButton(): Locator {
    return this.page.locator('.history-buttons').getByRole('button', { name: 'Undo' });
  }

  get redoButton(): Locator {
    return this.page.locator('.history-buttons').getByRole('button', { name: 'Redo' });
  }

  /** The drift report's entry for a pair of articles (either way round). */
  driftCard(first: string, second: string): Locator {
    return this.page.locator(`.drift-card[data-documents="${first} ${second}"], .drift-card[data-documents="${second} ${first}"]`);
  }
}
