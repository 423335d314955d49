import { describe, expect, test, vi } from 'vitest';
import type { RequestArgs, RequestName, RequestResult } from '../../../shared/contract';
import { ok, type Result } from '../../../shared/result';
import { countDecisions, EMPTY_DECISIONS, rejectedKeys, withDecision, type DecisionsFile } from '../../../shared/suggestions/decisions';
import { suggest } from '../../../shared/suggestions/suggest';
import { LibraryClient } from './libraryClient';
import { SuggestionClient } from './suggestionClient';
import { FakeHost, memoryStorage } from './testing/fakeHost';

/** FakeHost with the suggestion requests, answered as electron/services/suggestionHandlers.ts does. */
class SuggestingHost extends FakeHost {
  decisions: DecisionsFile = EMPTY_DECISIONS;
  override async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>> {
    if (name === 'getSuggestions') {
      const document = this.documents.get((args as RequestArgs<'getSuggestions'>).documentId)!;
      return ok(suggest(document.text, { existing: document.spans, rejected: rejectedKeys(this.decisions, document.id) })) as Result<RequestResult<K>>;
    }
    if (name === 'recordSuggestionDecision') {
      this.decisions = withDecision(this.decisions, args as RequestArgs<'recordSuggestionDecision'>);
      return ok(countDecisions(this.decisions)) as Result<RequestResult<K>>;
    }
    if (name === 'suggestionStats') return ok(countDecisions(this.decisions)) as Result<RequestResult<K>>;
    return super.request(name, args);
  }
}

