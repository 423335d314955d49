/** One thing wrong with an imported file, precise enough to find and fix it. */
export interface ImportProblem {
  /** The file's name as the user gave it (a folder import names it by its path in the folder). */
  file: string;
  /** 1-based line, when the problem sits on one line. */
  line?: number;
  message: string;
  /**
   * "note" for something the import did on its own that the user should know of (an id taken,
   * a duplicate span merged, a label added); absent for a real problem (something not imported).
   */
  severity?: 'note';
}

export function formatProblem(problem: ImportProblem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.severity === 'note' ? 'note: ' : ''}${problem.message}`;
}

/** True for a real problem, false for a note. */
export function isProblem(problem: ImportProblem): boolean {
  return problem.severity !== 'note';
}
