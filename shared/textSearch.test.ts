import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findMatches, snippetAround } from './textSearch';

/** "start-end:text" for every match, so an assertion is one line. */
function found(text: string, query: string): string {
  return findMatches(text, query)
    .map((match) => `${match.start}-${match.end}:${text.slice(match.start, match.end)}`)
    .join(' | ');
}

describe('findMatches', () => {
  test('ignores case, finds every match left to right', () => {
    expect(found('Putin met Biden. PUTIN left; putin’s aides stayed.', 'putin')).toBe('0-5:Putin | 17-22:PUTIN | 29-34:putin');
  });

  test('ignores accents in text and query alike', () => {
    expect(found('Le café de Zelenský à Kyiv', 'CAFE')).toBe('3-7:café');
    expect(found('Le cafe de Zelensky', 'zelenský')).toBe('11-19:Zelensky');
    // A decomposed accent (e + combining acute) belongs to its letter.
    expect(found('cafe\u0301 noir', 'café')).toBe('0-5:cafe\u0301');
  });

  test('folds ß to ss, final sigma to sigma, and other scripts by their own case', () => {
    expect(found('Die Straße ist lang', 'STRASSE')).toBe('4-10:Straße');
    expect(found('Ο Οδυσσεύς έφυγε', 'ΟΔΥΣΣΕΥΣ')).toBe('2-10:Οδυσσεύς');
    expect(found('ПУТИН и Путин', 'путин')).toBe('0-5:ПУТИН | 8-13:Путин');
  });

  test('right-to-left scripts and emoji keep their exact offsets', () => {
    const text = 'قال 🇺🇸 المتحدث: «نحن مستعدون» — אמר הדובר 😀 שלום';
    expect(found(text, 'مستعدون')).toBe(`${text.indexOf('مستعدون')}-${text.indexOf('مستعدون') + 7}:مستعدون`);
    expect(found(text, 'הדובר 😀 שלום')).toBe(`${text.indexOf('הדובר')}-${text.length}:הדובר 😀 שלום`);
  });

  test('any run of white space matches any other: line breaks, no-break spaces, tabs', () => {
    expect(found('rapid and\nsevere   consequences', 'and severe consequences')).toBe('6-31:and\nsevere   consequences');
    expect(found('150\u00a0000 troops', '150 000')).toBe('0-7:150\u00a0000');
  });

  test('an empty or blank query matches nothing; a limit stops early', () => {
    expect(findMatches('text', '')).toEqual([]);
    expect(findMatches('text', '  \n')).toEqual([]);
    expect(findMatches('a a a a', 'a', 2)).toHaveLength(2);
  });

  test('every piece of a random text is found where it is, and each match slices text that folds to the query', () => {
    const characters = fc.constantFrom(...'aAbBéÉßsS σςΣ😀\u00a0\nقلא'.match(/./gsu)!);
    fc.assert(
      fc.property(fc.array(characters, { minLength: 1, maxLength: 40 }).map((parts) => parts.join('')), fc.nat(), fc.nat(), (text, a, b) => {
        const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y) as [number, number];
        let start = from;
        let end = Math.max(to, from + 1);
        if (text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) <= 0xdfff) start--;
        if (text.charCodeAt(end) >= 0xdc00 && text.charCodeAt(end) <= 0xdfff) end++;
        const query = text.slice(start, end);
        if (query.trim() === '') return;
        const matches = findMatches(text, query);
        expect(matches.length).toBeGreaterThan(0);
        expect(matches[0]!.start).toBeLessThanOrEqual(start + (query.length - query.trimStart().length));
        for (const match of matches) expect(findMatches(text.slice(match.start, match.end), query)).not.toEqual([]);
      }),
    );
  });
});

describe('snippetAround', () => {
  const text = 'The White House said on Sunday that President Joe Biden had agreed “in principle” to meet Vladimir Putin, as long as Russia does not invade.';

  test('cuts at white space either side of the match, marks what is left out, and points at the match', () => {
    const [match] = findMatches(text, 'in principle');
    const snippet = snippetAround(text, match!, 30);
    expect(snippet.text).toBe('…Joe Biden had agreed “in principle” to meet Vladimir Putin, as…');
    expect(snippet.text.slice(snippet.matchStart, snippet.matchEnd)).toBe('in principle');
  });

  test('shows line breaks as spaces and never splits an emoji', () => {
    const emoji = '😀😀😀\nQuote here\n😀😀😀';
    const snippet = snippetAround(emoji, findMatches(emoji, 'here')[0]!, 2);
    expect(snippet.text).toBe('…here 😀…');
    expect(snippet.text.slice(snippet.matchStart, snippet.matchEnd)).toBe('here');
  });
});
