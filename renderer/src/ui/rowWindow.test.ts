import { describe, expect, test } from 'vitest';
import { rowOffsets, rowsInView, scrollTarget } from './rowWindow';

/** A heading (36 px) and spans (30 px), as the span list draws them. */
const offsets = rowOffsets([36, 30, 30, 30, 36, 30, 30]);
const drawn = (top: number, height: number, overscan = 0) => {
  const { first, last } = rowsInView(offsets, top, height, overscan);
  return `${first}-${last}`;
};

describe('rowWindow', () => {
  test('offsets add the heights up, the last being the list height', () => {
    expect([...offsets]).toEqual([0, 36, 66, 96, 126, 162, 192, 222]);
  });

  test('the rows a screen shows, partly shown ones included, and the overscan clamped to the list', () => {
    expect(drawn(0, 36)).toBe('0-0');
    expect(drawn(0, 37)).toBe('0-1');
    expect(drawn(35, 2)).toBe('0-1');
    expect(drawn(36, 30)).toBe('1-1');
    expect(drawn(100, 70)).toBe('3-5');
    expect(drawn(100, 70, 1)).toBe('2-6');
    expect(drawn(0, 1000, 3)).toBe('0-6');
    expect(drawn(0, 0)).toBe('0--1');
    expect(rowsInView(rowOffsets([]), 0, 500, 1)).toEqual({ first: 0, last: -1 });
  });

  test('scrolling to a row: its top if above, its bottom if below, nothing if it shows', () => {
    expect(scrollTarget(offsets, 1, 50, 100)).toBe(36);
    expect(scrollTarget(offsets, 5, 50, 100)).toBe(92);
    expect(scrollTarget(offsets, 2, 50, 100)).toBeNull();
    expect(scrollTarget(offsets, 7, 0, 100)).toBeNull();
    expect(scrollTarget(offsets, -1, 0, 100)).toBeNull();
  });
});
