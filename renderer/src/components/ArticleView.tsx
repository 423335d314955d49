import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import type { LabelDefinition, NewsDocument, Span } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { nextBoundary, snapToWords, type CaretUnit } from '../../../shared/textBoundaries';
import { FindHighlights } from '../editor/findHighlights';
import { SelectionAidsExtension, type SelectionAids } from '../editor/selectionAids';
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
  focus(): void;
}

interface ArticleViewProps {
  document: NewsDocument;
  labels: readonly LabelDefinition[];
  selectedSpanId: string | null;
  snapToWords: boolean;
  /** In link mode the span being linked; a click then picks the other end instead of selecting. */
  linkSourceId: string | null;
  onSelectSpan(spanId: string | null): void;
  onPickLinkTarget(spanId: string): void;
  onResizeSpan(spanId: string, range: TextRange): void;
}

interface HoverCard {
  x: number;
  y: number;
  labels: string[];
}

interface Connector {
  key: string;
  path: string;
}

/** The spans linked to `spanId`, either way round. */
function linkedIds(article: NewsDocument, spanId: string | null): string[] {
  if (!spanId) return [];
  return article.relations.flatMap((relation) => (relation.headId === spanId ? [relation.childId] : relation.childId === spanId ? [relation.headId] : []));
}

/**
 * The article, read-only, in a TipTap editor made once per article (the parent keys this
 * component by document id). Text goes in as text nodes, never as HTML; spans are drawn by the
 * SpanHighlights extension from text offsets, the caret and handles by SelectionAids.
 */
