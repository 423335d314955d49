import type { Report } from './report';

/** A figure measured at one library size. */
export interface SizedFigure {
  documents: number;
  value: number;
}

function documentsLabel(documents: number): string {
  return documents.toLocaleString('en');
}

/**
 * One row saying how a figure grows with the library: its value at each size, and after each
 * the ratio to the size before it (×1.00 is flat; ×10 grows as the library does).
 */
export function addGrowthRow(report: Report, figure: string, points: readonly SizedFigure[], format: (value: number) => string): void {
  if (points.length < 2) return;
  const steps = points.map((point, index) => {
    const before = points[index - 1];
    const ratio = before && before.value > 0 ? ` (×${(point.value / before.value).toFixed(2)})` : '';
    return `${documentsLabel(point.documents)}: ${format(point.value)}${ratio}`;
  });
  const sizes = points.map((point) => documentsLabel(point.documents)).join(' → ');
  report.add({ section: 'growth', figure, ours: steps.join(' → '), other: `library ${sizes} docs` });
}
