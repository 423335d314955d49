import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import { createArticleTextPlugin } from './articleText';
import { createFindHighlightsPlugin, findHighlightsKey } from './findHighlights';

const TEXT = 'Psaki said: “Russia is ready.”\n\nRUSSIA has 150,000 troops 🪖 near Ukraine.\nRussia’s move.';
const schema = getSchema([Document, Paragraph, Text]);

/** The plugin headless: a ProseMirror state, no view, no DOM. */
function findIn(text: string) {
  let state = EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, toEditorDocument(text)), plugins: [createArticleTextPlugin(), createFindHighlightsPlugin()] });
  const positions = new TextPositionMap(text);
  const send = (meta: { query?: string; active?: number }) => {
    state = state.apply(state.tr.setMeta(findHighlightsKey, meta));
  };
  /** "start-end" per drawn match, the current one starred: "12-18* | 32-38". */
  const drawn = () =>
    findHighlightsKey
      .getState(state)!
      .decorations.find()
      .sort((a, b) => a.from - b.from)
      .map((decoration) => {
        const active = String((decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class).includes('nm-find-active');
        return `${positions.toOffset(decoration.from)}-${positions.toOffset(decoration.to)}${active ? '*' : ''}`;
      })
      .join(' | ');
  return { send, drawn, state: () => findHighlightsKey.getState(state)! };
}

describe('find highlights', () => {
  it('marks every match ignoring case, by text offset across paragraphs and after emoji; the first is current', () => {
    const find = findIn(TEXT);
    find.send({ query: 'russia' });
    const starts = [...TEXT.matchAll(/russia/gi)].map((match) => `${match.index}-${match.index + 6}`);
    expect(find.drawn()).toBe([`${starts[0]}*`, ...starts.slice(1)].join(' | '));
    expect(find.state()).toMatchObject({ query: 'russia', active: 0 });
    expect(find.state().matches).toHaveLength(3);
  });

  it('moves the current match forwards and backwards, wrapping at both ends, redrawing only the two that change', () => {
    const find = findIn(TEXT);
    find.send({ query: 'russia' });
    find.send({ active: 1 });
    expect(find.drawn().split(' | ').map((piece) => piece.endsWith('*'))).toEqual([false, true, false]);
    find.send({ active: 3 });
    expect(find.state().active).toBe(0);
    find.send({ active: -1 });
    expect(find.state().active).toBe(2);
    expect(find.drawn().split(' | ')).toHaveLength(3);
  });

  it('a match spanning a line break is one match; an empty query clears everything', () => {
    const find = findIn(TEXT);
    find.send({ query: 'Ukraine. Russia' });
    const start = TEXT.indexOf('Ukraine.');
    expect(find.drawn()).toBe(`${start}-${start + 'Ukraine.\nRussia'.length}*`);
    find.send({ query: '  ' });
    expect(find.drawn()).toBe('');
    expect(find.state().active).toBe(-1);
  });

  it('a query with no match draws nothing and has no current match', () => {
    const find = findIn(TEXT);
    find.send({ query: 'Lavrov' });
    find.send({ active: 1 });
    expect(find.state()).toMatchObject({ matches: [], active: -1 });
  });
});
