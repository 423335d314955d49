import type { Span } from './model';

/** How far from a match an attribution may be to be proposed for linking, in UTF-16 units. */
export const NEARBY_ATTRIBUTION = 300;

export interface CarryOver {
  /** The span to create in the target article (createSpan with a new id, then setSpanSpeaker when `speaker` is set). */
  span: { start: number; end: number; label: string; speaker?: string };
  /** The attribution span to link the new span to (as link mode does), or null when none is near. */
  attributionId: string | null;
}

/**
 * What carrying a label over from the story view does in the target article: the matched range
 * gets the source span's label and speaker, and is linked to the nearest attribution span within
 * NEARBY_ATTRIBUTION units of it — one naming the same speaker first, then the closest. Offsets
 * are UTF-16 indices into the target's text. The renderer sends the resulting operations as a
 * normal change (one undo step).
 */
export function proposeCarryOver(
  match: { start: number; end: number },
  source: Pick<Span, 'label' | 'speaker'>,
  target: { spans: readonly Span[] },
  attributionLabel = 'attribution',
): CarryOver {
  const distance = (span: Span) => Math.max(0, span.start - match.end, match.start - span.end);
  const nearby = target.spans.filter((span) => span.label === attributionLabel && distance(span) <= NEARBY_ATTRIBUTION);
  nearby.sort((a, b) => Number(b.speaker !== undefined && b.speaker === source.speaker) - Number(a.speaker !== undefined && a.speaker === source.speaker) || distance(a) - distance(b) || a.start - b.start);
  return {
    span: { start: match.start, end: match.end, label: source.label, ...(source.speaker !== undefined ? { speaker: source.speaker } : {}) },
    attributionId: nearby[0]?.id ?? null,
  };
}
