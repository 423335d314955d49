/**
 * The suggestion rules, in one place. Each rule reads the article's plain text and proposes
 * spans; a rule never sees the document's real spans (the runner, suggest.ts, sets aside what
 * they already cover). Offsets are UTF-16 indices into the text, end exclusive.
 *
 * - quote.direct: the words between quotation marks, in every kind of mark (quoteMarks.ts),
 *   across paragraphs where the next paragraph reopens the quote.
 * - attribution.speech-verb: a source and a speech verb — "Psaki said in a statement" after a
 *   quote (to the clause's end), "Blinken said", "a déclaré Emmanuel Macron" (inverted).
 * - quote.reported: the clause a speech verb reports — "said that X", "said X", "a dit que X",
 *   "sagte, dass X", "заявил, что X", "表示，X" — to the sentence's end or to ", adding".
 * - attribution.according-to: "according to X", "selon X", "laut X", "según X", "по словам X", "据X".
 * - quote.according-to: the clause that an according-to cue attributes.
 */
import { findQuotedRanges } from './quoteMarks';
import { ACCORDING_TO, ADJUNCT_STARTS, CLAUSE_BREAKS, COMPLEMENTIZERS, PRONOUNS, SOURCE_NOUNS, SPEECH_VERBS } from './speechCues';
import { isClausePunctuation, isClosingMarkAt, sentenceEnd, sentenceStart, trimmed } from './textScan';

export const SUGGESTION_RULES = ['quote.direct', 'quote.reported', 'quote.according-to', 'attribution.speech-verb', 'attribution.according-to', 'link.nearest-attribution'] as const;
export type SuggestionRuleId = (typeof SUGGESTION_RULES)[number];

/** One rule's finding: a span, with the source words of an attribution and the attribution a reported quote belongs to. */
export interface RuleSpan {
  label: 'quote' | 'attribution';
  start: number;
  end: number;
  ruleId: SuggestionRuleId;
  /** Attributions: the source's words ("White House spokeswoman Jen Psaki"). */
  source?: string;
  /** Reported quotes: the attribution (index into the same result) that reports them. */
  attributedTo?: number;
}

const WORD_CHARACTER = '[\\p{L}\\p{N}\\p{M}]';
const MAX_SOURCE_WORDS = 8;
const MAX_INVERTED_SOURCE_WORDS = 6;
const MAX_ADJUNCT_CHARACTERS = 60;

function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\']/gu, (c) => (c === "'" ? "['’]" : `\\${c}`))).join('|');
}

const SPACED_LANGUAGES = ['en', 'fr', 'de', 'es', 'ru'] as const;
const VERB_PATTERN = new RegExp(
  `(?<!${WORD_CHARACTER})(?:${alternation(SPACED_LANGUAGES.flatMap((language) => SPEECH_VERBS[language]))})(?!${WORD_CHARACTER})|(?<![小据听])(?:${alternation(SPEECH_VERBS.zh)})(?![明服])`,
  'giu',
);
const ACCORDING_PATTERN = new RegExp(
  `(?<!${WORD_CHARACTER})(?:${alternation(SPACED_LANGUAGES.flatMap((language) => ACCORDING_TO[language]))})(?!${WORD_CHARACTER})|(?:${alternation(ACCORDING_TO.zh)})(?=\\p{Script=Han})`,
  'giu',
);
/** Verbs whose object is the reported clause itself, with no "that": "Lavrov said Moscow was …". */
const SAY_VERBS = /^(?:said|says|say|added|adds|dit|a dit|sagte|sagt|dijo|dice|сказал|сказала|заявил|заявила|说|表示|称|指出)$/iu;
const HAN = /\p{Script=Han}/u;

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

