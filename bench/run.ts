/**
 * `npm run bench [-- --quick | --large] [-- --only article,store,export,start,story,suggestions] [-- --keep] [-- --corpora DIR]`: Newsmark's
 * benchmarks, each beside its peer or baseline measured in the same run, printed as one table
 * with targets and PASS/FAIL. Missed targets are reported, not hidden, and do not fail the run;
 * an error does. Generated corpora live in a temporary folder, removed at the end (unless --keep).
 * See bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchArticle } from './articleBench';
import { documentCorpusFolders } from './corpusFolders';
import { benchExport } from './exportBench';
import { Report } from './report';
import { benchStart } from './startBench';
import { benchStore } from './storeBench';
import { benchStory } from './storyBench';
import { benchSuggestions } from './suggestionBench';

const SECTIONS = ['article', 'store', 'export', 'start', 'story', 'suggestions'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Workload sizes: the full run is what the targets speak of; --large adds the libraries of
 * 100,000 articles (about 1.2 GB of files and several minutes to generate, so not in CI);
 * --quick only proves the code runs.
 */
const FULL = {
  article: {
    long: { textLength: 200_000, spans: 2_000, opens: 5, labellings: 50, traced: 20 },
    medium: { textLength: 10_000, spans: 60, opens: 1, labellings: 50, traced: 20 },
  },
  store: { sizes: [1_000, 10_000], saves: 60 },
  export: { documents: [1_000, 10_000] },
  start: { documents: [1_000, 10_000], runs: 3 },
  story: { documents: 10_000, lookups: 40 },
};
const SIZES = {
  full: FULL,
  large: {
    ...FULL,
    store: { ...FULL.store, sizes: [...FULL.store.sizes, 100_000] },
    export: { documents: [...FULL.export.documents, 100_000] },
    start: { ...FULL.start, documents: [...FULL.start.documents, 100_000] },
  },
  quick: {
    // Long enough that Newsmark draws only what is near the screen, as it does at full size.
    article: {
      long: { textLength: 40_000, spans: 400, opens: 1, labellings: 5, traced: 2 },
      medium: { textLength: 10_000, spans: 60, opens: 1, labellings: 3, traced: 2 },
    },
    store: { sizes: [10, 200], saves: 10 },
    export: { documents: [100, 400] },
    start: { documents: [100, 400], runs: 1 },
    story: { documents: 400, lookups: 10 },
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, large: { type: 'boolean' }, only: { type: 'string' }, keep: { type: 'boolean' }, corpora: { type: 'string' } } });
  if (values.quick && values.large) throw new Error('choose --quick or --large, not both');
  const only = values.only ? values.only.split(',') : [...SECTIONS];
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  const runs = (section: Section) => only.includes(section);
  const sizes = values.quick ? SIZES.quick : values.large ? SIZES.large : SIZES.full;
  const temporaryFolder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-bench-'));
  const report = new Report();
  const started = performance.now();
  console.log(`Newsmark benchmarks (${values.quick ? 'quick: small sizes, figures not meaningful' : values.large ? 'full, with 100,000 articles' : 'full'}) in ${temporaryFolder}`);
  if (values.corpora) console.log(`Generated libraries kept in and reused from ${path.resolve(values.corpora)}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, Node ${process.version}`);
  try {
    const corpora = documentCorpusFolders(temporaryFolder, values.corpora ? path.resolve(values.corpora) : undefined);
    if (runs('article')) {
      console.log('\n[article view]');
      await benchArticle(report, { ...sizes.article, temporaryFolder });
    }
    // Export and start only read their folders; the store benchmark, which saves into its own, runs last.
    if (runs('export')) {
      console.log('\n[export]');
      const folders = [];
      for (const documents of sizes.export.documents) folders.push({ documents, folder: await corpora.folder(documents) });
      await benchExport(report, { folders, temporaryFolder });
    }
    if (runs('start')) {
      console.log('\n[start]');
      const libraries = [];
      for (const documents of sizes.start.documents) libraries.push({ documents, folder: await corpora.folder(documents) });
      await benchStart(report, { libraries, runs: sizes.start.runs });
    }
    if (runs('suggestions')) {
      console.log('\n[suggestions]');
      benchSuggestions(report, { repeats: values.quick ? 1 : 20 });
    }
    if (runs('story')) {
      console.log('\n[story]');
      await benchStory(report, sizes.story);
    }
    if (runs('store')) {
      console.log('\n[store]');
      await benchStore(report, { ...sizes.store, temporaryFolder, libraryFolder: (documents) => corpora.folder(documents) });
    }
  } finally {
    if (values.keep) console.log(`Kept ${temporaryFolder}`);
    else rmSync(temporaryFolder, { recursive: true, force: true });
  }
  console.log(`\n${report.format()}\n`);
  console.log(`${report.rows.filter((row) => row.pass !== undefined).length} targets, ${report.failures} missed; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
