import { z } from 'zod';
import { labelNameSchema, settingsSchema, type LabelDefinition, type NewsDocument, type Settings } from './model';
import { compareSpans } from './spans';
import { touch, withoutSpans, type OperationContext } from './operations';

/**
 * Keys that Newsmark's commands use, so no label may take them (compared without case, since
 * Shift turns one into the other): next/previous article, link, done, delete, undo, help, find,
 * and the named keys of selection and focus.
 */
export const RESERVED_KEYS: readonly string[] = ['n', 'p', 'l', 'd', 'x', 'z', '?', '/', 'Tab', 'Delete', 'Backspace', 'Escape', 'Enter'];

/** One printable character: no control, format, separator (space) or combining character. */
const PRINTABLE_CHARACTER = /^[^\p{C}\p{Z}\p{M}]$/u;

/**
 * Why `key` cannot be `label`'s key in `labels`, or null when it can. An empty key means
 * "no key" and is always allowed.
 */
export function keyProblem(key: string, label: string, labels: readonly Pick<LabelDefinition, 'name' | 'key'>[]): string | null {
  if (key === '') return null;
  if (RESERVED_KEYS.some((reserved) => reserved.toLowerCase() === key.toLowerCase())) {
    return `“${key}” is reserved for a command (${RESERVED_KEYS.join(' ')})`;
  }
  if (!PRINTABLE_CHARACTER.test(key) || key.length !== 1) return `a key must be one printable character, not “${key}”`;
  const other = labels.find((candidate) => candidate.name !== label && candidate.key.toLowerCase() === key.toLowerCase());
  return other ? `“${key}” is already the key of “${other.name}”` : null;
}

/** Why `name` cannot name a label among `labels` (at `index`), or null when it can. */
export function nameProblem(name: string, index: number, labels: readonly Pick<LabelDefinition, 'name'>[]): string | null {
  const parsed = labelNameSchema.safeParse(name);
  if (!parsed.success) return `a label name ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
  const first = labels.findIndex((label) => label.name === name);
  return first !== index ? `“${name}” names another label too` : null;
}

/** Every problem of a label set (names unique, keys unique, printable and not reserved), in order. */
export function labelSetProblems(labels: readonly LabelDefinition[]): string[] {
  return labels.flatMap((label, index) => {
    const problems = [nameProblem(label.name, index, labels), keyProblem(label.key, label.name, labels)];
    return problems.filter((problem): problem is string => problem !== null).map((problem) => `label ${index + 1} (“${label.name}”): ${problem}`);
  });
}

export const labelRenameSchema = z.object({ from: labelNameSchema, to: labelNameSchema }).strict();

/**
 * One change of the label set, applied as a whole: the new settings, which old labels were
 * renamed (their spans relabelled in every document) and which were deleted (their spans, and
 * the relations of those spans, removed from every document).
 */
export const labelChangesSchema = z
  .object({
    settings: settingsSchema,
    renames: z.array(labelRenameSchema).max(50),
    deletions: z.array(labelNameSchema).max(50),
  })
  .strict()
  .superRefine((changes, context) => {
    for (const problem of labelSetProblems(changes.settings.labels)) context.addIssue({ code: 'custom', path: ['settings', 'labels'], message: problem });
  });
export type LabelChanges = z.output<typeof labelChangesSchema>;
export type LabelChangesInput = z.input<typeof labelChangesSchema>;

/**
 * Why `changes` cannot apply to a library whose label set is `current`, or null when they can.
 * Every current label must be kept (same name), renamed, or deleted — exactly one of these —
 * and a rename may not take the name of any current label: swaps and merges go in two steps.
 * That makes applying the changes again a no-op, so an interrupted change can be finished.
 */
export function labelChangesProblem(current: Settings, changes: LabelChanges): string | null {
  const before = new Set(current.labels.map((label) => label.name));
  const after = new Set(changes.settings.labels.map((label) => label.name));
  const renamedFrom = new Set<string>();
  for (const { from, to } of changes.renames) {
    if (!before.has(from)) return `renames: there is no label “${from}” to rename`;
    if (renamedFrom.has(from)) return `renames: “${from}” is renamed twice`;
    if (before.has(to)) return `renames: “${to}” is already a label's name; rename in two steps`;
    if (!after.has(to)) return `renames: “${to}” is not in the new label set`;
    renamedFrom.add(from);
  }
  for (const name of changes.deletions) {
    if (!before.has(name)) return `deletions: there is no label “${name}” to delete`;
    if (renamedFrom.has(name) || after.has(name)) return `deletions: “${name}” is both deleted and kept`;
  }
  const deleted = new Set(changes.deletions);
  for (const name of before) {
    if (!after.has(name) && !renamedFrom.has(name) && !deleted.has(name)) return `“${name}” is missing from the new label set without being renamed or deleted`;
    if (after.has(name) && renamedFrom.has(name)) return `“${name}” is both renamed and kept`;
  }
  return null;
}

export interface LabelChangeOutcome {
  settings: Settings;
  /** Documents rewritten, in library order. */
  changedDocumentIds: string[];
  renamedSpans: number;
  removedSpans: number;
}

export interface RelabelOutcome {
  document: NewsDocument;
  renamedSpans: number;
  removedSpans: number;
}

/**
 * The document with the changes applied: spans of a renamed label carry the new name (their
 * own times and annotator are kept: the label set changed, not the judgement), spans of a
 * deleted label are removed with their relations. Returns the same document object when no
 * span carries a renamed or deleted label.
 */
export function relabelDocument(document: NewsDocument, changes: Pick<LabelChanges, 'renames' | 'deletions'>, context: OperationContext): RelabelOutcome {
  const renames = new Map(changes.renames.map(({ from, to }) => [from, to]));
  const deleted = new Set(changes.deletions);
  const removed = new Set(document.spans.filter((span) => deleted.has(span.label)).map((span) => span.id));
  const renamedSpans = document.spans.filter((span) => renames.has(span.label)).length;
  if (removed.size === 0 && renamedSpans === 0) return { document, renamedSpans: 0, removedSpans: 0 };
  const kept = withoutSpans(document, removed);
  const spans = kept.spans.map((span) => (renames.has(span.label) ? { ...span, label: renames.get(span.label)! } : span));
  return { document: touch(document, context, { spans: spans.sort(compareSpans), relations: kept.relations }), renamedSpans, removedSpans: removed.size };
}
