import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import type { ExportRecord } from '../shared/exportRecord';
import type { DocumentDraft } from '../shared/jsonlImport';
import { loadSampleCorpus } from './services/sampleCorpus';
import { acquireDataFolderLock } from './store/dataFolderLock';
import { LibraryStore } from './store/libraryStore';
import { runNewsmark as newsmark, type NewsmarkRun } from './testing/runNewsmark';

// The command line runs as its own process (through tsx), as a user runs it. Each run costs
// about a second, so the tests run concurrently, each in its own folder.

const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function newFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-cli-'));
  folders.push(folder);
  return folder;
}

const TEXT = 'Bold 😀 move: "We will win," she said.';

/** A library of three documents: a done one with spans after an emoji, an in-progress one, a to-do one. */
async function preparedLibrary(): Promise<string> {
  const library = path.join(await newFolder(), 'library');
  const drafts: DocumentDraft[] = [
    {
      id: 'done-1',
      text: TEXT,
      meta: { title: 'Done' },
      status: 'done',
      spans: [
        { id: 'q', start: TEXT.indexOf('We'), end: TEXT.indexOf(',"'), label: 'quote' },
        { id: 'a', start: TEXT.indexOf('she'), end: TEXT.indexOf('she') + 3, label: 'attribution' },
      ],
      relations: [{ id: 'r', label: 'attributed_to', head: 0, child: 1 }],
    },
    { id: 'progress-1', text: TEXT, meta: { title: 'Busy' }, status: 'in_progress', spans: [{ id: 'c', start: 0, end: 4, label: 'claim' }], relations: [] },
    { id: 'todo-1', text: 'Nothing yet.', meta: { title: 'Todo' }, status: 'todo', spans: [], relations: [] },
  ];
  const store = await LibraryStore.open(library, { holder: 'test' });
  try {
    await store.addDocuments(drafts, 'tester');
  } finally {
    await store.close();
  }
  return library;
}

async function readExport(filePath: string): Promise<ExportRecord[]> {
  const content = await fs.readFile(filePath, 'utf8');
  return content
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ExportRecord);
}

async function exists(filePath: string): Promise<boolean> {
  return fs.access(filePath).then(
    () => true,
    () => false,
  );
}

