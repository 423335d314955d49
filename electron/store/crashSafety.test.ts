import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect, test } from 'vitest';
import { summarise, type NewsDocument } from '../../shared/model';
import { applyOperation } from '../../shared/operations';
import { describeSpans } from '../../shared/spans';
import { LOCK_FILE_NAME } from './dataFolderLock';
import { isTemporaryFileName } from './durableWrite';
import { LibraryStore } from './libraryStore';
import { CRASH_WRITER_ANNOTATOR, type CrashWriterLine } from './testing/crashWriterLine';
import { sampleDrafts } from './testing/sampleDrafts';
import { randomInteger, seededRandom } from './testing/seededRandom';
import { compileChildScript } from './testing/compiledChild';
import { fileBeside, spawnNodeChild } from './testing/spawnTypeScriptChild';
import { listFilesBelow, makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

const CRASH_WRITER = fileBeside(import.meta.url, './testing/crashWriter.ts');
/** Kills per run: 200 in the quick (CI) setting; NEWSMARK_CRASH_KILLS asks for more in a long run. */
const KILLS = Math.max(1, Number(process.env.NEWSMARK_CRASH_KILLS ?? 200));
/** Folders killed in at once, each by its own writer: the kills share the machine's cores. */
const LANES = 4;
const SEED = Number(process.env.NEWSMARK_CRASH_SEED ?? 20_250_101);

type IssuedLine = Extract<CrashWriterLine, { kind: 'issued' }>;
type AckedLine = Extract<CrashWriterLine, { kind: 'acked' }>;
type SettingsIssuedLine = Extract<CrashWriterLine, { kind: 'settingsIssued' }>;
type SettingsAckedLine = Extract<CrashWriterLine, { kind: 'settingsAcked' }>;

interface Round {
  lines: CrashWriterLine[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the compiled crashWriter on `folder` and kills it (SIGKILL) once `killAfterAcks` changes
 * were acknowledged: at once, with changes under way, or after a pause of `pauseMs`.
 */
async function runUntilKilled(writer: string, folder: string, seed: number, round: number, killAfterAcks: number, pauseMs: number | null): Promise<Round> {
  const lines: CrashWriterLine[] = [];
  let acks = 0;
  const child = spawnNodeChild([writer, folder, String(seed), String(round)], (text) => {
    const line = JSON.parse(text) as CrashWriterLine;
    lines.push(line);
    if (line.kind === 'acked' && ++acks === killAfterAcks) {
      if (pauseMs === null) child.process.kill('SIGKILL');
      else setTimeout(() => child.process.kill('SIGKILL'), pauseMs);
    }
  });
  // A writer that never gets that far is stopped, and the round fails on its signal below.
  const watchdog = setTimeout(() => child.process.kill('SIGTERM'), 30_000);
  const { signal, stderr } = await child.ended.finally(() => clearTimeout(watchdog));
  return { lines, signal, stderr };
}

/** The document after each prefix of `issued`: states[0] is `base`, states[i] follows issued[i - 1]. */
function replay(base: NewsDocument, issued: readonly IssuedLine[], labels: readonly string[]): NewsDocument[] {
  const states = [base];
  for (const line of issued) {
    const before = states[states.length - 1]!;
    const result = applyOperation(before, line.operation, { annotator: CRASH_WRITER_ANNOTATOR, now: line.now, labels });
    states.push(result.ok ? result.value : before);
  }
  return states;
}


interface Tally {
  kills: number;
  acks: number;
  settingsAcks: number;
  leftoverTemporaryFiles: number;
  changesBeyondLastAck: number;
}

/**
 * Seeds a library in `folder`, then `rounds` times: runs the writer, kills it, checks the
 * files it left (each parses; every acknowledged change is there, nothing but issued changes
 * is) and reopens the library as the app would after a crash.
 */
async function killRepeatedly(writer: string, folder: string, seed: number, rounds: number, tally: Tally): Promise<void> {
  const seeded = await LibraryStore.open(folder, { holder: 'crash test', seed: async () => sampleDrafts() });
  const labels = seeded.settings.labels.map((label) => label.name);
  let documents = new Map<string, NewsDocument>();
  for (const id of seeded.documentIds()) documents.set(id, (await seeded.getDocument(id))!);
  let annotator = seeded.settings.annotator;
  await seeded.close();
  expect(documents.size).toBe(4);

  const random = seededRandom(seed);
  for (let round = 1; round <= rounds; round++) {
    const killAfterAcks = randomInteger(random, 1, 12);
    const pauseMs = random() < 0.5 ? null : randomInteger(random, 0, 15);
    const where = `round ${round} (seed ${seed}, kill after ${killAfterAcks} acks, ${pauseMs === null ? 'at once' : `after ${pauseMs} ms`})`;
    const { lines, signal, stderr } = await runUntilKilled(writer, folder, seed + round, round, killAfterAcks, pauseMs);
    expect(signal, `${where}: the writer was not killed by us; stderr: ${stderr}`).toBe('SIGKILL');
    expect(stderr, where).not.toContain('crashWriter:');
    tally.kills++;
    const issued = lines.filter((line): line is IssuedLine => line.kind === 'issued');
    const acked = lines.filter((line): line is AckedLine => line.kind === 'acked');
    const settingsIssued = lines.filter((line): line is SettingsIssuedLine => line.kind === 'settingsIssued');
    const settingsAcked = lines.filter((line): line is SettingsAckedLine => line.kind === 'settingsAcked');
    expect(acked.length, `${where}: acknowledgements`).toBeGreaterThanOrEqual(killAfterAcks);
    // Four changes are always under way, so each kill lands while writes are in progress.
    expect(issued.length + settingsIssued.length, `${where}: changes under way when killed`).toBeGreaterThan(acked.length + settingsAcked.length);
    tally.acks += acked.length;

    // Every file the writer left parses; temporary files may remain (nothing acknowledged is in them).
    const files = await listFilesBelow(folder);
    for (const file of files) {
      if (isTemporaryFileName(path.basename(file))) {
        tally.leftoverTemporaryFiles++;
        continue;
      }
      expect(file, `${where}: nothing is set aside as damaged`).not.toContain('.damaged-');
      const raw = await fs.readFile(path.join(folder, file), 'utf8');
      expect(() => JSON.parse(raw), `${where}: ${file} parses as JSON`).not.toThrow();
    }

    // Reopening takes over the dead writer's lock and removes its temporary files.
    const ready = lines.find((line) => line.kind === 'ready');
    expect(JSON.parse(await fs.readFile(path.join(folder, LOCK_FILE_NAME), 'utf8')), `${where}: the writer's lock is left`).toMatchObject({ pid: ready?.pid, kind: 'crash writer' });
    const store = await LibraryStore.open(folder, { holder: 'crash test' });
    try {
      expect(store.notices, where).toEqual([]);
      expect((await listFilesBelow(folder)).filter((file) => isTemporaryFileName(path.basename(file))), where).toEqual([]);
      expect(store.documentIds(), where).toEqual([...documents.keys()]);

      // Settings: the last acknowledged change, or one issued after it, never an older one.
      const lastSettingsAck = Math.max(0, ...settingsAcked.map((line) => line.sequence));
      tally.settingsAcks += lastSettingsAck;
      const allowed = [...(lastSettingsAck === 0 ? [annotator] : []), ...settingsIssued.filter((line) => line.sequence >= lastSettingsAck).map((line) => line.annotator)];
      expect(allowed, `${where}: settings on disk (acknowledged up to #${lastSettingsAck})`).toContain(store.settings.annotator);
      annotator = store.settings.annotator;

      const next = new Map<string, NewsDocument>();
      for (const [id, base] of documents) {
        const onDisk = (await store.getDocument(id))!;
        const raw = JSON.parse(await fs.readFile(path.join(folder, 'documents', `${id}.json`), 'utf8')) as unknown;
        expect(raw, `${where}: ${id} comes from its file`).toEqual(onDisk);
        const issuedHere = issued.filter((line) => line.documentId === id);
        const ackedHere = acked.filter((line) => line.documentId === id);
        expect(issuedHere.map((line) => line.sequence), `${where}: ${id} issued in order`).toEqual(issuedHere.map((_, index) => index + 1));
        const states = replay(base, issuedHere, labels);
        const lastAcked = ackedHere.reduce((latest, line) => Math.max(latest, line.sequence), 0);

        // The acknowledgements agree with the replay, so the replay is the writer's history.
        for (const ack of ackedHere) {
          const state = states[ack.sequence]!;
          expect({ revision: ack.revision, status: ack.status, spans: ack.spans, spanIds: ack.spanIds }, `${where}: ${id} ack #${ack.sequence}`).toEqual({
            revision: state.revision,
            status: state.status,
            spans: describeSpans(state.spans),
            spanIds: state.spans.map((span) => span.id),
          });
        }

        // On disk: exactly the state after the last acknowledged operation or after a later one.
        const match = states.findIndex((state, index) => index >= lastAcked && isDeepStrictEqual(state, onDisk));
        expect(match, `${where}: ${id} on disk (revision ${onDisk.revision}, ${describeSpans(onDisk.spans)}) is a state at or after ack #${lastAcked}`).toBeGreaterThanOrEqual(lastAcked);
        if (match > lastAcked && states[match]!.revision > states[lastAcked]!.revision) tally.changesBeyondLastAck++;

        // Every acknowledged new span is there unless an operation issued later removed it.
        for (const ack of ackedHere) {
          const operation = issuedHere[ack.sequence - 1]!.operation;
          if (operation.type !== 'createSpan' || !ack.changed) continue;
          const removedLater = issuedHere
            .slice(ack.sequence)
            .some((line) => (line.operation.type === 'deleteSpan' || line.operation.type === 'relabelSpan') && line.operation.spanId === operation.span.id);
          if (!removedLater) expect(onDisk.spans.map((span) => span.id), `${where}: ${id} keeps span ${operation.span.id}`).toContain(operation.span.id);
        }

        // The document list (rebuilt from the files where its summary was stale) matches too.
        expect(store.listDocuments().find((summary) => summary.id === id), `${where}: ${id} summary`).toEqual(summarise(onDisk));
        next.set(id, onDisk);
      }
      documents = next;
    } finally {
      await store.close();
    }
  }
}

test(`SIGKILL at random moments, ${KILLS} times over, never loses or corrupts an acknowledged change`, async () => {
  // Compiled once, so that each of the many restarts is a plain `node` start.
  const build = await makeTemporaryFolder('newsmark-crash-writer-');
  const folders = await Promise.all(Array.from({ length: LANES }, () => makeTemporaryFolder('newsmark-crash-')));
  const tally: Tally = { kills: 0, acks: 0, settingsAcks: 0, leftoverTemporaryFiles: 0, changesBeyondLastAck: 0 };
  try {
    const writer = await compileChildScript(CRASH_WRITER, build);
    const rounds = Math.ceil(KILLS / LANES);
    await Promise.all(folders.map((folder, lane) => killRepeatedly(writer, folder, SEED + lane * 7_919, rounds, tally)));
  } finally {
    await Promise.all([build, ...folders].map(removeFolder));
  }
  expect(tally.kills).toBeGreaterThanOrEqual(KILLS);
  expect(tally.acks).toBeGreaterThanOrEqual(KILLS);
  // Settings changes were made and killed too, not only document changes.
  expect(tally.settingsAcks).toBeGreaterThan(0);
  // For the log: how often a kill left a temporary file, or a written change not yet acknowledged.
  console.info(
    `crash safety: ${tally.kills} kills, ${tally.acks} acknowledged changes and ${tally.settingsAcks} settings changes checked, ${tally.leftoverTemporaryFiles} temporary files left, ${tally.changesBeyondLastAck} unacknowledged changes found on disk`,
  );
}, Math.max(300_000, KILLS * 1_500));
