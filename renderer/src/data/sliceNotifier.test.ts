import { describe, expect, test, vi } from 'vitest';
import { SliceNotifier } from './sliceNotifier';

describe('SliceNotifier', () => {
  test('now-listeners hear at once; after-paint listeners once per paint, however many changes; only their slices', async () => {
    vi.useFakeTimers();
    try {
      const notifier = new SliceNotifier<'a' | 'b' | 'c'>();
      const heard: string[] = [];
      notifier.subscribe('a', () => heard.push('a now'));
      notifier.subscribe('a', () => heard.push('a later'), 'afterPaint');
      const both = () => heard.push('a or b later');
      notifier.subscribe('a', both, 'afterPaint');
      notifier.subscribe('b', both, 'afterPaint');
      notifier.subscribe('c', () => heard.push('c later'), 'afterPaint');
      notifier.notify('a');
      notifier.notify('a', 'b');
      expect(heard).toEqual(['a now', 'a now']);
      await vi.advanceTimersByTimeAsync(0);
      expect(heard).toEqual(['a now', 'a now', 'a later', 'a or b later']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('after unsubscribing a listener hears nothing, and a slice nobody follows later schedules nothing', async () => {
    vi.useFakeTimers();
    try {
      const notifier = new SliceNotifier();
      const heard: string[] = [];
      const stop = notifier.subscribe('x', () => heard.push('now'));
      const stopLater = notifier.subscribe('x', () => heard.push('later'), 'afterPaint');
      stop();
      stopLater();
      notifier.notify('x');
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(heard).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('with frames: in a timer set from the next frame, not in a frame; a window without frames hears all the same', async () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      const notifier = new SliceNotifier();
      const heard: string[] = [];
      notifier.subscribe('x', () => heard.push('later'), 'afterPaint');
      notifier.notify('x');
      await vi.advanceTimersByTimeAsync(0);
      expect(heard).toEqual([]);
      frames.shift()!(0);
      // Not inside the frame's callbacks, and no second frame asked for.
      expect(heard).toEqual([]);
      expect(frames).toEqual([]);
      // A timer after the frame, about a frame long (the host's answer to a labelling joins it).
      await vi.advanceTimersByTimeAsync(8);
      expect(heard).toEqual([]);
      await vi.advanceTimersByTimeAsync(8);
      expect(heard).toEqual(['later']);
      notifier.notify('x');
      // No frame comes (a hidden window): the listener still hears, once.
      await vi.advanceTimersByTimeAsync(500);
      expect(heard).toEqual(['later', 'later']);
      frames.shift()!(32);
      await vi.advanceTimersByTimeAsync(100);
      expect(heard).toEqual(['later', 'later']);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
