import type { Disagreement, DisagreementKind, SpanVersion } from '../../../../shared/agreement/compareDocuments';

/** What each kind of disagreement is called in the agreement and review views. */
export const KIND_NAMES: Record<DisagreementKind, string> = {
  label: 'Label differs',
  boundary: 'Boundaries differ',
  only_a: 'Only yours',
  only_b: 'Only theirs',
  speaker: 'Speaker differs',
  relation_only_a: 'Link only yours',
  relation_only_b: 'Link only theirs',
};

/** A span in words: its label, its text in quotes, its speaker. */
export function spanText(version: SpanVersion): string {
  return `${version.label} “${version.text}”${version.speaker ? ` (speaker ${version.speaker})` : ''}`;
}

/** One side of a disagreement in words, or a dash where that side has nothing. */
export function sideText(disagreement: Disagreement, side: 'a' | 'b'): string {
  if (disagreement.relation) {
    const mine = disagreement.kind === 'relation_only_a';
    if ((side === 'a') !== mine) return '—';
    const { head, child, label } = disagreement.relation;
    return `${spanText(head)} ${label === 'attributed_to' ? '→' : `—${label}→`} ${spanText(child)}`;
  }
  const version = disagreement[side];
  return version ? spanText(version) : '—';
}

/** Where a disagreement is in its article (UTF-16), to open the article at it. */
export function disagreementRange(disagreement: Disagreement): { start: number; end: number } {
  const spans = disagreement.relation ? [disagreement.relation.head, disagreement.relation.child] : [disagreement.a, disagreement.b].filter((each): each is SpanVersion => each !== null);
  return { start: Math.min(...spans.map((span) => span.start)), end: Math.max(...spans.map((span) => span.end)) };
}
