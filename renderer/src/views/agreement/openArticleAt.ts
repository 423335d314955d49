import { selectSpan } from '../../session/editing';
import type { Workbench } from '../../session/workbench';

/** Frames to wait for the article to be loaded and drawn before giving up. */
const MAX_FRAMES = 120;

/**
 * Opens an article in the article view at a place: with the span `spanId` (when the article
 * has it) selected and scrolled to, else with the range selected by the keyboard caret, so a
 * label key labels it there.
 */
export function openArticleAt(workbench: Workbench, documentId: string, range: { start: number; end: number }, spanId?: string): void {
  workbench.session.dispatch({ type: 'openDocument', documentId });
  void workbench.client.openDocument(documentId);
  let frames = 0;
  const attempt = () => {
    const article = workbench.article.current;
    const document = workbench.client.getDocument(documentId);
    // Two frames at least: the article view first draws the article it is given.
    if (frames++ < 2 || !article || !document || workbench.session.getState().documentId !== documentId) {
      if (frames < MAX_FRAMES) requestAnimationFrame(attempt);
      return;
    }
    if (spanId && document.spans.some((span) => span.id === spanId)) {
      selectSpan(workbench.commandContext(), spanId);
      article.scrollToSpan(spanId);
    } else {
      article.showRange(range.start, range.end);
    }
    article.focus();
  };
  requestAnimationFrame(attempt);
}
