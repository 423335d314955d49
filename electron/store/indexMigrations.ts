/**
 * How index.json changed between versions of Newsmark. MIGRATIONS[v] turns an index of version v
 * into one of version v + 1; opening a library runs them in order up to SCHEMA_VERSION. Document
 * files have not changed shape so far; a migration that changes them belongs here too.
 *
 * Version 0 is the layout of the first releases, before the index recorded its version: the same
 * fields as version 1 without `schemaVersion`.
 *
 * Version 2 keeps the settings (and the note of a label change under way) in a file of their own,
 * settings.json (settingsFile.ts); the index keeps a copy. The index's fields are unchanged, so
 * its migration only says the version; the store writes settings.json from an index older than
 * version 2 when it opens it. An older Newsmark refuses a version 2 folder rather than save
 * settings that this version would not read.
 */
const MIGRATIONS: Readonly<Record<number, (index: Record<string, unknown>) => Record<string, unknown>>> = {
  0: (index) => ({ ...index, schemaVersion: 1 }),
  1: (index) => ({ ...index, schemaVersion: 2 }),
};

/** The version of the on-disk layout this code reads and writes. */
export const SCHEMA_VERSION = 2;

/**
 * The version an index file's text claims: its `schemaVersion`, 0 for a JSON object without
 * one, or null when the text is not a JSON object or its version is not a whole number (a
 * damaged file, which the schema check reports).
 */
export function claimedIndexVersion(raw: string): number | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: damaged, which the caller's schema check reports with its reason.
    return null;
  }
  return versionOfIndex(value);
}

/** The version an index already parsed from JSON claims, as claimedIndexVersion says. */
export function versionOfIndex(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) return 0;
  return Number.isInteger(version) && (version as number) >= 0 ? (version as number) : null;
}

/**
 * The index of `version` (parsed from JSON) brought up to SCHEMA_VERSION. Throws RangeError for
 * a version this code has no way up from (newer ones are refused before this is called).
 */
export function migrateIndex(index: Record<string, unknown>, version: number): Record<string, unknown> {
  let current = index;
  for (let step = version; step < SCHEMA_VERSION; step++) {
    const migration = MIGRATIONS[step];
    if (!migration) throw new RangeError(`There is no migration of the library index from version ${step}.`);
    current = migration(current);
  }
  return current;
}
