/**
 * The article view's rows, with the targets of issue 12: highlight latency judged against the
 * floor measured in the same run (and no slower than Recogito), open time, JS heap against
 * Recogito's, scrolling and script time per labelling. The "peer / baseline" column names the
 * side a ratio is taken to first.
 */
import type { ArticleFigures, Sides } from './articleBench';
import { formatMegabytes, formatMs, type Report } from './report';
import { median, percentile } from './stats';

const OPEN_TARGET_MS = 300;
const FLOOR_FACTOR = 1.5;
const HEAP_FACTOR = 2;
const LONG_FRAME_MS = 50;
const SCRIPT_TARGET_MS = 8;

function ratio(ours: number, other: number): number {
  return ours / Math.max(other, 0.001);
}

/** "floor 6.0 ms · recogito 51.3 ms": the other two sides' figures, the ratio's side first. */
function others(sides: Sides, figure: (side: ArticleFigures) => string, first: 'floor' | 'recogito' = 'floor'): string {
  const second = first === 'floor' ? 'recogito' : 'floor';
  return `${first} ${figure(sides[first])} · ${second} ${figure(sides[second])}`;
}

function longestFrame(side: ArticleFigures): number {
  return Math.max(side.scroll!.longest, side.scroll!.longestGap);
}

function scriptPercentile(side: ArticleFigures, key: 'scriptMs' | 'scriptWallMs' | 'forcedRenderingMs'): number {
  return side.script.length === 0 ? NaN : percentile(side.script.map((entry) => entry[key]), 50);
}

export function reportArticle(report: Report, section: string, sides: Sides, long: boolean): void {
  const ours = sides.newsmark;
  if (long) {
    const open = median(ours.openMs);
    report.add({
      section,
      figure: `open: click → painted (median of ${ours.openMs.length})`,
      ours: formatMs(open),
      other: others(sides, (side) => formatMs(median(side.openMs))),
      target: `< ${OPEN_TARGET_MS} ms`,
      pass: open < OPEN_TARGET_MS,
    });
    report.add({
      section,
      figure: 'JS heap after open',
      ours: formatMegabytes(ours.heapBytes!),
      other: others(sides, (side) => formatMegabytes(side.heapBytes!), 'recogito'),
      ratio: ratio(ours.heapBytes!, sides.recogito.heapBytes!),
      target: `≤ ${HEAP_FACTOR}× recogito`,
      pass: ours.heapBytes! <= HEAP_FACTOR * sides.recogito.heapBytes!,
    });
  }
  const p50 = (side: ArticleFigures) => percentile(side.highlightMs, 50);
  const p95 = (side: ArticleFigures) => percentile(side.highlightMs, 95);
  report.add({
    section,
    figure: `highlight p50: key → painted (${ours.highlightMs.length} labellings)`,
    ours: formatMs(p50(ours)),
    other: others(sides, (side) => formatMs(p50(side))),
    ratio: ratio(p50(ours), p50(sides.floor)),
  });
  report.add({
    section,
    figure: 'highlight p95',
    ours: formatMs(p95(ours)),
    other: others(sides, (side) => formatMs(p95(side))),
    ratio: ratio(p95(ours), p95(sides.floor)),
    target: `≤ ${FLOOR_FACTOR}× floor, ≤ recogito`,
    pass: p95(ours) <= FLOOR_FACTOR * p95(sides.floor) && p95(ours) <= p95(sides.recogito),
  });
  const script = scriptPercentile(ours, 'scriptMs');
  report.add({
    section,
    figure: `script per labelling p50: CPU time (Chrome trace, ${ours.script.length} labellings)`,
    ours: formatMs(script),
    other: others(sides, (side) => formatMs(scriptPercentile(side, 'scriptMs'))),
    ratio: ratio(script, scriptPercentile(sides.floor, 'scriptMs')),
    target: `< ${SCRIPT_TARGET_MS} ms`,
    pass: script < SCRIPT_TARGET_MS,
  });
  report.add({
    section,
    figure: 'script per labelling p50: wall-clock time',
    ours: formatMs(scriptPercentile(ours, 'scriptWallMs')),
    other: others(sides, (side) => formatMs(scriptPercentile(side, 'scriptWallMs'))),
  });
  report.add({
    section,
    figure: 'style & layout forced inside that script p50 (CPU, not in it)',
    ours: formatMs(scriptPercentile(ours, 'forcedRenderingMs')),
    other: others(sides, (side) => formatMs(scriptPercentile(side, 'forcedRenderingMs'))),
  });
  if (ours.selectedOtherwise + sides.recogito.selectedOtherwise + sides.floor.selectedOtherwise > 0) {
    report.add({ section, figure: 'labellings whose mouse selection was not the planned text', ours: String(ours.selectedOtherwise), other: others(sides, (side) => String(side.selectedOtherwise)) });
  }
  const unchanged = ours.unchanged + sides.recogito.unchanged + sides.floor.unchanged;
  if (unchanged > 0) {
    report.add({ section, figure: 'labellings of an already labelled range (untimed)', ours: String(ours.unchanged), other: others(sides, (side) => String(side.unchanged)) });
  }
  if (long) {
    report.add({
      section,
      figure: `scroll: longest frame (${ours.scroll!.frames} frames)`,
      ours: formatMs(longestFrame(ours)),
      other: others(sides, (side) => formatMs(longestFrame(side))),
      ratio: ratio(longestFrame(ours), longestFrame(sides.floor)),
    });
    report.add({
      section,
      figure: `scroll: frames > ${LONG_FRAME_MS} ms (${ours.scroll!.type})`,
      ours: String(ours.scroll!.over50),
      other: others(sides, (side) => String(side.scroll!.over50)),
      target: '0',
      pass: ours.scroll!.over50 === 0,
    });
  }
}
