#!/usr/bin/env node
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions } from '../shared/exportRecord';
import { formatProblem, isProblem } from '../shared/importProblem';
import { MAX_ARTICLE_CHARS, MAX_IMPORT_FILE_BYTES } from '../shared/formats/importLimits';
import { DOCUMENT_STATUSES, ID_PATTERN, labelNameSchema, type DocumentStatus } from '../shared/model';
import { validateExport } from '../shared/schema/validateExport';
import { AGREE_USAGE, runAgree } from './agreeCommand';
import { resolveDataFolder } from './dataFolder';
import { DRIFT_USAGE, runDrift } from './driftCommand';
import { openLibrary } from './openLibrary';
import { terminalJson, terminalText } from './terminalText';
import { exportToFile } from './services/exportLibrary';
import { importFiles } from './services/importFiles';
import { planImportFiles } from './services/importPlan';
import { choicesFromFlags, describePlan, ImportFlagError, type FlagChoices } from './importFlags';
import { importMappingSchema } from '../shared/importMapping';
import { libraryStats, type LibraryStats } from './services/libraryStats';
import { DataFolderLockedError } from './store/dataFolderLock';
import type { LibraryStore } from './store/libraryStore';

/** Exit codes: 0 all well, 1 problems found (or the folder is busy), 2 usage error. */
const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

const DATA_DIR_HELP = `  --data-dir DIR   the library folder (default: NEWSMARK_DATA_DIR, else the desktop app's folder)`;

const USAGE = {
  main: `Usage: newsmark <command> [options]

Commands:
  import     add files and folders to the library (text, Markdown, HTML, JSONL/JSON from
             Newsmark, Prodigy, doccano and Label Studio)
  export     write the library as Newsmark JSONL, Prodigy, doccano, Label Studio, W3C Web
             Annotation or CSV
  validate   check a Newsmark JSONL export against its JSON Schema and its texts
  stats      documents by status, spans by label and per annotator
  agree      how far two annotators' exports agree, and where they differ
  drift      quotes told in several articles with different words

Run "newsmark <command> --help" for a command's options.
Exit codes: 0 all well, 1 problems found (or the data folder is in use), 2 usage error.`,
  import: `Usage: newsmark import [--data-dir DIR] [choices] PATH...

Adds articles to the library. A PATH may be a file or a folder (read recursively, in name
order; hidden files are passed over; each real file once, however many links lead to it).
Formats, by file extension:
  .txt .md .markdown      one article per file (title = first line)
  .html .htm .xhtml       the page's article, extracted with Mozilla Readability
  .jsonl .ndjson .json    records of Newsmark's export, Prodigy, doccano (both forms) or
                          Label Studio's JSON export, detected record by record
Files are UTF-8 (with or without BOM) or UTF-16 with BOM; at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB each, and an article
at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters.
Bad records are reported with file and line and skipped; nothing already in the library changes
(an id that is taken gets a new one). Progress goes to standard error.

The files are read twice: first to find the labels and relation types they use that the
library lacks, then to import. Each of those needs a choice, or nothing is imported (the
list is printed, exit 2):
  --label-map NAME=TARGET     a label of the files: TARGET is a label of the library (its
                              spans take that label), add (a new label, with a free key) or
                              skip (its spans and their links are left out); repeatable
  --new-labels add|skip       for every other unknown label
  --relation-map NAME=TARGET  a relation type of the files: a type of the library, add or skip
  --new-relations add|skip    for every other unknown relation type
  --duplicates skip|import    an article already in the library (same title and text) is
                              skipped (default) or imported as a copy
  --dry-run                   print what the files hold and what needs a choice; import nothing
Files that are not articles (empty, or Markdown of tables, lists and links such as a
SOURCES.md beside news pages) are skipped with a note.
Example:
  newsmark import --label-map PERSON=attribution --label-map ORG=claim --new-labels skip \\
    --relation-map foundedBy=attributed_to --new-relations add peers/
${DATA_DIR_HELP}`,
  export: `Usage: newsmark export [--data-dir DIR] --out FILE [options]

  --format FORMAT    ${EXPORT_FORMATS.join(' | ')} (default jsonl)
  --offsets UNIT     codepoint (default; Python, spaCy, Prodigy) or utf16 (JavaScript), for
                     jsonl and csv; the other formats always count code points
  --status STATUS    only documents with this status (todo, in_progress, done, skipped)
  --label LABEL      only spans with this label (and the relations between them)
  --document ID      only this document
  --bom              csv: begin with a UTF-8 byte order mark (for spreadsheet programs)
--status, --label and --document may each be given more than once. The file appears only
when complete (written to a temporary file, then renamed).
${DATA_DIR_HELP}`,
  validate: `Usage: newsmark validate FILE

Checks a Newsmark JSONL export: every line against the JSON Schema
(shared/schema/newsmark-export.schema.json), every span's text against the slice its offsets
mark, every relation against the spans it names. Prints every problem with its line; exit 1
when there is any. Does not open the library.`,
  stats: `Usage: newsmark stats [--data-dir DIR] [--json]

Prints the documents by status, the spans by label and, per annotator, the spans they made and
the documents they touched. --json prints it as one JSON object:
  {"documents": {"total", "by_status"}, "spans": {"total", "by_label"}, "relations": {"total"},
   "annotators": {NAME: {"spans", "documents"}},
   "suggestions": {"by_rule": {RULE: {"accepted", "rejected"}}}}
${DATA_DIR_HELP}`,
  agree: AGREE_USAGE,
  drift: DRIFT_USAGE,
};

