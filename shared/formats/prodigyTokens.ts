import { createOffsetConverter } from '../offsets';

/**
 * Tokens for Prodigy's `rel.manual` tasks, shaped as spaCy's English tokenizer shapes them
 * where a reader notices: words, punctuation and emoji apart (Unicode word boundaries, so
 * "150,000" and "3.5" stay whole and CJK is split into words), English contractions split
 * ("did" "n't", "Psaki" "'s"), a single space after a token kept as its `ws`, any other run of
 * white space (line breaks, a second space) a token of its own. So `Doc(words, spaces)` in
 * spaCy rebuilds the text exactly, and Prodigy shows it as it is.
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

const WORDS = new Intl.Segmenter('en', { granularity: 'word' });
const WHITE_SPACE = /^\s+$/u;
// spaCy's English exceptions split these off a word: "did|n't", "Psaki|'s", "we|’re".
const CONTRACTION = /^(\p{L}+?)(n['’]t|['’](?:s|re|ll|ve|m|d))$/iu;

interface Piece {
  start: number;
  end: number;
  space: boolean;
}

/** The text cut into words, punctuation and whitespace runs (UTF-16 offsets), covering it all. */
function pieces(text: string): Piece[] {
  const found: Piece[] = [];
  const add = (start: number, end: number, space: boolean) => {
    const last = found[found.length - 1];
    if (space && last?.space && last.end === start) last.end = end;
    else found.push({ start, end, space });
  };
  for (const { segment, index } of WORDS.segment(text)) {
    if (WHITE_SPACE.test(segment)) {
      add(index, index + segment.length, true);
      continue;
    }
    const contraction = CONTRACTION.exec(segment);
    const cut = contraction ? index + contraction[1]!.length : index + segment.length;
    add(index, cut, false);
    if (cut < index + segment.length) add(cut, index + segment.length, false);
  }
  return found;
}

/**
 * The tokens of `text`, with every span's start and end (code point offsets into `text`) on a
 * token boundary. Throws RangeError when a span offset is outside the text.
 */
export function prodigyTokens(text: string, spans: readonly { start: number; end: number }[]): ProdigyTokenization {
  const converter = createOffsetConverter(text);
  const starts = new Set(spans.map((span) => converter.toUtf16(span.start)));
  const ends = new Set(spans.map((span) => converter.toUtf16(span.end)));
  const cuts: Piece[] = [];
  for (const piece of pieces(text)) {
    let from = piece.start;
    for (let at = piece.start + 1; at < piece.end; at++) {
      if (starts.has(at) || ends.has(at)) {
        cuts.push({ start: from, end: at, space: piece.space });
        from = at;
      }
    }
    cuts.push({ start: from, end: piece.end, space: piece.space });
  }
  const kept: (Piece & { ws: boolean })[] = [];
  for (const piece of cuts) {
    const previous = kept[kept.length - 1];
    const foldable = piece.space && previous !== undefined && !previous.space && !previous.ws && text[piece.start] === ' ';
    if (foldable && !starts.has(piece.start) && !ends.has(piece.start + 1)) {
      previous.ws = true;
      if (piece.end > piece.start + 1) kept.push({ start: piece.start + 1, end: piece.end, space: true, ws: false });
      continue;
    }
    kept.push({ ...piece, ws: false });
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
