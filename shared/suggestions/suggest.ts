/**
 * The suggestion runner: runs the rules (rules.ts) over an article, names speakers, links each
 * quote to its nearest attribution, and sets aside what the document's real spans already
 * cover and what the user rejected. Pure: no DOM, no store. Offsets are UTF-16 indices into
 * the text, end exclusive.
 */
import type { Span } from '../model';
import { accordingToCues, directQuotes, speechVerbCues, type RuleSpan, type SuggestionRuleId } from './rules';
import { speakerFromSource } from './speakerName';
import { PRONOUNS } from './speechCues';

export interface SuggestedSpan {
  /** Stable for the same text: `${label}:${start}-${end}`; what decisions are recorded under. */
  key: string;
  label: 'quote' | 'attribution';
  start: number;
  end: number;
  ruleId: SuggestionRuleId;
  /** Attributions: who speaks, normalised ("Jen Psaki"), where the rules can tell. */
  speaker?: string;
}

export interface SuggestedLink {
  /** `${headKey}>${childKey}`. */
  key: string;
  ruleId: 'link.nearest-attribution';
  /** The quote (head of `attributed_to`). */
  headKey: string;
  /** The attribution (child). */
  childKey: string;
  speaker?: string;
}

export interface Suggestions {
  spans: SuggestedSpan[];
  links: SuggestedLink[];
}

export interface SuggestOptions {
  /** The document's real spans: a suggestion overlapping a real span of its label is not shown. */
  existing?: readonly Pick<Span, 'start' | 'end' | 'label'>[];
  /** Keys the user rejected in this document (spans and links). */
  rejected?: ReadonlySet<string>;
}

/** Most characters between a quote and the attribution it is linked to. */
const MAX_LINK_GAP = 250;

/** The key of a suggested span, or of the suggestion a real span (any label) would have been. */
export function suggestionKey(span: { label: string; start: number; end: number }): string {
  return `${span.label}:${span.start}-${span.end}`;
}

function gap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, b.start - a.end, a.start - b.end);
}

function sameParagraph(text: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return !text.slice(Math.min(a.end, b.end), Math.max(a.start, b.start)).includes('\n');
}

/** Speakers for attributions in reading order; a pronoun takes the speaker named before it. */
function nameSpeakers(found: readonly RuleSpan[]): (string | undefined)[] {
  const order = found.map((_, index) => index).sort((a, b) => found[a]!.start - found[b]!.start);
  const speakers: (string | undefined)[] = new Array(found.length);
  let last: string | undefined;
  for (const index of order) {
    const span = found[index]!;
    if (span.label !== 'attribution' || span.source === undefined) continue;
    const pronoun = PRONOUNS.has(span.source.toLowerCase());
    const named = pronoun ? last : (speakerFromSource(span.source) ?? undefined);
    speakers[index] = named;
    if (!pronoun && named) last = named;
  }
  return speakers;
}

/**
 * The suggestions for one article: spans in reading order (each range and label once) and
 * links from quotes to attributions. A reported quote is linked to the attribution that reports
 * it; a direct quote to the nearest attribution in its paragraph (the one right after it wins
 * a tie).
 */
export function suggest(text: string, options: SuggestOptions = {}): Suggestions {
  const found: RuleSpan[] = [];
  for (const rule of [directQuotes, speechVerbCues, accordingToCues]) {
    const offset = found.length;
    for (const span of rule(text)) found.push(span.attributedTo === undefined ? span : { ...span, attributedTo: span.attributedTo + offset });
  }
  const speakers = nameSpeakers(found);
  const existing = options.existing ?? [];
  const rejected = options.rejected ?? new Set<string>();
  const covered = (span: RuleSpan) => existing.some((real) => real.label === span.label && real.start < span.end && span.start < real.end);

  const byKey = new Map<string, SuggestedSpan>();
  const keyOf: (string | null)[] = found.map((span, index) => {
    const key = suggestionKey(span);
    if (rejected.has(key) || covered(span)) return null;
    if (!byKey.has(key)) {
      const speaker = speakers[index];
      byKey.set(key, { key, label: span.label, start: span.start, end: span.end, ruleId: span.ruleId, ...(speaker ? { speaker } : {}) });
    }
    return key;
  });
  const spans = [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));

  const links = new Map<string, SuggestedLink>();
  const attributions = spans.filter((span) => span.label === 'attribution');
  const addLink = (headKey: string, child: SuggestedSpan) => {
    const key = `${headKey}>${child.key}`;
    if (rejected.has(key) || links.has(key)) return;
    links.set(key, { key, ruleId: 'link.nearest-attribution', headKey, childKey: child.key, ...(child.speaker ? { speaker: child.speaker } : {}) });
  };
  found.forEach((span, index) => {
    const headKey = keyOf[index];
    if (span.label !== 'quote' || !headKey) return;
    if (span.attributedTo !== undefined) {
      const childKey = keyOf[span.attributedTo];
      const child = childKey ? byKey.get(childKey) : undefined;
      if (child) addLink(headKey, child);
      return;
    }
    let best: SuggestedSpan | null = null;
    for (const candidate of attributions) {
      if (gap(span, candidate) > MAX_LINK_GAP || !sameParagraph(text, span, candidate)) continue;
      if (candidate.start < span.end && span.start < candidate.end) continue;
      if (!best || gap(span, candidate) < gap(span, best) || (gap(span, candidate) === gap(span, best) && candidate.start > span.start)) best = candidate;
    }
    if (best) addLink(headKey, best);
  });
  return { spans, links: [...links.values()] };
}
