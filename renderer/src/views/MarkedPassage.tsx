import type { WordChange } from '../../../shared/storyMatch';

/** Which side of a word-level difference a passage is. */
export type DiffSide = 'source' | 'target';

interface Piece {
  text: string;
  /** The change it is part of, with the other side's words; absent for unchanged text. */
  change?: { type: 'insert' | 'delete' | 'replace'; other: string };
}

/**
 * A passage cut into unchanged and changed pieces. `text` starts at offset `start` of its article;
 * the changes' offsets (for `side`) are the article's. A source shows what was deleted or replaced,
 * a target what was inserted or replaced. Changes outside the passage are left out.
 */
export function piecesOf(text: string, start: number, changes: readonly WordChange[], side: DiffSide): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const change of changes) {
    if (change.type === 'equal' || change.type === (side === 'source' ? 'insert' : 'delete')) continue;
    const from = (side === 'source' ? change.sourceStart : change.targetStart) - start;
    const to = (side === 'source' ? change.sourceEnd : change.targetEnd) - start;
    if (from < at || to > text.length || to <= from) continue;
    if (from > at) pieces.push({ text: text.slice(at, from) });
    pieces.push({ text: text.slice(from, to), change: { type: change.type, other: side === 'source' ? change.target : change.source } });
    at = to;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** What a marked piece's tooltip says. */
function describe(type: 'insert' | 'delete' | 'replace', side: DiffSide, other: string): string {
  if (type === 'insert') return 'added here';
  if (type === 'delete') return 'left out in the other telling';
  return side === 'source' ? `became “${other}”` : `was “${other}”`;
}

/** A passage with its changed words marked: deleted or replaced (source), inserted or replaced (target). */
export function MarkedPassage({ text, start, changes, side }: { text: string; start: number; changes: readonly WordChange[]; side: DiffSide }) {
  return (
    <span className="marked-passage">
      {piecesOf(text, start, changes, side).map((piece, index) =>
        piece.change ? (
          <mark key={index} className={`word-${piece.change.type}`} data-change={piece.change.type} title={describe(piece.change.type, side, piece.change.other)}>
            {piece.text}
          </mark>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </span>
  );
}
