import type { EditorView } from '@tiptap/pm/view';
import type { TextPositionMap } from '../../../shared/editorPositions';
import type { TextRange } from '../../../shared/spans';

/**
 * The text offsets shown inside `scroller` (from its top-left to its bottom-right corner), or
 * null when the editor has no text there. Measuring forces a layout of what is on screen.
 */
export function visibleTextRange(view: EditorView, scroller: HTMLElement, positions: TextPositionMap): TextRange | null {
  const box = view.dom.getBoundingClientRect();
  const viewport = scroller.getBoundingClientRect();
  const top = view.posAtCoords({ left: box.left + 1, top: Math.max(box.top, viewport.top) + 1 });
  const bottom = view.posAtCoords({ left: box.right - 1, top: Math.min(box.bottom, viewport.bottom) - 1 });
  if (!top || !bottom) return null;
  const start = positions.toOffset(top.pos);
  const end = positions.toOffset(bottom.pos);
  return start <= end ? { start, end } : null;
}

/** Longest wait for an idle moment before a measurement is made anyway (ms). */
const IDLE_TIMEOUT_MS = 300;

/**
 * Reports what text is on screen to `report` as it changes: after scrolling (at most once a
 * frame, so what comes into view is drawn at once), and in idle time after opening and after
 * resizes (paragraphs taking their real height as they are first laid out move the text
 * without a scroll event). Opening measures nothing before the first paint: the first screen is
 * drawn from the start of the article, and a forced layout there cost ~170 ms on a long article.
 * Returns the function that stops it.
 */
export function trackVisibleRange(view: EditorView, scroller: HTMLElement, positions: () => TextPositionMap, report: (visible: TextRange) => void): () => void {
  let frame: number | null = null;
  let idle: number | null = null;
  const measure = () => {
    frame = null;
    if (idle !== null) cancelIdleCallback(idle);
    idle = null;
    if (!view.dom.isConnected) return;
    const visible = visibleTextRange(view, scroller, positions());
    if (visible) report(visible);
  };
  const soon = () => {
    frame ??= requestAnimationFrame(measure);
  };
  const whenIdle = () => {
    if (frame === null) idle ??= requestIdleCallback(measure, { timeout: IDLE_TIMEOUT_MS });
  };
  const resizes = new ResizeObserver(whenIdle);
  resizes.observe(view.dom);
  resizes.observe(scroller);
  scroller.addEventListener('scroll', soon, { passive: true });
  whenIdle();
  return () => {
    resizes.disconnect();
    scroller.removeEventListener('scroll', soon);
    if (frame !== null) cancelAnimationFrame(frame);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