/** Whether a source's words can name someone: a capital, a pronoun, a known noun, or Chinese. */
function plausibleSource(source: string): boolean {
  if (HAN.test(source)) return source.length <= 15;
  const list = words(source);
  if (list.length === 0 || list.length > MAX_SOURCE_WORDS) return false;
  return /\p{Lu}/u.test(source) || list.some((word) => PRONOUNS.has(word.toLowerCase())) || SOURCE_NOUNS.test(source);
}

/** The source before a verb at `verbStart`: back to the clause's start, past one bare appositive comma. */
function sourceBefore(text: string, verbStart: number): { start: number; end: number } | null {
  let start = verbStart;
  let commas = 0;
  while (start > 0) {
    const index = start - 1;
    if (text[index] === ',' || text[index] === '\uFF0C') {
      // "Oleksiy Danilov, the head of …, said": a comma right before the verb is an appositive's.
      if (commas === 0 && text.slice(index + 1, verbStart).trim() === '') {
        commas++;
        start = index;
        continue;
      }
      break;
    }
    if (isClausePunctuation(text, index)) break;
    start = index;
  }
  let range = trimmed(text, start, verbStart, ',');
  if (!range) return null;
  // A clause break word ("that", "and", "as") starts the source anew after it.
  const list = text.slice(range.start, range.end);
  const tokens = [...list.matchAll(/\S+/gu)];
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (CLAUSE_BREAKS.has(tokens[index]![0].toLowerCase().replace(/[,]$/u, ''))) {
      const after = range.start + tokens[index]!.index + tokens[index]![0].length;
      range = trimmed(text, after, range.end, ',');
      break;
    }
  }
  if (!range || !plausibleSource(text.slice(range.start, range.end))) return null;
  return range;
}

/** After a closing quotation mark (and a comma or dash)? Then an attribution runs to its clause's end. */
function followsQuote(text: string, start: number): boolean {
  let index = start - 1;
  while (index >= 0 && /[\s,\u2014\u2013\uFF0C-]/u.test(text[index]!)) index--;
  if (index < 0 || !isClosingMarkAt(text, index)) return false;
  // "…substantial.” The US secretary said …" starts a new sentence; "…Ukraine,” she said" does not.
  return !/[.!?\u3002]/u.test(text[index - 1] ?? '') || /^\p{Ll}/u.test(text.slice(start));
}

