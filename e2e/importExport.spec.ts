import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callApi } from './support/browserHostProcess';
import { expect, test } from './support/fixtures';
import { ImportExportDialogs } from './pages/importExport';

/** A folder of mixed files, some broken, made here: what a user drags in from their disk. */
function mixedFolder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-drop-'));
  const folder = path.join(root, 'incoming');
  mkdirSync(path.join(folder, 'peers', 'doccano'), { recursive: true });
  writeFileSync(path.join(folder, 'plain story.txt'), 'Plain headline from a text file\n\nThe minister said nothing.');
  writeFileSync(path.join(folder, 'notes.md'), '# Markdown headline\n\nSome *text*.');
  writeFileSync(
    path.join(folder, 'page.html'),
    `<!doctype html><html><head><title>HTML headline</title></head><body><nav><a href="/">Home</a><a href="/world">World news menu</a></nav><article><h1>HTML headline</h1>
     <p>The first paragraph of an article that a news site served, long enough for Readability to keep it as the body.</p>
     <p>A second paragraph, also long enough, in which the spokesperson said that the talks would continue next week in Geneva.</p>
     <p>A third paragraph closes the story with more words, so that the page clearly has a main article to extract.</p></article>
     <footer>Site footer and copyright</footer></body></html>`,
  );
  writeFileSync(
    path.join(folder, 'peers', 'prodigy.jsonl'),
    [
      JSON.stringify({ text: 'Prodigy headline 😀 about Uber', spans: [{ start: 25, end: 29, label: 'ORG', text: 'Uber' }], answer: 'accept' }),
      '{"text": "cut off',
      JSON.stringify({ text: 'Second Prodigy headline', spans: [{ start: 0, end: 6, label: 'ORG', text: 'Secnd' }] }),
    ].join('\n'),
  );
  writeFileSync(path.join(folder, 'peers', 'doccano', 'labels.jsonl'), `${JSON.stringify({ text: 'doccano headline: EU rejects', label: [[18, 20, 'ORG'], [18, 99, 'MISC']] })}\n`);
  writeFileSync(path.join(folder, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]));
  writeFileSync(path.join(folder, 'report.docx'), 'PK not a text file');
  return root;
}

