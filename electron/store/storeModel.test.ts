import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_LABELS, DOCUMENT_STATUSES, summarise, type DocumentStatus, type NewsDocument, type Settings } from '../../shared/model';
import { applyOperation, type DocumentOperation, type OperationContext } from '../../shared/operations';
import type { Result } from '../../shared/result';
import { setWriteFaultHook } from './durableWrite';
import { DOCUMENTS_FOLDER, INDEX_FILE_NAME, LibraryStore } from './libraryStore';
import { foldIdCase, isWindowsReservedName } from './portableFileName';
import { sampleDrafts } from './testing/sampleDrafts';
import { makeTemporaryFolder, removeFolder } from './testing/temporaryFolder';

const LABELS = DEFAULT_LABELS.map((label) => label.name);

/** The model: what every document should be, in library order. */
interface Model {
  documents: Map<string, NewsDocument>;
  order: string[];
  settings: Settings;
  clock: number;
  spanCount: number;
}

interface Real {
  folder: string;
  store: LibraryStore;
}

/** An operation described without knowing the document; resolved against it when run. */
type OperationPlan =
  | { type: 'create'; start: number; length: number; label: string }
  | { type: 'duplicate'; span: number }
  | { type: 'delete'; span: number; missing: boolean }
  | { type: 'relabel'; span: number; label: string }
  | { type: 'status'; status: DocumentStatus };

const operationPlan: fc.Arbitrary<OperationPlan> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('create' as const), start: fc.nat(), length: fc.integer({ min: 1, max: 30 }), label: fc.constantFrom(...LABELS, 'not a label') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('duplicate' as const), span: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), span: fc.nat(), missing: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('relabel' as const), span: fc.nat(), label: fc.constantFrom(...LABELS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('status' as const), status: fc.constantFrom(...DOCUMENT_STATUSES) }) },
);

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length]!;
}

/** The operation `plan` stands for on `document`; spans it creates get fresh ids from the model. */
function resolve(plan: OperationPlan, document: NewsDocument, model: Model): DocumentOperation {
  const newId = `m${++model.spanCount}`;
  const span = document.spans.length > 0 ? pick(document.spans, 'span' in plan ? plan.span : 0) : null;
  switch (plan.type) {
    case 'create': {
      // Offsets may split an emoji; the operation is then refused, by the store and the model alike.
      const start = plan.start % document.text.length;
      return { type: 'createSpan', span: { id: newId, start, end: Math.min(document.text.length, start + plan.length), label: plan.label } };
    }
    case 'duplicate':
      return span ? { type: 'createSpan', span: { id: newId, start: span.start, end: span.end, label: span.label } } : { type: 'setStatus', status: 'done' };
    case 'delete':
      return { type: 'deleteSpan', spanId: plan.missing || !span ? `${newId}-missing` : span.id };
    case 'relabel':
      return { type: 'relabelSpan', spanId: span ? span.id : `${newId}-missing`, label: plan.label };
    case 'status':
      return { type: 'setStatus', status: plan.status };
  }
}

function nextContext(model: Model): OperationContext {
  model.clock += 1000;
  return { annotator: 'model', now: new Date(model.clock).toISOString(), labels: LABELS };
}

/** Applies `operation` to the model's document and returns what the store should answer. */
function applyToModel(model: Model, id: string, operation: DocumentOperation, context: OperationContext): Result<NewsDocument> {
  const result = applyOperation(model.documents.get(id)!, operation, context);
  if (result.ok) model.documents.set(id, result.value);
  return result;
}

async function expectStoreEqualsModel(model: Model, real: Real): Promise<void> {
  expect(real.store.settings).toEqual(model.settings);
  expect(real.store.documentIds()).toEqual(model.order);
  expect(real.store.listDocuments()).toEqual(model.order.map((id) => summarise(model.documents.get(id)!)));
  for (const id of model.order) expect(await real.store.getDocument(id), id).toEqual(model.documents.get(id));
}

