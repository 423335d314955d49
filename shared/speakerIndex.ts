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
 * Every speaker named on a span, with their spans grouped where the texts tell the same quote
 * (similarity at least MIN_SIMILARITY to the group's first span, see storyMatch.ts). Speakers are
 * compared exactly as written (merging spellings is renameSpeaker's job); sorted by span count,
 * then by name.
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
    const groups: { head: string; members: SpeakerQuote[] }[] = [];
    for (const { quote, text } of quotes) {
      const tokens = tokensOf(text);
      const group = groups.find(({ head }) => {
        const match = matchPassage(head, tokensOf(head), text, tokens);
        return match !== null && match.similarity >= MIN_SIMILARITY;
      });
      if (group) group.members.push(quote);
      else groups.push({ head: text, members: [quote] });
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
