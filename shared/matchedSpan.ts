import type { Span } from './model';
import type { MatchedSpan } from './storyContract';

/**
 * The span of an article overlapping `[start, end)` most (UTF-16 offsets), preferring one with a
 * speaker: the label a story match has there. Null when no span overlaps it.
 */
export function overlappingSpan(spans: readonly Span[], start: number, end: number): MatchedSpan | null {
  let best: Span | null = null;
  let bestScore = 0;
  for (const span of spans) {
    const overlap = Math.min(span.end, end) - Math.max(span.start, start);
    if (overlap <= 0) continue;
    const score = overlap + (span.speaker ? 0.5 : 0);
    if (score > bestScore) {
      best = span;
      bestScore = score;
    }
  }
  return best ? { id: best.id, label: best.label, start: best.start, end: best.end, ...(best.speaker ? { speaker: best.speaker } : {}) } : null;
}
