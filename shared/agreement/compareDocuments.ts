/**
 * Agreement between two annotators' versions of one article: span scores per label (exact and
 * overlap, spanMatching.ts), token kappa (tokenKappa.ts), relation scores, and the list of
 * disagreements with both versions. Offsets are UTF-16 indices into the shared text.
 */
import { exactPairs, overlapPairs, scores, spanScores, type MatchScores } from './spanMatching';
import { kappaCounts, tokenCategories, wordTokens, type KappaCounts } from './tokenKappa';

export interface AnnotatedSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  speaker?: string;
  note?: string;
  annotator?: string;
}

export interface AnnotatedRelation {
  id: string;
  label: string;
  headId: string;
  childId: string;
}

export interface AnnotatedVersion {
  spans: readonly AnnotatedSpan[];
  relations: readonly AnnotatedRelation[];
}

/** A span as a disagreement shows it: its place, label and words. */
export interface SpanVersion extends AnnotatedSpan {
  text: string;
}

/** A relation as a disagreement shows it: its ends' versions. */
export interface RelationVersion {
  id: string;
  label: string;
  head: SpanVersion;
  child: SpanVersion;
}

/**
 * How two versions differ at one place:
 * - label: the same range, another label;
 * - boundary: the same label, overlapping ranges that differ;
 * - only_a / only_b: a span one side has and the other has nothing like;
 * - speaker: the same span, a different speaker;
 * - relation_only_a / relation_only_b: a link one side has.
 */
export type DisagreementKind = 'label' | 'boundary' | 'only_a' | 'only_b' | 'speaker' | 'relation_only_a' | 'relation_only_b';

export interface Disagreement {
  /** Stable within one comparison: `${kind}:${a span id or -}:${b span id or -}`. */
  key: string;
  kind: DisagreementKind;
  a: SpanVersion | null;
  b: SpanVersion | null;
  /** For relation kinds: the link, ends included. */
  relation?: RelationVersion;
}

export interface DocumentAgreement {
  labels: Record<string, { exact: MatchScores; overlap: MatchScores; kappa: KappaCounts }>;
  /** Every label together: the overall kappa's categories are label sets (see tokenKappa.ts). */
  kappa: KappaCounts;
  relations: MatchScores;
  disagreements: Disagreement[];
}

function version(text: string, span: AnnotatedSpan): SpanVersion {
  return { ...span, text: text.slice(span.start, span.end) };
}

function relationKey(relation: AnnotatedRelation, spans: ReadonlyMap<string, AnnotatedSpan>): string | null {
  const head = spans.get(relation.headId);
  const child = spans.get(relation.childId);
  if (!head || !child) return null;
  return [relation.label, head.label, head.start, head.end, child.label, child.start, child.end].join('\u0000');
}

/** Pairs the spans left over after exact matching into disagreements (label, boundary, only one side). */
function spanDisagreements(text: string, a: readonly AnnotatedSpan[], b: readonly AnnotatedSpan[]): Disagreement[] {
  const found: Disagreement[] = [];
  const restA = new Set(a.map((_, index) => index));
  const restB = new Set(b.map((_, index) => index));
  const add = (kind: DisagreementKind, left: AnnotatedSpan | null, right: AnnotatedSpan | null) =>
    found.push({ key: `${kind}:${left?.id ?? '-'}:${right?.id ?? '-'}`, kind, a: left ? version(text, left) : null, b: right ? version(text, right) : null });
  for (const [i, j] of exactPairs(a, b)) {
    restA.delete(i);
    restB.delete(j);
    if ((a[i]!.speaker ?? '') !== (b[j]!.speaker ?? '')) add('speaker', a[i]!, b[j]!);
  }
  // Same range, other label; then same label, other range: most shared characters first.
  const left = () => [...restA].map((index) => ({ ...a[index]!, index }));
  const right = () => [...restB].map((index) => ({ ...b[index]!, index }));
  const sameRange = left().flatMap((x) => right().filter((y) => y.start === x.start && y.end === x.end).map((y) => [x, y] as const));
  for (const [x, y] of sameRange) {
    if (!restA.has(x.index) || !restB.has(y.index)) continue;
    restA.delete(x.index);
    restB.delete(y.index);
    add('label', a[x.index]!, b[y.index]!);
  }
  const l = left();
  const r = right();
  for (const [i, j] of overlapPairs(l, r)) {
    restA.delete(l[i]!.index);
    restB.delete(r[j]!.index);
    add('boundary', a[l[i]!.index]!, b[r[j]!.index]!);
  }
  for (const index of restA) add('only_a', a[index]!, null);
  for (const index of restB) add('only_b', null, b[index]!);
  return found.sort((x, y) => (x.a ?? x.b)!.start - (y.a ?? y.b)!.start || x.key.localeCompare(y.key));
}

/** Compares version A with version B (the reference for precision and recall) of one text. */
export function compareDocuments(text: string, a: AnnotatedVersion, b: AnnotatedVersion, labels: readonly string[], locale = 'und'): DocumentAgreement {
  const tokens = wordTokens(text, locale);
  const perLabel: DocumentAgreement['labels'] = {};
  const spanFigures = spanScores(a.spans, b.spans, labels);
  for (const label of labels) {
    perLabel[label] = { ...spanFigures[label]!, kappa: kappaCounts(tokenCategories(tokens, a.spans, label), tokenCategories(tokens, b.spans, label)) };
  }
  const kappa = kappaCounts(tokenCategories(tokens, a.spans), tokenCategories(tokens, b.spans));

  const spansA = new Map(a.spans.map((span) => [span.id, span]));
  const spansB = new Map(b.spans.map((span) => [span.id, span]));
  const keyed = (relations: readonly AnnotatedRelation[], spans: ReadonlyMap<string, AnnotatedSpan>) => {
    const map = new Map<string, AnnotatedRelation>();
    for (const relation of relations) {
      const key = relationKey(relation, spans);
      if (key !== null && !map.has(key)) map.set(key, relation);
    }
    return map;
  };
  const relationsA = keyed(a.relations, spansA);
  const relationsB = keyed(b.relations, spansB);
  const matched = [...relationsA.keys()].filter((key) => relationsB.has(key)).length;

  const disagreements = spanDisagreements(text, a.spans, b.spans);
  const relationVersion = (relation: AnnotatedRelation, spans: ReadonlyMap<string, AnnotatedSpan>): RelationVersion => ({
    id: relation.id,
    label: relation.label,
    head: version(text, spans.get(relation.headId)!),
    child: version(text, spans.get(relation.childId)!),
  });
  for (const [key, relation] of relationsA) {
    if (!relationsB.has(key)) disagreements.push({ key: `relation_only_a:${relation.id}:-`, kind: 'relation_only_a', a: null, b: null, relation: relationVersion(relation, spansA) });
  }
  for (const [key, relation] of relationsB) {
    if (!relationsA.has(key)) disagreements.push({ key: `relation_only_b:-:${relation.id}`, kind: 'relation_only_b', a: null, b: null, relation: relationVersion(relation, spansB) });
  }
  return { labels: perLabel, kappa, relations: scores(relationsA.size, relationsB.size, matched), disagreements };
}
