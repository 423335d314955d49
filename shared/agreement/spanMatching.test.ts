import { describe, expect, test } from 'vitest';
import { exactPairs, overlapPairs, scores, spanScores } from './spanMatching';

const quote = (start: number, end: number) => ({ start, end, label: 'quote' });

describe('span matching: figures worked out by hand', () => {
  test('a long span over two short ones matches one of them only (one to one)', () => {
    // A [0,10); B [0,4) and [6,10), 4 characters shared each: the tie goes to reading order, B's first.
    const a = [quote(0, 10)];
    const b = [quote(0, 4), quote(6, 10)];
    expect(overlapPairs(a, b)).toEqual([[0, 0]]);
    // Overlap: P = 1/1, R = 1/2, F1 = 2·1·½ / (1 + ½) = 2/3. Exact: nothing.
    expect(spanScores(a, b, ['quote'])['quote']).toEqual({ exact: scores(1, 2, 0), overlap: { a: 1, b: 2, matched: 1, precision: 1, recall: 0.5, f1: 2 / 3 } });
  });

  test('the most shared characters win, whatever the order', () => {
    // B's second span shares 5 characters with A's, its first only 1.
    expect(overlapPairs([quote(4, 12)], [quote(0, 5), quote(7, 20)])).toEqual([[0, 1]]);
  });

  test('spans that only touch do not overlap (ends are exclusive)', () => {
    expect(overlapPairs([quote(0, 5)], [quote(5, 10)])).toEqual([]);
  });

  test('the same range with another label matches under neither label', () => {
    const figures = spanScores([quote(0, 5)], [{ start: 0, end: 5, label: 'claim' }], ['claim', 'quote']);
    expect(figures['quote']!.exact).toEqual({ a: 1, b: 0, matched: 0, precision: 0, recall: null, f1: 0 });
    expect(figures['claim']!.overlap).toEqual({ a: 0, b: 1, matched: 0, precision: null, recall: 0, f1: 0 });
  });

  test('repeated equal spans pair one to one', () => {
    // A has the same span twice, B once: one pair; P = 1/2, R = 1/1, F1 = 2/3.
    expect(exactPairs([quote(0, 5), quote(0, 5)], [quote(0, 5)])).toEqual([[0, 0]]);
    expect(scores(2, 1, 1)).toEqual({ a: 2, b: 1, matched: 1, precision: 0.5, recall: 1, f1: 2 / 3 });
  });

  test('nothing on either side: nothing is defined', () => {
    expect(scores(0, 0, 0)).toEqual({ a: 0, b: 0, matched: 0, precision: null, recall: null, f1: null });
  });
});
