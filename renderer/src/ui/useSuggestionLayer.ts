import { useCallback, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { suggestionAt } from '../../../shared/suggestions/acceptSuggestion';
import type { Suggestions } from '../../../shared/suggestions/suggest';
import type { ArticleEditor } from '../editor/articleEditor';
import { suggestionKeyUnder } from '../editor/suggestionLayer';
import { useWorkbench } from '../session/workbench';

const NONE: Suggestions = { spans: [], links: [] };
/** The accept/reject control's widest (components/suggestions.css: max-width plus padding). */
const CARD_WIDTH = 470;

/** The suggestion clicked in the article, and where (in the scroller's content coordinates, so its control scrolls with the text). */
export interface ClickedSuggestion {
  key: string;
  x: number;
  y: number;
}

export interface SuggestionLayerUi {
  /** The open suggestions of the article (none until fetched). */
  suggestions: Suggestions;
  clicked: ClickedSuggestion | null;
  /** A click in the article: the suggestion under it becomes the clicked one (none: none). */
  click(event: { target: EventTarget | null; clientX: number; clientY: number }): void;
  /** The pointer over an element of the article (null: it left). */
  hover(target: EventTarget | null): void;
}

/**
 * The article's suggestion layer from the view's side: fetches the article's suggestions after
 * its first paint (never before it), draws the open ones through the editor, and keeps the
 * small UI state of the layer — the suggestion hovered and the one clicked. The one hovered,
 * else clicked, else under the keyboard caret (`caret`, a text offset; the one `a` would take)
 * is drawn active, with the ends suggested as linked to it.
 */
export function useSuggestionLayer(editor: ArticleEditor | null, documentId: string, labels: readonly string[], caret: number | null): SuggestionLayerUi {
  const { suggestions: client } = useWorkbench();
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  const suggestions = useSyncExternalStore(subscribe, () => client.get(documentId)) ?? NONE;
  const [hovered, setHovered] = useState<string | null>(null);
  const [clicked, setClicked] = useState<ClickedSuggestion | null>(null);

  useEffect(() => {
    // A frame, then a task: the request goes out after the article's first paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => void client.load(documentId), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [client, documentId]);

  // Escape puts the control away.
  useEffect(() => {
    if (!clicked) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setClicked(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clicked]);

  // A suggestion accepted, rejected or covered by a new span is no longer hovered or clicked.
  const present = (key: string | null) => key !== null && suggestions.spans.some((span) => span.key === key);
  const hoveredKey = present(hovered) ? hovered : null;
  const clickedNow = clicked && present(clicked.key) ? clicked : null;
  // Gone is gone: an accepted suggestion that an undo brings back does not bring its control back.
  useEffect(() => {
    if (clicked && !clickedNow) setClicked(null);
  }, [clicked, clickedNow]);
  const activeKey = hoveredKey ?? clickedNow?.key ?? (caret === null ? null : (suggestionAt(suggestions, caret)?.key ?? null));

  useLayoutEffect(() => {
    if (editor?.alive) editor.drawSuggestions({ suggestions, labels, activeKey });
  }, [editor, suggestions, labels, activeKey]);

  return {
    suggestions,
    clicked: clickedNow,
    click: ({ target, clientX, clientY }) => {
      const key = suggestionKeyUnder(target);
      const scroller = editor?.alive ? editor.editor.view.dom.closest('.article-scroll') : null;
      if (!key || !scroller) return setClicked(null);
      const box = scroller.getBoundingClientRect();
      // Kept inside the scroller's width (the control is at most CARD_WIDTH wide).
      const x = Math.max(0, Math.min(clientX - box.left + scroller.scrollLeft, scroller.scrollWidth - CARD_WIDTH));
      setClicked({ key, x, y: clientY - box.top + scroller.scrollTop });
    },
    hover: (target) => setHovered(suggestionKeyUnder(target)),
  };
}
