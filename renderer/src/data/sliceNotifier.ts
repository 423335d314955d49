/**
 * When a subscriber hears of a change: `now` in the same task (the article, whose highlight must
 * be painted in the frame after the key press), or `afterPaint` once that frame is painted (the
 * span panel, the list's counts, the saving status).
 */
export type Timing = 'now' | 'afterPaint';

type Listener = () => void;

/** A window that paints no frames (hidden, minimised) still hears of changes after this long. */
const HIDDEN_WINDOW_DELAY_MS = 200;

/**
 * How long after the next frame's callbacks the after-paint work runs: about a frame, so that the
 * host's answer to a labelling (a few ms away) is told in the same flush as the labelling itself,
 * one render of the panel rather than two.
 */
const AFTER_FRAME_DELAY_MS = 16;

/**
 * Runs `run` once, after the next frame is painted: in a timer set from that frame's
 * animation-frame callbacks (`delayMs`, AFTER_FRAME_DELAY_MS unless told), so the work it does is never between a key
 * press and the paint it caused. Not in an animation frame of its own: a frame asked for and not yet drawn when the
 * key is released makes Chromium hold back every posted task (timers, messages, the host's
 * answer) until that frame is drawn, and the work in it then delays them further. Without
 * frames (tests, a hidden window) it runs after a timeout.
 */
export function afterNextPaint(run: () => void, delayMs = AFTER_FRAME_DELAY_MS): void {
  let ran = false;
  // Once a frame comes, the hidden window's timeout is called off: it would cost a task of its own.
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const once = () => {
    if (ran) return;
    ran = true;
    run();
  };
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(once, 0);
    return;
  }
  requestAnimationFrame(() => {
    clearTimeout(fallback);
    setTimeout(once, delayMs);
  });
  fallback = setTimeout(once, HIDDEN_WINDOW_DELAY_MS);
}

/**
 * Runs `run` in a task right after the next frame is painted, or at once where there are no
 * frames to wait for (no requestAnimationFrame: tests, a worker).
 */
export function rightAfterPaint(run: () => void): void {
  if (typeof requestAnimationFrame === 'function') afterNextPaint(run, 0);
  else run();
}

/**
 * Listeners by slice of state (a key such as "save" or "document:a1"), each told at its timing.
 * Changes to several slices before the paint are told to the `afterPaint` listeners once, together.
 */
export class SliceNotifier<Key extends string = string> {
  private readonly listeners: Record<Timing, Map<Key, Set<Listener>>> = { now: new Map(), afterPaint: new Map() };
  private readonly due = new Set<Key>();
  private scheduled = false;

  subscribe(key: Key, listener: Listener, timing: Timing = 'now'): () => void {
    const byKey = this.listeners[timing];
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && byKey.get(key) === set) byKey.delete(key);
    };
  }

  /** Tells the `now` listeners of these slices at once, and their `afterPaint` listeners after the next paint. */
  notify(...keys: Key[]): void {
    for (const key of keys) for (const listener of [...(this.listeners.now.get(key) ?? [])]) listener();
    this.notifyAfterPaint(...keys);
  }

  /**
   * Tells only the `afterPaint` listeners, for a change that nothing needs to paint at once
   * (a `now` listener reads it whenever it next renders).
   */
  notifyAfterPaint(...keys: Key[]): void {
    for (const key of keys) if (this.listeners.afterPaint.has(key)) this.due.add(key);
    if (this.due.size > 0 && !this.scheduled) {
      this.scheduled = true;
      afterNextPaint(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const keys = [...this.due];
    this.due.clear();
    const told = new Set<Listener>();
    for (const key of keys) {
      for (const listener of [...(this.listeners.afterPaint.get(key) ?? [])]) {
        if (told.has(listener)) continue;
        told.add(listener);
        listener();
      }
    }
  }
}
