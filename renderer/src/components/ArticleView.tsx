import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import type { LabelDefinition, NewsDocument } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { DRAW_ALL_UP_TO, SpanHighlights } from '../editor/spanHighlights';
import { labelClass } from './labelStyles';

/**
 * The text offsets shown inside `scroller` (from its top-left to its bottom-right corner), or
 * null when the editor has no text there.
 */
function visibleTextRange(view: EditorView, scroller: HTMLElement, positions: TextPositionMap): TextRange | null {
  const box = view.dom.getBoundingClientRect();
  const viewport = scroller.getBoundingClientRect();
  const top = view.posAtCoords({ left: box.left + 1, top: Math.max(box.top, viewport.top) + 1 });
  const bottom = view.posAtCoords({ left: box.right - 1, top: Math.min(box.bottom, viewport.bottom) - 1 });
  if (!top || !bottom) return null;
  const start = positions.toOffset(top.pos);
  const end = positions.toOffset(bottom.pos);
  return start <= end ? { start, end } : null;
}

export interface ArticleViewHandle {
  /** The user's text selection in the article as text offsets, or null when there is none. */
  readSelection(): TextRange | null;
  clearSelection(): void;
  scrollToSpan(spanId: string): void;
}

interface ArticleViewProps {
  document: NewsDocument;
  labels: readonly LabelDefinition[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string | null): void;
}

interface HoverCard {
  x: number;
  y: number;
  labels: string[];
}

/**
 * The article, read-only, in a TipTap editor made once per article (the parent keys this
 * component by document id). Text goes in as text nodes, never as HTML; spans are drawn by the
 * SpanHighlights extension from text offsets.
 */
export const ArticleView = forwardRef<ArticleViewHandle, ArticleViewProps>(function ArticleView(
  { document: article, labels, selectedSpanId, onSelectSpan },
  ref,
) {
  const positions = useMemo(() => new TextPositionMap(article.text), [article.text]);
  /** A long article draws (and lays out) only what is near the screen. */
  const long = article.text.length > DRAW_ALL_UP_TO;
  const editor = useEditor(
    {
      extensions: [Document, Paragraph, Text, SpanHighlights],
      content: toEditorDocument(article.text),
      editable: false,
      injectCSS: false,
      immediatelyRender: true,
      editorProps: {
        // A long article lays out only the paragraphs near the screen (styles.css: .long-article).
        attributes: { class: long ? 'article-text long-article' : 'article-text', 'aria-label': 'Article text', role: 'document' },
      },
    },
    [article.id],
  );
  const [hover, setHover] = useState<HoverCard | null>(null);
  const hoverFrame = useRef<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const labelNames = useMemo(() => labels.map((label) => label.name), [labels]);

  // A long article draws only the spans near what is on screen, so every update says what that is.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!editor || editor.isDestroyed || !scroller) return;
    const visible = long ? visibleTextRange(editor.view, scroller, positions) : null;
    const update = editor.chain().setHighlights({ spans: article.spans, labels: labelNames, selectedId: selectedSpanId });
    (visible ? update.showVisibleRange(visible) : update).run();
  }, [editor, long, positions, article.spans, labelNames, selectedSpanId]);

  // And so does scrolling, resizing, and paragraphs taking their real height as they are first
  // laid out (which moves the text without a scroll event); at most once a frame.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!long || !editor || editor.isDestroyed || !scroller) return;
    let frame: number | null = null;
    const report = () => {
      frame = null;
      if (editor.isDestroyed) return;
      const visible = visibleTextRange(editor.view, scroller, positions);
      if (visible) editor.commands.showVisibleRange(visible);
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(report);
    };
    const resizes = new ResizeObserver(schedule);
    resizes.observe(editor.view.dom);
    resizes.observe(scroller);
    scroller.addEventListener('scroll', schedule, { passive: true });
    return () => {
      resizes.disconnect();
      scroller.removeEventListener('scroll', schedule);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [editor, long, positions]);

  useImperativeHandle(
    ref,
    () => ({
      readSelection() {
        if (!editor || editor.isDestroyed) return null;
        const selection = window.getSelection();
        if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
        const range = selection.getRangeAt(0);
        const view = editor.view;
        if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
        try {
          const start = positions.toOffset(view.posAtDOM(range.startContainer, range.startOffset));
          const end = positions.toOffset(view.posAtDOM(range.endContainer, range.endOffset));
          return start < end ? { start, end } : null;
        } catch {
          // posAtDOM throws for DOM points ProseMirror does not own (a widget's inside, say).
          return null;
        }
      },
      clearSelection() {
        // ProseMirror keeps the last selection in its state and would draw it again on the
        // next update; collapse it there too.
        if (editor && !editor.isDestroyed) {
          const { state } = editor.view;
          editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
        }
        window.getSelection()?.removeAllRanges();
      },
      scrollToSpan(spanId) {
        const span = article.spans.find((candidate) => candidate.id === spanId);
        const scroller = scrollRef.current;
        if (!editor || editor.isDestroyed || !span || !scroller) return;
        // By position, not by its highlight element: a long article draws only what is near the screen.
        const { top, bottom } = editor.view.coordsAtPos(positions.toPosition(span.start));
        const box = scroller.getBoundingClientRect();
        scroller.scrollTop += (top + bottom) / 2 - (box.top + box.height / 2);
      },
    }),
    [editor, positions, article.spans],
  );

  /**
   * The spans under an element of the article, innermost (shortest) first. ProseMirror nests
   * the highlight elements of every span that covers a piece of text around that text, so the
   * element's highlight ancestors are exactly the spans at that point.
   */
  const spansUnder = (target: EventTarget | null) => {
    const ids = new Set<string>();
    for (let element = target instanceof Element ? target.closest<HTMLElement>('.nm-hl') : null; element; element = element.parentElement?.closest<HTMLElement>('.nm-hl') ?? null) {
      if (element.dataset.spanId) ids.add(element.dataset.spanId);
    }
    return article.spans.filter((span) => ids.has(span.id)).sort((a, b) => a.end - a.start - (b.end - b.start));
  };

  const handleClick = (event: React.MouseEvent) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    // Clicking again at the same point moves outwards through the spans there.
    const covering = spansUnder(event.target);
    if (covering.length === 0) {
      onSelectSpan(null);
      return;
    }
    const current = covering.findIndex((span) => span.id === selectedSpanId);
    onSelectSpan(covering[(current + 1) % covering.length]!.id);
  };

  const handleMouseMove = (event: React.MouseEvent) => {
    const { clientX, clientY, target } = event;
    if (hoverFrame.current !== null) cancelAnimationFrame(hoverFrame.current);
    hoverFrame.current = requestAnimationFrame(() => {
      hoverFrame.current = null;
      const covering = spansUnder(target);
      setHover(covering.length > 0 ? { x: clientX, y: clientY, labels: covering.map((span) => span.label) } : null);
    });
  };

  return (
    <div ref={scrollRef} className="article-scroll" onClick={handleClick} onMouseMove={handleMouseMove} onMouseLeave={() => setHover(null)}>
      <EditorContent editor={editor} />
      {hover && (
        <div className="hover-card" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 16 }}>
          {hover.labels.map((label, index) => (
            <span key={`${label}-${index}`} className={`hover-label ${labelClass(labels, label)}`}>
              {label}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
