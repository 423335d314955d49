import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import type { DriftReport } from '../shared/storyContract';
import { loadSampleCorpus } from './services/sampleCorpus';
import { LibraryStore } from './store/libraryStore';
import { runNewsmark as newsmark } from './testing/runNewsmark';

// `newsmark drift` runs as its own process (through tsx), as a user runs it, on the sample corpus.

const folders: string[] = [];

afterAll(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function sampleLibrary(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-drift-'));
  folders.push(folder);
  const library = path.join(folder, 'library');
  const store = await LibraryStore.open(library, { holder: 'test', defaultAnnotator: 'tester', seed: loadSampleCorpus });
  await store.close();
  return library;
}

describe('newsmark drift', { timeout: 60_000 }, () => {
  test('--json on the sample corpus lists the 003/001 quote with ready/prepared and swift/rapid', async ({ expect }) => {
    const library = await sampleLibrary();
    const run = await newsmark('drift', '--data-dir', library, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DriftReport;
    const pair = report.entries.find((entry) => [entry.source.documentId, entry.target.documentId].sort().join() === '001_eb02124ce0597417,003_37448910395a2621');
    const swapped = pair?.source.documentId.startsWith('003') ? (change: { source: string; target: string }) => `${change.source}>${change.target}` : (change: { source: string; target: string }) => `${change.target}>${change.source}`;
    expect(pair?.changes.filter((change) => change.type === 'replace').map(swapped)).toEqual(expect.arrayContaining(['ready>prepared', 'swift>rapid']));
    expect(pair?.speaker).toBe('Psaki');
    // The cache it built is in the data folder, beside the articles.
    await expect(fs.stat(path.join(library, 'story-index.json'))).resolves.toBeTruthy();
  });

  test('the table marks the changed words', async ({ expect }) => {
    const library = await sampleLibrary();
    const run = await newsmark('drift', '--data-dir', library);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ drifted quote\(s\) among \d+ checked/);
    expect(run.stdout).toMatch(/\[-(prepared|ready)-\]\{\+(ready|prepared)\+\}/);
    expect(run.stdout).toMatch(/\[-(rapid|swift)-\]\{\+(swift|rapid)\+\}/);
  });
});
