/**
 * Which suggestions are still open over an article as it is now: the host's answer
 * (getSuggestions) was worked out from the spans at the time, and the user labels on. Pure; offsets
 * are UTF-16 indices into the article's text, end exclusive.
 */
import type { Span } from '../model';
import type { SuggestedSpan, Suggestions } from './suggest';

type RealSpan = Pick<Span, 'start' | 'end' | 'label'>;

/** Per label: real spans by start, with the furthest end reached so far at each index. */
function coverIndex(spans: readonly RealSpan[]): Map<string, { starts: number[]; reach: number[] }> {
  const byLabel = new Map<string, RealSpan[]>();
  for (const span of spans) {
    const list = byLabel.get(span.label);
    if (list) list.push(span);
    else byLabel.set(span.label, [span]);
  }
  const index = new Map<string, { starts: number[]; reach: number[] }>();
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a.start - b.start);
    let furthest = -1;
    index.set(label, { starts: list.map((span) => span.start), reach: list.map((span) => (furthest = Math.max(furthest, span.end))) });
  }
  return index;
}

/** Whether a real span of the suggestion's label shares a character with it. */
function isCovered(index: ReturnType<typeof coverIndex>, suggestion: SuggestedSpan): boolean {
  const entry = index.get(suggestion.label);
  if (!entry) return false;
  // The last real span starting before the suggestion ends; any earlier one reaches no further than `reach` says.
  let low = 0;
  let high = entry.starts.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (entry.starts[middle]! < suggestion.end) {
      last = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return last >= 0 && entry.reach[last]! > suggestion.start;
}

/**
 * The suggestions of `suggestions` that no real span of their label now overlaps (a real span
 * always wins), and the suggested links that still have a suggested end (a link whose both ends
 * are real spans now is the user's to make). Returns `suggestions` itself when nothing is covered.
 */
export function openSuggestions(suggestions: Suggestions, spans: readonly RealSpan[]): Suggestions {
  const index = coverIndex(spans);
  const open = suggestions.spans.filter((span) => !isCovered(index, span));
  if (open.length === suggestions.spans.length) return suggestions;
  const openKeys = new Set(open.map((span) => span.key));
  return { spans: open, links: suggestions.links.filter((link) => openKeys.has(link.headKey) || openKeys.has(link.childKey)) };
}
