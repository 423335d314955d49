/**
 * How good the suggestions are against hand-labelled spans: precision and recall per label,
 * exact and overlap (the agreement module's one-to-one matching, suggestions as A and the hand
 * labels as the reference B), and for links: a suggested link is right when its quote and its
 * attribution each overlap the ends of one hand-made link. Offsets are UTF-16.
 */
import { addScores, scores, spanScores, type ComparedSpan, type MatchScores } from '../agreement/spanMatching';
import { suggest } from './suggest';

export interface GoldDocument {
  text: string;
  spans: readonly (ComparedSpan & { id: string })[];
  links: readonly { head: string; child: string }[];
}

export interface SuggestionQuality {
  labels: Record<string, { exact: MatchScores; overlap: MatchScores }>;
  links: MatchScores;
  /** Suggested spans per rule, and how many of them overlap a hand-made span of their label. */
  rules: Record<string, { suggested: number; overlapping: number }>;
}

const overlaps = (a: ComparedSpan, b: ComparedSpan) => a.start < b.end && b.start < a.end;

export function evaluateSuggestions(documents: readonly GoldDocument[], labels: readonly string[] = ['attribution', 'claim', 'quote']): SuggestionQuality {
  const empty = scores(0, 0, 0);
  const quality: SuggestionQuality = { labels: Object.fromEntries(labels.map((label) => [label, { exact: empty, overlap: empty }])), links: empty, rules: {} };
  for (const document of documents) {
    const suggestions = suggest(document.text);
    const figures = spanScores(suggestions.spans, document.spans, labels);
    for (const label of labels) {
      const total = quality.labels[label]!;
      quality.labels[label] = { exact: addScores(total.exact, figures[label]!.exact), overlap: addScores(total.overlap, figures[label]!.overlap) };
    }
    for (const span of suggestions.spans) {
      const rule = (quality.rules[span.ruleId] ??= { suggested: 0, overlapping: 0 });
      rule.suggested++;
      if (document.spans.some((gold) => gold.label === span.label && overlaps(gold, span))) rule.overlapping++;
    }
    const byId = new Map(document.spans.map((span) => [span.id, span]));
    const byKey = new Map(suggestions.spans.map((span) => [span.key, span]));
    const unmatchedGold = new Set(document.links.map((_, index) => index));
    let matched = 0;
    for (const link of suggestions.links) {
      const head = byKey.get(link.headKey)!;
      const child = byKey.get(link.childKey)!;
      const found = [...unmatchedGold].find((index) => {
        const gold = document.links[index]!;
        return overlaps(head, byId.get(gold.head)!) && overlaps(child, byId.get(gold.child)!);
      });
      if (found === undefined) continue;
      unmatchedGold.delete(found);
      matched++;
    }
    quality.links = addScores(quality.links, scores(suggestions.links.length, document.links.length, matched));
  }
  return quality;
}
