import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportFileOutcome } from '../../shared/contract';
import type { ImportMappingInput, LabelChoice } from '../../shared/importMapping';
import { importMappingSchema } from '../../shared/importMapping';
import { formatProblem, isProblem } from '../../shared/importProblem';
import type { ImportPlan } from '../../shared/importReport';
import { relationTypesOf } from '../../shared/model';
import type { Result } from '../../shared/result';
import { realWorldAvailable, realWorldPath } from '../../shared/testing/realWorld';
import { LibraryStore } from '../store/libraryStore';
import { createLibraryHandlers } from './libraryHandlers';

/**
 * The two-step import through the services the app calls (startImport, importFile,
 * importStatus): a plan that writes nothing, then an import with the user's label and
 * relation-type choices.
 */

let folder: string;
let store: LibraryStore;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-mapping-'));
  store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', defaultAnnotator: 'tester' });
});

afterEach(async () => {
  await store.close();
  await fs.rm(folder, { recursive: true, force: true });
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Runs one job over `files` (name → bytes) as the renderer does, and answers its final status. */
async function runJob(files: [string, Uint8Array][], args: { plan?: boolean; mapping?: ImportMappingInput; duplicates?: 'skip' | 'import' }): Promise<ImportFileOutcome> {
  const handlers = createLibraryHandlers(store);
  const { importJobsFor } = await import('./importJobs');
  const parsedMapping = args.mapping ? importMappingSchema.parse(args.mapping) : undefined;
  const started = value(await handlers.startImport({ files: files.length, plan: args.plan ?? false, duplicates: args.duplicates ?? 'skip', ...(parsedMapping ? { mapping: parsedMapping } : {}) }));
  for (const [name, bytes] of files) value(await importJobsFor(store).importFile(started.jobId, name, bytes));
  return value(await handlers.importStatus({ jobId: started.jobId }));
}

async function peerFiles(): Promise<[string, Uint8Array][]> {
  const names = (await fs.readdir(realWorldPath('peers'))).sort();
  return Promise.all(names.map(async (name) => [`peers/${name}`, new Uint8Array(await fs.readFile(realWorldPath('peers', name)))] as [string, Uint8Array]));
}

/** Where each peer label goes: people and places that speak → attribution, organisations → claim, the rest → quote. */
function ontoOurLabels(plan: ImportPlan): Record<string, LabelChoice> {
  const attribution = /^(PER|PERSON|LOC|LOCATION|GPE|NORP)$/i;
  return Object.fromEntries(plan.labels.map((label) => [label.name, { action: 'map', to: attribution.test(label.name) ? 'attribution' : /ORG/i.test(label.name) ? 'claim' : 'quote' } as LabelChoice]));
}

describe.skipIf(!realWorldAvailable())('importing every peer file (../shared/real-world/peers) in two steps', () => {
  test('the plan lists the unknown labels and relation types with counts and free keys, and writes nothing', async () => {
    const before = JSON.stringify([store.settings, store.listDocuments()]);
    const { plan, report, progress } = await runJob(await peerFiles(), { plan: true });
    expect(progress).toMatchObject({ mode: 'plan', state: 'finished', documentsAdded: 0 });
    expect(JSON.stringify([store.settings, store.listDocuments()])).toBe(before);
    expect(report.added).toEqual([]);
    expect(plan!.relations).toBe(125);
    expect(plan!.relationTypes.map((type) => type.name)).toEqual(expect.arrayContaining(['foundedAt', 'foundedBy', '产国', '研发单位', '类型']));
    expect(plan!.relationTypes.reduce((total, type) => total + type.relations, 0)).toBe(125);
    const names = plan!.labels.map((label) => label.name);
    expect(names).toEqual(expect.arrayContaining(['PERSON', 'ORG', '武器名称']));
    expect(names).not.toContain('claim');
    const keys = plan!.labels.map((label) => label.proposedKey).filter((key) => key !== '');
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
    for (const key of keys) expect(['1', '2', '3', 'n', 'p', 'l', 'd', 'x', 'z']).not.toContain(key.toLowerCase());
    expect(plan!.notArticles).toEqual([{ file: 'peers/SOURCES.md', reason: expect.stringMatching(/not an article/) }]);
  });

  test('mapped onto claim, quote and attribution: the label set stays as chosen, every relation keeps its type, no red problem for a file that imported fine', async () => {
    const files = await peerFiles();
    const { plan } = await runJob(files, { plan: true });
    const mapping: ImportMappingInput = { labels: ontoOurLabels(plan!), relationTypes: Object.fromEntries(plan!.relationTypes.map((type) => [type.name, { action: 'add' }])) };
    const { progress, problems, report } = await runJob(files, { mapping });

    expect(store.settings.labels.map((label) => label.name)).toEqual(['claim', 'quote', 'attribution']);
    const types = relationTypesOf(store.settings).map((type) => type.name);
    expect(types[0]).toBe('attributed_to');
    expect(types.slice(1).sort()).toEqual(plan!.relationTypes.map((type) => type.name).sort());
    expect(report.addedLabels).toEqual([]);

    const documents = await Promise.all(store.listDocuments().map(async (summary) => (await store.getDocument(summary.id))!));
    const byType = new Map<string, number>();
    for (const relation of documents.flatMap((document) => document.relations)) byType.set(relation.label, (byType.get(relation.label) ?? 0) + 1);
    const merged = problems.filter((problem) => /relations became one/.test(problem.message));
    expect(merged).toEqual([]);
    expect(Object.fromEntries(byType)).toEqual(Object.fromEntries(plan!.relationTypes.map((type) => [type.name, type.relations])));

    // The only red problem is doccano's own rejected test record; every other file is clean.
    expect(problems.filter(isProblem).map(formatProblem)).toEqual([expect.stringMatching(/^peers\/doccano-tests-sequence_labeling-example\.jsonl:3: /)]);
    expect(progress.documentsAdded).toBe(report.added.length);
    // An article in two peer files is imported once, as the plan foretold.
    expect(report.duplicates.map(({ file, title }) => [file, title])).toEqual(plan!.duplicates.map(({ file, title }) => [file, title]));
    expect(report.added.length).toBe(plan!.documents - plan!.duplicates.length);
    expect(report.added[0]).toEqual({ id: expect.any(String), title: expect.any(String), file: 'peers/all.jsonl' });
    expect(report.notArticles.map((skipped) => skipped.file)).toEqual(['peers/SOURCES.md']);
    expect(problems.filter((problem) => problem.file === 'peers/SOURCES.md').map(formatProblem)).toEqual([expect.stringMatching(/^peers\/SOURCES\.md: note: not an article/)]);
  });

  test('a skipped label leaves its spans (and their links) out; a skipped relation type its relations; an added label takes the chosen key', async () => {
    const files = (await peerFiles()).filter(([name]) => name === 'peers/doccano-relation_extraction-example.jsonl');
    const { plan } = await runJob(files, { plan: true });
    expect(plan!.labels.map((label) => [label.name, label.spans])).toEqual([['DATE', 1], ['ORG', 1], ['PERSON', 2]]);
    const { problems } = await runJob(files, {
      mapping: { labels: { ORG: { action: 'map', to: 'claim' }, PERSON: { action: 'add', key: 'q' }, DATE: { action: 'skip' } }, relationTypes: { foundedBy: { action: 'skip' } }, otherRelationTypes: 'add' },
    });
    expect(store.settings.labels.map((label) => [label.name, label.key])).toEqual([['claim', '1'], ['quote', '2'], ['attribution', '3'], ['PERSON', 'q']]);
    const [document] = await Promise.all(store.listDocuments().map(async (summary) => (await store.getDocument(summary.id))!));
    expect(document!.spans.map((span) => `${span.label} ${document!.text.slice(span.start, span.end)}`)).toEqual(['claim Google', 'PERSON Larry Page', 'PERSON Sergey Brin']);
    // foundedAt went with the DATE span; foundedBy was skipped.
    expect(document!.relations).toEqual([]);
    expect(problems.filter(isProblem)).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(expect.arrayContaining([expect.stringMatching(/note: left out, as chosen: 1 spans of label "DATE"/), expect.stringMatching(/note: left out, as chosen: 2 relations of type "foundedBy"/)]));
    expect(relationTypesOf(store.settings).map((type) => type.name)).toEqual(['attributed_to']);
  });
});

describe('import jobs: what they did, duplicates and files that are not articles', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const batch = `${JSON.stringify({ id: 'one', text: 'First story.', meta: { title: 'One' } })}\n${JSON.stringify({ id: 'two', text: 'Second story.', meta: { title: 'Two' } })}\n`;

  test('the report names the added articles; importing the same file again skips them and says so; "import" adds copies', async () => {
    const first = await runJob([['batch.jsonl', bytes(batch)]], {});
    expect(first.report.added).toEqual([{ id: 'one', title: 'One', file: 'batch.jsonl' }, { id: 'two', title: 'Two', file: 'batch.jsonl' }]);
    const again = await runJob([['copy/batch.jsonl', bytes(batch)]], {});
    expect(again.report.added).toEqual([]);
    expect(again.progress.documentsAdded).toBe(0);
    expect(again.report.duplicates).toEqual([{ file: 'copy/batch.jsonl', title: 'One', existingId: 'one' }, { file: 'copy/batch.jsonl', title: 'Two', existingId: 'two' }]);
    expect(again.problems.map(formatProblem)).toEqual(['copy/batch.jsonl: note: already imported: all 2 articles are in the library with the same title and text ("One" (as one), "Two" (as two)); skipped, not copied. Import them anyway to add copies.']);
    expect(store.listDocuments()).toHaveLength(2);
    const copies = await runJob([['batch.jsonl', bytes(batch)]], { duplicates: 'import' });
    expect(copies.report.added.map((article) => article.title)).toEqual(['One', 'Two']);
    expect(store.listDocuments()).toHaveLength(4);
  });

  test('the plan says which articles the library already has, and which repeat an earlier file of the same import', async () => {
    await runJob([['batch.jsonl', bytes(batch)]], {});
    const third = `${JSON.stringify({ text: 'Third story.', meta: { title: 'Three' } })}\n`;
    const { plan } = await runJob([['batch.jsonl', bytes(`${batch}${third}`)], ['again/third.jsonl', bytes(third)]], { plan: true });
    expect(plan!.duplicates.map(({ file, existingId }) => [file, existingId])).toEqual([['batch.jsonl', 'one'], ['batch.jsonl', 'two'], ['again/third.jsonl', null]]);
    expect(plan!.documents).toBe(4);
  });

  test('a SOURCES.md beside news pages and an empty file are skipped with a note, not imported', async () => {
    const sources = '# Sources\n\n| file | site |\n|---|---|\n| `a.html` | https://example.org/news/a |\n| `b.html` | https://example.org/news/b |\n';
    const { report, problems } = await runJob([['news/SOURCES.md', bytes(sources)], ['news/empty.txt', bytes('')], ['news/story.txt', bytes('A headline\n\nThe story.')]], {});
    expect(report.added.map((article) => article.file)).toEqual(['news/story.txt']);
    expect(report.notArticles.map((skipped) => skipped.file)).toEqual(['news/SOURCES.md', 'news/empty.txt']);
    expect(problems.filter(isProblem)).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(['news/SOURCES.md: note: not an article: Markdown made mostly of tables, lists and links (a notes file such as SOURCES.md or README.md); skipped', 'news/empty.txt: note: the file is empty; nothing to import']);
  });

  test('the one-step import (no plan, no mapping) still adds every new label and relation type', async () => {
    const record = { text: 'Ann met Bob', spans: [{ id: 'a', start: 0, end: 3, label: 'PER' }, { id: 'b', start: 8, end: 11, label: 'PER' }], relations: [{ label: 'met', head_id: 'a', child_id: 'b' }] };
    const { report, problems } = await runJob([['x.jsonl', bytes(`${JSON.stringify(record)}\n`)]], {});
    expect(report.addedLabels).toEqual(['PER']);
    expect(report.addedRelationTypes).toEqual(['met']);
    expect(store.settings.labels.at(-1)).toMatchObject({ name: 'PER', key: expect.stringMatching(/^.$/) });
    expect(problems.filter(isProblem)).toEqual([]);
  });

  test('saving settings without relation types (a window that does not edit them) keeps the library’s', async () => {
    const record = { text: 'Ann met Bob', spans: [{ id: 'a', start: 0, end: 3, label: 'claim' }, { id: 'b', start: 8, end: 11, label: 'claim' }], relations: [{ label: 'met', head_id: 'a', child_id: 'b' }] };
    await runJob([['x.jsonl', bytes(`${JSON.stringify(record)}\n`)]], {});
    const handlers = createLibraryHandlers(store);
    const { annotator, labels, snapToWords } = store.settings;
    value(await handlers.updateSettings({ settings: { annotator: 'someone else', labels, snapToWords } }));
    expect([store.settings.annotator, relationTypesOf(store.settings).map((type) => type.name)]).toEqual(['someone else', ['attributed_to', 'met']]);
    value(await handlers.applyLabelChanges({ settings: { annotator, labels, snapToWords }, renames: [], deletions: [] }));
    expect(relationTypesOf(store.settings).map((type) => type.name)).toEqual(['attributed_to', 'met']);
  });

  test('a mapping onto a label the library lacks is refused before anything is read', async () => {
    const handlers = createLibraryHandlers(store);
    const started = await handlers.startImport({ files: 1, plan: false, duplicates: 'skip', mapping: importMappingSchema.parse({ labels: { PER: { action: 'map', to: 'speaker' } } }) });
    expect(started).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('"speaker"') } });
  });
});
