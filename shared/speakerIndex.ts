import type { Span } from './model';
import type { SpeakerEntry, SpeakerQuote } from './storyContract';
import { MIN_SIMILARITY, matchPassage } from './storyMatch';
import { tokensOf } from './storyText';

/** What the speaker index reads of an article. */
export interface SpeakerSource {
  id: string;
  title: string;
  text: string;
  spans: readonly Span[];
}

/**
 * How alike two quotes are as wholes, 0–1: the lesser of matching each inside the other
 * (storyMatch.ts finds a passage inside a longer text, so one direction alone would put a short
 * quote with any long one containing a few of its words); 0 when either finds no match.
 */
function sameQuoteSimilarity(a: string, aTokens: ReturnType<typeof tokensOf>, b: string, bTokens: ReturnType<typeof tokensOf>): number {
  const forward = matchPassage(a, aTokens, b, bTokens);
  if (!forward || forward.similarity < MIN_SIMILARITY) return 0;
  const backward = matchPassage(b, bTokens, a, aTokens);
  return backward ? Math.min(forward.similarity, backward.similarity) : 0;
}

/**
 * Every speaker named on a span, with their spans grouped where the texts tell the same quote:
 * each joins the group whose first span it is most alike as a whole (similarity both ways at
 * least MIN_SIMILARITY, see storyMatch.ts), else starts one. Speakers are compared exactly as
 * written (merging spellings is renameSpeaker's job); sorted by span count, then by name.
 */
export function speakerIndexOf(documents: readonly SpeakerSource[]): SpeakerEntry[] {
  const bySpeaker = new Map<string, { quote: SpeakerQuote; text: string }[]>();
  for (const document of documents) {
    for (const span of document.spans) {
      if (span.speaker === undefined) continue;
      const quote: SpeakerQuote = {
        documentId: document.id,
        title: document.title,
        spanId: span.id,
        label: span.label,
        start: span.start,
        end: span.end,
        text: document.text.slice(span.start, span.end),
        ...(span.speakerOriginal !== undefined ? { speakerOriginal: span.speakerOriginal } : {}),
      };
      const list = bySpeaker.get(span.speaker) ?? [];
      list.push({ quote, text: quote.text });
      bySpeaker.set(span.speaker, list);
    }
  }
  const entries: SpeakerEntry[] = [];
  for (const [speaker, quotes] of bySpeaker) {
    const groups: { head: string; headTokens: ReturnType<typeof tokensOf>; members: SpeakerQuote[] }[] = [];
    for (const { quote, text } of quotes) {
      const tokens = tokensOf(text);
      let best: (typeof groups)[number] | null = null;
      let bestSimilarity = 0;
      for (const group of groups) {
        const similarity = sameQuoteSimilarity(group.head, group.headTokens, text, tokens);
        if (similarity >= MIN_SIMILARITY && similarity > bestSimilarity) [best, bestSimilarity] = [group, similarity];
      }
      if (best) best.members.push(quote);
      else groups.push({ head: text, headTokens: tokens, members: [quote] });
    }
    entries.push({
      speaker,
      count: quotes.length,
      documents: new Set(quotes.map(({ quote }) => quote.documentId)).size,
      groups: groups.map((group) => group.members).sort((a, b) => b.length - a.length),
    });
  }
  return entries.sort((a, b) => b.count - a.count || (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : 0));
}
