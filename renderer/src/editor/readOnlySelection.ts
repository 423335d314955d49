import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** The shape of ProseMirror's (internal) reading of the page selection. */
interface DomSelectionRange {
  focusNode: Node | null;
  focusOffset: number;
  anchorNode: Node | null;
  anchorOffset: number;
}

const NO_DOM_SELECTION: DomSelectionRange = Object.freeze({ focusNode: null, focusOffset: 0, anchorNode: null, anchorOffset: 0 });

/**
 * Keeps ProseMirror away from the page selection of a read-only article.
 *
 * After every update that redraws decorations, ProseMirror reads the page selection
 * (`focusNode`, `anchorNode`) to put its own selection back into the page; right after the page
 * has changed, that read forces the browser to recompute style and layout (~90 ms per labelling
 * on a long article). The article is never edited and its selection is read by the editor module
 * straight from the page, so ProseMirror is told the page holds no selection of its own: it then
 * neither writes its selection into the page nor reads the page's back (`selectionchange`), and
 * it does not track mouse presses to make one. The browser's own selection works as usual.
 *
 * `domSelectionRange` is internal to prosemirror-view (1.42); if a later version drops it, the
 * assignment is harmless and only the speed is lost.
 */
export const ReadOnlySelection = Extension.create({
  name: 'readOnlySelection',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('readOnlySelection'),
        props: {
          // True: ProseMirror's own mouse-down handling (which measures the click and later sets
          // its selection) does not run; the event itself goes on to the page as usual.
          handleDOMEvents: { mousedown: () => true },
        },
        view(view: EditorView) {
          (view as unknown as { domSelectionRange(): DomSelectionRange }).domSelectionRange = () => NO_DOM_SELECTION;
          return {};
        },
      }),
    ];
  },
});
