import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import type { AgreementReport } from '../shared/agreement/compareExports';
import { runNewsmark as newsmark } from './testing/runNewsmark';

// `newsmark agree` runs as its own process (through tsx), as a user runs it.

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

// Six word tokens: Biden 0-5 | will 6-10 | meet 11-15 | Putin 16-21 | Psaki 23-28 | said 29-33.
const TEXT = 'Biden will meet Putin, Psaki said.';

function line(id: string, annotator: string, spans: [string, string, number, number][], relations: [string, string][] = []): string {
  const bySpan = new Map(spans.map(([spanId, label, start, end]) => [spanId, { start, end, label }]));
  return JSON.stringify({
    id,
    text: TEXT,
    meta: { title: id },
    status: 'done',
    annotator,
    updated_at: '2026-01-01T00:00:00.000Z',
    offset_unit: 'codepoint',
    spans: spans.map(([spanId, label, start, end]) => ({ id: spanId, start, end, label, text: TEXT.slice(start, end), annotator })),
    relations: relations.map(([head, child]) => ({ id: `${head}-${child}`, label: 'attributed_to', head_id: head, child_id: child, head_span: bySpan.get(head), child_span: bySpan.get(child) })),
  });
}

async function files(a: string, b: string): Promise<[string, string]> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-agree-'));
  folders.push(folder);
  const fileA = path.join(folder, 'a.jsonl');
  const fileB = path.join(folder, 'b.jsonl');
  await fs.writeFile(fileA, `${a}\n`);
  await fs.writeFile(fileB, `${b}\n`);
  return [fileA, fileB];
}

describe.concurrent('newsmark agree', () => {
  test('--json: the figures worked out by hand for a nested quote and an identical attribution', async ({ expect }) => {
    // Quote: A "Biden will meet Putin", B "meet Putin" (nested): exact 0, overlap 1 of 1; κ = 0.4
    // (see shared/agreement/compareDocuments.test.ts). Attribution identical: F1 1, κ 1.
    const [fileA, fileB] = await files(
      line('mine', 'ann', [['q', 'quote', 0, 21], ['a', 'attribution', 23, 33]], [['q', 'a']]),
      line('theirs', 'bob', [['q', 'quote', 11, 21], ['a', 'attribution', 23, 33]], [['q', 'a']]),
    );
    const run = await newsmark('agree', fileA, fileB, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as AgreementReport;
    expect(report.documents.compared).toBe(1);
    expect(report.labels.quote).toMatchObject({ exact: { f1: 0 }, overlap: { f1: 1 } });
    expect(report.labels.quote!.kappa).toBeCloseTo(0.4, 10);
    expect(report.labels.attribution).toMatchObject({ exact: { f1: 1 }, kappa: 1 });
    expect(report.relations).toMatchObject({ a: 1, b: 1, matched: 0 });
    expect(report.disagreements.map((each) => each.kind)).toEqual(['boundary', 'relation_only_a', 'relation_only_b']);
  });

  test('the text report names both versions of each disagreement', async ({ expect }) => {
    const [fileA, fileB] = await files(line('mine', 'ann', [['q', 'quote', 0, 21]]), line('theirs', 'bob', [['c', 'claim', 0, 21]]));
    const run = await newsmark('agree', fileA, fileB);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('A: ');
    expect(run.stdout).toContain('label: A quote 0-21 "Biden will meet Putin" | B claim 0-21 "Biden will meet Putin"');
  });

  test('a file that is not a valid export: every problem with its line, exit 1', async ({ expect }) => {
    const [fileA, fileB] = await files(line('mine', 'ann', []), '{"id": "x"}');
    const run = await newsmark('agree', fileA, fileB);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/b\.jsonl:1: /);
  });

  test('one file only: usage, exit 2', async ({ expect }) => {
    const run = await newsmark('agree', 'a.jsonl');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: newsmark agree');
  });
});
