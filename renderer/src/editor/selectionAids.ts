import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextPositionMap } from '../../../shared/editorPositions';
import type { TextRange } from '../../../shared/spans';
import { articleTextOf } from './articleText';
import { layerCommand } from './layerCommand';

/**
 * What the article draws besides the spans, all by text offset:
 * - the keyboard caret and the range it has selected (`anchor` … `head`), since the article is
 *   read-only and the browser draws no caret in it;
 * - the two handles of the selected span, which the mouse drags to move its start or end;
 * - a preview of a range being made (a handle being dragged).
 */
export interface SelectionAids {
  caret: { anchor: number; head: number } | null;
  handles: TextRange | null;
  preview: TextRange | null;
}

export const NO_AIDS: SelectionAids = { caret: null, handles: null, preview: null };

export const selectionAidsKey = new PluginKey<{ aids: SelectionAids; decorations: DecorationSet }>('selectionAids');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    selectionAids: {
      setSelectionAids: (aids: SelectionAids) => ReturnType;
    };
  }
}

function handle(side: 'start' | 'end'): HTMLElement {
  const element = document.createElement('span');
  element.className = `nm-handle nm-handle-${side}`;
  element.dataset.handle = side;
  element.setAttribute('aria-hidden', 'true');
  element.title = side === 'start' ? 'Drag to move the start' : 'Drag to move the end';
  return element;
}

function caretElement(): HTMLElement {
  const element = document.createElement('span');
  element.className = 'nm-caret';
  element.setAttribute('aria-hidden', 'true');
  return element;
}

function draw(doc: ProseMirrorNode, positions: TextPositionMap, aids: SelectionAids): DecorationSet {
  const within = (offset: number) => Math.max(0, Math.min(offset, positions.textLength));
  const decorations: Decoration[] = [];
  const range = (from: number, to: number, className: string) => {
    const [start, end] = [within(Math.min(from, to)), within(Math.max(from, to))];
    if (start < end) decorations.push(Decoration.inline(positions.toPosition(start), positions.toPosition(end), { nodeName: 'span', class: className }));
  };
  if (aids.caret) {
    range(aids.caret.anchor, aids.caret.head, 'nm-kbd-selection');
    decorations.push(Decoration.widget(positions.toPosition(within(aids.caret.head)), caretElement, { side: -1, key: 'caret', ignoreSelection: true }));
  }
  if (aids.preview) range(aids.preview.start, aids.preview.end, 'nm-preview');
  // Outside the span's ends, so that they never split its highlight in two.
  if (aids.handles) {
    decorations.push(Decoration.widget(positions.toPosition(within(aids.handles.start)), () => handle('start'), { side: -1, key: 'handle-start', ignoreSelection: true }));
    decorations.push(Decoration.widget(positions.toPosition(within(aids.handles.end)), () => handle('end'), { side: 1, key: 'handle-end', ignoreSelection: true }));
  }
  return DecorationSet.create(doc, decorations);
}

function sameRange(a: TextRange | null, b: TextRange | null): boolean {
  return a === b || (!!a && !!b && a.start === b.start && a.end === b.end);
}

/** Whether two sets of aids draw the same thing (so that nothing need be redrawn). */
export function sameAids(a: SelectionAids, b: SelectionAids): boolean {
  const caret = a.caret === b.caret || (!!a.caret && !!b.caret && a.caret.anchor === b.caret.anchor && a.caret.head === b.caret.head);
  return caret && sameRange(a.handles, b.handles) && sameRange(a.preview, b.preview);
}

/**
 * The plugin behind the extension; set what it draws with the meta `selectionAidsKey`. It reads
 * the article from the ArticleText plugin, which must come before it.
 */
export function createSelectionAidsPlugin(): Plugin<{ aids: SelectionAids; decorations: DecorationSet }> {
  return new Plugin({
    key: selectionAidsKey,
    state: {
      init: () => ({ aids: NO_AIDS, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const aids = tr.getMeta(selectionAidsKey) as SelectionAids | undefined;
        if (!tr.docChanged && (!aids || sameAids(aids, value.aids))) return value;
        const next = aids ?? NO_AIDS;
        return { aids: next, decorations: draw(state.doc, articleTextOf(state).positions, next) };
      },
    },
    props: {
      decorations: (state) => selectionAidsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

/** Draws the keyboard caret, the selected span's handles and range previews (see SelectionAids). */
export const SelectionAidsExtension = Extension.create({
  name: 'selectionAids',

  addCommands() {
    return {
      setSelectionAids: layerCommand<SelectionAids>(selectionAidsKey),
    };
  },

  addProseMirrorPlugins() {
    return [createSelectionAidsPlugin()];
  },
});
