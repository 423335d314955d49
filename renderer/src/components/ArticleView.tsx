import { forwardRef, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LabelDefinition, NewsDocument, Span } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { ArticleEditor } from '../editor/articleEditor';
import { dragHandle } from '../editor/handleDrag';
import { drawConnectors, linkedIds, markLinked, spanIdsUnder, type Connector } from '../editor/linkConnectors';
import type { SelectionAids } from '../editor/selectionAids';
import { labelClass } from '../ui/labelStyles';
import { useArticleHandle, type ArticleViewHandle } from '../ui/useArticleHandle';
import { useSuggestionLayer } from '../ui/useSuggestionLayer';
import { useWorkbench } from '../session/workbench';
import { SuggestionCard } from './SuggestionCard';

export type { ArticleViewHandle } from '../ui/useArticleHandle';

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

/**
 * The article, read-only, in an article editor (editor/articleEditor.ts) created when this
 * mounts and destroyed when it unmounts (the parent keys this component by document id). This
 * component holds the small UI state (caret, hover, a handle being dragged) and turns it and
 * the spans into one drawing per change; the editor does the rest.
 */
export const ArticleView = forwardRef<ArticleViewHandle, ArticleViewProps>(function ArticleView(
  { document: article, labels, selectedSpanId, snapToWords: snapping, linkSourceId, onSelectSpan, onPickLinkTarget, onResizeSpan },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const mountRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<ArticleEditor | null>(null);
  const [hover, setHover] = useState<HoverCard | null>(null);
  // Link mode's banner comes over the article: the label card goes until the pointer moves again.
  useEffect(() => setHover(null), [linkSourceId]);
  const [hoveredSpanId, setHoveredSpanId] = useState<string | null>(null);
  const [caret, setCaret] = useState<SelectionAids['caret']>(null);
  const [preview, setPreview] = useState<TextRange | null>(null);
  const [connectors, setConnectors] = useState<Connector[]>([]);
  /** Whether `connectors` holds any (the last list set): the effect below reads it without depending on it. */
  const connectorsShown = useRef(false);
  const hoverFrame = useRef<number | null>(null);
  /** Whether Alt was held when the mouse selection was made: it turns snapping off once. */
  const altSelection = useRef(false);
  /** Set while a handle is dragged, so the click that ends the drag does not select anything. */
  const dragging = useRef(false);
  const labelNames = useMemo(() => labels.map((label) => label.name), [labels]);
  const suggestionUi = useSuggestionLayer(editor, article.id, labelNames, caret ? Math.min(caret.anchor, caret.head) : null);
  const selected = article.spans.find((span) => span.id === selectedSpanId) ?? null;
  const workbench = useWorkbench();

  useLayoutEffect(() => {
    const created = new ArticleEditor(mountRef.current!, scrollRef.current!, article.text, { spans: article.spans, labels: labelNames, selectedId: selectedSpanId });
    setEditor(created);
    return () => created.destroy();
    // One editor per article (the parent keys this component by document id; the text never changes).
  }, [article.id]);

  // Everything the article shows over its text, in one transaction, before the next paint.
  const handles = selected && !linkSourceId ? selected : null;
  const handleStart = handles?.start;
  const handleEnd = handles?.end;
  useLayoutEffect(() => {
    if (!editor?.alive) return;
    editor.draw({
      highlights: { spans: article.spans, labels: labelNames, selectedId: selectedSpanId },
      aids: { caret, preview, handles: handleStart !== undefined && handleEnd !== undefined ? { start: handleStart, end: handleEnd } : null },
    });
  }, [editor, article.spans, labelNames, selectedSpanId, caret, preview, handleStart, handleEnd]);

  // The ends linked to the hovered (else the selected) span are marked, and a connector drawn.
  const focusId = hoveredSpanId ?? selectedSpanId;
  const linked = useMemo(() => linkedIds(article, focusId), [article, focusId]);
  useEffect(() => {
    const root = editor?.alive ? editor.editor.view.dom : null;
    const scroller = scrollRef.current;
    // No connectors drawn and none to draw: no state update at all. A state update in an effect,
    // even to the same empty list, re-renders the article once more per labelling.
    const clear = () => {
      if (connectorsShown.current) setConnectors([]);
      connectorsShown.current = false;
    };
    if (!root || !scroller || !focusId || linked.length === 0) {
      clear();
      return;
    }
    const unmark = markLinked(root, linked);
    const drawn = drawConnectors(root, scroller, focusId, linked);
    if (drawn.length === 0) clear();
    else {
      connectorsShown.current = true;
      setConnectors(drawn);
    }
    return unmark;
  }, [editor, focusId, linked, article.spans]);

  useArticleHandle(ref, { editor, scrollRef, article, selected, snapping, altSelection, caret, setCaret, pointedSuggestion: suggestionUi.clicked?.key ?? null });

  /** The spans under an element of the article, innermost (shortest) first. */
  const spansUnder = (target: EventTarget | null): Span[] => {
    const ids = spanIdsUnder(target);
    if (ids.size === 0) return [];
    return article.spans.filter((span) => ids.has(span.id)).sort((a, b) => a.end - a.start - (b.end - b.start));
  };

  const handleClick = (event: React.MouseEvent) => {
    if (dragging.current) {
      dragging.current = false;
      return;
    }
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (!linkSourceId) suggestionUi.click(event);
    const covering = spansUnder(event.target);
    if (linkSourceId) {
      const target = covering.find((span) => span.id !== linkSourceId);
      if (target) onPickLinkTarget(target.id);
      return;
    }
    const offset = editor?.offsetAt(event.clientX, event.clientY) ?? null;
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
    // A drag that selects text points at no suggestion (nor does a move whose frame comes after
    // the button went down): the layer waits while text is selected (ArticleEditor.drawSuggestions),
    // and marking what the drag passes over would only be redrawn once the selection is labelled.
    const selecting = (event.buttons & 1) === 1;
    if (hoverFrame.current !== null) cancelAnimationFrame(hoverFrame.current);
    hoverFrame.current = requestAnimationFrame(() => {
      hoverFrame.current = null;
      const covering = spansUnder(target);
      setHover(covering.length > 0 ? { x: clientX, y: clientY, labels: covering.map((span) => span.label) } : null);
      setHoveredSpanId(covering[0]?.id ?? null);
      if (!selecting && !editor?.pointerDown) suggestionUi.hover(target);
    });
  };

  /** Dragging one of the selected span's handles moves that end; Alt turns snapping off. */
  const handleMouseDown = (event: React.MouseEvent) => {
    altSelection.current = event.altKey;
    const side = event.target instanceof HTMLElement ? event.target.dataset.handle : undefined;
    if (!editor || !selected || (side !== 'start' && side !== 'end')) return;
    event.preventDefault();
    dragging.current = true;
    dragHandle({
      editor,
      span: selected,
      side,
      snapping,
      onPreview: setPreview,
      onEnd: (range) => {
        // The click that follows this mouse-up (if any) comes before the next task.
        setTimeout(() => (dragging.current = false), 0);
        if (range) onResizeSpan(selected.id, range);
      },
    });
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
        suggestionUi.hover(null);
      }}
    >
      <div ref={mountRef} />
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
      {suggestionUi.clicked && (
        <SuggestionCard
          text={article.text}
          suggestions={suggestionUi.suggestions}
          clicked={suggestionUi.clicked}
          labels={labels}
          onAccept={() => workbench.runCommand('acceptSuggestion')}
          onAcceptLink={(linkKey) => workbench.suggestions.accept(article.id, linkKey)}
          onReject={() => workbench.runCommand('rejectSuggestion')}
        />
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
