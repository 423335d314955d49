import type { TextRange } from './spans';
import { termsOf } from './storyText';

/**
 * Passages an article prints in quotation marks, found without labels, for the drift report.
 * Offsets are UTF-16 indices into the text; a passage's range is inside its marks.
 */

/** Opening mark → the closing marks that end it. Straight double quotes pair with themselves. */
const PAIRS: Record<string, string> = { '“': '”"', '"': '"”', '«': '»', '„': '“”', '「': '」', '『': '』', '»': '«' };
/** A quote shorter than this many words is a phrase, not a quote. */
export const MIN_QUOTE_TERMS = 4;
/** How far a quote may run, in UTF-16 units (quotes left open end at the paragraph anyway). */
const MAX_QUOTE_LENGTH = 3_000;

export interface QuotePassage extends TextRange {
  /** Who the sentence says said it ("…,” Psaki said), or null. English wording only. */
  speaker: string | null;
}

const NAME = "\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3}";
const VERB = '(?:said|says|added|adds|told|wrote|writes|stated|declared|insisted)';
const SPEAKER_AFTER = new RegExp(`^[\\s,.]*(?:(${NAME})\\s+${VERB}|${VERB}\\s+(${NAME}))`, 'u');

function speakerAfter(text: string, offset: number): string | null {
  const match = SPEAKER_AFTER.exec(text.slice(offset, offset + 120));
  return (match?.[1] ?? match?.[2])?.trim() ?? null;
}

/** The quoted passages of `text`, in order, each of at least MIN_QUOTE_TERMS words. */
export function quotePassagesOf(text: string): QuotePassage[] {
  const passages: QuotePassage[] = [];
  for (let offset = 0; offset < text.length; offset++) {
    const closers = PAIRS[text[offset]!];
    if (!closers) continue;
    let end = offset + 1;
    // A quote that goes on into the next paragraph reopens it with a new mark; such quotes are
    // followed across one paragraph break.
    let breaks = 0;
    while (end < text.length && end - offset < MAX_QUOTE_LENGTH && !closers.includes(text[end]!)) {
      if (text[end] === '\n' && ++breaks > 1) break;
      end++;
    }
    if (end >= text.length || !closers.includes(text[end]!)) continue;
    const start = offset + 1;
    if (termsOf(text.slice(start, end)).length >= MIN_QUOTE_TERMS) passages.push({ start, end, speaker: speakerAfter(text, end + 1) });
    offset = end;
  }
  return passages;
}
