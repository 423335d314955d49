import { randomInteger } from '../electron/store/testing/seededRandom';

/** One labelling's selection, the same on every side. */
export interface PlannedSelection {
  /** The text to select: 1–6 whole words within one paragraph, found once in the article. */
  phrase: string;
  /** Where its first line is brought on screen, as a fraction of the scroller's height (0.15–0.75). */
  at: number;
}

const WORD = /[A-Za-z]{2,}/g;

/**
 * `count` selections over `text`, seeded: each starts and ends on a word (as a person drags
 * over words), stays inside one paragraph, and is unique in the article, so that every side
 * can be driven to select exactly the same characters, wherever its layout puts them.
 */
export function planSelections(text: string, count: number, random: () => number): PlannedSelection[] {
  const words = [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const selections: PlannedSelection[] = [];
  for (let attempts = 0; selections.length < count; attempts++) {
    if (attempts > count * 1_000) throw new Error(`found only ${selections.length} of ${count} unique word runs in the article`);
    const first = randomInteger(random, 0, words.length - 1);
    const last = Math.min(words.length - 1, first + randomInteger(random, 0, 5));
    const phrase = text.slice(words[first]!.start, words[last]!.end);
    if (phrase.includes('\n') || text.indexOf(phrase) !== text.lastIndexOf(phrase)) continue;
    selections.push({ phrase, at: 0.15 + random() * 0.6 });
  }
  return selections;
}
