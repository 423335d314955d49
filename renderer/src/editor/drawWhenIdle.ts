import type { TextRange } from '../../../shared/spans';

/** Characters added to each side of the drawn window per idle moment. */
const CHARACTERS_PER_STEP = 5_000;
/** An idle moment shorter than this (ms) is left alone: a step takes a few milliseconds. */
const MINIMUM_IDLE_MS = 8;

/**
 * Draws the rest of a long article in idle time after its first screen: while the drawn window
 * (`window()`, text offsets) does not yet cover the whole text, each idle moment widens it by
 * CHARACTERS_PER_STEP on each side (`widen`). Once all is drawn, scrolling changes nothing in
 * the page. Returns the function that stops it.
 */
export function drawWhenIdle(window: () => TextRange | null, textLength: number, widen: (by: number) => void): () => void {
  let handle: number | null = null;
  const step = (deadline: IdleDeadline) => {
    handle = null;
    const drawn = window();
    if (!drawn || (drawn.start <= 0 && drawn.end >= textLength)) return;
    if (deadline.timeRemaining() >= MINIMUM_IDLE_MS || deadline.didTimeout) widen(CHARACTERS_PER_STEP);
    handle = requestIdleCallback(step);
  };
  handle = requestIdleCallback(step);
  return () => {
    if (handle !== null) cancelIdleCallback(handle);
  };
}
