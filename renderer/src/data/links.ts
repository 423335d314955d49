import { DEFAULT_RELATION_TYPE, type NewsDocument, type Relation, type Span } from '../../../shared/model';
import { newId } from './newSpanId';

/** The label that names who said something: the child end of an attributed_to link. */
export const ATTRIBUTION_LABEL = 'attribution';

/**
 * The spans a span can be linked to, nearest first: from a quote or claim, the attributions;
 * from an attribution, the other spans. When the article has none of those, every other span.
 */
export function linkCandidates(document: NewsDocument, sourceId: string): Span[] {
  const source = document.spans.find((span) => span.id === sourceId);
  if (!source) return [];
  const others = document.spans.filter((span) => span.id !== sourceId);
  const fromAttribution = source.label === ATTRIBUTION_LABEL;
  const preferred = others.filter((span) => (span.label === ATTRIBUTION_LABEL) !== fromAttribution);
  const candidates = preferred.length > 0 ? preferred : others;
  return candidates.sort((a, b) => Math.abs(a.start - source.start) - Math.abs(b.start - source.start) || a.start - b.start);
}

/**
 * The link of relation type `type` (attributed_to unless given) between two spans, pointing from
 * the quote or claim (head) to the attribution (child) whichever was picked first. Null for a
 * span and itself.
 */
export function linkBetween(document: NewsDocument, sourceId: string, targetId: string, type: string = DEFAULT_RELATION_TYPE): Relation | null {
  if (sourceId === targetId) return null;
  const source = document.spans.find((span) => span.id === sourceId);
  const sourceIsChild = source?.label === ATTRIBUTION_LABEL && document.spans.find((span) => span.id === targetId)?.label !== ATTRIBUTION_LABEL;
  const [headId, childId] = sourceIsChild ? [targetId, sourceId] : [sourceId, targetId];
  return { id: newId('r'), label: type, headId, childId };
}
