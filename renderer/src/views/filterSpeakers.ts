import type { SpeakerEntry } from '../../../shared/storyContract';

/** Text folded for matching as a person types: case, accents and compatibility forms ignored. */
export function foldForFilter(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The speakers whose name, or a spelling one of their spans was first written with, holds every
 * word of `query` (in any order; case and accents ignored). An empty query keeps them all. The
 * order is kept.
 */
export function filterSpeakers(entries: readonly SpeakerEntry[], query: string): readonly SpeakerEntry[] {
  const words = foldForFilter(query).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const names = [entry.speaker, ...entry.groups.flat().flatMap((quote) => (quote.speakerOriginal !== undefined ? [quote.speakerOriginal] : []))];
    const haystack = foldForFilter(names.join('\n'));
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * The name a merge of `names` proposes: the one naming the most spans (the index's order), so
 * the common spelling wins; the user can type another.
 */
export function proposedName(entries: readonly SpeakerEntry[], names: ReadonlySet<string>): string {
  return entries.find((entry) => names.has(entry.speaker))?.speaker ?? '';
}
