import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { afterEach, describe, expect, test } from 'vitest';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import { createArticleTextPlugin } from './articleText';
import { markPassage } from './markedPassage';
import { createStoryMatchPlugin, passageRangeIn, storyMatchKey } from './storyMatchLayer';

const TEXT = 'Psaki said:\n“We are also prepared to impose rapid 🪖 and severe consequences if Russia chooses war.”';
const QUOTE = 'prepared to impose rapid 🪖 and severe';
const START = TEXT.indexOf(QUOTE);
const schema = getSchema([Document, Paragraph, Text]);

/** The plugin headless (no view): what it marks, as "start-end" in text offsets, or "-". */
function marked(state: EditorState): string {
  const positions = new TextPositionMap(TEXT);
  const drawn = storyMatchKey.getState(state)!.decorations.find();
  return drawn.map((decoration) => `${positions.toOffset(decoration.from)}-${positions.toOffset(decoration.to)}`).join(' | ') || '-';
}

function created(): EditorState {
  return EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, toEditorDocument(TEXT)), plugins: [createArticleTextPlugin(), createStoryMatchPlugin()] });
}

afterEach(() => markPassage(null));

describe('the story match layer', () => {
  test('an article opened with its passage marked draws it from the start, exact to the UTF-16 unit', () => {
    markPassage({ documentId: 'd', start: START, end: START + QUOTE.length, text: QUOTE });
    expect(marked(created())).toBe(`${START}-${START + QUOTE.length}`);
  });

  test('a passage of another article (other text at those offsets) is not marked', () => {
    markPassage({ documentId: 'other', start: START, end: START + QUOTE.length, text: 'something else entirely' });
    expect(marked(created())).toBe('-');
    expect(passageRangeIn(TEXT, { documentId: 'd', start: 0, end: TEXT.length + 5, text: TEXT })).toBeNull();
  });

  test('a new range by meta replaces the mark; null clears it', () => {
    let state = created();
    state = state.apply(state.tr.setMeta(storyMatchKey, { range: { start: 0, end: 5 } }));
    expect(marked(state)).toBe('0-5');
    state = state.apply(state.tr.setMeta(storyMatchKey, { range: null }));
    expect(marked(state)).toBe('-');
  });
});