type Command = keyof typeof USAGE;

// Titles, ids, labels, file names and problems come from the library and imported files:
// printed with their control characters escaped (terminalText), never acting on the terminal.
const say = (line: string) => console.log(terminalText(line));
const warn = (line: string) => console.error(terminalText(line));

class UsageError extends Error {}

async function withLibrary<T>(folderFlag: string | undefined, work: (store: LibraryStore) => Promise<T>): Promise<T> {
  const store = await openLibrary(resolveDataFolder(folderFlag), 'command line', { seedSampleCorpus: false });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Prints progress on one rewritten line when standard error is a terminal, else every 100 files. */
function progressPrinter(): (done: number, total: number) => void {
  return (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\rimporting: ${done} of ${total} files${done === total ? '\n' : ''}`);
    else if (done % 100 === 0 || done === total) process.stderr.write(`importing: ${done} of ${total} files\n`);
  };
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      'label-map': { type: 'string', multiple: true },
      'new-labels': { type: 'string' },
      'relation-map': { type: 'string', multiple: true },
      'new-relations': { type: 'string' },
      duplicates: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) return console.log(USAGE.import), EXIT_OK;
  if (positionals.length === 0) throw new UsageError('import needs at least one file or folder.');
  const duplicates = values.duplicates ?? 'skip';
  if (duplicates !== 'skip' && duplicates !== 'import') throw new UsageError(`--duplicates must be skip or import, not ${JSON.stringify(duplicates)}.`);
  return withLibrary(values['data-dir'], async (store) => {
    // Step 1: read everything, write nothing; the flags then decide every unknown name.
    const { plan, problems: planProblems } = await planImportFiles(store, positionals);
    let choices: FlagChoices;
    try {
      choices = choicesFromFlags(values, plan, store.settings);
    } catch (error) {
      if (error instanceof ImportFlagError) throw new UsageError(error.message);
      throw error;
    }
    const undecided = choices.undecidedLabels.length + choices.undecidedRelationTypes.length;
    if (values['dry-run'] || undecided > 0) {
      for (const line of describePlan(plan)) say(line);
      for (const problem of planProblems) {
        if (isProblem(problem)) warn(`problem: ${formatProblem(problem)}`);
        else say(formatProblem(problem));
      }
      if (values['dry-run']) return console.log('dry run: nothing was imported'), planProblems.some(isProblem) ? EXIT_PROBLEMS : EXIT_OK;
      const names = [...choices.undecidedLabels.map((name) => `label ${JSON.stringify(name)}`), ...choices.undecidedRelationTypes.map((name) => `relation type ${JSON.stringify(name)}`)];
      warn(`newsmark: nothing was imported: ${names.join(', ')} ${undecided === 1 ? 'needs' : 'need'} a choice (--label-map, --new-labels, --relation-map, --new-relations; see newsmark import --help).`);
      return EXIT_USAGE;
    }
    let interrupted = false;
    const stop = () => {
      interrupted = true;
    };
    // Ctrl+C stops between files: what is imported stays, the rest is not started.
    process.once('SIGINT', stop);
    try {
      const outcome = await importFiles(store, positionals, { mapping: importMappingSchema.parse(choices.mapping), duplicates, onProgress: progressPrinter(), shouldStop: () => interrupted });
      for (const summary of outcome.summaries) say(`imported ${summary.id}: ${summary.title} (${Object.values(summary.counts).reduce((a, b) => a + b, 0)} spans)`);
      for (const problem of outcome.problems) {
        if (isProblem(problem)) warn(`problem: ${formatProblem(problem)}`);
        else say(formatProblem(problem));
      }
      const problems = outcome.problems.filter(isProblem).length;
      const skipped = [
        ...(outcome.duplicates.length > 0 ? [`${outcome.duplicates.length} already in the library (skipped)`] : []),
        ...(outcome.notArticles.length > 0 ? [`${outcome.notArticles.length} not articles (skipped)`] : []),
      ];
      console.log(`${outcome.added.length} imported from ${outcome.files} files, ${problems} problems${skipped.length > 0 ? `; ${skipped.join(', ')}` : ''}${interrupted ? ' (interrupted; the remaining files were not read)' : ''}`);
      return problems > 0 || interrupted ? EXIT_PROBLEMS : EXIT_OK;
    } finally {
      process.removeListener('SIGINT', stop);
    }
  });
}

function exportOptionsFromFlags(values: { format?: string; offsets?: string; status?: string[]; label?: string[]; document?: string[]; bom?: boolean }): ExportOptions {
  const format = values.format ?? 'jsonl';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}".`);
  const statuses = values.status ?? [];
  for (const status of statuses) {
    if (!(DOCUMENT_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${DOCUMENT_STATUSES.join(', ')}, not "${status}".`);
  }
  for (const label of values.label ?? []) {
    const checked = labelNameSchema.safeParse(label);
    if (!checked.success) throw new UsageError(`--label ${JSON.stringify(label)} ${checked.error.issues[0]?.message ?? 'is not a label name'}.`);
  }
  for (const id of values.document ?? []) if (!ID_PATTERN.test(id)) throw new UsageError(`--document ${JSON.stringify(id)} is not a document id.`);
  const offsets = values.offsets ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw new UsageError(`--offsets must be codepoint or utf16, not "${offsets}".`);
  if (values.bom && format !== 'csv') throw new UsageError('--bom is for --format csv only.');
  return {
    format: format as ExportFormat,
    offsetUnit: offsets,
    ...(statuses.length > 0 ? { statuses: statuses as DocumentStatus[] } : {}),
    ...(values.label ? { labels: values.label } : {}),
    ...(values.document ? { documentIds: values.document } : {}),
    csvBom: values.bom ?? false,
  };
}

async function runExport(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      status: { type: 'string', multiple: true },
      label: { type: 'string', multiple: true },
      document: { type: 'string', multiple: true },
      offsets: { type: 'string' },
      bom: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE.export), EXIT_OK;
  if (!values.out) throw new UsageError('export needs --out FILE.');
  const options = exportOptionsFromFlags(values);
  const out = values.out;
  return withLibrary(values['data-dir'], async (store) => {
    const outcome = await exportToFile(store, options, out);
    say(`exported ${outcome.documents} documents, ${outcome.spans} spans to ${outcome.destination}`);
    return EXIT_OK;
  });
}

async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) return console.log(USAGE.validate), EXIT_OK;
  if (positionals.length !== 1) throw new UsageError('validate needs exactly one FILE.');
  const file = positionals[0]!;
  const content = await fs.readFile(file, 'utf8');
  const { records, problems } = validateExport(file, content.replace(/^\uFEFF/, ''));
  for (const problem of problems) say(formatProblem(problem));
  console.log(`${records} records, ${problems.length} problems`);
  return problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function printStats(stats: LibraryStats): void {
  const table = (title: string, rows: Record<string, number | string>) => {
    say(title);
    const entries = Object.entries(rows).map(([name, value]) => [terminalText(name), value] as const);
    const width = Math.max(0, ...entries.map(([name]) => name.length));
    for (const [name, value] of entries) console.log(`  ${name.padEnd(width)}  ${value}`);
  };
  table(`documents: ${stats.documents.total}`, stats.documents.by_status);
  table(`spans: ${stats.spans.total}`, stats.spans.by_label);
  console.log(`relations: ${stats.relations.total}`);
  table('annotators (spans, documents)', Object.fromEntries(Object.entries(stats.annotators).map(([name, counts]) => [name, `${counts.spans} spans, ${counts.documents} documents`])));
  table('suggestions (accepted, rejected) by rule', Object.fromEntries(Object.entries(stats.suggestions.by_rule).map(([rule, counts]) => [rule, `${counts.accepted} accepted, ${counts.rejected} rejected`])));
}

async function runStats(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(USAGE.stats), EXIT_OK;
  return withLibrary(values['data-dir'], async (store) => {
    const stats = await libraryStats(store);
    if (values.json) console.log(terminalJson(stats));
    else printStats(stats);
    return EXIT_OK;
  });
}

const COMMANDS: Record<Exclude<Command, 'main'>, (args: string[]) => Promise<number>> = {
  import: runImport,
  export: runExport,
  validate: runValidate,
  stats: runStats,
  agree: runAgree,
  drift: (args) => runDrift(args, withLibrary),
};

function isCommand(name: string | undefined): name is Exclude<Command, 'main'> {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (isCommand(command)) return await COMMANDS[command](rest);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE.main);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`newsmark: ${terminalText((error as Error).message)}\n\n${isCommand(command) ? USAGE[command] : USAGE.main}`);
      return EXIT_USAGE;
    }
    if (error instanceof DataFolderLockedError) {
      warn(`newsmark: ${error.message}`);
      return EXIT_PROBLEMS;
    }
    warn(`newsmark: ${(error as Error).message}`);
    return EXIT_PROBLEMS;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