/** The end of an attribution's adjuncts: "said in a statement on Sunday night" to before the stop. */
function adjunctEnd(text: string, verb: string, verbEnd: number): number {
  const first = /^\s+([\p{L}\p{N}]+)/u.exec(text.slice(verbEnd));
  if (!first || (!ADJUNCT_STARTS.has(first[1]!.toLowerCase()) && !/^(?:told|tells)$/iu.test(verb))) return verbEnd;
  let index = verbEnd;
  while (index < text.length && index - verbEnd <= MAX_ADJUNCT_CHARACTERS && !/[.,;:!?\n\u201C"\u00AB\u201E\u300C\u3002\uFF0C]/u.test(text[index]!)) index++;
  if (index - verbEnd > MAX_ADJUNCT_CHARACTERS) return verbEnd;
  const adjunct = text.slice(verbEnd, index).toLowerCase();
  if (COMPLEMENTIZERS.some((word) => new RegExp(`(?:^|\\s)${word}(?:\\s|$)`, 'u').test(adjunct))) return verbEnd;
  return trimmed(text, verbEnd, index)?.end ?? verbEnd;
}

/** The reported clause after a speech verb (and its adjuncts), or null when none follows. */
function reportedAfter(text: string, verb: string, verbEnd: number): { start: number; end: number } | null {
  const rest = text.slice(verbEnd, Math.min(text.length, verbEnd + 200));
  let offset: number | null = null;
  const complementizer = new RegExp(`^((?:[\\s,]+[^\\s.,;:!?\\u201C"\\u00AB\\u201E]+){0,6}?)[\\s,]*(?:${COMPLEMENTIZERS.map((word) => word.replace("'", "['’]")).join('|')})(?:\\s+|(?<=[’']))`, 'iu');
  const withThat = complementizer.exec(rest);
  if (withThat && !/[.;:!?]/u.test(withThat[1]!)) offset = withThat[0].length;
  else if (HAN.test(verb)) {
    const chinese = /^[\uFF0C\uFF1A,:]\s*/u.exec(rest);
    if (chinese) offset = chinese[0].length;
  } else if (SAY_VERBS.test(verb)) {
    const next = /^\s+([\p{L}\p{N}’'-]+)/u.exec(rest);
    if (next && !ADJUNCT_STARTS.has(next[1]!.toLowerCase())) offset = next[0].length - next[1]!.length;
  }
  if (offset === null) return null;
  const start = verbEnd + offset;
  // A clause that is wholly a direct quote is the quote rule's.
  if (/[\u201C"\u00AB\u201E\u300C\u300E\u2018]/u.test(text[start] ?? '')) return null;
  let end = sentenceEnd(text, start);
  const stop = /,\s+(?:adding|saying|while|but|and added|according to)\b|;/iu.exec(text.slice(start, end));
  if (stop) end = start + stop.index;
  const range = trimmed(text, start, end, ',\uFF0C');
  if (!range || words(text.slice(range.start, range.end)).length < 2 && !HAN.test(text.slice(range.start, range.end))) return null;
  return range;
}

function insideQuote(quoted: readonly { open: number; close: number }[], offset: number): boolean {
  return quoted.some((range) => range.open < offset && offset < range.close);
}

/** "…,” said Psaki." / "», a déclaré Emmanuel Macron." / "summit, says Antony Blinken": the source follows the verb. */
function invertedAttribution(text: string, verbStart: number, verbEnd: number): RuleSpan | null {
  if (!followsQuote(text, verbStart) && !/,\s*$/u.test(text.slice(Math.max(0, verbStart - 3), verbStart))) return null;
  const after = /^(?:-t-\p{L}+)?[\s-]*([^.,;:!?\n\u201C"\u00AB\u201E]+)/u.exec(text.slice(verbEnd));
  const source = after ? after[1]!.trim() : '';
  // The source ends the clause: "said Ukraine had “nothing …”" is not an inversion.
  const following = after ? text[verbEnd + after[0].length] ?? '' : '';
  if (following !== '' && !/[.,;:!?\n\u3002\uFF0C]/u.test(following)) return null;
  if (source === '' || words(source).length > MAX_INVERTED_SOURCE_WORDS || !plausibleSource(source)) return null;
  if (/^(?:that|que|dass)\b/iu.test(source) || !/^[\p{Lu}\p{Script=Han}]|^(?:the|le|la|der|die|el|il|elle|er|sie)\s/u.test(source)) return null;
  return { label: 'attribution', start: verbStart, end: verbEnd + after![0].trimEnd().length, ruleId: 'attribution.speech-verb', source };
}

/** "Psaki said in a statement" (after a quote, to the clause's end), "Blinken said": the source comes first. */
function attributionBefore(text: string, verb: string, verbStart: number, verbEnd: number): RuleSpan | null {
  // A passive ("has been announced") names no speaker.
  if (/\b(?:been|be|being|is|was|were|are)\s+$/iu.test(text.slice(Math.max(0, verbStart - 8), verbStart))) return null;
  const before = sourceBefore(text, verbStart);
  if (!before) return null;
  const adjunct = adjunctEnd(text, verb, verbEnd);
  // Adjuncts belong to an attribution after a quote, or to one that ends its sentence.
  const end = followsQuote(text, before.start) || /^(?:[.!?]|:\s*[\u201C"\u00AB\u201E\u300C])/u.test(text.slice(adjunct)) ? adjunct : verbEnd;
  return { label: 'attribution', start: before.start, end, ruleId: 'attribution.speech-verb', source: text.slice(before.start, verbStart).trim() };
}

/** quote.direct: every direct quotation. */
export function directQuotes(text: string): RuleSpan[] {
  return findQuotedRanges(text).map((range) => ({ label: 'quote', start: range.start, end: range.end, ruleId: 'quote.direct' }));
}

/** attribution.speech-verb and quote.reported: speech verbs with their sources and clauses. */
export function speechVerbCues(text: string): RuleSpan[] {
  const found: RuleSpan[] = [];
  const quoted = findQuotedRanges(text);
  for (const match of text.matchAll(VERB_PATTERN)) {
    const verbStart = match.index;
    // A speech verb inside a quotation is the speaker's own words ("as the President made clear").
    if (insideQuote(quoted, verbStart)) continue;
    const verbEnd = verbStart + match[0].length;
    const attribution = invertedAttribution(text, verbStart, verbEnd) ?? attributionBefore(text, match[0], verbStart, verbEnd);
    if (!attribution) continue;
    found.push(attribution);
    const reported = reportedAfter(text, match[0], verbEnd);
    if (reported && reported.start >= attribution.end) {
      found.push({ label: 'quote', ...reported, ruleId: 'quote.reported', attributedTo: found.length - 1 });
    }
  }
  return found;
}

/**
 * The source after an according-to cue, as written (leading space included), or null: up to the
 * clause's punctuation; where none comes before the sentence's end ("Laut Regierung wird …"),
 * only the article and the capitalised words that follow the cue.
 */
function accordingSource(text: string, cueStart: number, cueEnd: number): string | null {
  const upToPunctuation = /^[^.,;:!?\n\uFF0C\u3002]+/u.exec(text.slice(cueEnd))?.[0];
  if (!upToPunctuation) return null;
  let source = upToPunctuation.trimEnd();
  const punctuation = text[cueEnd + upToPunctuation.length] ?? '';
  if (!HAN.test(source) && (punctuation === '' || /[.!?\n]/u.test(punctuation)) && sentenceStart(text, cueStart) === cueStart) {
    const capitalised = /^\s+(?:(?:the|le|la|les|der|die|das|dem|den|des|el|los|las)\s+)?(?:\p{Lu}[\p{L}\p{M}.’'-]*\s*)+/u.exec(source);
    if (!capitalised) return null;
    source = capitalised[0].trimEnd();
  }
  if (words(source).length > 8 || !plausibleSource(source)) return null;
  return source;
}

/** attribution.according-to and quote.according-to. */
export function accordingToCues(text: string): RuleSpan[] {
  const found: RuleSpan[] = [];
  const quoted = findQuotedRanges(text);
  for (const match of text.matchAll(ACCORDING_PATTERN)) {
    const cueStart = match.index;
    if (insideQuote(quoted, cueStart)) continue;
    const cueEnd = cueStart + match[0].length;
    const source = accordingSource(text, cueStart, cueEnd);
    if (!source) continue;
    const end = cueEnd + source.length;
    found.push({ label: 'attribution', start: cueStart, end, ruleId: 'attribution.according-to', source: source.trim() });
    const attributedTo = found.length - 1;
    const sentenceFrom = sentenceStart(text, cueStart);
    const sentenceTo = sentenceEnd(text, end);
    let clause: { start: number; end: number } | null = null;
    const comma = /^\s*[,\uFF0C]?\s*/u.exec(text.slice(end))![0];
    if (/[,\uFF0C]/u.test(comma) || (sentenceFrom === cueStart && comma !== '')) clause = trimmed(text, end + comma.length, sentenceTo, ',');
    else if (/[,\uFF0C]\s*$/u.test(text.slice(sentenceFrom, cueStart))) clause = trimmed(text, sentenceFrom, cueStart, ',\uFF0C');
    if (clause && (words(text.slice(clause.start, clause.end)).length >= 2 || HAN.test(text.slice(clause.start, clause.end)))) found.push({ label: 'quote', ...clause, ruleId: 'quote.according-to', attributedTo });
  }
  return found;
}
