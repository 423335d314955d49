import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import { createArticleTextPlugin } from './articleText';
import { createSelectionAidsPlugin, NO_AIDS, selectionAidsKey, type SelectionAids } from './selectionAids';

const TEXT = 'Psaki said: “We are ready.”\n\nRussia has 150,000 troops 🪖 near Ukraine.';
const schema = getSchema([Document, Paragraph, Text]);
const positions = new TextPositionMap(TEXT);

/** The plugin headless: a ProseMirror state, no view, no DOM. */
function aidsIn(text = TEXT) {
  let state = EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, toEditorDocument(text)), plugins: [createArticleTextPlugin(), createSelectionAidsPlugin()] });
  const send = (aids: SelectionAids) => {
    state = state.apply(state.tr.setMeta(selectionAidsKey, aids));
  };
  /** "from-to class" per range and "@offset key" per widget, in text offsets, sorted. */
  const drawn = () =>
    selectionAidsKey
      .getState(state)!
      .decorations.find()
      .map((decoration) => {
        const spec = decoration.spec as { key?: string };
        if (spec.key) return `@${positions.toOffset(decoration.from)} ${spec.key}`;
        const attrs = (decoration as unknown as { type: { attrs: { class: string } } }).type.attrs;
        return `${positions.toOffset(decoration.from)}-${positions.toOffset(decoration.to)} ${attrs.class}`;
      })
      .sort()
      .join(' | ');
  return { send, drawn, state: () => selectionAidsKey.getState(state)! };
}

describe('selection aids', () => {
  it('draws the keyboard caret at its head and the range it selected, by text offset across paragraphs', () => {
    const aids = aidsIn();
    const head = TEXT.indexOf('troops');
    aids.send({ caret: { anchor: 6, head }, handles: null, preview: null });
    expect(aids.drawn()).toBe(`${6}-${head} nm-kbd-selection | @${head} caret`);
  });

  it("draws the selected span's two handles at its ends and a dragged range's preview", () => {
    const aids = aidsIn();
    aids.send({ caret: null, handles: { start: 0, end: 10 }, preview: { start: 0, end: 26 } });
    expect(aids.drawn()).toBe('0-26 nm-preview | @0 handle-start | @10 handle-end');
  });

  it('keeps its state (draws nothing again) when sent the same aids, and clears them all with NO_AIDS', () => {
    const aids = aidsIn();
    aids.send({ caret: { anchor: 3, head: 3 }, handles: { start: 0, end: 5 }, preview: null });
    const before = aids.state();
    aids.send({ caret: { anchor: 3, head: 3 }, handles: { start: 0, end: 5 }, preview: null });
    expect(aids.state()).toBe(before);
    aids.send(NO_AIDS);
    expect(aids.drawn()).toBe('');
  });

  it('keeps offsets beyond the text at its end instead of drawing them somewhere wrong', () => {
    const aids = aidsIn();
    aids.send({ caret: { anchor: TEXT.length + 5, head: TEXT.length + 5 }, handles: null, preview: null });
    expect(aids.drawn()).toBe(`@${TEXT.length} caret`);
  });
});
