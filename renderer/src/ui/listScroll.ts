import { useState, useSyncExternalStore } from 'react';

/** The list counts as still this long (ms) after its last scroll event. */
const SETTLE_MS = 150;
/** Scroll events this soon (ms) after the list scrolled itself (a key, the open article's row) are not the user's. */
const OWN_SCROLL_MS = 100;

let scrolling = false;
let ownScrollAt = -Infinity;
let settle: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function setScrolling(next: boolean): void {
  if (scrolling === next) return;
  scrolling = next;
  for (const listener of listeners) listener();
}

/** The document list is about to scroll itself (to the row a key moved to, or the open article's). */
export function noteOwnListScroll(): void {
  ownScrollAt = performance.now();
}

/** A scroll event of the document list: unless the list scrolled itself, the user is scrolling it until it is still for SETTLE_MS. */
export function noteListScroll(): void {
  if (performance.now() - ownScrollAt < OWN_SCROLL_MS) return;
  setScrolling(true);
  if (settle !== null) clearTimeout(settle);
  settle = setTimeout(() => {
    settle = null;
    setScrolling(false);
  }, SETTLE_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * `shown` as it should be drawn now: another article than the one drawn last (opening one
 * mounts its editor and panel, 50–70 ms of work in one task) is not drawn while the user
 * scrolls the document list, so that the mount does not land in a frame of the scroll; it comes
 * once the list is still. Until then nothing is drawn (null), never the article before, which
 * commands no longer act on. The article drawn already follows every change at once.
 */
export function useHeldWhileListScrolls<T extends { id: string }>(shown: T | null): T | null {
  const [drawnId, setDrawnId] = useState(shown?.id ?? null);
  const waiting = shown !== null && shown.id !== drawnId;
  // Follows the list's scrolling only while an article waits for it: the article drawn (or none)
  // does not depend on it, so a scroll starting or settling re-renders nothing here (each did,
  // inside the scroll event, the whole centre or side bar with it).
  const held = useSyncExternalStore(subscribe, () => waiting && scrolling);
  // Derived state, set while rendering (React renders again before committing).
  if (waiting && !held) setDrawnId(shown.id);
  return held ? null : shown;
}
