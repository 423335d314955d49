import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { acceptLinkOperations, acceptSpanOperations } from '../../shared/suggestions/acceptSuggestion';
import type { Suggestions } from '../../shared/suggestions/suggest';

type Answer = Suggestions;
import { LibraryStore } from '../store/libraryStore';
import { dispatchRequest } from './dispatchRequest';
import { createLibraryHandlers } from './libraryHandlers';
import { libraryStats } from './libraryStats';
import { DECISIONS_FILE_NAME } from './suggestionDecisions';

const TEXT = '“We are ready,” Psaki said. The minister said that taxes would fall.';
const folders: string[] = [];
const stores: LibraryStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(folders.splice(0).map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

async function library(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsmark-suggestions-'));
  folders.push(folder);
  const store = await LibraryStore.open(folder, { holder: 'test' });
  const draft: DocumentDraft = { id: 'doc', text: TEXT, meta: { title: 'doc' }, status: 'todo', spans: [], relations: [] };
  await store.addDocuments([draft], 'tester');
  await store.close();
  return folder;
}

async function open(folder: string) {
  const store = await LibraryStore.open(folder, { holder: 'test' });
  stores.push(store);
  const handlers = createLibraryHandlers(store);
  const request = async <T>(name: string, args: unknown): Promise<T> => {
    const answer = await dispatchRequest(handlers, name, args);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value as T;
  };
  return { store, request };
}

let counter = 0;
const newId = () => `s${++counter}`;

describe('suggestion requests', () => {
  test('accepting makes normal spans and links, rejecting hides a suggestion, and both are counted durably', async () => {
    const folder = await library();
    const { store, request } = await open(folder);
    const suggestions = await request<Answer>('getSuggestions', { documentId: 'doc' });
    const link = suggestions.links.find((each) => TEXT.slice(...(each.headKey.split(':')[1]!.split('-').map(Number) as [number, number])) === 'We are ready')!;
    expect(link.speaker).toBe('Psaki');

    // Accept the quote's link: both ends are created, then linked; the attribution keeps its speaker.
    const document = (await store.getDocument('doc'))!;
    for (const operation of acceptLinkOperations(document, suggestions, link, newId)) await request('updateDocument', { documentId: 'doc', operation });
    await request('recordSuggestionDecision', { documentId: 'doc', key: link.key, ruleId: 'link.nearest-attribution', decision: 'accepted' });
    const accepted = (await store.getDocument('doc'))!;
    expect(accepted.spans.map((span) => `${span.label} ${TEXT.slice(span.start, span.end)} ${span.speaker ?? ''}`.trim())).toEqual(['quote We are ready', 'attribution Psaki said Psaki']);
    expect(accepted.relations).toHaveLength(1);

    // Reject the reported quote; sent twice (a retry), it counts once.
    const after = await request<Answer>('getSuggestions', { documentId: 'doc' });
    expect(after.spans.some((span) => span.label === 'quote' && span.start === 1)).toBe(false);
    const reported = after.spans.find((span) => span.ruleId === 'quote.reported')!;
    const decision = { documentId: 'doc', key: reported.key, ruleId: reported.ruleId, decision: 'rejected' };
    await request('recordSuggestionDecision', decision);
    const counts = await request<Record<string, { accepted: number; rejected: number }>>('recordSuggestionDecision', decision);
    expect(counts['quote.reported']).toEqual({ accepted: 0, rejected: 1 });
    expect(counts['link.nearest-attribution']).toEqual({ accepted: 1, rejected: 0 });
    expect((await request<Answer>('getSuggestions', { documentId: 'doc' })).spans.some((span) => span.key === reported.key)).toBe(false);
    await store.close();
    stores.length = 0;

    // Reopened: the decisions are on disk, and `newsmark stats` counts them.
    const reopened = await open(folder);
    expect((await reopened.request<Answer>('getSuggestions', { documentId: 'doc' })).spans.some((span) => span.key === reported.key)).toBe(false);
    expect((await libraryStats(reopened.store)).suggestions.by_rule['quote.reported']).toEqual({ accepted: 0, rejected: 1 });
    // Withdrawn (the reject was undone): the suggestion comes back.
    await reopened.request('recordSuggestionDecision', { ...decision, decision: 'withdrawn' });
    expect((await reopened.request<Answer>('getSuggestions', { documentId: 'doc' })).spans.some((span) => span.key === reported.key)).toBe(true);
  });

  test('accepting a span next to an accepted partner links them; undo is a restore like any change', async () => {
    const folder = await library();
    const { store, request } = await open(folder);
    const suggestions = await request<Answer>('getSuggestions', { documentId: 'doc' });
    const attribution = suggestions.spans.find((span) => span.label === 'attribution' && span.key.startsWith('attribution:16'))!;
    const quote = suggestions.spans.find((span) => span.key === 'quote:1-13')!;
    const before = (await store.getDocument('doc'))!;
    for (const operation of acceptSpanOperations(before, suggestions, attribution, newId)) await request('updateDocument', { documentId: 'doc', operation });
    const middle = (await store.getDocument('doc'))!;
    const operations = acceptSpanOperations(middle, suggestions, quote, newId);
    expect(operations.map((operation) => operation.type)).toEqual(['createSpan', 'linkSpans']);
    for (const operation of operations) await request('updateDocument', { documentId: 'doc', operation });
    const linked = (await store.getDocument('doc'))!;
    expect(linked.relations).toHaveLength(1);
    // Undo the whole acceptance in one step: restore the state before its first operation.
    const { status, spans, relations, updatedAt, annotator } = middle;
    await request('updateDocument', { documentId: 'doc', operation: { type: 'restore', revision: linked.revision, state: { status, spans, relations, updatedAt, annotator } } });
    expect((await store.getDocument('doc'))!.spans).toEqual(middle.spans);
  });

  test('a damaged decisions file is named and never overwritten', async () => {
    const folder = await library();
    await fs.writeFile(path.join(folder, DECISIONS_FILE_NAME), '{"version": 1, "documents": ');
    const { store } = await open(folder);
    const answer = await dispatchRequest(createLibraryHandlers(store), 'recordSuggestionDecision', { documentId: 'doc', key: 'quote:1-13', ruleId: 'quote.direct', decision: 'rejected' });
    expect(answer.ok ? '' : `${answer.error.code}: ${answer.error.message}`).toMatch(/^storage_failed: .*suggestion-decisions\.json is damaged/);
    // Suggestions are still offered.
    expect((await dispatchRequest(createLibraryHandlers(store), 'getSuggestions', { documentId: 'doc' })).ok).toBe(true);
    expect(await fs.readFile(path.join(folder, DECISIONS_FILE_NAME), 'utf8')).toBe('{"version": 1, "documents": ');
  });

  test('bad decisions are refused at the edge', async () => {
    const folder = await library();
    const { store } = await open(folder);
    const answer = await dispatchRequest(createLibraryHandlers(store), 'recordSuggestionDecision', { documentId: 'doc', key: 'x', ruleId: 'no.such.rule', decision: 'accepted' });
    expect(answer.ok ? '' : answer.error.code).toBe('invalid_request');
  });
});
