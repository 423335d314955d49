import { useCallback, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { Suggestions } from '../../../shared/suggestions/suggest';
import type { ArticleEditor } from '../editor/articleEditor';
import { suggestionKeyUnder } from '../editor/suggestionLayer';
import { useWorkbench } from '../session/workbench';

const NONE: Suggestions = { spans: [], links: [] };

/** The suggestion clicked in the article, and where, for its accept/reject control. */
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
  dismiss(): void;
}

/**
 * The article's suggestion layer from the view's side: fetches the article's suggestions after
 * its first paint (never before it), draws the open ones through the editor, and keeps the
 * small UI state of the layer — the suggestion hovered and the one clicked; the one hovered
 * (else clicked) is drawn active, with the ends suggested as linked to it.
 */
export function useSuggestionLayer(editor: ArticleEditor | null, documentId: string, labels: readonly string[]): SuggestionLayerUi {
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

  // The control stays where it was clicked: scrolling the article puts it away.
  useEffect(() => {
    const scroller = clicked && editor?.alive ? editor.editor.view.dom.closest('.article-scroll') : null;
    if (!scroller) return;
    const close = () => setClicked(null);
    scroller.addEventListener('scroll', close, { once: true });
    return () => scroller.removeEventListener('scroll', close);
  }, [clicked, editor]);

  // A suggestion accepted, rejected or covered by a new span is no longer hovered or clicked.
  const present = (key: string | null) => key !== null && suggestions.spans.some((span) => span.key === key);
  const hoveredKey = present(hovered) ? hovered : null;
  const clickedNow = clicked && present(clicked.key) ? clicked : null;
  const activeKey = hoveredKey ?? clickedNow?.key ?? null;

  useLayoutEffect(() => {
    if (editor?.alive) editor.drawSuggestions({ suggestions, labels, activeKey });
  }, [editor, suggestions, labels, activeKey]);

  return {
    suggestions,
    clicked: clickedNow,
    click: ({ target, clientX, clientY }) => {
      const key = suggestionKeyUnder(target);
      setClicked(key ? { key, x: clientX, y: clientY } : null);
    },
    hover: (target) => setHovered(suggestionKeyUnder(target)),
    dismiss: () => setClicked(null),
  };
}
