import { describe, expect, test } from 'vitest';
import { compareDocuments, type AnnotatedSpan, type AnnotatedVersion } from './compareDocuments';
import { kappa } from './tokenKappa';

// One sentence, six word tokens (Intl.Segmenter; punctuation and spaces are not tokens):
//   Biden 0-5 | will 6-10 | meet 11-15 | Putin 16-21 | Psaki 23-28 | said 29-33
const TEXT = 'Biden will meet Putin, Psaki said.';
const LABELS = ['attribution', 'claim', 'quote'];

function span(id: string, label: string, start: number, end: number, extra: Partial<AnnotatedSpan> = {}): AnnotatedSpan {
  return { id, label, start, end, ...extra };
}

const QUOTE = span('q', 'quote', 0, 21);
const ATTRIBUTION = span('a', 'attribution', 23, 33, { speaker: 'Jen Psaki' });
const LINKED: AnnotatedVersion = { spans: [QUOTE, ATTRIBUTION], relations: [{ id: 'r', label: 'attributed_to', headId: 'q', childId: 'a' }] };
const EMPTY: AnnotatedVersion = { spans: [], relations: [] };
const only = (...spans: AnnotatedSpan[]): AnnotatedVersion => ({ spans, relations: [] });

/** "P R F1" of one label's exact and overlap scores, rounded to 3 places; "-" for null. */
function figures(result: ReturnType<typeof compareDocuments>, label: string): string {
  const show = (value: number | null) => (value === null ? '-' : String(Math.round(value * 1000) / 1000));
  const { exact, overlap } = result.labels[label]!;
  return `exact ${show(exact.precision)} ${show(exact.recall)} ${show(exact.f1)} | overlap ${show(overlap.precision)} ${show(overlap.recall)} ${show(overlap.f1)} | kappa ${show(kappa(result.labels[label]!.kappa))}`;
}