// FakeHost's article "a": `Psaki said “we are ready” in a.`
async function opened() {
  const host = new SuggestingHost();
  const client = new LibraryClient(host, memoryStorage());
  await client.load();
  await client.openDocument('a');
  const suggestions = new SuggestionClient(host, client);
  await suggestions.load('a');
  const settled = async () => {
    await vi.waitFor(() => expect(client.getSave().pending).toBe(0));
    // The decisions go out one after another, after the change itself.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** What is stored of "a" in one line: `quote "we are ready" | attribution "Psaki said" @Psaki | links 1`. */
  const stored = () => {
    const document = host.documents.get('a')!;
    return [...document.spans.map((span) => `${span.label} ${JSON.stringify(document.text.slice(span.start, span.end))}${span.speaker ? ` @${span.speaker}` : ''}`), `links ${document.relations.length}`].join(' | ');
  };
  /** The counts per rule that are not zero: `quote.direct 1/0`. */
  const counts = () =>
    Object.entries(countDecisions(host.decisions))
      .filter(([, count]) => count.accepted + count.rejected > 0)
      .map(([rule, count]) => `${rule} ${count.accepted}/${count.rejected}`)
      .join(', ');
  const key = (text: string) => suggestions.get('a')!.spans.find((span) => host.documents.get('a')!.text.slice(span.start, span.end) === text)!.key;
  return { host, client, suggestions, settled, stored, counts, key };
}

describe('SuggestionClient', () => {
  test('the sample text has a quote, an attribution with its speaker, and the link between them', async () => {
    const { suggestions } = await opened();
    expect(suggestions.get('a')).toMatchObject({ spans: [{ label: 'attribution', speaker: 'Psaki' }, { label: 'quote' }], links: [{ ruleId: 'link.nearest-attribution' }] });
  });

  test('accepting a quote, then its attribution: two changes, the second linking them; each counted once', async () => {
    const { suggestions, settled, stored, counts, key } = await opened();
    expect(suggestions.accept('a', key('we are ready'))).toBe(true);
    expect(suggestions.get('a')!.spans.map((span) => span.label)).toEqual(['attribution']);
    expect(suggestions.accept('a', key('Psaki said'))).toBe(true);
    await settled();
    expect(stored()).toBe('attribution "Psaki said" @Psaki | quote "we are ready" | links 1');
    expect(counts()).toBe('quote.direct 1/0, attribution.speech-verb 1/0, link.nearest-attribution 1/0');
    expect(suggestions.get('a')).toEqual({ spans: [], links: [] });
  });

  test('accepting a link makes both ends and the link as ONE undo step; undo withdraws all three decisions, redo records them again', async () => {
    const { client, suggestions, settled, stored, counts } = await opened();
    const link = suggestions.get('a')!.links[0]!;
    expect(suggestions.accept('a', link.key)).toBe(true);
    await settled();
    expect(stored()).toBe('attribution "Psaki said" @Psaki | quote "we are ready" | links 1');
    expect(counts()).toBe('quote.direct 1/0, attribution.speech-verb 1/0, link.nearest-attribution 1/0');
    expect(client.undo('a')).toBe(true);
    await settled();
    expect(stored()).toBe('links 0');
    expect(counts()).toBe('');
    expect(client.canUndo('a')).toBe(false);
    // The suggestions are back, as they were.
    expect(suggestions.get('a')!.spans).toHaveLength(2);
    expect(client.redo('a')).toBe(true);
    await settled();
    expect(stored()).toBe('attribution "Psaki said" @Psaki | quote "we are ready" | links 1');
    expect(counts()).toBe('quote.direct 1/0, attribution.speech-verb 1/0, link.nearest-attribution 1/0');
  });

  test('accepting the paragraph is one undo step', async () => {
    const { client, suggestions, settled, stored } = await opened();
    expect(suggestions.acceptParagraph('a', 3)).toBe(2);
    await settled();
    expect(stored()).toBe('attribution "Psaki said" @Psaki | quote "we are ready" | links 1');
    client.undo('a');
    await settled();
    expect(stored()).toBe('links 0');
  });

  test('a rejected suggestion goes, with its links, is counted, and stays gone in a new window', async () => {
    const { host, client, suggestions, settled, counts, key } = await opened();
    expect(suggestions.reject('a', key('Psaki said'))).toBe(true);
    expect(suggestions.get('a')).toMatchObject({ spans: [{ label: 'quote' }], links: [] });
    expect(suggestions.reject('a', key('we are ready'))).toBe(true);
    expect(suggestions.reject('a', 'quote:0-1')).toBe(false);
    await settled();
    expect(counts()).toBe('quote.direct 0/1, attribution.speech-verb 0/1');
    const reloaded = new SuggestionClient(host, client);
    await reloaded.load('a');
    expect(reloaded.get('a')).toEqual({ spans: [], links: [] });
  });

  test('a real span the user makes over a suggestion of its label hides it; deleting it by undo shows it again', async () => {
    const { client, suggestions, settled } = await opened();
    const quote = suggestions.get('a')!.spans.find((span) => span.label === 'quote')!;
    client.apply('a', { type: 'createSpan', span: { id: 'mine', start: quote.start + 1, end: quote.end, label: 'quote' } });
    expect(suggestions.get('a')!.spans.map((span) => span.label)).toEqual(['attribution']);
    client.undo('a');
    await settled();
    expect(suggestions.get('a')!.spans.map((span) => span.label)).toEqual(['attribution', 'quote']);
  });
});

test('a change that covers no suggestion keeps the open suggestions the same object (nothing is redrawn)', async () => {
  const { client, suggestions } = await opened();
  // A quote over the suggested one: from now on each answer is worked out anew.
  client.apply('a', { type: 'createSpan', span: { id: 'q1', start: 12, end: 14, label: 'quote' } });
  const before = suggestions.get('a');
  expect(before!.spans.map((span) => span.label)).toEqual(['attribution']);
  client.apply('a', { type: 'createSpan', span: { id: 'c1', start: 0, end: 5, label: 'claim' } });
  expect(suggestions.get('a')).toBe(before);
  client.apply('a', { type: 'createSpan', span: { id: 'a1', start: 0, end: 5, label: 'attribution' } });
  expect(suggestions.get('a')).toEqual({ spans: [], links: [] });
});
