import type { Page } from '@playwright/test';
import { ARTICLE_001, ARTICLE_003, labelWithSpeaker, QUOTE_001, QUOTE_003, SpeakerViews } from './pages/speakerViews';
import type { RunningHost } from './support/browserHostProcess';

/**
 * Screenshot entries of the speaker index and the drift report (see screenshot.ts). Each labels
 * the sample corpus through the API, then brings the page (already at the app) to the view.
 */

/** Three spellings of one speaker on quotes and attributions of 003 and 001, and one other speaker. */
async function labelSpeakers(host: RunningHost): Promise<void> {
  await labelWithSpeaker(host, ARTICLE_003, QUOTE_003, 'quote', 'Psaki', 'sq1');
  await labelWithSpeaker(host, ARTICLE_003, 'Psaki said in a statement on Sunday night', 'attribution', 'Psaki', 'sa1');
  await labelWithSpeaker(host, ARTICLE_003, 'We are always ready for diplomacy.', 'quote', 'White House spokeswoman Jen Psaki', 'sq2');
  await labelWithSpeaker(host, ARTICLE_001, QUOTE_001, 'quote', 'Jen Psaki', 'sq3');
  await labelWithSpeaker(host, ARTICLE_001, 'We are always ready for diplomacy.', 'quote', 'Jen Psaki', 'sq4');
  await labelWithSpeaker(host, ARTICLE_001, 'Psaki said in a statement', 'attribution', 'Jen Psaki', 'sa2');
}

/**
 * The speaker index after "Psaki" was merged into "Jen Psaki" (its quotes told twice grouped, the
 * first wording kept), with the third spelling ticked for the next merge.
 */
export async function speakerIndexShot(page: Page, host: RunningHost): Promise<void> {
  await labelSpeakers(host);
  await page.reload();
  const views = new SpeakerViews(page);
  await views.showSpeakers();
  await views.merge(['Psaki', 'Jen Psaki'], 'Jen Psaki');
  await views.card('Jen Psaki').locator('.group-count').first().waitFor();
  for (const speaker of ['Jen Psaki', 'White House spokeswoman Jen Psaki']) await views.card(speaker).getByRole('checkbox').check();
  await page.getByLabel('Speaker name').fill('Jen Psaki');
  await page.getByLabel('Speaker name').blur();
}

/** The drift report, with the quote of 003 and its rewording in 001 labelled, and the changed words marked. */
export async function driftShot(page: Page, host: RunningHost): Promise<void> {
  await labelWithSpeaker(host, ARTICLE_003, QUOTE_003, 'quote', 'Jen Psaki', 'dq1');
  await labelWithSpeaker(host, ARTICLE_001, QUOTE_001, 'quote', 'Jen Psaki', 'dq2');
  await page.reload();
  const views = new SpeakerViews(page);
  await views.showDrift();
  await views.driftCard(ARTICLE_003, ARTICLE_001).first().waitFor();
}