describe.concurrent('newsmark command line', () => {
  test('no arguments: usage, exit 2', async ({ expect }) => {
    const run = await newsmark();
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/Usage: newsmark <command>/);
  });

  test('an unknown command: exit 2 naming it, with the usage', async ({ expect }) => {
    const run = await newsmark('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toMatch(/Usage: newsmark <command>/);
  });

  test('import --help: the import usage, exit 0', async ({ expect }) => {
    const run = await newsmark('import', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: newsmark import/);
  });

  test('export with a bad --status: exit 2 naming it, and the data folder is not touched', async ({ expect }) => {
    const library = path.join(await newFolder(), 'library');
    const run = await newsmark('export', '--data-dir', library, '--out', path.join(library, 'x.jsonl'), '--status', 'finished');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--status must be one of todo, in_progress, done, skipped, not "finished"');
    expect(await exists(library)).toBe(false);
  });

  test('export with a bad --label: exit 2 naming it (a usage error, not a raw schema dump), and the data folder is not touched', async ({ expect }) => {
    const library = path.join(await newFolder(), 'library');
    const run = await newsmark('export', '--data-dir', library, '--out', path.join(library, 'x.jsonl'), '--label', ' quote');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^newsmark: --label " quote" must not start with white space\./);
    expect(await exists(library)).toBe(false);
  });

  test('import of a .txt and a .jsonl with one bad line: exit 1, "N imported" counted, the bad line named file:line; no sample corpus', async ({ expect }) => {
    const folder = await newFolder();
    const library = path.join(folder, 'brand-new', 'library');
    const txt = path.join(folder, 'Morning Story.txt');
    await fs.writeFile(txt, 'The headline\r\n\r\nBody text.\r\n');
    const jsonl = path.join(folder, 'batch.jsonl');
    await fs.writeFile(
      jsonl,
      [
        JSON.stringify({ id: 'line-one', text: 'Hello 😀 world', spans: [{ start: 8, end: 13, label: 'claim', text: 'world' }] }),
        '{"id": "line-two", "text": ',
        JSON.stringify({ id: 'line-three', text: 'Third.', status: 'done' }),
        '',
      ].join('\n'),
    );
    const run = await newsmark('import', '--data-dir', library, txt, jsonl);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^3 imported from 2 files, 1 problems$/m);
    expect(run.stderr).toMatch(/^problem: batch\.jsonl:2: not valid JSON/m);

    const sampleIds = (await loadSampleCorpus()).map((draft) => draft.id);
    expect(sampleIds.length).toBeGreaterThan(0);
    const store = await LibraryStore.open(library, { holder: 'test' });
    try {
      expect(store.listDocuments().map((summary) => `${summary.id} ${summary.status}`)).toEqual(['Morning-Story todo', 'line-one in_progress', 'line-three done']);
      expect((await store.getDocument('Morning-Story'))!.text).toBe('The headline\n\nBody text.\n');
      expect((await store.getDocument('line-one'))!.spans.map((span) => [span.start, span.end])).toEqual([[9, 14]]);
    } finally {
      await store.close();
    }
  });

  test('export --out --status done: only done documents, offsets in code points', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'done.jsonl');
    const run = await newsmark('export', '--data-dir', library, '--out', out, '--status', 'done');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`exported 1 documents, 2 spans to ${out}`);
    const records = await readExport(out);
    expect(records.map((record) => `${record.id} ${record.status} ${record.offset_unit}`)).toEqual(['done-1 done codepoint']);
    const record = records[0]!;
    const codePoints = Array.from(record.text);
    expect(record.spans.map((span) => `${span.start}-${span.end} ${span.label} ${span.text}`)).toEqual(['14-25 quote We will win', '28-31 attribution she']);
    for (const span of record.spans) expect(codePoints.slice(span.start, span.end).join('')).toBe(span.text);
    expect(record.relations.map((relation) => `${relation.head_id}←${relation.child_id}`)).toEqual(['q←a']);
  });

  test('export --offsets utf16: every document, JavaScript string offsets', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'all.jsonl');
    const run = await newsmark('export', '--data-dir', library, '--out', out, '--offsets', 'utf16');
    expect(run.code).toBe(0);
    const records = await readExport(out);
    expect(records.map((record) => `${record.id} ${record.offset_unit}`)).toEqual(['done-1 utf16', 'progress-1 utf16', 'todo-1 utf16']);
    expect(records[0]!.spans.map((span) => `${span.start}-${span.end}`)).toEqual(['15-26', '29-32']);
    for (const record of records) {
      for (const span of record.spans) expect(record.text.slice(span.start, span.end)).toBe(span.text);
    }
  });

  test('a data folder held by the browser host: exit 1 naming it, nothing exported', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'blocked.jsonl');
    const lock = acquireDataFolderLock(library, 'browser host');
    let run: NewsmarkRun;
    try {
      run = await newsmark('export', '--data-dir', library, '--out', out);
    } finally {
      lock.release();
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('in use by Newsmark browser host');
    expect(run.stderr).toContain(`process ${process.pid}`);
    expect(await exists(out)).toBe(false);
  });

  test.for(['import', 'export', 'validate', 'stats'])('%s --help: its usage on standard output, exit 0', async (command, { expect }) => {
    const run = await newsmark(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: newsmark ${command}`));
  });

  test('import of a folder of mixed formats, some broken: each bad file and line named, the good ones in, exit 1', async ({ expect }) => {
    const folder = await newFolder();
    const library = path.join(folder, 'library');
    const drop = path.join(folder, 'drop');
    await fs.mkdir(path.join(drop, 'nested', 'deeper'), { recursive: true });
    await fs.writeFile(path.join(drop, 'story.md'), '# A headline\n\nText.');
    await fs.writeFile(path.join(drop, 'nested', 'prodigy.jsonl'), `${JSON.stringify({ text: 'Uber’s Lesson', spans: [{ start: 0, end: 4, label: 'ORG', text: 'Uber' }], answer: 'accept' })}\n{"text": broken\n`);
    await fs.writeFile(path.join(drop, 'nested', 'deeper', 'doccano.jsonl'), `${JSON.stringify({ text: 'EU rejects', label: [[0, 2, 'ORG'], [3, 99, 'MISC']] })}\n`);
    await fs.writeFile(path.join(drop, 'nested', 'studio.json'), JSON.stringify([{ id: 1, data: { text: 'Oslo 😀 now' }, annotations: [{ result: [{ id: 'x', type: 'labels', value: { start: 0, end: 4, text: 'Oslo', labels: ['LOC'] } }] }] }]));
    await fs.writeFile(path.join(drop, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9]));
    await fs.writeFile(path.join(drop, '.DS_Store'), 'hidden');
    const run = await newsmark('import', '--data-dir', library, '--new-labels', 'add', drop);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^4 imported from 5 files, 3 problems$/m);
    expect(run.stderr).toContain('problem: drop/latin1.txt: not UTF-8 or UTF-16 text');
    expect(run.stderr).toMatch(/^problem: drop\/nested\/prodigy\.jsonl:2: not valid JSON/m);
    expect(run.stderr).toMatch(/^problem: drop\/nested\/deeper\/doccano\.jsonl:1: label\.1 \(3–99 MISC\): code point offset 99 is outside the text/m);
    expect(run.stdout).toContain('drop/nested/deeper/doccano.jsonl: note: added label "ORG" (key o) to the label set');
    expect(run.stdout).toMatch(/^imported studio-1: Oslo 😀 now \(1 spans\)$/m);
  });

  test('import with unknown labels and no choice for them: the plan is printed, exit 2, nothing written', async ({ expect }) => {
    const folder = await newFolder();
    const library = path.join(folder, 'library');
    const file = path.join(folder, 'peer.jsonl');
    const record = { text: 'Google hired Larry Page.', entities: [{ id: 0, start_offset: 0, end_offset: 6, label: 'ORG' }, { id: 1, start_offset: 13, end_offset: 23, label: 'PERSON' }], relations: [{ from_id: 1, to_id: 0, type: 'worksFor' }] };
    await fs.writeFile(file, `${JSON.stringify(record)}\n`);
    const run = await newsmark('import', '--data-dir', library, '--label-map', 'PERSON=attribution', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^labels the library lacks/m);
    expect(run.stdout).toMatch(/^  "ORG" +1 span in 1 article; added, it takes key "o"$/m);
    expect(run.stdout).toMatch(/^  "worksFor" +1 relation in 1 article$/m);
    expect(run.stderr).toContain('newsmark: nothing was imported: label "ORG", relation type "worksFor" need a choice');
    const store = await LibraryStore.open(library, { holder: 'test' });
    try {
      expect(store.listDocuments()).toEqual([]);
      expect(store.settings.labels.map((label) => label.name)).toEqual(['claim', 'quote', 'attribution']);
    } finally {
      await store.close();
    }
  });

  test('import --label-map/--new-labels/--relation-map/--new-relations: the label set as chosen, relations with their types; again: skipped as already imported', async ({ expect }) => {
    const folder = await newFolder();
    const library = path.join(folder, 'library');
    const drop = path.join(folder, 'drop');
    await fs.mkdir(drop);
    const record = {
      text: 'Google hired Larry Page in 1998.',
      entities: [{ id: 0, start_offset: 0, end_offset: 6, label: 'ORG' }, { id: 1, start_offset: 13, end_offset: 23, label: 'PERSON' }, { id: 2, start_offset: 27, end_offset: 31, label: 'DATE' }],
      relations: [{ from_id: 1, to_id: 0, type: 'worksFor' }, { from_id: 0, to_id: 1, type: 'said_by' }, { from_id: 1, to_id: 2, type: 'since' }],
    };
    await fs.writeFile(path.join(drop, 'peer.jsonl'), `${JSON.stringify(record)}\n`);
    await fs.writeFile(path.join(drop, 'SOURCES.md'), '# Sources\n\n| file | from |\n|---|---|\n| peer.jsonl | https://example.org/a/long/path/peer |\n');
    await fs.writeFile(path.join(drop, 'empty.txt'), '');
    const flags = ['--label-map', 'PERSON=attribution', '--label-map', 'ORG=add', '--new-labels', 'skip', '--relation-map', 'said_by=attributed_to', '--relation-map', 'since=skip', '--new-relations', 'add'];
    const run = await newsmark('import', '--data-dir', library, ...flags, drop);
    expect(run.stderr).not.toMatch(/problem/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 imported from 3 files, 0 problems; 2 not articles \(skipped\)$/m);
    expect(run.stdout).toContain('drop/SOURCES.md: note: not an article');
    expect(run.stdout).toContain('drop/empty.txt: note: the file is empty');
    expect(run.stdout).toContain('drop/peer.jsonl: note: added label "ORG" (key o) to the label set');
    expect(run.stdout).toContain('drop/peer.jsonl: note: added relation type "worksFor"');
    const again = await newsmark('import', '--data-dir', library, ...flags, path.join(drop, 'peer.jsonl'));
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 imported from 1 files, 0 problems; 1 already in the library \(skipped\)$/m);
    expect(again.stdout).toMatch(/peer\.jsonl: note: already imported: its article is in the library/);
    const store = await LibraryStore.open(library, { holder: 'test' });
    try {
      expect(store.settings.labels.map((label) => [label.name, label.key])).toEqual([['claim', '1'], ['quote', '2'], ['attribution', '3'], ['ORG', 'o']]);
      expect(store.settings.relationTypes?.map((type) => type.name)).toEqual(['attributed_to', 'worksFor']);
      const [summary] = store.listDocuments();
      const document = (await store.getDocument(summary!.id))!;
      expect(document.spans.map((span) => `${span.label} ${document.text.slice(span.start, span.end)}`)).toEqual(['ORG Google', 'attribution Larry Page']);
      expect(document.relations.map((relation) => relation.label).sort()).toEqual(['attributed_to', 'worksFor']);
    } finally {
      await store.close();
    }
  });

  test('import with a --label-map onto a label the library lacks: exit 2 naming it', async ({ expect }) => {
    const folder = await newFolder();
    const file = path.join(folder, 'a.jsonl');
    await fs.writeFile(file, `${JSON.stringify({ text: 'Ann', label: [[0, 3, 'PER']] })}\n`);
    const run = await newsmark('import', '--data-dir', path.join(folder, 'library'), '--label-map', 'PER=speaker', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^newsmark: --label-map "PER=speaker": there is no label "speaker"/);
  });

  test('import and stats print titles, ids, file names and annotators with their control characters escaped', async ({ expect }) => {
    const folder = await newFolder();
    const library = path.join(folder, 'library');
    const hostile = '\u001b[2J\u001b[31mRed\u0007\u0000 \u009b1m \u202eevil\nnext';
    await fs.writeFile(path.join(folder, 'batch.jsonl'), `${JSON.stringify({ id: 'x', text: 'Text.', meta: { title: hostile }, annotator: 'ana\u001b]0;owned\u0007', spans: [{ start: 0, end: 4, label: 'claim' }] })}\n`);
    await fs.writeFile(path.join(folder, 'bad\u001b[2J.txt'), Buffer.from([0xe9]));
    const run = await newsmark('import', '--data-dir', library, path.join(folder, 'batch.jsonl'), path.join(folder, 'bad\u001b[2J.txt'));
    expect(run.stdout).toContain('imported x: \\x1b[2J\\x1b[31mRed\\x07\\x00 \\x9b1m \\u202eevil\\nnext (1 spans)');
    expect(run.stderr).toContain('problem: bad\\x1b[2J.txt: not UTF-8 or UTF-16 text');
    const stats = await newsmark('stats', '--data-dir', library);
    expect(stats.stdout).toContain('ana\\x1b]0;owned\\x07');
    const json = await newsmark('stats', '--data-dir', library, '--json');
    expect(Object.keys(JSON.parse(json.stdout).annotators)).toEqual(['ana\u001b]0;owned\u0007']);
    for (const output of [run.stdout, run.stderr, stats.stdout, json.stdout]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  test('export then validate: the real export passes; a damaged copy fails with each problem on its line', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'all.jsonl');
    expect((await newsmark('export', '--data-dir', library, '--out', out)).code).toBe(0);
    const good = await newsmark('validate', out);
    expect([good.code, good.stdout.trim()]).toEqual([0, '3 records, 0 problems']);
    const lines = (await fs.readFile(out, 'utf8')).split('\n');
    lines[0] = lines[0]!.replace('"We will win"', '"We will won"');
    lines[2] = '{"nope": true}';
    const damaged = path.join(path.dirname(library), 'damaged.jsonl');
    await fs.writeFile(damaged, lines.join('\n'));
    const bad = await newsmark('validate', damaged);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`^${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: spans\\.0 \\(q\\): text "We will won" is not the text`, 'm'));
    expect(bad.stdout).toMatch(/:3: record: must have required property 'id'/);
  });

  test('stats --json: one object with documents by status, spans by label, per annotator', async ({ expect }) => {
    const library = await preparedLibrary();
    const run = await newsmark('stats', '--data-dir', library, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      documents: { total: 3, by_status: { todo: 1, in_progress: 1, done: 1, skipped: 0 } },
      spans: { total: 3, by_label: { quote: 1, attribution: 1, claim: 1 } },
      relations: { total: 1 },
      annotators: { tester: { spans: 3, documents: 2 } },
      suggestions: {
        by_rule: Object.fromEntries(['quote.direct', 'quote.reported', 'quote.according-to', 'attribution.speech-verb', 'attribution.according-to', 'link.nearest-attribution'].map((rule) => [rule, { accepted: 0, rejected: 0 }])),
      },
    });
  });

  test('export --format csv --bom --label quote: a BOM, a header and one quoted row', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'quotes.csv');
    const run = await newsmark('export', '--data-dir', library, '--out', out, '--format', 'csv', '--bom', '--label', 'quote');
    expect(run.code).toBe(0);
    expect(await fs.readFile(out, 'utf8')).toBe(
      '\ufeffdocument_id,document_title,span_id,label,start,end,text,speaker,note,annotator,linked_span_ids\r\ndone-1,Done,q,quote,14,25,We will win,,,tester,\r\n',
    );
  });

  test('export --format w3c --document: one collection of that document’s annotations', async ({ expect }) => {
    const library = await preparedLibrary();
    const out = path.join(path.dirname(library), 'w3c.jsonld');
    const run = await newsmark('export', '--data-dir', library, '--out', out, '--format', 'w3c', '--document', 'progress-1');
    expect(run.code).toBe(0);
    const collection = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items.map((item: { id: string }) => item.id)).toEqual(['urn:newsmark:progress-1:c']);
  });

  test('stats on a folder another process holds: exit 1 naming the holder', async ({ expect }) => {
    const library = await preparedLibrary();
    const lock = acquireDataFolderLock(library, 'desktop app');
    let run: NewsmarkRun;
    try {
      run = await newsmark('stats', '--data-dir', library);
    } finally {
      lock.release();
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('in use by Newsmark desktop app');
  });
});
