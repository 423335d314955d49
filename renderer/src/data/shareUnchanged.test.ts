import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { NewsDocument } from '../../../shared/model';
import { differsOnlyInStamps, shareUnchanged } from './shareUnchanged';
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

  test('any list against any other: equal to the new one, sharing every item equal to the old one of its id', () => {
    const ids = fc.uniqueArray(fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'), { maxLength: 8 });
    fc.assert(
      fc.property(ids, ids, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (before, after, restamped) => {
        const shown = withSpans(before.map((id) => span(id, Number(id.slice(1)) * 10)));
        const stored = copy(withSpans(after.map((id, index) => span(id, Number(id.slice(1)) * 10, restamped[index] ? '2031-01-01T00:00:00.000Z' : undefined))));
        const shared = shareUnchanged(shown, stored);
        expect(shared).toEqual(stored);
        shared.spans.forEach((each, index) => {
          const old = shown.spans.find((candidate) => candidate.id === each.id);
          if (old && !restamped[index]) expect(each).toBe(old);
          else expect(each).toBe(stored.spans[index]);
        });
      }),
    );
  });

  test('differsOnlyInStamps: true for new stamps only, false for anything the window shows', () => {
    const shown = withSpans([span('s1', 0), span('s2', 10)]);
    const restamped = copy(shown);
    restamped.spans[1] = span('s2', 10, '2031-01-01T00:00:00.000Z');
    restamped.revision = 7;
    restamped.updatedAt = '2031-01-01T00:00:00.000Z';
    expect(differsOnlyInStamps(shown, shareUnchanged(shown, restamped))).toBe(true);
    const changes: ((document: NewsDocument) => void)[] = [
      (document) => (document.spans[1]!.label = 'claim'),
      (document) => (document.spans[1]!.note = 'a note'),
      (document) => (document.spans[1]!.annotator = 'bo'),
      (document) => document.spans.pop(),
      (document) => (document.relations = []),
      (document) => (document.status = 'done'),
      (document) => (document.meta = { ...document.meta, title: 'Another' }),
    ];
    for (const change of changes) {
      const changed = copy(restamped);
      change(changed);
      expect(differsOnlyInStamps(shown, shareUnchanged(shown, changed))).toBe(false);
    }
  });
});
