/**
 * Section "suggestions": the pre-annotation rules (shared/suggestions/) against the hand-labelled
 * gold of the five sample articles (shared/testing/fixtures/sampleGold.json). Per label,
 * precision and recall, exact (same start, end and label) and overlap (one to one, sharing a
 * character); then the links and the time the rules take over the corpus. Quality figures have no
 * target: they are printed so a change to the rules can be judged.
 */
import { evaluateSuggestions } from '../shared/suggestions/evaluateSuggestions';
import { suggest } from '../shared/suggestions/suggest';
import type { MatchScores } from '../shared/agreement/spanMatching';
import { loadSampleGold } from '../shared/testing/sampleGold';
import { formatMs, type Report } from './report';

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function figure(scores: MatchScores): string {
  return `P ${percent(scores.precision)} R ${percent(scores.recall)} F1 ${percent(scores.f1)} (${scores.matched} of ${scores.a} suggested / ${scores.b} by hand)`;
}

export function benchSuggestions(report: Report, { repeats }: { repeats: number }): void {
  const gold = loadSampleGold();
  const quality = evaluateSuggestions(gold);
  for (const [label, scores] of Object.entries(quality.labels)) {
    report.add({ section: 'suggestions', figure: `${label}, exact`, ours: figure(scores.exact) });
    report.add({ section: 'suggestions', figure: `${label}, overlap`, ours: figure(scores.overlap) });
  }
  report.add({ section: 'suggestions', figure: 'links (both ends overlap)', ours: figure(quality.links) });
  for (const [rule, counts] of Object.entries(quality.rules)) {
    report.add({ section: 'suggestions', figure: `rule ${rule}`, ours: `${counts.suggested} suggested, ${counts.overlapping} overlap a hand-made span (${percent(counts.overlapping / counts.suggested)})` });
  }
  const characters = gold.reduce((sum, document) => sum + document.text.length, 0);
  const started = performance.now();
  for (let run = 0; run < repeats; run++) for (const document of gold) suggest(document.text);
  const perCorpus = (performance.now() - started) / repeats;
  report.add({ section: 'suggestions', figure: `time over the corpus (${characters.toLocaleString('en')} characters)`, ours: formatMs(perCorpus) });
}