test.describe('Import through the UI (browser host)', () => {
  test.use({ library: { articles: [{ name: 'existing.txt', text: 'Existing article\n\nAlready here.' }] } });

  test('a folder of mixed files, some broken: a progress bar, an error list naming each bad file and line, the good ones appear', async ({ app, host }) => {
    const root = mixedFolder();
    const dialogs = new ImportExportDialogs(app.page);
    try {
      await dialogs.importFolder(path.join(root, 'incoming'));
      // Unknown labels: the mapping step asks first; adding them (the default) is the old one-step import.
      await expect(dialogs.mappingStep).toBeVisible();
      await dialogs.confirmImport();
      await dialogs.waitForImportEnd();
      await expect(dialogs.progressBar).toBeVisible();
      await expect(dialogs.progressBar).toHaveAttribute('max', '7');
      await expect(dialogs.progressBar).toHaveAttribute('value', '7');
      await expect(dialogs.progressDetail).toHaveText('Imported: 7 of 7 files, 6 documents added, 5 problems');

      const lines = await dialogs.problemLines();
      const problems = lines.filter((line) => !line.includes(': note: '));
      expect(problems).toEqual([
        expect.stringMatching(/^incoming\/report\.docx: unsupported file type "\.docx"/),
        expect.stringMatching(/^incoming\/latin1\.txt: not UTF-8 or UTF-16 text/),
        expect.stringMatching(/^incoming\/peers\/doccano\/labels\.jsonl:1: label\.1 \(18–99 MISC\): code point offset 99 is outside the text/),
        expect.stringMatching(/^incoming\/peers\/prodigy\.jsonl:2: not valid JSON/),
        expect.stringMatching(/^incoming\/peers\/prodigy\.jsonl:3: spans\.0 \(0–6 ORG\): its text "Secnd" differs from the text at those offsets "Second"/),
      ]);
      expect(lines).toContain('incoming/peers/doccano/labels.jsonl: note: added label "ORG" (key o) to the label set');

      // The list can be copied whole.
      await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await dialogs.importDialog.getByRole('button', { name: 'Copy list' }).click();
      await expect(dialogs.importDialog.getByText('Copied.')).toBeVisible();
      const copied = await app.page.evaluate(() => navigator.clipboard.readText());
      expect(copied.split('\n')).toEqual([...problems, ...lines.filter((line) => line.includes(': note: '))]);

      await dialogs.importDialog.getByRole('button', { name: 'Done' }).click();
      for (const title of ['Existing article', 'Plain headline from a text file', 'Markdown headline', 'HTML headline', 'Prodigy headline 😀 about Uber', 'Second Prodigy headline', 'doccano headline: EU rejects']) {
        await expect(app.documentItem(title)).toBeVisible();
      }
      await app.openArticle('Prodigy headline 😀 about Uber');
      await expect(app.highlights('ORG').first()).toBeVisible();
      expect((await app.highlights('ORG').allTextContents()).join('')).toBe('Uber');
      await app.openArticle('HTML headline');
      await expect(app.articleText).toContainText('The first paragraph of an article');
      await expect(app.articleText).not.toContainText('World news menu');
      await expect(app.articleText).not.toContainText('Site footer');

      // Nothing already in the library changed.
      const existing = await callApi<{ text: string; status: string }>(host, 'getDocument', { id: 'existing' });
      expect([existing.text, existing.status]).toEqual(['Existing article\n\nAlready here.', 'todo']);
      expect(app.problems).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('Cancel stops between files: the files before it are imported, the rest are not read', async ({ app }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-cancel-'));
    const folder = path.join(root, 'batch');
    mkdirSync(folder);
    for (let index = 1; index <= 5; index++) writeFileSync(path.join(folder, `story-${index}.txt`), `Batch story ${index}\n\nText ${index}.`);
    const dialogs = new ImportExportDialogs(app.page);
    // Hold the second file's upload until Cancel has been clicked, so the moment is certain.
    let release: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => (release = resolve));
    // Five uploads read the files (step 1, nothing written), five more import them.
    let uploads = 0;
    await app.page.route('**/api/import/**', async (route) => {
      uploads++;
      if (uploads === 7) await cancelled;
      await route.continue();
    });
    try {
      await dialogs.importFolder(folder);
      await expect(dialogs.progressDetail).toHaveText(/^Importing: 1 of 5 files/);
      await dialogs.importDialog.getByRole('button', { name: 'Cancel' }).click();
      release();
      await dialogs.waitForImportEnd();
      await expect(dialogs.progressDetail).toHaveText('Cancelled: 2 of 5 files, 2 documents added, 0 problems');
      await expect(dialogs.progressBar).toHaveAttribute('value', '2');
      expect(uploads).toBe(7);
      await dialogs.importDialog.getByRole('button', { name: 'Done' }).click();
      await expect(app.documentItem('Batch story 2')).toBeVisible();
      await expect(app.documentItem('Batch story 3')).toHaveCount(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('files dropped on the window import at once', async ({ app }) => {
    const dialogs = new ImportExportDialogs(app.page);
    await dialogs.dropFiles([
      { name: 'dropped.txt', content: 'Dropped headline\n\nBody.' },
      { name: 'dropped.jsonl', content: `${JSON.stringify({ text: 'Dropped doccano', entities: [{ id: 1, start_offset: 0, end_offset: 7, label: 'claim' }], relations: [] })}\n` },
    ]);
    await dialogs.waitForImportEnd();
    await expect(dialogs.progressDetail).toHaveText('Imported: 2 of 2 files, 2 documents added, 0 problems');
    await dialogs.importDialog.getByRole('button', { name: 'Done' }).click();
    await app.openArticle('Dropped doccano');
    await expect(app.highlights('claim').first()).toBeVisible();
    expect((await app.highlights('claim').allTextContents()).join('')).toBe('Dropped');
  });
});

test.describe('Export dialog (browser host)', () => {
  const TEXT = '=cmd 😀 said "hi", she said.';
  const records = [
    { id: 'one', text: TEXT, status: 'done', spans: [{ id: 'q', start: 12, end: 16, label: 'quote', text: '"hi"' }, { id: 'a', start: 18, end: 21, label: 'attribution', text: 'she', speaker: 'She' }], relations: [{ id: 'r', head_id: 'q', child_id: 'a' }] },
    { id: 'two', text: 'Other text', status: 'todo', spans: [{ id: 'c', start: 0, end: 5, label: 'claim', text: 'Other' }] },
  ];
  test.use({ library: { articles: [{ name: 'batch.jsonl', text: records.map((record) => JSON.stringify(record)).join('\n') }] } });

  test('CSV of done documents with a BOM: one row per span, quoted, formula-safe, links named', async ({ app }) => {
    const dialogs = new ImportExportDialogs(app.page);
    const { fileName, content } = await dialogs.exportWith(async (dialog) => {
      await dialog.getByLabel('Format').selectOption('csv');
      await dialog.getByLabel('To do').uncheck();
      await expect(dialog.getByRole('status')).toHaveText('1 document, 2 spans will be exported as CSV (one row per span).');
    });
    expect(fileName).toMatch(/^newsmark-export-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(content.startsWith('\ufeffdocument_id,document_title,span_id,label,start,end,text,speaker,note,annotator,linked_span_ids\r\n')).toBe(true);
    // The annotator is whoever ran the import here; the rest is exact.
    const rows = content.slice(1).split('\r\n').slice(1, -1).map((row) => row.replace(/,[^,]+,(\w*)$/, ',ANNOTATOR,$1'));
    expect(rows).toEqual([`one,"'=cmd 😀 said ""hi"", she said.",q,quote,12,16,"""hi""",,,ANNOTATOR,a`, `one,"'=cmd 😀 said ""hi"", she said.",a,attribution,18,21,she,She,,ANNOTATOR,q`]);
  });

  test('W3C Web Annotation of chosen documents: one collection, selectors in code points', async ({ app }) => {
    const dialogs = new ImportExportDialogs(app.page);
    const { fileName, content } = await dialogs.exportWith(async (dialog) => {
      await dialog.getByLabel('Format').selectOption('w3c');
      await dialog.getByLabel('Only the documents chosen below').check();
      await dialog.getByLabel('Other text').check();
      await expect(dialog.getByRole('status')).toHaveText('1 document, 1 span will be exported as W3C Web Annotation (JSON-LD).');
    });
    expect(fileName).toMatch(/\.jsonld$/);
    const collection = JSON.parse(content);
    expect(collection.first.items.map((item: { id: string; target: { selector: unknown[] } }) => [item.id, item.target.selector])).toEqual([
      ['urn:newsmark:two:c', [{ type: 'TextPositionSelector', start: 0, end: 5 }, { type: 'TextQuoteSelector', exact: 'Other', prefix: '', suffix: ' text' }]],
    ]);
  });
});
