import type { ExportRecord } from '../exportRecord';
import type { ImportProblem } from '../importProblem';
import { validateExport } from '../schema/validateExport';

/**
 * Reads a Newsmark JSONL export (an annotator's file to compare with): checked as `newsmark
 * validate` checks it, against the schema and each span against its text. Records only when
 * the whole file is valid; otherwise every problem, with its file and line.
 */
export function parseExport(file: string, content: string): { records: ExportRecord[] | null; problems: ImportProblem[] } {
  const text = content.replace(/^\uFEFF/, '');
  const { problems } = validateExport(file, text);
  if (problems.length > 0) return { records: null, problems };
  const records = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExportRecord);
  return { records, problems: [] };
}
