import { useEffect, useImperativeHandle, useRef, type Dispatch, type ForwardedRef, type RefObject, type SetStateAction } from 'react';
import type { NewsDocument, Span } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { nextBoundary, snapToWords, type CaretUnit } from '../../../shared/textBoundaries';
import type { ArticleEditor } from '../editor/articleEditor';
import type { SelectionAids } from '../editor/selectionAids';

export interface ArticleViewHandle {
  /**
   * What the user has selected in the article as text offsets: the mouse selection (snapped to
   * whole words unless that is turned off or Alt was held), else the keyboard caret's range.
   * Null when nothing is selected.
   */
  readSelection(): TextRange | null;
  /** Whether the article holds a selection (which may still be all white space). */
  hasSelection(): boolean;
  clearSelection(): void;
  scrollToSpan(spanId: string): void;
  /** Moves the keyboard caret; with `extend` the caret's range grows or shrinks instead. */
  moveCaret(unit: CaretUnit, direction: 1 | -1, extend: boolean): void;
  /** Puts the keyboard caret at an offset (collapsed). */
  placeCaret(offset: number): void;
  /** Where the user is in the article: the mouse selection's start, else the keyboard caret; null if neither. */
  caretOffset(): number | null;
  /** The key of the suggestion clicked in the article (its accept/reject control is shown), or null. */
  pointedSuggestion(): string | null;
  focus(): void;
  /**
   * Scrolls a passage to the middle of the article and, with `select`, selects it with the
   * keyboard caret (a label key then labels it). False, doing nothing, while the article is not
   * drawn yet.
   */
  showRange(range: TextRange, select: boolean): boolean;
}

type Caret = SelectionAids['caret'];

/** What the article view holds that its handle reads and moves. */
export interface ArticleHandleParts {
  editor: ArticleEditor | null;
  scrollRef: RefObject<HTMLDivElement | null>;
  article: NewsDocument;
  /** The selected span (the caret starts at its end when there is no caret yet). */
  selected: Span | null;
  snapping: boolean;
  /** Whether Alt was held when the mouse selection was made: it turns snapping off once. */
  altSelection: RefObject<boolean>;
  caret: Caret;
  setCaret: Dispatch<SetStateAction<Caret>>;
  pointedSuggestion: string | null;
}

/**
 * The article view's imperative handle (what commands do to the article: read and clear the
 * selection, move the caret, scroll), and keeping the caret in view as the keys move it.
 */
export function useArticleHandle(ref: ForwardedRef<ArticleViewHandle>, parts: ArticleHandleParts): void {
  const { editor, scrollRef, article, selected, snapping, altSelection, caret, setCaret, pointedSuggestion } = parts;
  /** Set when a key moves the caret, which is then scrolled into view. */
  const movedByKey = useRef(false);

  // Keep the caret in view as the keys move it (only then: measuring forces a layout).
  useEffect(() => {
    if (!movedByKey.current) return;
    movedByKey.current = false;
    scrollRef.current?.querySelector('.nm-caret')?.scrollIntoView({ block: 'nearest' });
  }, [caret]);

  /** Brings the line holding `offset` to the middle of the article's scroller; false before the editor is there. */
  const scrollToOffset = (offset: number): boolean => {
    const scroller = scrollRef.current;
    // By position, not by its highlight element: a long article draws only what is near the screen.
    const line = editor?.lineAt(offset);
    if (!line || !scroller) return false;
    const box = scroller.getBoundingClientRect();
    scroller.scrollTop += (line.top + line.bottom) / 2 - (box.top + box.height / 2);
    return true;
  };

  const caretRange = (): TextRange | null => (caret && caret.anchor !== caret.head ? { start: Math.min(caret.anchor, caret.head), end: Math.max(caret.anchor, caret.head) } : null);

  useImperativeHandle(
    ref,
    () => ({
      readSelection() {
        const mouse = editor?.pageSelection() ?? null;
        if (mouse) return snapping && !altSelection.current ? snapToWords(article.text, mouse.start, mouse.end) : mouse;
        return caretRange();
      },
      hasSelection() {
        return (editor?.pageSelection() ?? null) !== null || caretRange() !== null;
      },
      clearSelection() {
        // ProseMirror holds no selection of the read-only article (see readOnlySelection.ts): only the page's and the caret's.
        window.getSelection()?.removeAllRanges();
        setCaret((current) => (current && current.anchor !== current.head ? { anchor: current.head, head: current.head } : current));
      },
      scrollToSpan(spanId) {
        const span = article.spans.find((candidate) => candidate.id === spanId);
        if (span) scrollToOffset(span.start);
      },
      showRange({ start, end }, select) {
        if (!scrollToOffset(start)) return false;
        if (select) {
          window.getSelection()?.removeAllRanges();
          setCaret({ anchor: start, head: end });
        }
        return true;
      },
      moveCaret(unit, direction, extend) {
        movedByKey.current = true;
        window.getSelection()?.removeAllRanges();
        setCaret((current) => {
          const from = current?.head ?? (selected ? selected.end : 0);
          const head = nextBoundary(article.text, from, unit, direction);
          return { anchor: extend ? (current?.anchor ?? from) : head, head };
        });
      },
      placeCaret(offset) {
        setCaret({ anchor: offset, head: offset });
      },
      caretOffset() {
        return editor?.pageSelection()?.start ?? (caret ? Math.min(caret.anchor, caret.head) : null);
      },
      pointedSuggestion: () => pointedSuggestion,
      focus() {
        scrollRef.current?.focus({ preventScroll: true });
      },
    }),
    [editor, snapping, article.text, article.spans, selected, caret, pointedSuggestion],
  );
}
