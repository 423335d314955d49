import { describe, expect, test } from 'vitest';
import { addKappaCounts, kappa, kappaCounts, tokenCategories, wordTokens } from './tokenKappa';

describe('token kappa: figures worked out by hand', () => {
  test('tokens are words and numbers, not spaces or punctuation', () => {
    const text = 'Biden, 99 said: “no”.';
    expect(wordTokens(text).map((token) => text.slice(token.start, token.end))).toEqual(['Biden', '99', 'said', 'no']);
  });

  test('a token is inside a span when they share a character', () => {
    // "Biden said no": a span over "den sa" touches "Biden" and "said".
    const tokens = wordTokens('Biden said no');
    expect(tokenCategories(tokens, [{ start: 2, end: 8, label: 'quote' }])).toEqual(['quote', 'quote', 'none']);
  });

  test('kappa pools the tokens of several articles', () => {
    // Article 1: A [q n], B [q n]. Article 2: A [q q], B [n n].
    // Pooled: 4 tokens, 2 agreed: po = ½. A: q 3, n 1; B: q 1, n 3. pe = (3·1 + 1·3) / 16 = 3/8.
    // κ = (½ − 3/8) / (1 − 3/8) = (1/8) / (5/8) = 0.2.
    const first = kappaCounts(['q', 'none'], ['q', 'none']);
    const second = kappaCounts(['q', 'q'], ['none', 'none']);
    expect(kappa(first)).toBe(1);
    expect(kappa(addKappaCounts(first, second))).toBeCloseTo(0.2, 12);
    // The second alone: po = 0, pe = 0 (A all q, B all n): κ = 0.
    expect(kappa(second)).toBe(0);
  });

  test('undefined with no tokens, or with every token in one category on both sides', () => {
    expect(kappa(kappaCounts([], []))).toBeNull();
    expect(kappa(kappaCounts(['none', 'none'], ['none', 'none']))).toBeNull();
  });

  test('both sides must label the same tokens', () => {
    expect(() => kappaCounts(['q'], ['q', 'none'])).toThrow(RangeError);
  });
});
