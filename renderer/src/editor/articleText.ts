import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { TextPositionMap } from '../../../shared/editorPositions';

/** The article's plain text and the map between its offsets and editor positions. */
export interface ArticleText {
  /** The text as toEditorDocument was given it: paragraphs joined by "\n". */
  text: string;
  /** Offsets ↔ positions, for the document's shape (its paragraphs, and sections if it has them). */
  positions: TextPositionMap;
}

export const articleTextKey = new PluginKey<ArticleText>('articleText');

/** The article's plain text, as toEditorDocument built it: paragraphs (in sections or not) joined by "\n". */
export function textOfDocument(doc: ProseMirrorNode): string {
  const lines: string[] = [];
  doc.forEach((child) => {
    if (child.type.name === 'paragraph') lines.push(child.textContent);
    else child.forEach((paragraph) => lines.push(paragraph.textContent));
  });
  return lines.join('\n');
}

/** Paragraphs per section as toEditorDocument made them (each section but the last holds as many); 0 without sections. */
function paragraphsPerSection(doc: ProseMirrorNode): number {
  const first = doc.firstChild;
  return first && first.type.name !== 'paragraph' ? first.childCount : 0;
}

/** `known`: the article's text as the caller holds it, kept instead of an equal copy (200,000 characters are 400 kB). */
function read(doc: ProseMirrorNode, known: string | null): ArticleText {
  const joined = textOfDocument(doc);
  const text = joined === known ? known : joined;
  return { text, positions: new TextPositionMap(text, paragraphsPerSection(doc)) };
}

/**
 * The plugin that holds the article's text and position map, built once per document (when the
 * state is made, and again only when the document itself changes, i.e. a new article). It must
 * come before every plugin that reads it: ProseMirror applies plugin states in order, so later
 * plugins see this one's new value in their `apply` and `init`.
 */
export function createArticleTextPlugin(known: string | null = null): Plugin<ArticleText> {
  return new Plugin<ArticleText>({
    key: articleTextKey,
    state: {
      init: (_config, state) => read(state.doc, known),
      apply: (tr, value, _old, state) => (tr.docChanged ? read(state.doc, known) : value),
    },
  });
}

/**
 * The article text of a state. Throws when the state has no ArticleText plugin, which is a
 * wiring mistake (a layer added without it), not a condition to recover from.
 */
export function articleTextOf(state: EditorState): ArticleText {
  const value = articleTextKey.getState(state);
  if (!value) throw new Error('the editor has no ArticleText extension (it must come before the layers that read it)');
  return value;
}

/**
 * The one text model of the article editor: every layer (spans, selection aids, find) reads the
 * text and its position map from here rather than building its own.
 */
export const ArticleTextExtension = Extension.create<{ text: string | null }>({
  name: 'articleText',
  // Before the layers (higher priority is ordered first), so their plugin states can read it.
  priority: 1000,
  addOptions() {
    // The article's text as the caller holds it (the document's): held once, not twice.
    return { text: null };
  },
  addProseMirrorPlugins() {
    return [createArticleTextPlugin(this.options.text)];
  },
});
