import type { TextRange } from '../../../shared/spans';

/** Screens of text drawn ahead on each side of the screen, in idle time. */
const IDLE_BAND_SCREENS = 6;
/**
 * Characters the window moves (on each side) per idle moment: small enough that a step (its
 * decorations, ProseMirror's redraw and the layout after it) fits an idle moment of a busy
 * machine, since a step that overruns delays the next frame.
 */
const CHARACTERS_PER_STEP = 1_500;
/** An idle moment shorter than this (ms) is left alone: a step takes a few milliseconds. */
const MINIMUM_IDLE_MS = 8;
/** Before the first measurement, what is taken to be on screen (the article's start). */
const FIRST_SCREEN: TextRange = { start: 0, end: 2_000 };

/**
 * The text drawn ahead of the screen when idle time allows: IDLE_BAND_SCREENS screens either
 * side of `shown` (a screen counted as at least 1,000 characters), clipped to the text.
 */
export function idleBand(shown: TextRange, textLength: number): TextRange {
  const band = Math.max(shown.end - shown.start, 1_000) * IDLE_BAND_SCREENS;
  return { start: Math.max(0, Math.floor(shown.start - band)), end: Math.min(textLength, Math.ceil(shown.end + band)) };
}

/**
 * The window a scroll moves to: `next` (the window around the screen `shown`, from
 * spanHighlights' nextWindow) grown by what of `drawn` (the window now) it meets and lies within
 * the idle band. Dropping what was drawn behind the screen (to two screens) and drawing it again
 * in idle time was most of a scroll's redrawing; the drawn part stays bounded by the band.
 */
export function scrolledWindow(drawn: TextRange, next: TextRange, shown: TextRange, textLength: number): TextRange {
  const band = idleBand(shown, textLength);
  const keepsStart = drawn.start < next.start && drawn.end >= next.start;
  const keepsEnd = drawn.end > next.end && drawn.start <= next.end;
  return {
    start: keepsStart ? Math.min(next.start, Math.max(drawn.start, band.start)) : next.start,
    end: keepsEnd ? Math.max(next.end, Math.min(drawn.end, band.end)) : next.end,
  };
}

export interface IdleDrawing {
  /** What is on screen has changed: draw towards it again when idle. */
  wake(): void;
  stop(): void;
}

interface IdleDrawingOptions {
  /** The window drawn now (text offsets). */
  drawn(): TextRange | null;
  /** What is on screen, as last measured; null before the first measurement. */
  visible(): TextRange | null;
  textLength: number;
  /** Draws exactly this window. */
  draw(window: TextRange): void;
}

/**
 * Draws ahead of the screen in idle time: the drawn window is moved, CHARACTERS_PER_STEP at a
 * time on each side, towards IDLE_BAND_SCREENS screens either side of what is on screen, so that
 * scrolling (which redraws only when the screen nears the window's edge) seldom has anything
 * left to draw, while the drawn part, and the memory it takes, stays bounded. A window far from
 * the screen (a jump) is left to the scrolling path, which redraws around the screen at once.
 */
export function drawWhenIdle({ drawn, visible, textLength, draw }: IdleDrawingOptions): IdleDrawing {
  let handle: number | null = null;
  const toward = (from: number, to: number) => (from < to ? Math.min(to, from + CHARACTERS_PER_STEP) : Math.max(to, from - CHARACTERS_PER_STEP));
  const step = (deadline: IdleDeadline) => {
    handle = null;
    const window = drawn();
    const shown = visible() ?? FIRST_SCREEN;
    if (!window || window.end <= shown.start || window.start >= shown.end) return;
    const target = idleBand(shown, textLength);
    if (window.start === target.start && window.end === target.end) return;
    if (deadline.timeRemaining() >= MINIMUM_IDLE_MS || deadline.didTimeout) draw({ start: toward(window.start, target.start), end: toward(window.end, target.end) });
    handle = requestIdleCallback(step);
  };
  const wake = () => {
    handle ??= requestIdleCallback(step);
  };
  wake();
  return {
    wake,
    stop() {
      if (handle !== null) cancelIdleCallback(handle);
    },
  };
}
