import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileDurably } from './durableWrite';

/** A file that exists but cannot be read as what it should hold. */
export class DamagedFileError extends Error {
  constructor(
    readonly filePath: string,
    readonly reason: string,
  ) {
    super(`${filePath} is damaged: ${reason}`);
    this.name = 'DamagedFileError';
  }
}

/** Why `raw` is not JSON, as a DamagedFileError's reason; `error` is JSON.parse's. */
export function unparsableReason(raw: string, error: Error): string {
  return raw.length === 0 ? 'the file is empty' : raw.includes('\0') ? 'the file holds NUL bytes' : `not valid JSON (${error.message})`;
}

/** Why parsed JSON is not of its schema (the first issue), as a DamagedFileError's reason. */
export function schemaMismatchReason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`;
}

/**
 * A lowdb adapter for one JSON file, durable where lowdb's own is not: every write goes
 * through writeFileDurably (temp file, fsync, rename, fsync of the folder), and `write`
 * resolves only after that. Reading validates against a schema; a file that is empty,
 * truncated, not JSON or not of the schema raises DamagedFileError and is left as it is.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly filePath: string,
    private readonly schema: z.ZodType<T>,
    private readonly space: number | undefined = undefined,
  ) {}

  /** The file's content, or null when there is no file. */
  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new DamagedFileError(this.filePath, unparsableReason(raw, error as Error));
    }
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new DamagedFileError(this.filePath, schemaMismatchReason(parsed.error));
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.filePath, JSON.stringify(data, null, this.space));
  }
}
