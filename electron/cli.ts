#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { formatProblem } from '../shared/importProblem';
import { DOCUMENT_STATUSES, labelNameSchema, type DocumentStatus } from '../shared/model';
import { resolveDataFolder } from './dataFolder';
import { openLibrary } from './openLibrary';
import { exportToFile } from './services/exportLibrary';
import { importFiles } from './services/importFiles';
import { DataFolderLockedError } from './store/dataFolderLock';
import type { LibraryStore } from './store/libraryStore';

/** Exit codes: 0 all well, 1 problems found (or the folder is busy), 2 usage error. */
const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

const USAGE = {
  main: `Usage: newsmark <command> [options]

Commands:
  import   add .txt, .md and .jsonl files to the library
  export   write the library as JSONL

Run "newsmark <command> --help" for a command's options.`,
  import: `Usage: newsmark import [--data-dir DIR] FILE...

Adds articles to the library: .txt and .md files (title = first line), and .jsonl files in
Newsmark's export format. Bad records are reported with file and line and skipped; nothing
already in the library changes (an id that is taken gets a new one).`,
  export: `Usage: newsmark export [--data-dir DIR] --out FILE [--status STATUS]... [--label LABEL]... [--offsets codepoint|utf16]

Writes one JSON line per document. Offsets count Unicode code points (Python, spaCy, Prodigy)
unless --offsets utf16. --status (todo, in_progress, done, skipped) and --label filter; each may
be given more than once. The file appears only when complete.`,
};

class UsageError extends Error {}

async function withLibrary<T>(folderFlag: string | undefined, work: (store: LibraryStore) => Promise<T>): Promise<T> {
  const store = await openLibrary(resolveDataFolder(folderFlag), 'command line', { seedSampleCorpus: false });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) return console.log(USAGE.import), EXIT_OK;
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE.');
  return withLibrary(values['data-dir'], async (store) => {
    const outcome = await importFiles(store, positionals);
    for (const summary of outcome.added) console.log(`imported ${summary.id}: ${summary.title} (${Object.values(summary.counts).reduce((a, b) => a + b, 0)} spans)`);
    for (const { from, to } of outcome.renamed) console.log(`note: id "${from}" was taken or unusable; imported as "${to}"`);
    for (const label of outcome.addedLabels) console.log(`note: added label "${label}" to the label set`);
    for (const problem of outcome.problems) console.error(`problem: ${formatProblem(problem)}`);
    console.log(`${outcome.added.length} imported, ${outcome.problems.length} problems`);
    return outcome.problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  });
}

async function runExport(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string', short: 'o' },
      status: { type: 'string', multiple: true },
      label: { type: 'string', multiple: true },
      offsets: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE.export), EXIT_OK;
  if (!values.out) throw new UsageError('export needs --out FILE.');
  const statuses = values.status ?? [];
  for (const status of statuses) {
    if (!(DOCUMENT_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${DOCUMENT_STATUSES.join(', ')}, not "${status}".`);
  }
  for (const label of values.label ?? []) {
    const checked = labelNameSchema.safeParse(label);
    if (!checked.success) throw new UsageError(`--label ${JSON.stringify(label)} ${checked.error.issues[0]?.message ?? 'is not a label name'}.`);
  }
  const offsets = values.offsets ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw new UsageError(`--offsets must be codepoint or utf16, not "${offsets}".`);
  const out = values.out;
  return withLibrary(values['data-dir'], async (store) => {
    const outcome = await exportToFile(
      store,
      {
        offsetUnit: offsets,
        ...(statuses.length > 0 ? { statuses: statuses as DocumentStatus[] } : {}),
        ...(values.label ? { labels: values.label } : {}),
      },
      out,
    );
    console.log(`exported ${outcome.documents} documents, ${outcome.spans} spans to ${outcome.destination}`);
    return EXIT_OK;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'import':
        return await runImport(rest);
      case 'export':
        return await runExport(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(USAGE.main);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      const usage = command === 'import' || command === 'export' ? USAGE[command] : USAGE.main;
      console.error(`newsmark: ${(error as Error).message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof DataFolderLockedError) {
      console.error(`newsmark: ${error.message}`);
      return EXIT_PROBLEMS;
    }
    console.error(`newsmark: ${(error as Error).message}`);
    return EXIT_PROBLEMS;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
