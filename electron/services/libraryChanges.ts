import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { NewsDocument } from '../../shared/model';
import { annotationStateSchema, applyOperation, type AnnotationState } from '../../shared/operations';
import { fail, ok, type Result } from '../../shared/result';
import type { DocumentChange, LibraryChange } from '../../shared/storyContract';
import { annotationState } from '../../shared/undoHistory';
import type { LibraryStore } from '../store/libraryStore';
import { writeFileDurably } from '../store/durableWrite';

/**
 * Changes to many articles as one: a speaker rename, or its undo. The new state of every
 * article is written durably to a journal in the data folder first, then each article is
 * restored to it (the `restore` operation, with its revision check), then the journal is removed.
 * A change cut short (a crash, a full disk) is finished from the journal when the library is
 * next opened; an article restored already is left as it is.
 */

export const JOURNAL_FILE = 'library-change.json';

const journalSchema = z.object({
  documents: z.array(z.object({ documentId: z.string(), revision: z.number().int().nonnegative(), state: annotationStateSchema })),
});

export interface PlannedState {
  documentId: string;
  /** The revision the state was planned against. */
  revision: number;
  state: AnnotationState;
}

/** Serialises library-wide changes per store, so two never interleave. */
const queues = new WeakMap<LibraryStore, Promise<unknown>>();

function journalPath(store: LibraryStore): string {
  return path.join(store.folder, JOURNAL_FILE);
}

function contextOf(store: LibraryStore) {
  const settings = store.settings;
  return { annotator: settings.annotator, now: new Date().toISOString(), labels: settings.labels.map((label) => label.name) };
}

async function restoreEach(store: LibraryStore, planned: readonly PlannedState[]): Promise<{ changed: DocumentChange[]; problems: string[] }> {
  const context = contextOf(store);
  const changed: DocumentChange[] = [];
  const problems: string[] = [];
  for (const { documentId, revision, state } of planned) {
    let before: NewsDocument | null = null;
    const result = await store.updateDocument(documentId, (document) => {
      before = document;
      return applyOperation(document, { type: 'restore', revision, state }, context);
    });
    if (!result.ok) problems.push(`${documentId}: ${result.error.message}`);
    else if (before && result.value !== before) {
      changed.push({ documentId, revision: result.value.revision, before: annotationState(before), after: annotationState(result.value) });
    }
  }
  return { changed, problems };
}

/**
 * Puts every article in `planned` into its state, as one durable change. Resolves once every
 * article and the removal of the journal are on disk. An article changed by someone else since
 * the plan (a revision conflict) is left alone and named in a `conflict` error, after the others
 * are changed; `count` is left to the caller.
 */
export function applyLibraryChange(store: LibraryStore, planned: readonly PlannedState[]): Promise<Result<LibraryChange>> {
  const run = async (): Promise<Result<LibraryChange>> => {
    if (planned.length === 0) return ok({ changed: [], count: 0 });
    await writeFileDurably(journalPath(store), JSON.stringify({ documents: planned }));
    const { changed, problems } = await restoreEach(store, planned);
    await fs.rm(journalPath(store), { force: true });
    if (problems.length > 0) return fail('conflict', `${problems.length} article(s) were not changed: ${problems.slice(0, 3).join('; ')}`);
    return ok({ changed, count: changed.length });
  };
  const previous = queues.get(store) ?? Promise.resolve();
  const next = previous.then(run, run);
  queues.set(store, next);
  return next;
}

/**
 * Finishes a library change cut short, if the folder has a journal; returns the problems to show
 * the user (none when there was no journal or all went well). A damaged journal is set aside.
 */
export async function finishLibraryChange(store: LibraryStore): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(journalPath(store), 'utf8');
  } catch {
    // No journal: nothing was cut short.
    return [];
  }
  const parsed = journalSchema.safeParse((() => { try { return JSON.parse(text); } catch { return null; } })());
  if (!parsed.success) {
    const aside = `${journalPath(store)}.damaged-${Date.now()}`;
    await fs.rename(journalPath(store), aside);
    return [`A library-wide change (a speaker rename) was cut short and its journal is damaged; it was kept as ${path.basename(aside)}.`];
  }
  const { problems } = await restoreEach(store, parsed.data.documents);
  await fs.rm(journalPath(store), { force: true });
  return problems.map((problem) => `A speaker rename cut short could not be finished for ${problem}`);
}
