import { Extension, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextPositionMap } from '../../../shared/editorPositions';
import type { TextRange } from '../../../shared/spans';
import { findMatches } from '../../../shared/textSearch';
import { articleTextOf } from './articleText';
import { layerCommand } from './layerCommand';

/** More matches than this are not drawn (a one-letter query in a long article). */
export const MAX_FIND_MATCHES = 10_000;

export interface FindState {
  query: string;
  /** Matches as text offsets (UTF-16, end exclusive), in reading order. */
  matches: readonly TextRange[];
  /** Index of the current match in `matches`, or -1 when there is none. */
  active: number;
  decorations: DecorationSet;
}

interface FindInput {
  query?: string;
  active?: number;
}

export const findHighlightsKey = new PluginKey<FindState>('findHighlights');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    findHighlights: {
      /** Finds `query` in the article (ignoring case and accents) and marks every match; the first becomes current. */
      setFindQuery: (query: string) => ReturnType;
      /** Makes match `index` current (wrapping around at either end). */
      setActiveFindMatch: (index: number) => ReturnType;
    };
  }
}

/** One match's decoration; its spec carries the match's index so it can be found again. */
function matchDecoration(match: TextRange, index: number, active: number, positions: TextPositionMap): Decoration {
  return Decoration.inline(
    positions.toPosition(match.start),
    positions.toPosition(match.end),
    { nodeName: 'span', class: index === active ? 'nm-find nm-find-active' : 'nm-find', 'data-find-index': String(index) },
    { findIndex: index },
  );
}

function decorate(doc: ProseMirrorNode, matches: readonly TextRange[], active: number, positions: TextPositionMap): DecorationSet {
  return DecorationSet.create(
    doc,
    matches.map((match, index) => matchDecoration(match, index, active, positions)),
  );
}

function stateFor(state: EditorState, query: string, active: number): FindState {
  const { text, positions } = articleTextOf(state);
  const matches = findMatches(text, query, MAX_FIND_MATCHES);
  const current = matches.length === 0 ? -1 : ((active % matches.length) + matches.length) % matches.length;
  return { query, matches, active: current, decorations: decorate(state.doc, matches, current, positions) };
}

const EMPTY: FindState = { query: '', matches: [], active: -1, decorations: DecorationSet.empty };

/**
 * The ProseMirror plugin behind the extension: the find query, its matches and their decorations.
 * It reads the article from the ArticleText plugin, which must come before it.
 */
export function createFindHighlightsPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findHighlightsKey,
    state: {
      init: () => EMPTY,
      apply(tr, value, _oldState, newState) {
        const input = tr.getMeta(findHighlightsKey) as FindInput | undefined;
        if (input?.query !== undefined) return input.query.trim() === '' ? EMPTY : stateFor(newState, input.query, 0);
        if (tr.docChanged) return value.query === '' ? EMPTY : stateFor(newState, value.query, value.active);
        if (input?.active !== undefined && value.matches.length > 0) {
          const active = ((input.active % value.matches.length) + value.matches.length) % value.matches.length;
          // Redraw only the two matches whose look changes.
          const { positions } = articleTextOf(newState);
          const changed = [...new Set([value.active, active])].filter((index) => index >= 0);
          const stale = changed.flatMap((index) => {
            const match = value.matches[index]!;
            return value.decorations.find(positions.toPosition(match.start), positions.toPosition(match.end), (spec: { findIndex?: number }) => spec.findIndex === index);
          });
          const redrawn = changed.map((index) => matchDecoration(value.matches[index]!, index, active, positions));
          return { ...value, active, decorations: value.decorations.remove(stale).add(newState.doc, redrawn) };
        }
        return value;
      },
    },
    props: {
      decorations(state) {
        return findHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty;
      },
    },
  });
}

/** The find state of an editor (EMPTY-like when the extension is absent). */
export function findStateOf(editor: Editor): FindState {
  return findHighlightsKey.getState(editor.state) ?? EMPTY;
}

type Listener = () => void;
let target: Editor | null = null;
const listeners = new Set<Listener>();

function setTarget(editor: Editor | null): void {
  target = editor;
  for (const listener of listeners) listener();
}

/**
 * The article editor that find searches: each editor with this extension registers itself when
 * created and leaves when destroyed, so the find bar needs no wiring through the components
 * between it and the article.
 */
export function subscribeToFindTarget(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getFindTarget(): Editor | null {
  return target;
}

/**
 * Marks the matches of a find query in the article as decorations held in plugin state
 * (`<span class="nm-find">`, the current one also `nm-find-active`), apart from the span
 * highlights; the article itself is never changed.
 */
export const FindHighlights = Extension.create({
  name: 'findHighlights',

  addCommands() {
    const meta = layerCommand<FindInput>(findHighlightsKey);
    return {
      setFindQuery: (query: string) => meta({ query }),
      setActiveFindMatch: (index: number) => meta({ active: index }),
    };
  },

  addProseMirrorPlugins() {
    return [createFindHighlightsPlugin()];
  },

  onCreate() {
    setTarget(this.editor);
  },

  onDestroy() {
    if (target === this.editor) setTarget(null);
  },
});
