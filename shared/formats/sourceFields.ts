import { z } from 'zod';
import { labelNameSchema } from '../model';

/** Schemas for the fields several source formats share. */

/** An id as tools write it: a string or a number (doccano and Label Studio number theirs). */
export const sourceIdSchema = z.union([z.string().max(500), z.number()]);

/** An offset in a source file (its unit depends on the format). */
export const sourceOffsetSchema = z.number().int().nonnegative();

/** A label as tools write it; ours must be 1–64 characters, not starting with white space. */
export const sourceLabelSchema = labelNameSchema;

/** A source id as our drafts keep it, or null when absent. */
export function idOrNull(id: string | number | undefined): string | null {
  return id === undefined ? null : String(id);
}
