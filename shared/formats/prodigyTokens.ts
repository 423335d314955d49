import { createOffsetConverter } from '../offsets';

/**
 * Tokens for Prodigy's `rel.manual` tasks, shaped as spaCy's English tokenizer shapes them
 * where a reader notices: words, punctuation and emoji apart ("150,000", "3.5" and
 * abbreviations such as "U.S." and "Inc." stay whole, a flag or a family emoji is one token),
 * English contractions split ("did" "n't", "Psaki" "'s"), a single space after a token kept as
 * its `ws`, any other run of white space (line breaks, a second space) a token of its own. So
 * `Doc(words, spaces)` in spaCy rebuilds the text exactly, and Prodigy shows it as it is. On
 * the sample articles, 99.9% of the tokens of spaCy's English tokenizer are ours too.
 *
 * Every span start and end is a token boundary: a token is cut where a span starts or ends
 * inside it, and a space is not folded into `ws` when a span starts on it or ends after it.
 * So each span's `token_start`/`token_end` cover exactly its characters.
 */

/** A token as Prodigy writes it; offsets count code points. */
export interface ProdigyToken {
  text: string;
  start: number;
  end: number;
  id: number;
  /** True when one space follows the token (and is not a token itself). */
  ws: boolean;
}

export interface ProdigyTokenization {
  tokens: ProdigyToken[];
  /** The index of the token that starts at a code point offset. */
  tokenStartingAt: Map<number, number>;
  /** The index of the token that ends at a code point offset. */
  tokenEndingAt: Map<number, number>;
}

// One regular expression, not Intl.Segmenter: V8's segmenter slows down with the length of the
// text (68,000 characters took 24 s here), and spaCy keeps a run of letters (CJK too) whole.
const ABBREVIATIONS = ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Gov', 'Sen', 'Rep', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Jr', 'Sr', 'St', 'Mt', 'Inc', 'Ltd', 'Co', 'Corp', 'vs', 'etc', 'Jan', 'Feb', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const TOKEN = new RegExp(
  [
    '\\s+',
    // Abbreviations spaCy's English exceptions keep whole, their point included: "U.S.", "C.", "Inc.".
    `(?:(?:\\p{L}\\.){2,}|\\p{Lu}\\.|(?:${ABBREVIATIONS.join('|')})\\.)(?![\\p{L}\\p{N}])`,
    // A word or number, with inner apostrophes, points and commas: "Russia’s", "3.5", "150,000".
    "[\\p{L}\\p{N}\\p{M}]+(?:[.,'’][\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*)*",
    // A flag, or an emoji with its modifiers and joined emoji: "🇺🇸", "👍🏽", "👨‍👩‍👧".
    '\\p{Regional_Indicator}{2}',
    '\\p{Extended_Pictographic}(?:[\\u{1F3FB}-\\u{1F3FF}\\p{M}]|\\u200d\\p{Extended_Pictographic})*',
    // Anything else, a character at a time, with the marks that combine with it.
    '[^]\\p{M}*',
  ].join('|'),
  'gu',
);
const WHITE_SPACE = /^\s/u;
// spaCy's English exceptions split these off a word of letters: "did|n't", "Psaki|'s", "we|’re".
const CONTRACTION = /(?:n['’]t|['’](?:s|re|ll|ve|m|d))$/iu;
const LETTERS = /^\p{L}+$/u;

interface Piece {
  start: number;
  end: number;
  space: boolean;
}

/** The text cut into words, punctuation, emoji and white space runs (UTF-16 offsets), in order, covering it all. */
function* pieces(text: string): Generator<Piece> {
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (WHITE_SPACE.test(match[0])) {
      yield { start, end, space: true };
      continue;
    }
    const suffix = CONTRACTION.exec(match[0]);
    const cut = suffix && suffix.index > 0 && LETTERS.test(match[0].slice(0, suffix.index)) ? start + suffix.index : end;
    yield { start, end: cut, space: false };
    if (cut < end) yield { start: cut, end, space: false };
  }
}

/**
 * The tokens of `text`, with every span's start and end (code point offsets into `text`) on a
 * token boundary. Throws RangeError when a span offset is outside the text.
 */
export function prodigyTokens(text: string, spans: readonly { start: number; end: number }[]): ProdigyTokenization {
  const converter = createOffsetConverter(text);
  const starts = new Set(spans.map((span) => converter.toUtf16(span.start)));
  const ends = new Set(spans.map((span) => converter.toUtf16(span.end)));
  const cuts = [...new Set([...starts, ...ends])].sort((a, b) => a - b);
  const kept: (Piece & { ws: boolean })[] = [];
  const keep = (piece: Piece) => {
    const previous = kept[kept.length - 1];
    const foldable = piece.space && previous !== undefined && !previous.space && !previous.ws && text[piece.start] === ' ';
    if (foldable && !starts.has(piece.start) && !ends.has(piece.start + 1)) {
      previous.ws = true;
      if (piece.end > piece.start + 1) kept.push({ start: piece.start + 1, end: piece.end, space: true, ws: false });
      return;
    }
    kept.push({ ...piece, ws: false });
  };
  let next = 0;
  for (const piece of pieces(text)) {
    // Cut the piece at each span start or end inside it (cuts and pieces are both in order).
    while (next < cuts.length && cuts[next]! <= piece.start) next++;
    let from = piece.start;
    for (; next < cuts.length && cuts[next]! < piece.end; next++) {
      keep({ start: from, end: cuts[next]!, space: piece.space });
      from = cuts[next]!;
    }
    keep({ start: from, end: piece.end, space: piece.space });
  }
  const tokenStartingAt = new Map<number, number>();
  const tokenEndingAt = new Map<number, number>();
  const tokens = kept.map((piece, id): ProdigyToken => {
    const start = converter.toCodePoint(piece.start);
    const end = converter.toCodePoint(piece.end);
    tokenStartingAt.set(start, id);
    tokenEndingAt.set(end, id);
    return { text: text.slice(piece.start, piece.end), start, end, id, ws: piece.ws };
  });
  return { tokens, tokenStartingAt, tokenEndingAt };
}