async function reopen(real: Real): Promise<void> {
  await real.store.close();
  real.store = await LibraryStore.open(real.folder, { holder: 'model test' });
}

class ChangeCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly document: number,
    private readonly plan: OperationPlan,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const id = pick(model.order, this.document);
    const operation = resolve(this.plan, model.documents.get(id)!, model);
    const context = nextContext(model);
    const expected = applyToModel(model, id, operation, context);
    expect(await real.store.updateDocument(id, (document) => applyOperation(document, operation, context))).toEqual(expected);
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `change(${this.document}, ${JSON.stringify(this.plan)})`;
}

class ConcurrentChangesCommand implements fc.AsyncCommand<Model, Real> {
  constructor(private readonly changes: readonly [document: number, plan: OperationPlan][]) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    // Issued together without waiting: the store applies each document's changes in issue order.
    const pending = this.changes.map(([document, plan]) => {
      const id = pick(model.order, document);
      const operation = resolve(plan, model.documents.get(id)!, model);
      const context = nextContext(model);
      const expected = applyToModel(model, id, operation, context);
      return { expected, answer: real.store.updateDocument(id, (stored) => applyOperation(stored, operation, context)) };
    });
    for (const { expected, answer } of pending) expect(await answer).toEqual(expected);
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `concurrently(${JSON.stringify(this.changes)})`;
}

class FailedChangeCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly document: number,
    private readonly plan: OperationPlan,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const id = pick(model.order, this.document);
    const before = model.documents.get(id)!;
    const operation = resolve(this.plan, before, model);
    const context = nextContext(model);
    const outcome = applyOperation(before, operation, context);
    const target = path.join(real.folder, DOCUMENTS_FOLDER, `${id}.json`);
    setWriteFaultHook((file) => {
      if (file === target) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    try {
      const answer = real.store.updateDocument(id, (document) => applyOperation(document, operation, context));
      // Only a change that writes can fail; one that changes nothing or is refused answers as usual.
      if (outcome.ok && outcome.value !== before) await expect(answer).rejects.toMatchObject({ code: 'ENOSPC' });
      else expect(await answer).toEqual(outcome);
    } finally {
      setWriteFaultHook(null);
    }
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `failedChange(${this.document}, ${JSON.stringify(this.plan)})`;
}

class AddCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly wantedId: string | null,
    private readonly text: string,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const draft = { id: this.wantedId, text: this.text, meta: { title: this.text.slice(0, 12) }, status: 'todo' as const, spans: [], relations: [] };
    const { added, renamed } = await real.store.addDocuments([draft], 'model');
    expect(added).toHaveLength(1);
    const id = added[0]!.id;
    expect(model.documents.has(id)).toBe(false);
    expect(renamed).toEqual(id === this.wantedId ? [] : [{ from: this.wantedId, to: id }]);
    // Ids are compared without case and never a name Windows reserves; a free one is kept.
    const folded = new Set([...model.documents.keys()].map(foldIdCase));
    expect(folded.has(foldIdCase(id)) || isWindowsReservedName(id)).toBe(false);
    if (this.wantedId !== null && !folded.has(foldIdCase(this.wantedId)) && !isWindowsReservedName(this.wantedId)) expect(id).toBe(this.wantedId);
    const document = (await real.store.getDocument(id))!;
    expect(document).toMatchObject({ id, text: this.text, meta: { title: this.text.slice(0, 12) }, status: 'todo', spans: [], relations: [], revision: 0 });
    model.documents.set(id, document);
    model.order.push(id);
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `add(${JSON.stringify(this.wantedId)}, ${JSON.stringify(this.text)})`;
}

class SettingsCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly annotator: string,
    private readonly snapToWords: boolean,
    private readonly fails: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const next: Settings = { ...model.settings, annotator: this.annotator, snapToWords: this.snapToWords };
    if (this.fails) {
      setWriteFaultHook(() => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      });
      try {
        await expect(real.store.updateSettings(next)).rejects.toMatchObject({ code: 'EIO' });
      } finally {
        setWriteFaultHook(null);
      }
    } else {
      expect(await real.store.updateSettings(next)).toEqual(next);
      model.settings = next;
    }
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `settings(${JSON.stringify(this.annotator)}, ${this.snapToWords}${this.fails ? ', failing' : ''})`;
}

class ReopenCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    await reopen(real);
    expect(real.store.notices).toEqual([]);
    await expectStoreEqualsModel(model, real);
  }
  toString = () => 'reopen';
}

class LoseIndexCommand implements fc.AsyncCommand<Model, Real> {
  constructor(private readonly how: 'deleted' | 'truncated') {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    await real.store.close();
    const indexPath = path.join(real.folder, INDEX_FILE_NAME);
    if (this.how === 'deleted') await fs.rm(indexPath);
    else await fs.truncate(indexPath, 10);
    real.store = await LibraryStore.open(real.folder, { holder: 'model test' });
    // A notice says the index was lost (missing or set aside); the settings live in their own file.
    expect(real.store.notices).toHaveLength(1);
    expect(real.store.notices[0]!.message).toMatch(this.how === 'deleted' ? /index \(index\.json\) was missing/ : /index was damaged/);
    // Rebuilt from the files, the list is in file-name order.
    model.order.sort();
    await expectStoreEqualsModel(model, real);
  }
  toString = () => `loseIndex(${this.how})`;
}

const commands = fc.commands(
  [
    fc.tuple(fc.nat(), operationPlan).map(([document, plan]) => new ChangeCommand(document, plan)),
    fc.array(fc.tuple(fc.nat(), operationPlan), { minLength: 2, maxLength: 6 }).map((changes) => new ConcurrentChangesCommand(changes)),
    fc.tuple(fc.nat(), operationPlan).map(([document, plan]) => new FailedChangeCommand(document, plan)),
    fc
      .tuple(fc.constantFrom('biden-putin', 'Biden-Putin', 'fresh', 'FRESH', 'fresh-2', 'CON', 'nul.txt', null), fc.constantFrom('A new article.', 'Putin 🇷🇺 said “no”.'))
      .map(([id, text]) => new AddCommand(id, text)),
    fc.tuple(fc.constantFrom('ana', 'Ben', 'Chloé 🇫🇷'), fc.boolean(), fc.boolean()).map(([annotator, snap, fails]) => new SettingsCommand(annotator, snap, fails)),
    fc.constant(new ReopenCommand()),
    fc.constantFrom('deleted' as const, 'truncated' as const).map((how) => new LoseIndexCommand(how)),
  ],
  { maxCommands: 30, size: 'medium' },
);

const folders: string[] = [];
afterEach(async () => {
  setWriteFaultHook(null);
  await Promise.all(folders.splice(0).map(removeFolder));
});

test('random changes, settings, failed writes, imports (ids differing by case, reserved names) and restarts keep the store equal to an in-memory model after every step', async () => {
  await fc.assert(
    fc.asyncProperty(commands, async (sequence) => {
      const folder = await makeTemporaryFolder('newsmark-model-');
      folders.push(folder);
      const real: Real = { folder, store: await LibraryStore.open(folder, { holder: 'model test', seed: async () => sampleDrafts(), indexDelayMs: 0 }) };
      const model: Model = { documents: new Map(), order: real.store.documentIds(), settings: real.store.settings, clock: Date.UTC(2025, 0, 1), spanCount: 0 };
      for (const id of model.order) model.documents.set(id, (await real.store.getDocument(id))!);
      try {
        await fc.asyncModelRun(() => ({ model, real }), sequence);
      } finally {
        setWriteFaultHook(null);
        await real.store.close();
      }
    }),
    { numRuns: 40 },
  );
}, 120_000);