export const ArticleView = forwardRef<ArticleViewHandle, ArticleViewProps>(function ArticleView(
  { document: article, labels, selectedSpanId, snapToWords: snapping, linkSourceId, onSelectSpan, onPickLinkTarget, onResizeSpan },
  ref,
) {
  const positions = useMemo(() => new TextPositionMap(article.text), [article.text]);
  /** A long article draws (and lays out) only what is near the screen. */
  const long = article.text.length > DRAW_ALL_UP_TO;
  const editor = useEditor(
    {
      extensions: [Document, Paragraph, Text, SpanHighlights, SelectionAidsExtension, FindHighlights],
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
  const [hoveredSpanId, setHoveredSpanId] = useState<string | null>(null);
  const [caret, setCaret] = useState<SelectionAids['caret']>(null);
  const [preview, setPreview] = useState<TextRange | null>(null);
  const [connectors, setConnectors] = useState<Connector[]>([]);
  const hoverFrame = useRef<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Whether Alt was held when the mouse selection was made: it turns snapping off once. */
  const altSelection = useRef(false);
  /** Set while a handle is dragged, so the click that ends the drag does not select anything. */
  const dragging = useRef(false);
  /** Set when a key moves the caret, which is then scrolled into view. */
  const caretMovedByKey = useRef(false);
  const labelNames = useMemo(() => labels.map((label) => label.name), [labels]);
  const selected = article.spans.find((span) => span.id === selectedSpanId) ?? null;

  // A long article draws only the spans near what is on screen. The first drawing says what that
  // is; later ones keep the window the plugin holds, which scrolling and resizing move (below).
  // Measuring on every change would force a layout of the whole article per labelling.
  const windowShown = useRef(false);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!editor || editor.isDestroyed || !scroller) return;
    const visible = long && !windowShown.current ? visibleTextRange(editor.view, scroller, positions) : null;
    if (visible) windowShown.current = true;
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

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.commands.setSelectionAids({ caret, preview, handles: selected && !linkSourceId ? { start: selected.start, end: selected.end } : null });
  }, [editor, caret, preview, selected, linkSourceId]);

  // The ends linked to the hovered (else the selected) span are marked, and a connector drawn.
  const focusId = hoveredSpanId ?? selectedSpanId;
  const linked = useMemo(() => linkedIds(article, focusId), [article, focusId]);
  useLayoutEffect(() => {
    const root = editor?.view.dom;
    // An unchanged empty list keeps its identity: no second render of the article per change.
    const none = (current: Connector[]) => (current.length === 0 ? current : []);
    if (!root || !focusId) {
      setConnectors(none);
      return;
    }
    const marked = linked.flatMap((id) => [...root.querySelectorAll<HTMLElement>(`.nm-hl[data-span-id="${CSS.escape(id)}"]`)]);
    for (const element of marked) element.classList.add('nm-linked');
    const drawn = drawConnectors(root, scrollRef.current, focusId, linked);
    setConnectors(drawn.length === 0 ? none : drawn);
    return () => {
      for (const element of marked) element.classList.remove('nm-linked');
    };
  }, [editor, focusId, linked, article.spans]);

  const caretRange = (): TextRange | null => (caret && caret.anchor !== caret.head ? { start: Math.min(caret.anchor, caret.head), end: Math.max(caret.anchor, caret.head) } : null);

  const domSelection = (): TextRange | null => {
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
  };

  useImperativeHandle(
    ref,
    () => ({
      readSelection() {
        const mouse = domSelection();
        if (mouse) return snapping && !altSelection.current ? snapToWords(article.text, mouse.start, mouse.end) : mouse;
        return caretRange();
      },
      hasSelection() {
        return domSelection() !== null || caretRange() !== null;
      },
      clearSelection() {
        // ProseMirror keeps the last selection in its state and would draw it again on the
        // next update; collapse it there too.
        if (editor && !editor.isDestroyed) {
          const { state } = editor.view;
          editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
        }
        window.getSelection()?.removeAllRanges();
        setCaret((current) => (current ? { anchor: current.head, head: current.head } : null));
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
      moveCaret(unit, direction, extend) {
        caretMovedByKey.current = true;
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
      focus() {
        scrollRef.current?.focus({ preventScroll: true });
      },
    }),
    [editor, positions, snapping, article.text, article.spans, selected, caret],
  );

  // Keep the caret in view as the keys move it (only then: measuring forces a layout of the article).
  useEffect(() => {
    if (!caretMovedByKey.current) return;
    caretMovedByKey.current = false;
    scrollRef.current?.querySelector('.nm-caret')?.scrollIntoView({ block: 'nearest' });
  }, [caret]);

  /**
   * The spans under an element of the article, innermost (shortest) first. ProseMirror nests
   * the highlight elements of every span that covers a piece of text around that text, so the
   * element's highlight ancestors are exactly the spans at that point.
   */
  const spansUnder = (target: EventTarget | null): Span[] => {
    const ids = new Set<string>();
    for (let element = target instanceof Element ? target.closest<HTMLElement>('.nm-hl') : null; element; element = element.parentElement?.closest<HTMLElement>('.nm-hl') ?? null) {
      if (element.dataset.spanId) ids.add(element.dataset.spanId);
    }
    return article.spans.filter((span) => ids.has(span.id)).sort((a, b) => a.end - a.start - (b.end - b.start));
  };

  const offsetAt = (x: number, y: number): number | null => {
    if (!editor || editor.isDestroyed) return null;
    const found = editor.view.posAtCoords({ left: x, top: y });
    return found ? positions.toOffset(found.pos) : null;
  };

  const handleClick = (event: React.MouseEvent) => {
    if (dragging.current) {
      dragging.current = false;
      return;
    }
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const covering = spansUnder(event.target);
    if (linkSourceId) {
      const target = covering.find((span) => span.id !== linkSourceId);
      if (target) onPickLinkTarget(target.id);
      return;
    }
    const offset = offsetAt(event.clientX, event.clientY);
    if (offset !== null) setCaret({ anchor: offset, head: offset });
    // Clicking again at the same point moves outwards through the spans there.
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
      setHoveredSpanId(covering[0]?.id ?? null);
    });
  };

  /** Dragging one of the selected span's handles moves that end; Alt turns snapping off. */
  const handleMouseDown = (event: React.MouseEvent) => {
    altSelection.current = event.altKey;
    const side = event.target instanceof HTMLElement ? event.target.dataset.handle : undefined;
    if (!selected || (side !== 'start' && side !== 'end')) return;
    event.preventDefault();
    dragging.current = true;
    const span = selected;
    const rangeAt = (moveEvent: MouseEvent): TextRange | null => {
      const offset = offsetAt(moveEvent.clientX, moveEvent.clientY);
      if (offset === null) return null;
      const [start, end] = side === 'start' ? [offset, span.end] : [span.start, offset];
      const ordered = { start: Math.min(start, end), end: Math.max(start, end) };
      return snapping && !moveEvent.altKey ? snapToWords(article.text, ordered.start, ordered.end) : ordered;
    };
    const onMove = (moveEvent: MouseEvent) => setPreview(rangeAt(moveEvent));
    const onUp = (upEvent: MouseEvent) => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      setPreview(null);
      // The click that follows this mouse-up (if any) comes before the next task.
      setTimeout(() => (dragging.current = false), 0);
      const range = rangeAt(upEvent);
      if (range) onResizeSpan(span.id, range);
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  return (
    <div
      ref={scrollRef}
      className={`article-scroll${linkSourceId ? ' linking' : ''}`}
      tabIndex={0}
      aria-label="Article: arrows move the caret, Shift extends, a label key labels, Tab goes to the next span"
      onClick={handleClick}
      onMouseDown={handleMouseDown}
      onMouseUp={(event) => (altSelection.current = event.altKey || altSelection.current)}
      onMouseMove={handleMouseMove}
      onMouseLeave={() => {
        setHover(null);
        setHoveredSpanId(null);
      }}
    >
      <EditorContent editor={editor} />
      {connectors.length > 0 && (
        <svg className="link-layer" aria-hidden="true">
          <defs>
            <marker id="link-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          </defs>
          {connectors.map((connector) => (
            <path key={connector.key} className="link-connector" d={connector.path} markerEnd="url(#link-arrow)" />
          ))}
        </svg>
      )}
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

/** Curves from the focused span to each span linked to it, in the scroller's content coordinates. */
function drawConnectors(root: HTMLElement, scroller: HTMLElement | null, fromId: string, toIds: readonly string[]): Connector[] {
  if (!scroller || toIds.length === 0) return [];
  const origin = scroller.getBoundingClientRect();
  const anchor = (id: string) => {
    const rect = root.querySelector(`.nm-hl[data-span-id="${CSS.escape(id)}"]`)?.getClientRects()[0];
    return rect ? { x: rect.left - origin.left + scroller.scrollLeft + Math.min(rect.width / 2, 24), y: rect.top - origin.top + scroller.scrollTop } : null;
  };
  const from = anchor(fromId);
  if (!from) return [];
  return toIds.flatMap((id) => {
    const to = anchor(id);
    if (!to) return [];
    const lift = Math.max(18, Math.min(60, Math.abs(to.x - from.x) / 4 + Math.abs(to.y - from.y) / 6));
    const top = Math.min(from.y, to.y) - lift;
    return [{ key: `${fromId}-${id}`, path: `M ${from.x} ${from.y} C ${from.x} ${top}, ${to.x} ${top}, ${to.x} ${to.y}` }];
  });
}
