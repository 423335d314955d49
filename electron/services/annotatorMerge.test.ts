import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../store/libraryStore';
import { importFiles } from './importFiles';
import { ANNOTATED_TEXT, annotatorExportLine } from '../../shared/testing/annotatorExports';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

describe('importing several annotators’ exports of the same article', () => {
  test('keeps one article, each annotator’s spans apart, nothing duplicated on a second import', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-annotators-'));
    folders.push(folder);
    const ann = path.join(folder, 'ann.jsonl');
    const bob = path.join(folder, 'bob.jsonl');
    await fs.writeFile(ann, `${annotatorExportLine({ annotator: 'ann', quoteEnd: 14 })}\n`);
    // Bob's quote is one character shorter; his attribution is the same range as Ann's.
    await fs.writeFile(bob, `${annotatorExportLine({ annotator: 'bob', quoteEnd: 13 })}\n`);
    const store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' });
    try {
      const first = await importFiles(store, [ann, bob]);
      expect(first.added).toHaveLength(1);
      expect(first.problems.map((problem) => problem.message)).toContainEqual(expect.stringContaining('2 of its spans added to it, 0 already there'));
      const again = await importFiles(store, [ann, bob]);
      expect(again.added).toHaveLength(0);
      expect(store.listDocuments()).toHaveLength(1);
      const document = (await store.getDocument(store.listDocuments()[0]!.id))!;
      expect(document.spans.map((span) => `${span.label} ${ANNOTATED_TEXT.slice(span.start, span.end)} ${span.annotator}`)).toEqual([
        'quote We will win ann',
        'quote We will wi bob',
        'attribution she said ann',
        'attribution she said bob',
      ]);
      // Each annotator's link joins that annotator's own spans.
      const byId = new Map(document.spans.map((span) => [span.id, span]));
      expect(document.relations.map((relation) => `${byId.get(relation.headId)!.annotator}→${byId.get(relation.childId)!.annotator}`).sort()).toEqual(['ann→ann', 'bob→bob']);
    } finally {
      await store.close();
    }
  });

  test('two records of the same text in one file become one article', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-annotators-'));
    folders.push(folder);
    const both = path.join(folder, 'both.jsonl');
    await fs.writeFile(both, `${annotatorExportLine({ annotator: 'ann', quoteEnd: 14 })}\n${annotatorExportLine({ id: 'win-bob', annotator: 'bob', quoteEnd: 14 })}\n`);
    const store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' });
    try {
      const outcome = await importFiles(store, [both]);
      expect(outcome.added).toHaveLength(1);
      const document = (await store.getDocument(outcome.added[0]!.id))!;
      expect(document.spans.map((span) => `${span.label} ${span.annotator}`)).toEqual(['quote ann', 'quote bob', 'attribution ann', 'attribution bob']);
      expect(document.relations).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
