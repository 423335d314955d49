/**
 * Small scanners over plain text shared by the suggestion rules. Offsets are UTF-16 indices,
 * end exclusive.
 */

/** Characters that end a clause for the purpose of finding a speaker's source. */
const CLAUSE_PUNCTUATION = /[.;:!?\n\u201C\u201D"\u00AB\u00BB\u201E\u300C\u300D\u300E\u300F\u3002\uFF0C\uFF1A\uFF1B\uFF01\uFF1F\u2014\u2013]/u;
const CLOSING_MARKS = /[\u201D"\u00BB\u00AB\u2019\u201C\u300D\u300F]/u;

/** True when `text[index]` ends a clause. A ’ between letters is an apostrophe, not a mark. */
export function isClausePunctuation(text: string, index: number): boolean {
  const character = text[index]!;
  if (character === '\u2019') return !/[\p{L}\p{N}]/u.test(text[index + 1] ?? '');
  if (character === '.') {
    // "U.S." and initials do not end a clause.
    if (/^\p{Lu}$/u.test(text[index - 1] ?? '') && !/[\p{L}]/u.test(text[index - 2] ?? '')) return false;
  }
  return CLAUSE_PUNCTUATION.test(character);
}

/**
 * Where the sentence holding `from` ends: the offset of its final punctuation (excluded from a
 * clause ending there), or just after a closing mark that follows it ("…Europe.”" keeps both),
 * or the line's end. "U.S." and single initials do not end a sentence.
 */
export function sentenceEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const character = text[index]!;
    if (character === '\n') return index;
    if (!/[.!?\u3002\uFF01\uFF1F]/u.test(character)) continue;
    if (character === '.' && /^\p{Lu}$/u.test(text[index - 1] ?? '') && !/\p{L}/u.test(text[index - 2] ?? '')) continue;
    const next = text[index + 1] ?? '';
    if (CLOSING_MARKS.test(next) && next !== '\u2019') return index + 2;
    if (next === '' || /\s/u.test(next) || /[\u3002-\u9FFF]/u.test(next)) return index;
  }
  return text.length;
}

/** Where the sentence holding `to` begins (after the previous sentence's punctuation or line). */
export function sentenceStart(text: string, to: number): number {
  for (let index = to - 1; index >= 0; index--) {
    const character = text[index]!;
    if (character === '\n') return index + 1;
    if (/[.!?\u3002\uFF01\uFF1F]/u.test(character) && sentenceEnd(text, index) === index) {
      let start = index + 1;
      while (start < to && /\s/u.test(text[start]!)) start++;
      return start;
    }
  }
  return 0;
}

/** The range without white space (and the given extra characters) at either end; null when empty. */
export function trimmed(text: string, start: number, end: number, extra = ''): { start: number; end: number } | null {
  const strip = new RegExp(`[\\s${extra}]`, 'u');
  while (start < end && strip.test(text[start]!)) start++;
  while (end > start && strip.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** True when a closing quotation mark stands at `index` (not an apostrophe inside a word). */
export function isClosingMarkAt(text: string, index: number): boolean {
  const character = text[index] ?? '';
  if (character === '\u2019') return !/[\p{L}\p{N}]/u.test(text[index + 1] ?? '');
  return CLOSING_MARKS.test(character);
}
