import { z } from 'zod';
import { documentStatusSchema, labelNameSchema, type DocumentStatus, type DocumentSummary } from './model';
import type { Snippet } from './textSearch';

/** Which documents the list shows: any of these statuses, and a span of any of these labels. */
const documentFilterSchema = z
  .object({
    /** Absent or empty: every status. */
    statuses: z.array(documentStatusSchema).max(4).optional(),
    /** Absent or empty: with or without spans. */
    labels: z.array(labelNameSchema).max(50).optional(),
  })
  .strict();
export type DocumentFilter = z.infer<typeof documentFilterSchema>;

export const librarySearchSchema = documentFilterSchema
  .extend({
    /** Words to find in titles and texts, ignoring case and accents; empty: filter only. */
    query: z.string().max(1_000),
    /** Paging: the hits from this place among all of them (0 when absent). */
    offset: z.number().int().min(0).max(10_000_000).optional(),
    /** Paging: at most this many hits (all of them from `offset` when absent). */
    limit: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict();
export type LibrarySearch = z.infer<typeof librarySearchSchema>;

/** One document that matched a search. */
export interface SearchHit {
  id: string;
  title: string;
  status: DocumentStatus;
  /** Whether the title matched. */
  inTitle: boolean;
  /** Matches in the text. */
  count: number;
  /** Text around the first match in the text, or null when only the title matched. */
  snippet: Snippet | null;
}

export interface SearchResults {
  /** Matching documents, in library order (with `offset` or `limit`: those of the page asked for). */
  hits: SearchHit[];
  /** How many documents passed the filter and were searched. */
  searched: number;
  /** With `offset` or `limit` only: how many documents match in all, of which `hits` is a page. */
  total?: number;
}

/** Hits the app asks for first when a query is typed (more than a screen of the list), the rest coming in later pages. */
export const FIRST_SCREEN_HITS = 100;

/** Whether a search asks for one page of its hits. */
export function isPaged(search: LibrarySearch): boolean {
  return search.offset !== undefined || search.limit !== undefined;
}

export function isFiltering(filter: DocumentFilter): boolean {
  return (filter.statuses?.length ?? 0) > 0 || (filter.labels?.length ?? 0) > 0;
}

/** Whether a document passes the filter. */
export function passesFilter(summary: Pick<DocumentSummary, 'status' | 'counts'>, filter: DocumentFilter): boolean {
  const { statuses, labels } = filter;
  if (statuses && statuses.length > 0 && !statuses.includes(summary.status)) return false;
  if (labels && labels.length > 0 && !labels.some((label) => (summary.counts[label] ?? 0) > 0)) return false;
  return true;
}
