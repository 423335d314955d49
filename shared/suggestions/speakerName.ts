import { PRONOUNS } from './speechCues';

/**
 * The speaker an attribution's source names, normalised for the speaker field, or null when the
 * source names nobody (a bare pronoun is resolved by the caller, from the attribution before).
 *
 * - A source ending in a name keeps the name without its titles: "White House spokeswoman Jen
 *   Psaki" → "Jen Psaki"; "Russia's Federal Security Service (FSB)" → "FSB".
 * - A source ending in a common noun keeps its noun phrase less the article: "US officials",
 *   "White House official".
 * - Auxiliaries and adverbs between source and verb are dropped: "Russia has repeatedly" → "Russia".
 */
const TRAILING_FILLERS = new Set(['has', 'have', 'had', 'is', 'was', 'were', 'are', 'also', 'even', 'again', 'then', 'later', 'continue', 'continues', 'to', 'went', 'on', 'hat', 'a', 'ha', 'han', 'а', 'также', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today']);
const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'un', 'une', 'der', 'die', 'das', 'ein', 'eine', 'el', 'los', 'las', 'una']);
const NAME_TOKEN = /^\(?[\p{Lu}][\p{L}\p{M}.’'-]*\)?$/u;

export function speakerFromSource(source: string): string | null {
  const trimmed = source.trim();
  if (trimmed === '') return null;
  // Chinese and Japanese sources have no spaces: the whole source is the name.
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u.test(trimmed)) return PRONOUNS.has(trimmed) ? null : trimmed;
  const tokens = trimmed.split(/[\s,]+/u).filter((token) => token !== '');
  while (tokens.length > 0 && (TRAILING_FILLERS.has(tokens.at(-1)!.toLowerCase()) || /\p{Ll}ly$/u.test(tokens.at(-1)!))) tokens.pop();
  if (tokens.length === 0) return null;
  if (tokens.length === 1 && PRONOUNS.has(tokens[0]!.toLowerCase())) return null;
  const last = tokens.at(-1)!;
  if (NAME_TOKEN.test(last)) {
    let first = tokens.length - 1;
    while (first > 0 && NAME_TOKEN.test(tokens[first - 1]!)) first--;
    let run = tokens.slice(first).map((token) => token.replace(/^\((.*)\)$/u, '$1'));
    if (/^\(.*\)$/u.test(last)) run = [run.at(-1)!];
    if (run.length > 0 && ARTICLES.has(run[0]!.toLowerCase())) run = run.slice(1);
    // Titles come before a name: of a long run of capitals, the person is the last two words.
    if (run.length >= 3) run = run.slice(-2);
    return run.length > 0 ? run.join(' ') : null;
  }
  let phrase = tokens.slice(-4);
  const article = phrase.findLastIndex((token) => ARTICLES.has(token.toLowerCase()));
  if (article !== -1) phrase = phrase.slice(article + 1);
  return phrase.length > 0 ? phrase.join(' ') : null;
}
