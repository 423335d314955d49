import { z } from 'zod';
import { DOCUMENT_STATUSES, ID_PATTERN, documentStatusSchema } from '../../shared/model';

/** When a document file last changed, to tell whether its summary in the index is current. */
export const fileStampSchema = z.object({ size: z.number(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof fileStampSchema>;

/** One document's line in index.json: its list summary and the stamp of the file it summarises. */
export const indexEntrySchema = z.object({
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  status: documentStatusSchema,
  counts: z.record(z.string(), z.number()),
  speakers: z.array(z.string()).default([]),
  length: z.number(),
  updatedAt: z.string(),
  file: fileStampSchema.nullable(),
});
export type IndexEntry = z.infer<typeof indexEntrySchema>;

const STATUSES: ReadonlySet<unknown> = new Set(DOCUMENT_STATUSES);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` (parsed from JSON) is an index entry, checked field by field as
 * indexEntrySchema would, but without building a new object: opening a library of 100,000
 * articles checks 100,000 entries, which through the schema alone costs more than the rest of
 * opening. Fills in the one default (`speakers: []`) in place. Kept in step with the schema by
 * indexEntry.test.ts.
 */
export function isIndexEntry(value: unknown): value is IndexEntry {
  if (!isPlainObject(value)) return false;
  const { id, title, status, counts, speakers, length, updatedAt, file } = value;
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || typeof title !== 'string' || !STATUSES.has(status)) return false;
  if (typeof length !== 'number' || typeof updatedAt !== 'string' || !isPlainObject(counts)) return false;
  for (const label in counts) if (typeof counts[label] !== 'number') return false;
  if (file !== null && !(isPlainObject(file) && typeof file.size === 'number' && typeof file.mtimeMs === 'number')) return false;
  if (speakers === undefined) value.speakers = [];
  else if (!Array.isArray(speakers) || !speakers.every((speaker) => typeof speaker === 'string')) return false;
  return true;
}
