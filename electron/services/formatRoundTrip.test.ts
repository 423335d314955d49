import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExportFormat } from '../../shared/exportRecord';
import { EXPORT_FILE_TYPES } from '../../shared/formats/exportFileTypes';
import { formatProblem, isProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import type { NewsDocument } from '../../shared/model';
import { documentArbitrary } from '../../shared/testing/randomDocuments';
import { LibraryStore } from '../store/libraryStore';
import { exportChunks } from './exportLibrary';
import { importFiles } from './importFiles';

/**
 * Export → import → export gives the same file, byte for byte, in every format that carries
 * spans and that Newsmark reads back: through a real library on disk each time. (Our own JSONL
 * is checked the same way, up to its import time stamp, in importFiles.test.ts.)
 */

let folder: string;
beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-formats-'));
});
afterAll(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

function draftOf(document: NewsDocument): DocumentDraft {
  const index = new Map(document.spans.map((span, order) => [span.id, order] as const));
  return {
    id: document.id,
    text: document.text,
    meta: document.meta,
    status: document.status,
    spans: document.spans.map(({ id, start, end, label, speaker, note }) => ({ id, start, end, label, ...(speaker !== undefined ? { speaker } : {}), ...(note !== undefined ? { note } : {}) })),
    relations: document.relations.map((relation) => ({ id: relation.id, label: relation.label, head: index.get(relation.headId)!, child: index.get(relation.childId)! })),
  };
}

async function exportText(store: LibraryStore, format: ExportFormat): Promise<string> {
  let text = '';
  for await (const piece of exportChunks(store, { format })) text += piece;
  return text;
}

let run = 0;
async function openStore(): Promise<LibraryStore> {
  run++;
  return LibraryStore.open(path.join(folder, `library-${run}`), { holder: 'test', defaultAnnotator: 'tester' });
}

const FORMATS: ExportFormat[] = ['prodigy', 'doccano', 'doccano-label', 'label-studio'];

describe('export → import → export is identical', () => {
  test.each(FORMATS)('%s', async (format) => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentArbitrary, { minLength: 1, maxLength: 3 }), async (documents) => {
        // doccano's label form has no relations to carry.
        const drafts = documents.map(draftOf).map((draft, order) => ({ ...draft, id: `d${order}`, ...(format === 'doccano-label' ? { relations: [] } : {}) }));
        const first = await openStore();
        const second = await openStore();
        try {
          await first.addDocuments(drafts, 'ana');
          const exported = await exportText(first, format);
          const file = path.join(folder, `export-${run}.${EXPORT_FILE_TYPES[format].extension}`);
          await fs.writeFile(file, exported);
          const outcome = await importFiles(second, [file]);
          expect(outcome.problems.filter(isProblem).map(formatProblem)).toEqual([]);
          expect(outcome.added).toHaveLength(drafts.length);
          expect(await exportText(second, format)).toBe(exported);
        } finally {
          await Promise.all([first.close(), second.close()]);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('one article in our JSONL, Prodigy and both doccano forms', () => {
  const text = 'Psaki 🇺🇸 said on Sunday: “We are always ready for diplomacy.” Russia has 150,000 troops nearby.';
  const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const article: DocumentDraft = {
    id: 'psaki',
    text,
    meta: { title: 'Psaki' },
    status: 'done',
    spans: [
      { id: 'a', ...at('Psaki 🇺🇸 said on Sunday'), label: 'attribution' },
      { id: 'q', ...at('“We are always ready for diplomacy.”'), label: 'quote' },
      { id: 'c', ...at('Russia has 150,000 troops nearby.'), label: 'claim' },
      { id: 'n', ...at('We are always ready'), label: 'claim' },
    ],
    relations: [{ id: 'r', label: 'attributed_to', head: 1, child: 0 }],
  };

  test('each file, imported, gives the same spans on the same text', async () => {
    const source = await openStore();
    const found: string[] = [];
    try {
      await source.addDocuments([article], 'ana');
      for (const format of ['jsonl', 'prodigy', 'doccano', 'doccano-label'] as const) {
        const file = path.join(folder, `psaki-${format}.jsonl`);
        await fs.writeFile(file, await exportText(source, format));
        const target = await openStore();
        try {
          const outcome = await importFiles(target, [file]);
          expect(outcome.problems.filter(isProblem)).toEqual([]);
          const imported = (await target.getDocument(outcome.added[0]!.id))!;
          expect(imported.text).toBe(text);
          found.push(imported.spans.map((span) => `${span.label} ${JSON.stringify(text.slice(span.start, span.end))}`).join(' | '));
        } finally {
          await target.close();
        }
      }
    } finally {
      await source.close();
    }
    expect(new Set(found).size).toBe(1);
    expect(found[0]).toBe('attribution "Psaki 🇺🇸 said on Sunday" | quote "“We are always ready for diplomacy.”" | claim "We are always ready" | claim "Russia has 150,000 troops nearby."');
  });
});

describe('hand-written files of each kind, as other tools write them', () => {
  test('our JSONL, a Prodigy task and both doccano forms of one article give the same spans', async () => {
    const text = 'Psaki 🇺🇸 said: “We are ready.” Russia has troops.';
    // Code point offsets, as Python tools write them (the flag is two code points, four UTF-16 units).
    const cp = (part: string) => {
      const start = Array.from(text.slice(0, text.indexOf(part))).length;
      return [start, start + Array.from(part).length] as const;
    };
    const [aStart, aEnd] = cp('Psaki 🇺🇸 said');
    const [qStart, qEnd] = cp('“We are ready.”');
    const [cStart, cEnd] = cp('Russia has troops.');
    const files: Record<string, string> = {
      'ours.jsonl': JSON.stringify({ id: 'ours', text, offset_unit: 'codepoint', spans: [{ id: 'a', start: aStart, end: aEnd, label: 'attribution' }, { id: 'q', start: qStart, end: qEnd, label: 'quote' }, { id: 'c', start: cStart, end: cEnd, label: 'claim' }], relations: [{ id: 'r', label: 'attributed_to', head_id: 'q', child_id: 'a' }] }),
      'prodigy.jsonl': JSON.stringify({ text, spans: [{ start: qStart, end: qEnd, label: 'quote', token_start: 4, token_end: 8 }, { start: aStart, end: aEnd, label: 'attribution' }, { start: cStart, end: cEnd, label: 'claim' }], relations: [{ head: 4, child: 0, head_span: { start: qStart, end: qEnd, label: 'quote' }, child_span: { start: aStart, end: aEnd, label: 'attribution' }, label: 'attributed_to' }], _input_hash: 1, _task_hash: 2, answer: 'accept' }),
      'doccano-label.jsonl': JSON.stringify({ text, label: [[cStart, cEnd, 'claim'], [aStart, aEnd, 'attribution'], [qStart, qEnd, 'quote']] }),
      'doccano-entities.jsonl': JSON.stringify({ id: 7, text, entities: [{ id: 10, label: 'attribution', start_offset: aStart, end_offset: aEnd }, { id: 11, label: 'quote', start_offset: qStart, end_offset: qEnd }, { id: 12, label: 'claim', start_offset: cStart, end_offset: cEnd }], relations: [{ id: 1, from_id: 11, to_id: 10, type: 'attributed_to' }] }),
    };
    const found = new Map<string, string>();
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(folder, name);
      await fs.writeFile(file, `${content}\n`);
      const store = await openStore();
      try {
        const outcome = await importFiles(store, [file]);
        expect(outcome.problems.filter(isProblem)).toEqual([]);
        const imported = (await store.getDocument(outcome.added[0]!.id))!;
        const relations = imported.relations.map((relation) => `${imported.spans.find((span) => span.id === relation.headId)!.label}→${imported.spans.find((span) => span.id === relation.childId)!.label}`);
        found.set(name, `${imported.spans.map((span) => `${span.label} ${text.slice(span.start, span.end)}`).join(' | ')} ${relations.join(',')}`.trim());
      } finally {
        await store.close();
      }
    }
    const spans = 'attribution Psaki 🇺🇸 said | quote “We are ready.” | claim Russia has troops.';
    expect(Object.fromEntries(found)).toEqual({
      'ours.jsonl': `${spans} quote→attribution`,
      'prodigy.jsonl': `${spans} quote→attribution`,
      // doccano's label form has no relations.
      'doccano-label.jsonl': spans,
      'doccano-entities.jsonl': `${spans} quote→attribution`,
    });
  });
});
