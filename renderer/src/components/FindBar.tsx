import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { MAX_FIND_MATCHES, findStateOf, getFindTarget, subscribeToFindTarget } from '../editor/findHighlights';
import { useWorkbench } from '../session/workbench';

function isFindKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
}

/** A key that types a character (not a shortcut, not a named key such as Enter or Escape). */
function isTypedCharacter(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** Scrolls the current match into view. */
function revealActiveMatch(editor: Editor): void {
  editor.view.dom.querySelector('.nm-find-active')?.scrollIntoView({ block: 'center', behavior: 'auto' });
}

/**
 * Follows the find state of the article editor (the match count and the current match) while
 * the bar is open; other transactions (a labelling, scrolling) do not render the bar again.
 */
function useFindState(editor: Editor | null, open: boolean) {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!editor || !open) return;
    let shown = findStateOf(editor);
    const onTransaction = () => {
      const next = findStateOf(editor);
      if (next === shown) return;
      shown = next;
      setVersion((version) => version + 1);
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor, open]);
  return editor && !editor.isDestroyed ? findStateOf(editor) : null;
}

/**
 * Find in the article: Ctrl/Cmd+F opens a bar above it; every match is marked (see
 * findHighlights.ts), Enter and Shift+Enter go to the next and previous one, Escape closes the
 * bar and gives focus back to where it was.
 */
export function FindBar() {
  const editor = useSyncExternalStore(subscribeToFindTarget, getFindTarget);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const state = useFindState(editor, open);
  const workbench = useWorkbench();

  useEffect(() => {
    // Letters typed after the find key but before the field has focus (the bar may still be
    // opening) belong to the field, not to the window's keys (s, a, d…): held here, in order.
    let typedAhead: string | null = null;
    const holdTypedAhead = (event: KeyboardEvent) => {
      if (typedAhead === null || document.activeElement === input.current || !isTypedCharacter(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      typedAhead += event.key;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isFindKey(event)) return;
      // The browser's own find cannot see the article's marks or reach the other articles.
      event.preventDefault();
      if (!input.current || document.activeElement !== input.current) {
        returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      }
      setOpen(true);
      typedAhead ??= '';
      // Focus once the bar is drawn (it may be opening now).
      requestAnimationFrame(() => {
        const field = input.current;
        const ahead = typedAhead ?? '';
        typedAhead = null;
        if (!field) return;
        field.focus();
        if (ahead === '') return field.select();
        // Typed over the previous query, as if the field had had focus (and its text selected).
        field.value = ahead;
        setQuery(ahead);
      });
    };
    window.addEventListener('keydown', holdTypedAhead, { capture: true });
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', holdTypedAhead, { capture: true });
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  // Find again in each article that opens while the bar is open; clear the marks when it closes.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.commands.setFindQuery(open ? query : '');
    if (!open) return;
    // The first match at or after the caret (round to the first), not always the article's first.
    const caret = workbench.article.current?.caretOffset() ?? null;
    const matches = findStateOf(editor).matches;
    const fromCaret = caret === null ? -1 : matches.findIndex((match) => match.start >= caret);
    if (fromCaret > 0) editor.commands.setActiveFindMatch(fromCaret);
    revealActiveMatch(editor);
  }, [editor, open, query]);

  const step = useCallback(
    (by: 1 | -1) => {
      if (!editor || editor.isDestroyed || !state || state.matches.length === 0) return;
      editor.commands.setActiveFindMatch(state.active + by);
      revealActiveMatch(editor);
    },
    [editor, state],
  );

  const close = () => {
    setOpen(false);
    const back = returnFocusTo.current;
    returnFocusTo.current = null;
    if (back && back.isConnected) back.focus();
    else editor?.view.dom.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    // The window's keys (Escape deselects, Enter …) are not meant for the find bar's.
    event.stopPropagation();
  };

  if (!open) return null;
  const count = state?.matches.length ?? 0;
  const position = query.trim() === '' ? '' : count === 0 ? 'No matches' : `${state!.active + 1} of ${count}${count >= MAX_FIND_MATCHES ? '+' : ''}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in the article">
      <input
        ref={input}
        type="search"
        className="find-input"
        aria-label="Find in the article"
        placeholder="Find in the article"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" role="status" aria-live="polite">
        {position}
      </span>
      <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={count === 0} onClick={() => step(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" title="Next match (Enter)" disabled={count === 0} onClick={() => step(1)}>
        ↓
      </button>
      <button type="button" aria-label="Close find" title="Close (Escape)" onClick={close}>
        ×
      </button>
    </div>
  );
}
