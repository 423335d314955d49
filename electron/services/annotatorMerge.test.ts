import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../store/libraryStore';
import { importFiles } from './importFiles';

// Two annotators' Newsmark exports of the same article (code point offsets; "😀 " shifts UTF-16 by one).
const TEXT = '😀 “We will win,” she said.';
function exportLine(id: string, annotator: string, quoteEnd: number): string {
  const slice = (start: number, end: number) => [...TEXT].slice(start, end).join('');
  return JSON.stringify({
    id,
    text: TEXT,
    meta: { title: 'Win' },
    status: 'done',
    annotator,
    updated_at: '2026-01-01T00:00:00.000Z',
    offset_unit: 'codepoint',
    spans: [
      { id: 'q', start: 3, end: quoteEnd, label: 'quote', text: slice(3, quoteEnd), annotator },
      { id: 'a', start: 17, end: 25, label: 'attribution', text: slice(17, 25), speaker: 'Jen Psaki', annotator },
    ],
    relations: [{ id: 'r', label: 'attributed_to', head_id: 'q', child_id: 'a', head_span: { start: 3, end: quoteEnd, label: 'quote' }, child_span: { start: 17, end: 25, label: 'attribution' } }],
  });
}

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
    await fs.writeFile(ann, `${exportLine('win', 'ann', 14)}\n`);
    // Bob's quote is one character shorter; his attribution is the same range as Ann's.
    await fs.writeFile(bob, `${exportLine('win', 'bob', 13)}\n`);
    const store = await LibraryStore.open(path.join(folder, 'library'), { holder: 'test' });
    try {
      const first = await importFiles(store, [ann, bob]);
      expect(first.added).toHaveLength(1);
      expect(first.problems.map((problem) => problem.message)).toContainEqual(expect.stringContaining('2 of its spans added to it, 0 already there'));
      const again = await importFiles(store, [ann, bob]);
      expect(again.added).toHaveLength(0);
      expect(store.listDocuments()).toHaveLength(1);
      const document = (await store.getDocument(store.listDocuments()[0]!.id))!;
      expect(document.spans.map((span) => `${span.label} ${TEXT.slice(span.start, span.end)} ${span.annotator}`)).toEqual([
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
    await fs.writeFile(both, `${exportLine('win', 'ann', 14)}\n${exportLine('win-bob', 'bob', 14)}\n`);
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
