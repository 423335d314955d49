import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useWorkbench } from '../../session/workbench';
import type { ReviewItem, ReviewSession } from '../../session/reviewSession';
import { ComparisonPicker } from '../agreement/ComparisonPicker';
import { disagreementRange, KIND_NAMES, sideText } from '../agreement/disagreementText';
import { openPassage } from '../openPassage';
import { useComparison } from '../agreement/useComparison';
import { reviewSessionFor } from './reviewSessionFor';
import '../agreement/agreement.css';

/**
 * Review mode: every disagreement between your articles and the compared export, each settled
 * by keeping yours (m), taking theirs (t) or editing it in the article. ↑/↓ move in the list,
 * Ctrl+Z / Ctrl+Shift+Z undo and redo the choices, here and with the buttons.
 */
export function ReviewView() {
  const workbench = useWorkbench();
  const comparison = useComparison();
  const held = comparison.phase === 'ready' ? reviewSessionFor(workbench) : null;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void held?.started.then((message) => current && setError(message));
    return () => {
      current = false;
    };
  }, [held]);
  return (
    <main className="library-view review-view" aria-label="Review">
      <h2>Review</h2>
      <ComparisonPicker />
      {error && (
        <p className="comparison-error" role="alert">
          {error}
        </p>
      )}
      {held && <ReviewList session={held.session} />}
    </main>
  );
}

function ReviewList({ session }: { session: ReviewSession }) {
  const workbench = useWorkbench();
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const list = useRef<HTMLOListElement>(null);

  // The keys (m, t, Ctrl+Z) reach this list through the command table while it is shown.
  useEffect(() => {
    workbench.review.current = {
      decide: (choice) => session.decide(choice),
      hasFocus: () => session.focusedItem() !== null,
      canUndo: session.canUndo,
      canRedo: session.canRedo,
      undo: () => session.undo(),
      redo: () => session.redo(),
    };
    list.current?.focus({ preventScroll: true });
    return () => {
      workbench.review.current = null;
    };
  }, [workbench, session]);

  useEffect(() => {
    if (snapshot.focused) list.current?.querySelector(`[data-item-id="${CSS.escape(snapshot.focused)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [snapshot.focused]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      session.moveFocus(event.key === 'ArrowDown' ? 1 : -1);
      event.preventDefault();
    }
  };
  const open = snapshot.items.filter((item) => !item.kept).length;
  const edit = (item: ReviewItem) => void openPassage(workbench, { documentId: item.documentId, ...disagreementRange(item.disagreement), spanId: item.disagreement.a?.id ?? null });

  return (
    <>
      <div className="review-bar">
        <span className="review-counts" data-testid="review-counts">
          {open} open · {snapshot.taken} taken from theirs · {snapshot.keptCount} kept yours
        </span>
        <button type="button" onClick={() => session.undo()} disabled={!snapshot.canUndo} title="Undo the latest choice (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => session.redo()} disabled={!snapshot.canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      {snapshot.items.length === 0 ? (
        <p className="hint">Nothing left to settle: your articles and theirs agree.</p>
      ) : (
        <ol
          ref={list}
          className="review-list"
          role="listbox"
          aria-label="Disagreements"
          tabIndex={0}
          aria-activedescendant={snapshot.focused ? `review-${snapshot.items.findIndex((item) => item.id === snapshot.focused)}` : undefined}
          onKeyDown={onKeyDown}
        >
          {snapshot.items.map((item, index) => (
            <li
              key={item.id}
              id={`review-${index}`}
              role="option"
              aria-selected={item.id === snapshot.focused}
              data-item-id={item.id}
              data-kind={item.disagreement.kind}
              className={item.kept ? 'kept' : undefined}
              onClick={() => session.focus(item.id)}
            >
              <div className="review-item-head">
                <span className="disagreement-kind">{KIND_NAMES[item.disagreement.kind]}</span>
                <span className="disagreement-article">{item.title}</span>
                {item.kept && <span className="review-settled">kept yours</span>}
              </div>
              <div className="side mine">Yours: {sideText(item.disagreement, 'a')}</div>
              <div className="side theirs">Theirs: {sideText(item.disagreement, 'b')}</div>
              <div className="review-actions">
                <button type="button" tabIndex={-1} onClick={(event) => (event.stopPropagation(), session.focus(item.id), session.decide('take_a'))}>
                  Keep mine <kbd>m</kbd>
                </button>
                <button type="button" tabIndex={-1} onClick={(event) => (event.stopPropagation(), session.focus(item.id), session.decide('take_b'))}>
                  Take theirs <kbd>t</kbd>
                </button>
                <button type="button" tabIndex={-1} onClick={(event) => (event.stopPropagation(), edit(item))}>
                  Edit in the article
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
