import { describe, expect, it } from 'vitest';
import { idleBand, scrolledWindow } from './drawWhenIdle';
import { nextWindow } from './spanHighlights';

const LENGTH = 200_000;

describe('the window a scroll moves to', () => {
  it('keeps what is drawn behind the screen within the idle band, and draws ahead as nextWindow says', () => {
    // Idle time drew six screens either side of the screen at 50,000–52,000.
    const drawn = idleBand({ start: 50_000, end: 52_000 }, LENGTH);
    expect(drawn).toEqual({ start: 38_000, end: 64_000 });
    // Scrolled down to near the drawn window's end.
    const shown = { start: 63_000, end: 65_000 };
    const next = nextWindow(drawn, shown, LENGTH)!;
    expect(next).toEqual({ start: 59_000, end: 69_000 });
    // Behind: kept back to the band's start (51,000), not dropped to two screens.
    expect(scrolledWindow(drawn, next, shown, LENGTH)).toEqual({ start: 51_000, end: 69_000 });
  });

  it('scrolling up keeps what is drawn below the screen within the band', () => {
    const drawn = { start: 40_000, end: 60_000 };
    const shown = { start: 40_000, end: 42_000 };
    const next = nextWindow(drawn, shown, LENGTH)!;
    expect(next).toEqual({ start: 36_000, end: 46_000 });
    expect(scrolledWindow(drawn, next, shown, LENGTH)).toEqual({ start: 36_000, end: 54_000 });
  });

  it('after a jump far from the drawn window, only the new window is drawn', () => {
    const drawn = { start: 0, end: 12_000 };
    const shown = { start: 150_000, end: 152_000 };
    const next = nextWindow(drawn, shown, LENGTH)!;
    expect(scrolledWindow(drawn, next, shown, LENGTH)).toEqual(next);
  });
});
