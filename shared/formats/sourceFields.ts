import { z } from 'zod';
import { labelNameSchema } from '../model';

/** Schemas for the fields several source formats share. */

/** An id as tools write it: a string or a number (doccano and Label Studio number theirs). */
export const sourceIdSchema = z.union([z.string().max(500), z.number()]);

const notAnOffset = (issue: { input?: unknown }) =>
  issue.input === undefined ? 'missing (an offset is a whole number, 0 or more)' : `${JSON.stringify(issue.input)} is not an offset (a whole number, 0 or more)`;

/** An offset in a source file (its unit depends on the format). */
export const sourceOffsetSchema = z.number({ error: notAnOffset }).int({ error: notAnOffset }).nonnegative({ error: notAnOffset });

/** A label as tools write it; ours must be 1–64 characters, not starting with white space. */
export const sourceLabelSchema = labelNameSchema;

/** A source id as our drafts keep it, or null when absent. */
export function idOrNull(id: string | number | undefined): string | null {
  return id === undefined ? null : String(id);
}

/**
 * `value` when it passes `schema`; otherwise null, reported by its field path (`where`, as
 * "spans.2", then the path inside it: "spans.2.start: -1 is not an offset …; left out").
 */
export function validElement<T>(schema: z.ZodType<T>, value: unknown, where: string, report: (message: string) => void): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  report(`${parsed.error.issues.slice(0, 3).map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`).join('; ')}; left out`);
  return null;
}

/**
 * The elements of a list field (`field`, as "spans") that pass `schema`, each with its index
 * in the list; each bad element is reported and left out (validElement), so one bad span or
 * relation never costs its record the others.
 */
export function validElements<T>(schema: z.ZodType<T>, values: readonly unknown[] | undefined, field: string, report: (message: string) => void): { value: T; index: number }[] {
  const valid: { value: T; index: number }[] = [];
  (values ?? []).forEach((value, index) => {
    const checked = validElement(schema, value, `${field}.${index}`, report);
    if (checked !== null) valid.push({ value: checked, index });
  });
  return valid;
}
