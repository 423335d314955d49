import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatProblem, isProblem, type ImportProblem } from '../../shared/importProblem';
import { LibraryStore } from '../store/libraryStore';
import { importFiles, listImportSources } from './importFiles';

let folder: string;
let store: LibraryStore;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-folders-'));
  store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test', defaultAnnotator: 'tester' });
});

afterEach(async () => {
  await store.close();
  await fs.rm(folder, { recursive: true, force: true });
});

async function write(relative: string, content: string | Uint8Array): Promise<void> {
  const filePath = path.join(folder, relative);
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  await fs.writeFile(filePath, content);
}

describe('importing folders', () => {
  test('a folder is walked recursively in name order; hidden files and folders are passed over; names carry the path', async () => {
    await write('drop/b.txt', 'B');
    await write('drop/a/z.md', '# Z');
    await write('drop/a/.git/config', 'x');
    await write('drop/.DS_Store', 'x');
    expect((await listImportSources([path.join(folder, 'drop')])).map((source) => source.name)).toEqual(['drop/a/z.md', 'drop/b.txt']);
  });

  test('progress is told after each file, and shouldStop ends the import between files', async () => {
    for (let index = 1; index <= 4; index++) await write(`batch/${index}.txt`, `Story ${index}`);
    const seen: string[] = [];
    const outcome = await importFiles(store, [path.join(folder, 'batch')], {
      onProgress: (done, total, file) => seen.push(`${done}/${total} ${file}`),
      shouldStop: () => seen.length >= 2,
    });
    expect(seen).toEqual(['1/4 batch/1.txt', '2/4 batch/2.txt']);
    expect(outcome.added.map((summary) => summary.title)).toEqual(['Story 1', 'Story 2']);
  });

  test('an HTML page in a folder becomes its article; a page with no article is a problem naming it', async () => {
    const paragraph = (words: string) => `<p>${words} ${'and the minister said more about the talks in Geneva. '.repeat(4)}</p>`;
    await write('pages/story.html', `<html><head><title>Talks resume</title></head><body><nav>Menu Home World</nav><article><h1>Talks resume</h1>${paragraph('First')}${paragraph('Second')}${paragraph('Third')}</article><footer>Footer links</footer></body></html>`);
    await write('pages/empty.htm', '<html><body></body></html>');
    const outcome = await importFiles(store, [path.join(folder, 'pages')]);
    expect(outcome.problems.map(formatProblem)).toEqual(['pages/empty.htm: no article found in this page (Readability found no main text)']);
    const document = (await store.getDocument('story'))!;
    expect(document.meta).toMatchObject({ title: 'Talks resume', source: 'story.html' });
    expect(document.text.startsWith('First and the minister said')).toBe(true);
    expect(document.text).not.toContain('Menu Home World');
    expect(document.text).not.toContain('Footer links');
  });

  test('labels past the 50 a label set holds are reported clearly; their spans are still imported', async () => {
    const spans = Array.from({ length: 60 }, (_, index) => ({ start: index, end: index + 1, label: `L${index}` }));
    await write('many.jsonl', `${JSON.stringify({ id: 'many', text: 'x'.repeat(60), spans })}\n`);
    const outcome = await importFiles(store, [path.join(folder, 'many.jsonl')]);
    expect(store.settings.labels).toHaveLength(50);
    expect(outcome.addedLabels).toHaveLength(47);
    const problems = outcome.problems.filter(isProblem).map(formatProblem);
    expect(problems).toEqual([expect.stringMatching(/^many\.jsonl: the label set is full \(50 labels\), so 13 labels were not added: "L47", .*"L59"\. Their spans are imported/)]);
    expect((await store.getDocument('many'))!.spans).toHaveLength(60);
  });
});

describe('links in folders', () => {
  test('a link back up the tree, a link to a file and a path given twice: each real file is read once, each link noted', async () => {
    await write('drop/a.txt', 'A');
    await write('drop/sub/b.txt', 'B');
    await fs.symlink(path.join(folder, 'drop'), path.join(folder, 'drop/sub/up'));
    await fs.symlink(path.join(folder, 'drop/a.txt'), path.join(folder, 'drop/sub/same.txt'));
    const notes: ImportProblem[] = [];
    const sources = await listImportSources([path.join(folder, 'drop'), path.join(folder, 'drop/a.txt')], notes);
    expect(sources.map((source) => source.name)).toEqual(['drop/a.txt', 'drop/sub/b.txt']);
    expect(notes.map(formatProblem)).toEqual([
      'drop/sub/same.txt: note: the same file as drop/a.txt (a link or a second path to it); read once',
      'drop/sub/up: note: the same folder as drop (a link or a second path to it); read once',
      'a.txt: note: the same file as drop/a.txt (a link or a second path to it); read once',
    ]);
  });

  test('two loops that lead into each other end, and the import adds each article once', async () => {
    await write('loops/x/one.txt', 'One');
    await write('loops/y/two.txt', 'Two');
    for (const [from, to] of [['loops/x/back', 'loops'], ['loops/y/back', 'loops'], ['loops/x/across', 'loops/y'], ['loops/y/across', 'loops/x']]) await fs.symlink(path.join(folder, to!), path.join(folder, from!));
    const outcome = await importFiles(store, [path.join(folder, 'loops')]);
    expect(outcome.added.map((summary) => summary.title).sort()).toEqual(['One', 'Two']);
    expect(outcome.files).toBe(2);
    expect(outcome.problems.filter(isProblem)).toEqual([]);
  });
});
