/**
 * A child process for crashSafety.test.ts: opens the library in a folder and changes its
 * documents (and now and then its settings) with random operations, forever, until it is killed. Prints one JSON line
 * (CrashWriterLine) before handing each operation to the store and one after the store
 * acknowledged it, so the parent knows what may and what must be on disk when it kills us.
 *
 * Usage: node crashWriter.cjs <folder> <seed> <round> (compiled by compileChildScript), or
 *        node --import tsx crashWriter.ts <folder> <seed> <round>
 */
import { isDeepStrictEqual } from 'node:util';
import type { NewsDocument } from '../../../shared/model';
import { applyOperation } from '../../../shared/operations';
import { describeSpans } from '../../../shared/spans';
import { LibraryStore } from '../libraryStore';
import { CRASH_WRITER_ANNOTATOR, type CrashWriterLine } from './crashWriterLine';
import { randomOperation } from './randomOperation';
import { randomInteger, randomItem, seededRandom } from './seededRandom';

/** Operations under way at once, over random documents (the same one included). */
const WORKERS = 4;
/** How often an operation is a settings change instead of a document change. */
const SETTINGS_SHARE = 0.1;
const CLOCK_START = Date.UTC(2025, 0, 1);

// A pipe's writes are synchronous only while the pipe has room: when the parent lags (a loaded
// machine) Node queues them in this process, and a SIGKILL loses lines whose changes reached the
// disk. A blocking pipe makes every line the parent's to read before the change it announces.
(process.stdout as unknown as { _handle?: { setBlocking?(blocking: boolean): number } })._handle?.setBlocking?.(true);

function print(line: CrashWriterLine): void {
  // The pipe blocks (above): once this returns, the line is in the pipe for the parent to read.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function die(message: string): never {
  process.stderr.write(`crashWriter: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const [folder, seedText, roundText] = process.argv.slice(2);
  if (!folder || !seedText || !roundText) die('usage: crashWriter.ts <folder> <seed> <round>');
  const random = seededRandom(Number(seedText));
  const round = Number(roundText);
  const store = await LibraryStore.open(folder, { holder: 'crash writer', indexDelayMs: randomInteger(random, 0, 5) });
  if (store.notices.length > 0) die(`unexpected notices on open: ${JSON.stringify(store.notices)}`);
  const labels = store.settings.labels.map((label) => label.name);

  // What each document is once every operation issued so far is applied, in issue order; the
  // store applies them in the same order (one change at a time per document).
  const expected = new Map<string, NewsDocument>();
  for (const id of store.documentIds()) expected.set(id, (await store.getDocument(id)) ?? die(`cannot read ${id}`));
  const ids = [...expected.keys()];
  if (ids.length === 0) die('the library is empty');
  const sequences = new Map<string, number>();
  let counter = 0;
  let settingsSequence = 0;
  print({ kind: 'ready', pid: process.pid });

  /** Renames the annotator (and flips snapping): a change of index.json, acknowledged once on disk. */
  const changeSettings = async (): Promise<void> => {
    const sequence = ++settingsSequence;
    const annotator = `settings ${round}.${sequence}`;
    print({ kind: 'settingsIssued', sequence, annotator });
    await store.updateSettings({ ...store.settings, annotator, snapToWords: sequence % 2 === 0 });
    print({ kind: 'settingsAcked', sequence });
  };

  const work = async (): Promise<never> => {
    for (;;) {
      if (random() < SETTINGS_SHARE) {
        await changeSettings();
        continue;
      }
      const documentId = randomItem(random, ids);
      const before = expected.get(documentId)!;
      counter++;
      const operation = randomOperation(before, random, labels, `k${round}n${counter}`);
      const context = { annotator: CRASH_WRITER_ANNOTATOR, now: new Date(CLOCK_START + round * 10_000_000 + counter * 1000).toISOString(), labels };
      const outcome = applyOperation(before, operation, context);
      const after = outcome.ok ? outcome.value : before;
      expected.set(documentId, after);
      const sequence = (sequences.get(documentId) ?? 0) + 1;
      sequences.set(documentId, sequence);
      print({ kind: 'issued', documentId, sequence, operation, now: context.now });
      const result = await store.updateDocument(documentId, (document) => applyOperation(document, operation, context));
      if (result.ok !== outcome.ok || (result.ok && !isDeepStrictEqual(result.value, after))) {
        die(`the store disagrees with the model on ${documentId} #${sequence}: ${JSON.stringify(result)}`);
      }
      print({
        kind: 'acked',
        documentId,
        sequence,
        changed: after !== before,
        refused: result.ok ? null : result.error.code,
        revision: after.revision,
        status: after.status,
        spanIds: after.spans.map((span) => span.id),
        spans: describeSpans(after.spans),
      });
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, work));
}

main().catch((error: unknown) => die(error instanceof Error ? (error.stack ?? error.message) : String(error)));
