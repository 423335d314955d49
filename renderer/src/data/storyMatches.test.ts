import { describe, expect, test, vi } from 'vitest';
import type { Result } from '../../../shared/result';
import type { StoryMatches } from '../../../shared/storyContract';
import { sampleArticle, TELLING } from '../session/testing/commandFakes';
import { LibraryClient } from './libraryClient';
import { carriedLabel, StoryLookup } from './storyMatches';
import { FakeHost, memoryStorage } from './testing/fakeHost';

const answer = (documentId: string): Result<StoryMatches> => ({ ok: true, value: { source: { documentId: null, start: 0, end: 0, text: '' }, matches: [{ ...TELLING, documentId, title: documentId, start: 0, end: 10, text: 'Psaki said' }] } });

describe('StoryLookup', () => {
  test('an answer to a lookup replaced since is dropped; hiding drops any answer still to come', async () => {
    const pending: ((result: Result<StoryMatches>) => void)[] = [];
    const story = new StoryLookup(() => new Promise((resolve) => pending.push(resolve)), new LibraryClient(new FakeHost(), memoryStorage()));
    void story.show({ documentId: 'a', start: 0, end: 5, spanId: null });
    void story.show({ documentId: 'a', start: 11, end: 25, spanId: null });
    pending[1]!(answer('second'));
    await vi.waitFor(() => expect(story.get()?.phase).toBe('ready'));
    pending[0]!(answer('first'));
    await Promise.resolve();
    expect(story.get()!.matches.map((match) => match.documentId)).toEqual(['second']);
    expect(story.shows({ documentId: 'a', start: 11, end: 25 })).toBe(true);
    void story.show({ documentId: 'a', start: 0, end: 5, spanId: null });
    story.hide();
    pending[2]!(answer('third'));
    await Promise.resolve();
    expect(story.get()).toBeNull();
  });

  test('a failed lookup says why; Alt+↓/↑ stay within the list', async () => {
    const story = new StoryLookup(async () => ({ ok: false, error: { code: 'not_found', message: 'There is no article "x".' } }), new LibraryClient(new FakeHost(), memoryStorage()));
    await story.show({ documentId: 'x', start: 0, end: 1, spanId: null });
    expect(story.get()).toMatchObject({ phase: 'failed', error: 'There is no article "x".', focused: -1 });
    const found = new StoryLookup(async () => answer('b'), new LibraryClient(new FakeHost(), memoryStorage()));
    await found.show({ documentId: 'a', start: 0, end: 1, spanId: null });
    found.move(-1);
    found.move(1);
    expect(found.get()!.focused).toBe(0);
  });

  test('carries the span’s own speaker, else its attribution’s; without either, the label alone', () => {
    const article = sampleArticle('a');
    const quote = article.spans.find((span) => span.id === 's1')!;
    expect(carriedLabel(article, quote)).toEqual({ label: 'quote' });
    const linked = { ...article, spans: article.spans.map((span) => (span.id === 's2' ? { ...span, speaker: 'Jen Psaki' } : span)), relations: [{ id: 'r1', label: 'attributed_to', headId: 's1', childId: 's2' }] };
    expect(carriedLabel(linked, quote)).toEqual({ label: 'quote', speaker: 'Jen Psaki' });
    expect(carriedLabel(linked, { ...quote, speaker: 'Psaki' })).toEqual({ label: 'quote', speaker: 'Psaki' });
  });
});
