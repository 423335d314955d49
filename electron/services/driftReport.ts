import { quotePassagesOf } from '../../shared/quotePassages';
import type { DriftEntry, DriftReport, DriftSide } from '../../shared/storyContract';
import { tokensOf } from '../../shared/storyText';
import type { StoryIndex } from './storyIndex';
import { overlappingSpan } from './storyRequests';

/** Matches looked at per quote. */
const MATCHES_PER_QUOTE = 20;
/** Below this similarity a telling is a different statement, not a drifted quote. */
export const DRIFT_MIN_SIMILARITY = 0.6;

interface Quote {
  start: number;
  end: number;
  spanId: string | null;
  speaker: string | null;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Every quote told in two or more articles with different words: each labelled "quote" span (or
 * span with a speaker) and each passage in quotation marks is looked up in the other articles
 * (StoryIndex.findMatches), and every near copy or rewording is listed once per pair of places,
 * most changed first. Exact copies are left out: nothing drifted.
 */
export async function driftReportOf(index: StoryIndex): Promise<DriftReport> {
  const entries: DriftEntry[] = [];
  /** Pairs of tellings listed (article and words, both ways), so that each is listed once. */
  const pairs = new Set<string>();
  let quotesChecked = 0;
  // The articles as they are now: the lookups below wait for the index's full-text half.
  for (const document of [...index.all()]) {
    const labelled: Quote[] = document.spans
      .filter((span) => span.label === 'quote' || span.speaker !== undefined)
      .map((span) => ({ start: span.start, end: span.end, spanId: span.id, speaker: span.speaker ?? null }));
    const marked: Quote[] = quotePassagesOf(document.text)
      .filter((passage) => !labelled.some((quote) => overlaps(quote, passage)))
      .map((passage) => ({ ...passage, spanId: null }));
    for (const quote of [...labelled, ...marked]) {
      quotesChecked++;
      const source: DriftSide = { documentId: document.id, title: document.title, start: quote.start, end: quote.end, text: document.text.slice(quote.start, quote.end), spanId: quote.spanId };
      for (const match of await index.findMatches(document.text, tokensOf(document.text, quote.start, quote.end), document.id, MATCHES_PER_QUOTE)) {
        if (match.kind === 'exact' || match.similarity < DRIFT_MIN_SIMILARITY) continue;
        const other = index.get(match.documentId)!;
        const seen = entries.some(
          (entry) =>
            (entry.source.documentId === match.documentId && entry.target.documentId === document.id && overlaps(entry.source, match) && overlaps(entry.target, quote)) ||
            (entry.source.documentId === document.id && entry.target.documentId === match.documentId && overlaps(entry.target, match) && (overlaps(entry.source, quote) || entry.source.text === source.text)),
        );
        // The same words told again in the same two articles (a headline repeated in the body) are one entry.
        const targetText = other.text.slice(match.start, match.end);
        const told = [`${document.id}\u0000${source.text}`, `${other.id}\u0000${targetText}`];
        const pair = told.sort().join('\u0001');
        if (seen || pairs.has(pair)) continue;
        pairs.add(pair);
        const span = overlappingSpan(other.spans, match.start, match.end);
        entries.push({
          speaker: quote.speaker ?? span?.speaker ?? null,
          kind: match.kind,
          similarity: match.similarity,
          source,
          target: { documentId: other.id, title: other.title, start: match.start, end: match.end, text: targetText, spanId: span?.id ?? null },
          changes: match.changes,
        });
      }
    }
  }
  return { entries: entries.sort((a, b) => a.similarity - b.similarity), quotesChecked };
}
