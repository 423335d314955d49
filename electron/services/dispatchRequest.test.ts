import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { fail, ok } from '../../shared/result';
import { describeSpans } from '../../shared/spans';
import { setWriteFaultHook } from '../store/durableWrite';
import { LibraryStore } from '../store/libraryStore';
import { dispatchRequest } from './dispatchRequest';
import { createLibraryHandlers, type Handlers } from './libraryHandlers';

const TEXT = 'The minister said: "We are ready." Critics disagreed.';

function draft(id: string, text = TEXT): DocumentDraft {
  return { id, text, meta: { title: id }, status: 'todo', spans: [], relations: [] };
}

/** Handlers whose every request answers ok(name), except the ones given. */
function stubHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const answer = (name: string) => async () => ok(name) as never;
  return {
    listDocuments: answer('listDocuments'),
    listDocumentPage: answer('listDocumentPage'),
    getDocument: answer('getDocument'),
    updateDocument: answer('updateDocument'),
    getSettings: answer('getSettings'),
    updateSettings: answer('updateSettings'),
    getNotices: answer('getNotices'),
    applyLabelChanges: answer('applyLabelChanges'),
    searchDocuments: answer('searchDocuments'),
    startImport: answer('startImport'),
    importStatus: answer('importStatus'),
    cancelImport: answer('cancelImport'),
    getSuggestions: answer('getSuggestions'),
    recordSuggestionDecision: answer('recordSuggestionDecision'),
    suggestionStats: answer('suggestionStats'),
    findStoryMatches: answer('findStoryMatches'),
    speakerIndex: answer('speakerIndex'),
    renameSpeaker: answer('renameSpeaker'),
    restoreDocuments: answer('restoreDocuments'),
    driftReport: answer('driftReport'),
    uploadComparison: answer('uploadComparison'),
    comparisonReport: answer('comparisonReport'),
    theirVersions: answer('theirVersions'),
    ...overrides,
  };
}

function throwing(error: unknown): Handlers {
  return stubHandlers({
    listDocuments: async () => {
      throw error;
    },
  });
}

function coded(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

beforeEach(() => {
  // dispatchRequest logs internal errors; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  setWriteFaultHook(null);
});

describe('dispatchRequest checks the request at the edge', () => {
  test('an unknown request name is invalid_request naming it', async () => {
    const result = await dispatchRequest(stubHandlers(), 'deleteEverything', {});
    expect(result).toEqual({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('"deleteEverything"') } });
  });

  test('names inherited from Object.prototype are not requests', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await dispatchRequest(stubHandlers(), name, {});
      expect(result.ok ? 'ok' : result.error.code, name).toBe('invalid_request');
    }
  });

  test('a non-string name is invalid_request', async () => {
    const result = await dispatchRequest(stubHandlers(), 42, {});
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_request');
  });

  test('args failing the schema are invalid_request naming the field path', async () => {
    const result = await dispatchRequest(stubHandlers(), 'updateDocument', {
      documentId: 'doc-1',
      operation: { type: 'createSpan', span: { id: 's1', start: 'zero', end: 4, label: 'claim' } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.message).toMatch(/^updateDocument: operation\.span\.start: /);
  });

  test('an id that is not a safe file name is refused before reaching the handler', async () => {
    const getDocument = vi.fn(async () => fail('not_found', 'unreachable'));
    const result = await dispatchRequest(stubHandlers({ getDocument }), 'getDocument', { id: '../index' });
    expect(result.ok ? 'ok' : result.error.message).toMatch(/^getDocument: id: /);
    expect(getDocument).not.toHaveBeenCalled();
  });

  test('extra fields are refused (strict schemas)', async () => {
    const result = await dispatchRequest(stubHandlers(), 'listDocuments', { everything: true });
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_request');
  });

  test('missing args count as {} for requests without arguments', async () => {
    expect(await dispatchRequest(stubHandlers(), 'listDocuments', undefined)).toEqual(ok('listDocuments'));
  });
});

