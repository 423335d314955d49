import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sharedInOrder, sourceWordsOf, targetNumbersOf } from './storyMatch';
import type { Token } from './storyText';

/** Tokens of the given words (offsets do not matter here). */
const tokens = (words: readonly string[]): Token[] => words.map((folded, index) => ({ start: index, end: index + 1, folded }));

/** Words from a small vocabulary, so that sequences share many words in many orders. */
const sequence = (maxLength: number) => fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'war'), { maxLength });

describe('matchPassage skips a region only when its diff could not make a better match', () => {
  // matchPassage counts a region's words shared in order before diffing it, and leaves the diff out when that many could not
  // beat the best match so far: sound only if the count is exactly what jsdiff's alignment shares.
  test('sharedInOrder is the number of words jsdiff finds equal, for any source, target and region', () => {
    fc.assert(
      fc.property(sequence(12), sequence(30), fc.nat(), fc.nat(), (source, target, a, b) => {
        const words = sourceWordsOf(tokens(source));
        const numbers = targetNumbersOf(words, tokens(target));
        const from = target.length === 0 ? 0 : a % (target.length + 1);
        const to = from + (b % (target.length - from + 1));
        const equal = diffArrays(source, target.slice(from, to))
          .filter((part) => !part.added && !part.removed)
          .reduce((sum, part) => sum + (part.count ?? part.value.length), 0);
        expect(sharedInOrder(words, numbers, from, to)).toBe(equal);
      }),
      { numRuns: 500 },
    );
  });
});
