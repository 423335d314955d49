import { Node } from '@tiptap/core';

/**
 * A run of a long article's paragraphs (shared/editorPositions.ts: toEditorDocument's sections).
 * It draws as a plain block with no box of its own, so the article looks as without it; what
 * it changes is ProseMirror's view update, which skips a section whose decorations did not
 * change as one node, instead of walking each of its paragraphs.
 */
export const ArticleSection = Node.create({
  name: 'articleSection',
  group: 'block',
  content: 'paragraph+',
  parseHTML() {
    return [{ tag: 'div[data-article-section]' }];
  },
  renderHTML() {
    return ['div', { class: 'article-section', 'data-article-section': '' }, 0];
  },
});
