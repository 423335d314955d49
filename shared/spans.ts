import type { Span } from './model';
import { splitsSurrogatePair } from './offsets';

export interface TextRange {
  start: number;
  end: number;
}

// White space as JavaScript's \s knows it (includes no-break and other Unicode spaces).
const WHITE_SPACE = /\s/u;

/**
 * Narrows a selected range to exclude leading and trailing white space.
 * Returns null when nothing but white space was selected. Expects start <= end within text.
 */
export function trimRange(text: string, start: number, end: number): TextRange | null {
  let trimmedStart = start;
  let trimmedEnd = end;
  while (trimmedStart < trimmedEnd && WHITE_SPACE.test(text[trimmedStart]!)) trimmedStart++;
  while (trimmedEnd > trimmedStart && WHITE_SPACE.test(text[trimmedEnd - 1]!)) trimmedEnd--;
  return trimmedStart < trimmedEnd ? { start: trimmedStart, end: trimmedEnd } : null;
}

/**
 * Why a range cannot be a span of `text`, or null when it can: offsets must be whole numbers,
 * 0 <= start < end <= text.length, and neither end may split a surrogate pair (an emoji).
 */
export function rangeProblem(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `offsets ${start}–${end} are not whole numbers`;
  if (start < 0 || end > text.length) return `offsets ${start}–${end} are outside the text (0–${text.length})`;
  if (start >= end) return `span ${start}–${end} is empty or reversed`;
  if (splitsSurrogatePair(text, start)) return `start ${start} splits a character in two`;
  if (splitsSurrogatePair(text, end)) return `end ${end} splits a character in two`;
  return null;
}

/**
 * Reading order: by start, then the longer span first, then by label name. Names compare by code
 * unit, not localeCompare: the order is then the same in every process whatever its locale, and
 * an article's thousands of spans sort without a collator call per comparison.
 */
export function compareSpans(a: TextRange & { label: string }, b: TextRange & { label: string }): number {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** `spans` (in reading order) with `span` put in its place; the input is not changed. */
export function withSpanInOrder<T extends TextRange & { label: string }>(spans: readonly T[], span: T): T[] {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareSpans(spans[middle]!, span) <= 0) low = middle + 1;
    else high = middle;
  }
  return [...spans.slice(0, low), span, ...spans.slice(low)];
}

/** Compact notation for tests and logs: "3-9 claim | 12-20 quote", in reading order. */
export function describeSpans(spans: readonly Pick<Span, 'start' | 'end' | 'label'>[]): string {
  return [...spans]
    .sort(compareSpans)
    .map((span) => `${span.start}-${span.end} ${span.label}`)
    .join(' | ');
}
