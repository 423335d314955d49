import type { Span } from '../../../shared/model';
import { openSuggestions } from '../../../shared/suggestions/openSuggestions';
import type { Suggestions } from '../../../shared/suggestions/suggest';

type RealSpan = Pick<Span, 'start' | 'end' | 'label'>;

/** What was worked out for one list of real spans. */
export interface OpenSuggestions {
  source: Suggestions;
  spans: readonly RealSpan[];
  value: Suggestions;
}

const sameRange = (a: RealSpan, b: RealSpan) => a.start === b.start && a.end === b.end && a.label === b.label;

/**
 * openSuggestions(source, spans), worked out from the answer for the spans before (`before`)
 * when the change between them only added real spans (a labelling) or restamped them (the host
 * confirming one): a labelling on an article of thousands of spans then looks at the one span
 * it made, not at every span. Any other change (a span removed, moved or relabelled) is worked
 * out afresh. The same value as openSuggestions gives, item for item.
 */
export function openSuggestionsAfter(before: OpenSuggestions | undefined, source: Suggestions, spans: readonly RealSpan[]): Suggestions {
  if (!before || before.source !== source) return openSuggestions(source, spans);
  const old = before.spans;
  const shorter = Math.min(old.length, spans.length);
  let head = 0;
  while (head < shorter && old[head] === spans[head]) head++;
  let tail = 0;
  while (tail < shorter - head && old[old.length - 1 - tail] === spans[spans.length - 1 - tail]) tail++;
  const removed = old.slice(head, old.length - tail);
  const added = spans.slice(head, spans.length - tail);
  // A removed span is only restamped when an added one has its range and label.
  if (removed.length > 8 || added.length > 8 || !removed.every((span) => added.some((each) => sameRange(each, span)))) return openSuggestions(source, spans);
  const covered = (suggestion: RealSpan) => added.some((span) => span.label === suggestion.label && span.start < suggestion.end && span.end > suggestion.start);
  // Most labellings cover no suggestion: then nothing is copied.
  if (!before.value.spans.some(covered)) return before.value;
  const open = before.value.spans.filter((suggestion) => !covered(suggestion));
  const openKeys = new Set(open.map((span) => span.key));
  return { spans: open, links: source.links.filter((link) => openKeys.has(link.headKey) || openKeys.has(link.childKey)) };
}
