import { describe, expect, test } from 'vitest';
import { matchPassage } from '../../../shared/storyMatch';
import { tokensOf } from '../../../shared/storyText';
import { piecesOf, type DiffSide } from './MarkedPassage';

// The quote of article 003 and its rewording in article 001 (the sample corpus), each inside its paragraph.
const SOURCE = '“We are always ready for diplomacy. We are also ready to impose swift and severe consequences should Russia instead choose war.”';
const TARGET = 'She added: “We are also prepared to impose rapid and severe consequences if Russia chooses war,” the statement said.';

/** Pieces in one line: unchanged text plain, changed text as [type:text]. */
function show(text: string, start: number, side: DiffSide, changes: Parameters<typeof piecesOf>[2]): string {
  return piecesOf(text, start, changes, side).map((piece) => (piece.change ? `[${piece.change.type}:${piece.text}]` : piece.text)).join('');
}

describe('a passage with its changed words marked', () => {
  const start = SOURCE.indexOf('We are also');
  const end = SOURCE.indexOf('war') + 3;
  const match = matchPassage(SOURCE, tokensOf(SOURCE, start, end), TARGET, tokensOf(TARGET))!;

  test('the source shows the words replaced, the target the words replacing them', () => {
    expect(show(SOURCE.slice(start, end), start, 'source', match.changes)).toBe('We are also [replace:ready] to impose [replace:swift] and severe consequences [replace:should] Russia [replace:instead choose] war');
    expect(show(TARGET.slice(match.start, match.end), match.start, 'target', match.changes)).toBe('We are also [replace:prepared] to impose [replace:rapid] and severe consequences [replace:if] Russia [replace:chooses] war');
  });

  test('the text is kept whole, and changes outside the passage are left out', () => {
    const text = SOURCE.slice(start, start + 20);
    expect(piecesOf(text, start, match.changes, 'source').map((piece) => piece.text).join('')).toBe(text);
    expect(piecesOf('', 0, match.changes, 'target')).toEqual([]);
  });
});
