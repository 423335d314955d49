import { describe, expect, test } from 'vitest';
import type { NewsDocument } from '../../../shared/model';
import { shareUnchanged } from './shareUnchanged';
import { article } from './testing/fakeHost';

const span = (id: string, start: number, updatedAt = '2030-01-01T00:00:00.000Z') => ({ id, start, end: start + 4, label: 'quote', createdAt: updatedAt, updatedAt, annotator: 'ana' });

function withSpans(spans: NewsDocument['spans']): NewsDocument {
  return { ...article('a'), spans, relations: [{ id: 'r1', label: 'attributed_to', headId: 's1', childId: 's2' }] };
}

/** A deep copy, as the host's answer is: equal values, new objects. */
const copy = (document: NewsDocument): NewsDocument => JSON.parse(JSON.stringify(document)) as NewsDocument;

describe('shareUnchanged', () => {
  test('an equal document (the host confirming what is shown) is the one shown', () => {
    const shown = withSpans([span('s1', 0), span('s2', 10)]);
    expect(shareUnchanged(shown, copy(shown))).toBe(shown);
  });

  test('one span stamped anew: the others, the relations and the meta are the objects shown', () => {
    const shown = withSpans([span('s1', 0), span('s2', 10)]);
    const stored = copy(shown);
    stored.spans[1] = span('s2', 10, '2030-01-01T00:00:01.000Z');
    stored.revision = 1;
    const shared = shareUnchanged(shown, stored);
    expect(shared).toEqual(stored);
    expect(shared.spans[0]).toBe(shown.spans[0]);
    expect(shared.spans[1]).not.toBe(shown.spans[1]);
    expect(shared.relations).toBe(shown.relations);
    expect(shared.meta).toBe(shown.meta);
  });

  test('a span added, removed or reordered makes a new list', () => {
    const shown = withSpans([span('s1', 0), span('s2', 10)]);
    expect(shareUnchanged(shown, withSpans([span('s1', 0)])).spans).toEqual([span('s1', 0)]);
    const reordered = shareUnchanged(shown, withSpans([span('s2', 10), span('s1', 0)]));
    expect(reordered.spans).not.toBe(shown.spans);
    expect(reordered.spans[0]).toBe(shown.spans[1]);
  });
});
