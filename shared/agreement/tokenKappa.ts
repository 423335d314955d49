/**
 * Cohen's kappa at the token level.
 *
 * Tokens are the word-like segments of `Intl.Segmenter(locale, { granularity: 'word' })` — the
 * same word boundaries the editor uses — so punctuation and white space are not tokens, and
 * Chinese is split into words. A token is inside a span when they share at least one character.
 *
 * Each annotator gives every token one category. For a label's own kappa the categories are
 * "label" and "not label" (so overlapping spans of other labels do not matter). For the overall
 * kappa a token's category is the sorted set of labels covering it, joined with "+" ("claim+quote"
 * for a quote inside a claim), or "none": overlapping labels become categories of their own
 * rather than one of them being dropped.
 *
 * kappa = (po − pe) / (1 − pe), po the share of tokens given the same category, pe the chance
 * agreement Σ_c pA(c)·pB(c). When pe is 1 (both annotators put every token in one and the same
 * category) kappa is not defined and is null; so is it for a text with no tokens.
 */
import type { ComparedSpan } from './spanMatching';

export interface TokenRange {
  start: number;
  end: number;
}

/** The word-like tokens of a text, as UTF-16 ranges. */
export function wordTokens(text: string, locale = 'und'): TokenRange[] {
  const tokens: TokenRange[] = [];
  for (const segment of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (segment.isWordLike) tokens.push({ start: segment.index, end: segment.index + segment.segment.length });
  }
  return tokens;
}

/** Each token's category under one annotator's spans: the labels covering it joined with "+", or "none". */
export function tokenCategories(tokens: readonly TokenRange[], spans: readonly ComparedSpan[], only?: string): string[] {
  return tokens.map((token) => {
    const labels = new Set<string>();
    for (const span of spans) if (span.start < token.end && token.start < span.end && (only === undefined || span.label === only)) labels.add(span.label);
    return labels.size === 0 ? 'none' : [...labels].sort().join('+');
  });
}

export interface KappaCounts {
  /** Tokens compared. */
  tokens: number;
  /** Tokens given the same category by both. */
  agreed: number;
  /** Per category: tokens A and B put in it. */
  categories: Record<string, { a: number; b: number }>;
}

export function kappaCounts(a: readonly string[], b: readonly string[]): KappaCounts {
  if (a.length !== b.length) throw new RangeError(`kappa needs the same tokens on both sides (${a.length} and ${b.length})`);
  const counts: KappaCounts = { tokens: a.length, agreed: 0, categories: {} };
  a.forEach((category, index) => {
    const other = b[index]!;
    if (category === other) counts.agreed++;
    (counts.categories[category] ??= { a: 0, b: 0 }).a++;
    (counts.categories[other] ??= { a: 0, b: 0 }).b++;
  });
  return counts;
}

/** Adds the counts of another text (kappa over a whole export pools its tokens). */
export function addKappaCounts(total: KappaCounts, more: KappaCounts): KappaCounts {
  const categories: KappaCounts['categories'] = structuredClone(total.categories);
  for (const [name, count] of Object.entries(more.categories)) {
    const entry = (categories[name] ??= { a: 0, b: 0 });
    entry.a += count.a;
    entry.b += count.b;
  }
  return { tokens: total.tokens + more.tokens, agreed: total.agreed + more.agreed, categories };
}

export function kappa(counts: KappaCounts): number | null {
  if (counts.tokens === 0) return null;
  const observed = counts.agreed / counts.tokens;
  let chance = 0;
  for (const { a, b } of Object.values(counts.categories)) chance += (a / counts.tokens) * (b / counts.tokens);
  if (Math.abs(1 - chance) < 1e-12) return null;
  return (observed - chance) / (1 - chance);
}
