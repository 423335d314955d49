import type { Workbench } from '../session/workbench';

/** A passage of an article to open at: its offsets (UTF-16, end exclusive) and its span, if labelled. */
export interface Passage {
  documentId: string;
  start: number;
  end: number;
  spanId: string | null;
}

/** How long opening waits for the article to be drawn before it gives up scrolling. */
const DRAW_WAIT_MS = 5_000;

/**
 * Opens the article of `passage` in the article view, scrolled to the passage: its span selected
 * when it is one that is still there, else the passage selected with the keyboard caret (a label
 * key then labels it). Resolves false when the article cannot be opened or drawn in time.
 */
export async function openPassage(workbench: Workbench, passage: Passage): Promise<boolean> {
  const { client, session } = workbench;
  const document = await client.openDocument(passage.documentId);
  if (!document) return false;
  const span = passage.spanId ? document.spans.find((candidate) => candidate.id === passage.spanId) : undefined;
  session.dispatch({ type: 'openDocument', documentId: passage.documentId });
  session.dispatch({ type: 'selectSpan', spanId: span?.id ?? null });
  const range = span ?? passage;
  const deadline = performance.now() + DRAW_WAIT_MS;
  // The article view mounts (and its editor draws) in frames after the dispatch.
  for (;;) {
    const article = workbench.article.current;
    if (session.getState().documentId !== passage.documentId) return false;
    if (article?.showRange({ start: range.start, end: range.end }, !span)) {
      article.focus();
      return true;
    }
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}
