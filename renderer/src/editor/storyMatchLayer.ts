import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { TextRange } from '../../../shared/spans';
import { articleTextOf } from './articleText';
import { markedPassage, subscribeToMarkedPassage, type MarkedPassage } from './markedPassage';

/**
 * The story view's layer: the telling the user opened or moved to (markedPassage.ts) marked in
 * the article (`<span class="nm-story-match">`) and scrolled to the middle of the screen, as a
 * decoration held in plugin state. An article marks the passage only when its own text has the
 * passage's text at the passage's offsets; the text itself is never changed.
 */

export interface StoryMatchState {
  /** The marked range, UTF-16 offsets into the article's text; null when none is marked here. */
  range: TextRange | null;
  decorations: DecorationSet;
}

export const storyMatchKey = new PluginKey<StoryMatchState>('storyMatch');

const EMPTY: StoryMatchState = { range: null, decorations: DecorationSet.empty };

/** The range of `passage` in this article, or null when the article does not have it there. */
export function passageRangeIn(text: string, passage: MarkedPassage | null): TextRange | null {
  if (!passage || passage.end > text.length || passage.start >= passage.end) return null;
  return text.slice(passage.start, passage.end) === passage.text ? { start: passage.start, end: passage.end } : null;
}

function stateFor(state: EditorState, range: TextRange | null): StoryMatchState {
  if (!range) return EMPTY;
  const { positions } = articleTextOf(state);
  const decoration = Decoration.inline(positions.toPosition(range.start), positions.toPosition(range.end), { nodeName: 'span', class: 'nm-story-match' });
  return { range, decorations: DecorationSet.create(state.doc, [decoration]) };
}

/** Scrolls the article so the line where `offset` is sits in the middle of its scrolling box. */
function scrollToOffset(view: EditorView, offset: number): void {
  const scroller = view.dom.closest('.article-scroll');
  if (!scroller || view.isDestroyed) return;
  const { top, bottom } = view.coordsAtPos(articleTextOf(view.state).positions.toPosition(offset));
  const box = scroller.getBoundingClientRect();
  scroller.scrollTop += (top + bottom) / 2 - (box.top + box.height / 2);
}

export function createStoryMatchPlugin(): Plugin<StoryMatchState> {
  return new Plugin<StoryMatchState>({
    key: storyMatchKey,
    state: {
      init: (_config, state) => stateFor(state, passageRangeIn(articleTextOf(state).text, markedPassage())),
      apply(tr, value, _oldState, newState) {
        const input = tr.getMeta(storyMatchKey) as { range: TextRange | null } | undefined;
        if (input) return stateFor(newState, input.range);
        return tr.docChanged ? stateFor(newState, value.range) : value;
      },
    },
    props: {
      decorations: (state) => storyMatchKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view(view) {
      /** Marks the passage as it is now (or nothing), and scrolls to it when it is newly marked here. */
      const follow = () => {
        const range = passageRangeIn(articleTextOf(view.state).text, markedPassage());
        const current = storyMatchKey.getState(view.state)?.range ?? null;
        if (range?.start !== current?.start || range?.end !== current?.end) {
          view.dispatch(view.state.tr.setMeta(storyMatchKey, { range }).setMeta('addToHistory', false));
        }
        // After the layout of this frame: an article just opened is laid out by then.
        if (range) requestAnimationFrame(() => scrollToOffset(view, range.start));
      };
      const unsubscribe = subscribeToMarkedPassage(follow);
      if (storyMatchKey.getState(view.state)?.range) requestAnimationFrame(() => scrollToOffset(view, storyMatchKey.getState(view.state)!.range!.start));
      return { destroy: unsubscribe };
    },
  });
}

/** The story match layer as a TipTap extension, after ArticleText (see articleExtensions.ts). */
export const StoryMatchLayer = Extension.create({
  name: 'storyMatchLayer',
  addProseMirrorPlugins() {
    return [createStoryMatchPlugin()];
  },
});