describe('compareDocuments: figures worked out by hand', () => {
  test('identical versions agree fully', () => {
    // Quote tokens: A and B both [q q q q n n]. po = 1; pe = (4/6)² + (2/6)² = 20/36; κ = 1.
    const result = compareDocuments(TEXT, LINKED, LINKED, LABELS);
    expect(figures(result, 'quote')).toBe('exact 1 1 1 | overlap 1 1 1 | kappa 1');
    // Attribution tokens [n n n n a a] both: κ = 1.
    expect(figures(result, 'attribution')).toBe('exact 1 1 1 | overlap 1 1 1 | kappa 1');
    // No claims on either side: P, R, F1 not defined; every token "not claim" on both sides, pe = 1: κ not defined.
    expect(figures(result, 'claim')).toBe('exact - - - | overlap - - - | kappa -');
    // Overall categories: quote ×4, attribution ×2 on both sides; pe = 16/36 + 4/36; κ = 1.
    expect(kappa(result.kappa)).toBe(1);
    expect(result.relations).toMatchObject({ a: 1, b: 1, matched: 1, precision: 1, recall: 1, f1: 1 });
    expect(result.disagreements).toEqual([]);
  });

  test('disjoint spans share nothing', () => {
    // A quotes "Biden" [q n n n n n], B quotes "Putin" [n n n q n n].
    // Exact and overlap: 1 span each, 0 matched: P = R = F1 = 0.
    // po = 4/6; pe = (1/6)(1/6) + (5/6)(5/6) = 26/36; κ = (24/36 − 26/36) / (10/36) = −0.2.
    const result = compareDocuments(TEXT, only(span('x', 'quote', 0, 5)), only(span('y', 'quote', 16, 21)), LABELS);
    expect(figures(result, 'quote')).toBe('exact 0 0 0 | overlap 0 0 0 | kappa -0.2');
    expect(result.disagreements.map((each) => `${each.kind} ${each.a?.text ?? '-'} / ${each.b?.text ?? '-'}`)).toEqual(['only_a Biden / -', 'only_b - / Putin']);
  });

  test('a span shifted by one character matches by overlap, not exactly', () => {
    // A "Biden will meet Putin" 0-21, B "iden will meet Putin" 1-21. Exact: 0 of 1 each. Overlap: 1 of 1.
    // Token "Biden" 0-5 still overlaps B's span, so both are [q q q q n n]: κ = 1.
    const result = compareDocuments(TEXT, only(QUOTE), only(span('s', 'quote', 1, 21)), LABELS);
    expect(figures(result, 'quote')).toBe('exact 0 0 0 | overlap 1 1 1 | kappa 1');
    expect(result.disagreements.map((each) => `${each.kind} ${each.a!.text} / ${each.b!.text}`)).toEqual(['boundary Biden will meet Putin / iden will meet Putin']);
  });

  test('a span nested in the other side’s span', () => {
    // A "Biden will meet Putin" [q q q q n n], B "meet Putin" 11-21 [n n q q n n].
    // Exact 0 of 1; overlap 1 of 1. po = 4/6; pA(q) = 4/6, pB(q) = 2/6;
    // pe = (4/6)(2/6) + (2/6)(4/6) = 16/36; κ = (24/36 − 16/36) / (20/36) = 0.4.
    const result = compareDocuments(TEXT, only(QUOTE), only(span('n', 'quote', 11, 21)), LABELS);
    expect(figures(result, 'quote')).toBe('exact 0 0 0 | overlap 1 1 1 | kappa 0.4');
  });

  test('nested spans of two labels: overlapping labels become categories of their own', () => {
    // A: claim 0-34 with quote 0-21 inside; B: the claim only.
    // Overall categories: A [claim+quote ×4, claim ×2], B [claim ×6]. po = 2/6;
    // pe = pA(claim+quote)·pB(claim+quote) + pA(claim)·pB(claim) = (4/6)(0) + (2/6)(1) = 2/6; κ = 0.
    const claim = span('c', 'claim', 0, 34);
    const result = compareDocuments(TEXT, only(claim, QUOTE), only({ ...claim, id: 'c2' }), LABELS);
    expect(kappa(result.kappa)).toBe(0);
    // Claim: exact 1 of 1; every token "claim" on both sides: pe = 1, κ not defined.
    expect(figures(result, 'claim')).toBe('exact 1 1 1 | overlap 1 1 1 | kappa -');
    // Quote: A has one, B none: P = 0/1, R not defined, F1 = 0. Tokens A [q q q q n n], B all n:
    // po = 2/6, pe = (2/6)(6/6) = 2/6, κ = 0.
    expect(figures(result, 'quote')).toBe('exact 0 - 0 | overlap 0 - 0 | kappa 0');
  });

  test('one side empty', () => {
    // A: quote, attribution, one link; B: nothing. Each label: P = 0/1, R not defined, F1 = 0.
    // Quote tokens: A [q q q q n n], B all n: po = 2/6, pe = (2/6)(1) = 2/6, κ = 0.
    const result = compareDocuments(TEXT, LINKED, EMPTY, LABELS);
    expect(figures(result, 'quote')).toBe('exact 0 - 0 | overlap 0 - 0 | kappa 0');
    expect(result.relations).toMatchObject({ a: 1, b: 0, matched: 0, precision: 0, recall: null, f1: 0 });
    expect(result.disagreements.map((each) => each.kind)).toEqual(['only_a', 'only_a', 'relation_only_a']);
    // The other way round, B is the reference: P not defined, R = 0/1.
    expect(figures(compareDocuments(TEXT, EMPTY, LINKED, LABELS), 'quote')).toBe('exact - 0 0 | overlap - 0 0 | kappa 0');
    // Both empty: nothing is defined.
    expect(figures(compareDocuments(TEXT, EMPTY, EMPTY, LABELS), 'quote')).toBe('exact - - - | overlap - - - | kappa -');
  });

  test('the same range with another label, and the same span with another speaker, are listed with both versions', () => {
    const result = compareDocuments(TEXT, LINKED, { spans: [{ ...QUOTE, label: 'claim' }, { ...ATTRIBUTION, speaker: 'Psaki' }], relations: [] }, LABELS);
    expect(result.disagreements.map((each) => `${each.kind} ${each.a?.label ?? '-'}:${each.a?.speaker ?? ''} / ${each.b?.label ?? '-'}:${each.b?.speaker ?? ''}`)).toEqual([
      'label quote: / claim:',
      'speaker attribution:Jen Psaki / attribution:Psaki',
      'relation_only_a -: / -:',
    ]);
  });
});
