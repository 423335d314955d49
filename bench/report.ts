/**
 * The benchmark's output: one row per figure, with the comparison figure (the peer's or the
 * plain baseline's) beside it, their ratio, the target and whether it was met.
 */
export interface FigureRow {
  section: string;
  figure: string;
  ours: string;
  /** The peer's or the baseline's figure, measured in the same run. */
  other?: string;
  /** ours / other, when the two are comparable. */
  ratio?: number;
  target?: string;
  /** Undefined when the figure has no target (it is shown for context). */
  pass?: boolean;
}

export class Report {
  readonly rows: FigureRow[] = [];

  add(row: FigureRow): void {
    this.rows.push(row);
    const verdict = row.pass === undefined ? '' : row.pass ? '  PASS' : '  FAIL';
    console.log(`  ${row.section} · ${row.figure}: ${row.ours}${row.other ? ` (vs ${row.other})` : ''}${verdict}`);
  }

  /** The whole table, aligned, for the terminal and for bench/README.md. */
  format(): string {
    const header = ['section', 'figure', 'ours', 'peer / baseline', 'ratio', 'target', 'verdict'];
    const lines = this.rows.map((row) => [
      row.section,
      row.figure,
      row.ours,
      row.other ?? '',
      row.ratio === undefined ? '' : formatRatio(row.ratio),
      row.target ?? '',
      row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL',
    ]);
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
    const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
    return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
  }

  get failures(): number {
    return this.rows.filter((row) => row.pass === false).length;
  }
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Two decimals, or two significant digits for a ratio below 0.01 (so it never reads 0.00×). */
export function formatRatio(ratio: number): string {
  return `${ratio >= 0.01 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}
