import type { Span } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { snapToWords } from '../../../shared/textBoundaries';
import type { ArticleEditor } from './articleEditor';

export interface HandleDrag {
  editor: ArticleEditor;
  span: Span;
  side: 'start' | 'end';
  /** Whether a drag snaps to whole words (Alt held during the drag turns it off). */
  snapping: boolean;
  /** The range the drag would make now (null when the drag ends or leaves the text). */
  onPreview(range: TextRange | null): void;
  /** The range made when the mouse is released; null when it was released outside the text. */
  onEnd(range: TextRange | null): void;
}

/**
 * Follows the mouse from a press on one of a span's handles until it is released: that end
 * moves to the text under the mouse (never past the other end: the two swap), previewed while
 * the mouse moves, and the final range is given to `onEnd`.
 */
export function dragHandle({ editor, span, side, snapping, onPreview, onEnd }: HandleDrag): void {
  const rangeAt = (event: MouseEvent): TextRange | null => {
    const offset = editor.offsetAt(event.clientX, event.clientY);
    if (offset === null) return null;
    const [start, end] = side === 'start' ? [offset, span.end] : [span.start, offset];
    const ordered = { start: Math.min(start, end), end: Math.max(start, end) };
    return snapping && !event.altKey ? snapToWords(editor.article.text, ordered.start, ordered.end) : ordered;
  };
  const onMove = (event: MouseEvent) => onPreview(rangeAt(event));
  const onUp = (event: MouseEvent) => {
    window.removeEventListener('mousemove', onMove);
    window.removeEventListener('mouseup', onUp);
    onPreview(null);
    onEnd(rangeAt(event));
  };
  window.addEventListener('mousemove', onMove);
  window.addEventListener('mouseup', onUp);
}
