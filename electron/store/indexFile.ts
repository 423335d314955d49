import { promises as fs } from 'node:fs';
import type { z } from 'zod';
import { schemaMismatchReason, unparsableReason } from './durableJsonFile';
import { isIndexEntry } from './indexEntry';
import { migrateIndex, SCHEMA_VERSION, versionOfIndex } from './indexMigrations';

/** What index.json holds, read once. */
export type IndexReading<T> =
  | { kind: 'missing' }
  | { kind: 'current'; index: T }
  /** Written by an older Newsmark and brought up to this version in memory; `raw` is the file as it was. */
  | { kind: 'older'; index: T; version: number; raw: string }
  | { kind: 'newer'; version: number }
  /** Empty, not JSON, or not an index even after migrating; `reason` says which, for the user. */
  | { kind: 'damaged'; reason: string };

/**
 * The index of a well-formed file, checked without a full schema pass over its document list:
 * each entry is checked field by field (isIndexEntry), and only the rest — settings and the
 * like, a few hundred bytes — goes through `schema`. Null when anything does not fit.
 */
function quickParse<T>(value: Record<string, unknown>, schema: z.ZodType<T>): T | null {
  const { documents, ...rest } = value;
  if (!Array.isArray(documents) || !documents.every(isIndexEntry)) return null;
  const parsed = schema.safeParse({ ...rest, documents: [] });
  if (!parsed.success) return null;
  return { ...parsed.data, documents };
}

/**
 * Reads index.json at `filePath` once: one read, one JSON.parse, its version taken from the
 * parsed value. A current, well-formed index is trusted after the quick check above; anything
 * that fails it goes through `schema` in full, which names what is wrong. Other I/O errors
 * (no permission, …) are thrown.
 */
export async function readIndexFile<T>(filePath: string, schema: z.ZodType<T>): Promise<IndexReading<T>> {
  let raw: string;
  try {
    // Read as bytes and decoded in one step: reading with an encoding decodes piece by piece, slower.
    raw = (await fs.readFile(filePath)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { kind: 'damaged', reason: unparsableReason(raw, error as Error) };
  }
  const version = versionOfIndex(value);
  if (version !== null && version > SCHEMA_VERSION) return { kind: 'newer', version };
  if (version === null) {
    const parsed = schema.safeParse(value);
    return { kind: 'damaged', reason: parsed.success ? 'its schemaVersion is not a whole number' : schemaMismatchReason(parsed.error) };
  }
  const current = version === SCHEMA_VERSION ? (value as Record<string, unknown>) : migrateIndex(value as Record<string, unknown>, version);
  const index = quickParse(current, schema);
  if (index !== null) return version === SCHEMA_VERSION ? { kind: 'current', index } : { kind: 'older', index, version, raw };
  const parsed = schema.safeParse(current);
  if (!parsed.success) return { kind: 'damaged', reason: schemaMismatchReason(parsed.error) };
  return version === SCHEMA_VERSION ? { kind: 'current', index: parsed.data } : { kind: 'older', index: parsed.data, version, raw };
}
