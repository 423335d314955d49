import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { idFromFileName } from '../textImport';
import { draftFromAnyRecord, type RecordFormat } from './recordFormat';

/**
 * Files of records: JSONL (one record per line) or one JSON document holding a list of records
 * (Label Studio's export) or a single record. Every record is read on its own, so one bad
 * record never stops the others; each problem names the line the record starts on.
 */

/** The 1-based line of each offset, by counting line breaks once. */
function lineCounter(content: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let index = content.indexOf('\n'); index !== -1; index = content.indexOf('\n', index + 1)) breaks.push(index);
  return (offset) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (breaks[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}

/**
 * Where each element of a top-level JSON array starts (offsets into `content`), found by a
 * scan that follows strings and nesting. Expects `content` to be a valid JSON array.
 */
export function arrayElementOffsets(content: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let index = 0; index < content.length; index++) {
    const character = content[index]!;
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === ' ' || character === '\n' || character === '\r' || character === '\t' || character === '\ufeff') continue;
    if (depth === 1 && expectElement && character !== ']') {
      offsets.push(index);
      expectElement = false;
    }
    if (character === '"') inString = true;
    else if (character === '[' || character === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (character === ']' || character === '}') depth--;
    else if (character === ',' && depth === 1) expectElement = true;
  }
  return offsets;
}

function parseError(error: unknown): string {
  return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
}

/** The value of `content`, or undefined when it is not one JSON value. */
function parseOrNull(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    // Not one JSON value: the caller reads it line by line instead.
    return undefined;
  }
}

export interface RecordFileOutcome {
  drafts: DocumentDraft[];
  /** The formats found, for the report ("3 Prodigy records"). */
  formats: Map<RecordFormat, number>;
}

/**
 * Reads every record of a JSONL or JSON file. Problems (with file and line) go to `problems`.
 * A JSON list that is not valid JSON as a whole is reported once, at the line of the error.
 */
export function readRecordFile(file: string, content: string, problems: ImportProblem[]): RecordFileOutcome {
  const body = content.replace(/^\uFEFF/, '');
  const lineOf = lineCounter(body);
  const drafts: DocumentDraft[] = [];
  const formats = new Map<RecordFormat, number>();
  const stem = idFromFileName(file);
  /** Reads record `number` (its line in JSONL, its place in a JSON list), starting on `line`. */
  const read = (value: unknown, line: number, number: number, label?: string) => {
    const place = { file, line, fallbackTitle: `${file} ${label ?? `line ${line}`}`, ...(label ? { label } : {}) };
    const { draft, format } = draftFromAnyRecord(value, place, problems);
    if (format) formats.set(format, (formats.get(format) ?? 0) + 1);
    if (!draft) return;
    // A record without an id of its own is named after its file and place: "batch-3".
    drafts.push(draft.id === null ? { ...draft, id: `${stem}-${number}` } : draft);
  };
  const start = body.trimStart();
  if (start.startsWith('[')) {
    const offsets = arrayElementOffsets(body);
    const whole = parseOrNull(body);
    if (Array.isArray(whole)) {
      whole.forEach((value, index) => read(value, lineOf(offsets[index] ?? 0), index + 1, `record ${index + 1}`));
      return { drafts, formats };
    }
    // Not valid JSON as a whole: each element on its own, so one broken record costs only itself.
    const close = body.lastIndexOf(']');
    offsets.forEach((offset, index) => {
      const end = offsets[index + 1] ?? (close > offset ? close : body.length);
      const source = body.slice(offset, end).trimEnd().replace(/,$/, '');
      const label = `record ${index + 1}`;
      try {
        read(JSON.parse(source), lineOf(offset), index + 1, label);
      } catch (error) {
        problems.push({ file, line: lineOf(offset), message: `${label}: ${parseError(error)}` });
      }
    });
    return { drafts, formats };
  }
  if (start.startsWith('{') && body.trim().includes('\n')) {
    // One pretty-printed record spread over lines; JSONL when it does not parse as a whole.
    const whole = parseOrNull(body);
    if (whole !== undefined) {
      read(whole, lineOf(body.indexOf('{')), 1);
      return { drafts, formats };
    }
  }
  body.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ file, line: index + 1, message: parseError(error) });
      return;
    }
    read(value, index + 1, index + 1);
  });
  return { drafts, formats };
}

/** The drafts of a record file (see readRecordFile). */
export function draftsFromRecordFile(file: string, content: string, problems: ImportProblem[]): DocumentDraft[] {
  return readRecordFile(file, content, problems).drafts;
}
