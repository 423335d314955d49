/**
 * The arithmetic of a list whose rows have fixed heights and are drawn only near the screen
 * (the span list): where each row starts, which rows a screen shows, and where to scroll so a
 * row shows. Pixels throughout; nothing is measured.
 */

/** Where each row starts (px from the list's top), and after the last one the list's height: `heights.length + 1` numbers. */
export function rowOffsets(heights: readonly number[]): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let index = 0; index < heights.length; index++) offsets[index + 1] = offsets[index]! + heights[index]!;
  return offsets;
}

/** The first row whose bottom edge is below `y` (so it shows at or after y); the row count if none is. */
function rowAt(offsets: Float64Array, y: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle + 1]! > y) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The rows to draw for a screen `height` px high scrolled to `top`, with `overscan` rows more
 * either side: `first` to `last` inclusive (`last` < `first` when there are none to draw).
 */
export function rowsInView(offsets: Float64Array, top: number, height: number, overscan: number): { first: number; last: number } {
  const count = offsets.length - 1;
  if (count === 0 || height <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, rowAt(offsets, top) - overscan);
  const last = Math.min(count - 1, rowAt(offsets, top + height - 1) + overscan);
  return { first, last };
}

/**
 * Where the list must be scrolled so that row `index` shows in a screen of `height` px scrolled
 * to `top`: its top edge if it is above, its bottom edge if below; null if it shows (or there
 * is no such row).
 */
export function scrollTarget(offsets: Float64Array, index: number, top: number, height: number): number | null {
  if (index < 0 || index >= offsets.length - 1) return null;
  const start = offsets[index]!;
  const end = offsets[index + 1]!;
  if (start < top) return start;
  if (end > top + height) return Math.ceil(end - height);
  return null;
}
