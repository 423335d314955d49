/**
 * Span-level agreement between two annotators over one text, per label. Offsets are UTF-16
 * indices into the same text, end exclusive.
 *
 * - Exact: a span of A matches a span of B with the same label, start and end.
 * - Overlap: a span of A matches a span of B with the same label sharing at least one character.
 *   Matching is one to one: pairs are taken in order of most shared characters first (then
 *   reading order), so a long span overlapping two short ones matches one of them only.
 *
 * Precision is matched A spans / A spans (B is the reference), recall matched B spans / B spans,
 * F1 their harmonic mean. With no spans on one side the figure that divides by it is null
 * ("not defined"); F1 is 0 when exactly one side has spans and null when neither has.
 */

export interface ComparedSpan {
  start: number;
  end: number;
  label: string;
}

export interface MatchScores {
  /** Spans of A and of B, and pairs matched. */
  a: number;
  b: number;
  matched: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function scores(a: number, b: number, matched: number): MatchScores {
  const precision = a === 0 ? null : matched / a;
  const recall = b === 0 ? null : matched / b;
  let f1: number | null;
  if (a === 0 && b === 0) f1 = null;
  else if (a === 0 || b === 0 || matched === 0) f1 = 0;
  else f1 = (2 * precision! * recall!) / (precision! + recall!);
  return { a, b, matched, precision, recall, f1 };
}

/** Adds counts (for totals over documents); the ratios are worked out again from the sums. */
export function addScores(total: MatchScores, more: MatchScores): MatchScores {
  return scores(total.a + more.a, total.b + more.b, total.matched + more.matched);
}

/** Pairs [index in a, index in b] of exactly equal spans, one to one, in reading order. */
export function exactPairs(a: readonly ComparedSpan[], b: readonly ComparedSpan[]): [number, number][] {
  const waiting = new Map<string, number[]>();
  b.forEach((span, index) => {
    const key = `${span.label}\u0000${span.start}\u0000${span.end}`;
    const list = waiting.get(key);
    if (list) list.push(index);
    else waiting.set(key, [index]);
  });
  const pairs: [number, number][] = [];
  a.forEach((span, index) => {
    const list = waiting.get(`${span.label}\u0000${span.start}\u0000${span.end}`);
    const other = list?.shift();
    if (other !== undefined) pairs.push([index, other]);
  });
  return pairs;
}

function shared(a: ComparedSpan, b: ComparedSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Pairs [index in a, index in b] of overlapping spans, one to one: most shared characters
 * first. `sameLabel` false pairs spans of any labels (used to pair disagreements).
 */
export function overlapPairs(a: readonly ComparedSpan[], b: readonly ComparedSpan[], sameLabel = true): [number, number][] {
  const candidates: { i: number; j: number; shared: number }[] = [];
  a.forEach((left, i) =>
    b.forEach((right, j) => {
      const amount = shared(left, right);
      if (amount > 0 && (!sameLabel || left.label === right.label)) candidates.push({ i, j, shared: amount });
    }),
  );
  candidates.sort((x, y) => y.shared - x.shared || a[x.i]!.start - a[y.i]!.start || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Exact and overlap scores of A against B for each label in `labels`. */
export function spanScores(a: readonly ComparedSpan[], b: readonly ComparedSpan[], labels: readonly string[]): Record<string, { exact: MatchScores; overlap: MatchScores }> {
  const result: Record<string, { exact: MatchScores; overlap: MatchScores }> = {};
  for (const label of labels) {
    const left = a.filter((span) => span.label === label);
    const right = b.filter((span) => span.label === label);
    result[label] = {
      exact: scores(left.length, right.length, exactPairs(left, right).length),
      overlap: scores(left.length, right.length, overlapPairs(left, right).length),
    };
  }
  return result;
}