describe('dispatchRequest turns thrown errors into values', () => {
  test.each(['ENOSPC', 'EROFS', 'EACCES'])('a handler throwing %s answers storage_failed with a readable message', async (code) => {
    const result = await dispatchRequest(throwing(coded(code)), 'listDocuments', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('storage_failed');
    expect(result.error.message).toMatch(/not saved/);
    expect(result.error.message).not.toContain(code);
  });

  test('any other thrown error answers internal with its message', async () => {
    const result = await dispatchRequest(throwing(new TypeError('boom at line 3')), 'listDocuments', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom at line 3') } });
  });

  test('a handler throwing an object without a prototype still answers internal', async () => {
    const result = await dispatchRequest(throwing(Object.create(null)), 'listDocuments', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('[object Object]') } });
  });

  test('never throws, whatever a handler throws (valid args reach the handler)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), async (thrown) => {
        const result = await dispatchRequest(throwing(thrown), 'listDocuments', {});
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['storage_failed', 'internal']).toContain(result.error.code);
      }),
      { numRuns: 200 },
    );
  });

  test('never throws, whatever arrives as name and args', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('listDocuments', 'getDocument', 'updateDocument', 'updateSettings', 'nope'), fc.anything()),
        fc.anything({ withNullPrototype: true }),
        async (name, args) => {
          const result = await dispatchRequest(stubHandlers(), name, args);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(typeof result.error.message).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('dispatchRequest with the library handlers', () => {
  let folder: string;
  let store: LibraryStore;
  let handlers: Handlers;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-dispatch-'));
    store = await LibraryStore.open(folder, { holder: 'test', indexDelayMs: 5 });
    await store.addDocuments([draft('doc-1')], 'tester');
    handlers = createLibraryHandlers(store);
  });

  afterEach(async () => {
    await store.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const createSpan = (id: string, start: number, end: number, label: string) => ({
    documentId: 'doc-1',
    operation: { type: 'createSpan', span: { id, start, end, label } },
  });

  test('createSpan answers what it changed, without text, and a summary with counts', async () => {
    const result = await dispatchRequest(handlers, 'updateDocument', createSpan('s1', 19, 33, 'quote'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as { change: Record<string, unknown> & { fields: object; spans: { start: number; removed: number; inserted: { start: number; end: number; label: string }[] } }; summary: unknown };
    expect(JSON.stringify(value)).not.toContain(TEXT);
    expect(value.change.fields).not.toHaveProperty('text');
    expect(value.change.spans).toMatchObject({ start: 0, removed: 0 });
    expect(describeSpans(value.change.spans.inserted)).toBe('19-33 quote');
    expect(value.summary).toMatchObject({ id: 'doc-1', title: 'doc-1', counts: { quote: 1 }, length: TEXT.length });
  });

  test('a first span moves the status from todo to in_progress, on disk too', async () => {
    expect(store.listDocuments()[0]!.status).toBe('todo');
    const result = await dispatchRequest(handlers, 'updateDocument', createSpan('s1', 0, 12, 'claim'));
    expect(result.ok && (result.value as { summary: { status: string } }).summary.status).toBe('in_progress');
    const stored = JSON.parse(await fs.readFile(path.join(folder, 'documents', 'doc-1.json'), 'utf8')) as { status: string };
    expect(stored.status).toBe('in_progress');
  });

  test('a label not in the label set is invalid_span naming the label', async () => {
    const result = await dispatchRequest(handlers, 'updateDocument', createSpan('s1', 0, 12, 'opinion'));
    expect(result).toEqual({ ok: false, error: { code: 'invalid_span', message: expect.stringContaining('"opinion"') } });
    expect((await store.getDocument('doc-1'))!.spans).toEqual([]);
  });

  test('a span outside the text is invalid_span', async () => {
    const result = await dispatchRequest(handlers, 'updateDocument', createSpan('s1', 10, TEXT.length + 1, 'claim'));
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_span');
  });

  test('an unknown document is not_found', async () => {
    const result = await dispatchRequest(handlers, 'getDocument', { id: 'missing' });
    expect(result.ok ? 'ok' : result.error.code).toBe('not_found');
  });

  test('updateSettings refuses, by field, what the settings dialog refuses; nothing is saved', async () => {
    const before = store.settings;
    const withLabels = (labels: { name: string; key: string }[]) => ({ settings: { ...before, labels: labels.map((label, index) => ({ ...label, color: before.labels[index % 3]!.color })) } });
    const keep = before.labels.map(({ name, key }) => ({ name, key }));
    const refusals: [unknown, RegExp][] = [
      [withLabels([...keep, { name: 'stance', key: 'n' }]), /^updateSettings: settings\.labels\.3\.key: “n” is reserved for a command/],
      [withLabels([...keep, { name: 'stance', key: '1' }]), /^updateSettings: settings\.labels\.0\.key: “1” is already the key of “stance”/],
      [withLabels([...keep, { name: 'claim', key: '' }]), /^updateSettings: settings\.labels\.3\.name: “claim” names another label too/],
      [withLabels([...keep, { name: 'stance\u0007', key: '' }]), /^updateSettings: settings\.labels\.3\.name: a label name must not contain control characters/],
      [withLabels([...keep, { name: 'stance', key: '\u0001' }]), /^updateSettings: settings\.labels\.3\.key: a key must be one printable character/],
      [{ settings: { ...before, annotator: '  ' } }, /^updateSettings: settings\.annotator: the annotator's name must not be empty/],
      [withLabels(keep.slice(0, 2)), /^updateSettings: “attribution” is missing from the new label set without being renamed or deleted; rename or delete labels with applyLabelChanges\.$/],
    ];
    for (const [args, message] of refusals) {
      const result = await dispatchRequest(handlers, 'updateSettings', args);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid_request');
      expect(result.ok ? 'ok' : result.error.message).toMatch(message);
    }
    expect(store.settings).toEqual(before);
    const accepted = await dispatchRequest(handlers, 'updateSettings', withLabels([...keep, { name: 'stance', key: '4' }]));
    expect(accepted.ok && (accepted.value as { labels: { key: string }[] }).labels.map((label) => label.key)).toEqual(['1', '2', '3', '4']);
  });

  test('a full disk during a real save answers storage_failed and the document stays as it was', async () => {
    setWriteFaultHook((filePath) => {
      if (filePath.endsWith('doc-1.json')) throw coded('ENOSPC');
    });
    const result = await dispatchRequest(handlers, 'updateDocument', createSpan('s1', 0, 12, 'claim'));
    expect(result).toEqual({ ok: false, error: { code: 'storage_failed', message: expect.stringMatching(/disk is full/) } });
    setWriteFaultHook(null);
    const stored = JSON.parse(await fs.readFile(path.join(folder, 'documents', 'doc-1.json'), 'utf8')) as { spans: unknown[] };
    expect(stored.spans).toEqual([]);
  });
});
