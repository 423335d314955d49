/** One thing wrong with an imported file, precise enough to find and fix it. */
export interface ImportProblem {
  /** The file's name as the user gave it. */
  file: string;
  /** 1-based line, when the problem sits on one line. */
  line?: number;
  message: string;
}

export function formatProblem(problem: ImportProblem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`;
}
