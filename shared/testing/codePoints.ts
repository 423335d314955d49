/**
 * Test helpers that say what Python would: the oracle against which our offset conversion
 * and exports are checked. Deliberately written the naive way.
 */

/** Python's `text[start:end]` on a str: a slice by code points, a lone surrogate counting as one. */
export function pythonSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** The UTF-16 offsets that do not split a character: 0, then the end of each code point. */
export function codePointBoundaries(text: string): number[] {
  const boundaries = [0];
  for (const character of text) boundaries.push(boundaries[boundaries.length - 1]! + character.length);
  return boundaries;
}
