import { z } from 'zod';
import { labelNameSchema, settingsSchema, type LabelDefinition, type NewsDocument, type Settings } from './model';
import { compareSpans } from './spans';
import { touch, withoutSpans, type OperationContext } from './operations';

/**
 * Keys that Newsmark's commands use, so no label may take them (compared without case, since
 * Shift turns one into the other): next/previous article, link, done, delete, undo, help, find,
 * and the named keys of selection and focus.
 */
export const RESERVED_KEYS: readonly string[] = ['n', 'p', 'l', 'd', 'x', 'z', 's', 'c', 'm', 't', 'a', 'r', '?', '/', 'Tab', 'Delete', 'Backspace', 'Escape', 'Enter'];

/** One printable character: no control, format, separator (space) or combining character. */
const PRINTABLE_CHARACTER = /^[^\p{C}\p{Z}\p{M}]$/u;
/** C0 and C1 control characters and DEL: invisible, and they break exports and terminals. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Whether `key` is one of RESERVED_KEYS (without regard to case). */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.some((reserved) => reserved.toLowerCase() === key.toLowerCase());
}

/**
 * Why `key` cannot be `label`'s key in `labels`, or null when it can. An empty key means
 * "no key" and is always allowed.
 */
export function keyProblem(key: string, label: string, labels: readonly Pick<LabelDefinition, 'name' | 'key'>[]): string | null {
  if (key === '') return null;
  if (isReservedKey(key)) return `“${key}” is reserved for a command (${RESERVED_KEYS.join(' ')})`;
  if (!PRINTABLE_CHARACTER.test(key) || key.length !== 1) return `a key must be one printable character, not “${key}”`;
  const other = labels.find((candidate) => candidate.name !== label && candidate.key.toLowerCase() === key.toLowerCase());
  return other ? `“${key}” is already the key of “${other.name}”` : null;
}

/** Why `name` cannot name a label among `labels` (at `index`), or null when it can. */
export function nameProblem(name: string, index: number, labels: readonly Pick<LabelDefinition, 'name'>[]): string | null {
  const parsed = labelNameSchema.safeParse(name);
  if (!parsed.success) return `a label name ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
  if (CONTROL_CHARACTER.test(name)) return 'a label name must not contain control characters';
  const first = labels.findIndex((label) => label.name === name);
  return first !== index ? `“${name}” names another label too` : null;
}

/** Why `annotator` cannot be the annotator's name, or null when it can ("… must not be empty"). */
export function annotatorProblem(annotator: string): string | null {
  if (annotator.trim() === '') return 'must not be empty';
  if (annotator.length > 200) return 'must be at most 200 characters';
  return CONTROL_CHARACTER.test(annotator) ? 'must not contain control characters' : null;
}

/** A problem of a settings value, at the path of the field it is about (`['labels', 2, 'key']`). */
export interface SettingsIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Every problem the settings dialog would show for these settings, by field: the annotator's
 * name, and each label's name (unique, printable) and key (unique, printable, not reserved).
 * The one statement of these rules; the request schemas (checkedSettingsSchema) and the dialog
 * both use it.
 */
export function settingsIssues(settings: Pick<Settings, 'annotator' | 'labels'>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const annotator = annotatorProblem(settings.annotator);
  if (annotator) issues.push({ path: ['annotator'], message: `the annotator's name ${annotator}` });
  settings.labels.forEach((label, index) => {
    const name = nameProblem(label.name, index, settings.labels);
    if (name) issues.push({ path: ['labels', index, 'name'], message: name });
    const key = keyProblem(label.key, label.name, settings.labels);
    if (key) issues.push({ path: ['labels', index, 'key'], message: key });
  });
  return issues;
}

/**
 * Settings as a request may send them: of the stored shape (settingsSchema) and within the
 * dialog's rules (settingsIssues), each problem reported at its field, e.g. `labels.2.key`.
 * Stored settings are read with the plain settingsSchema, so a library saved before a rule
 * existed still opens.
 */
export const checkedSettingsSchema = settingsSchema.superRefine((settings, context) => {
  for (const { path, message } of settingsIssues(settings)) context.addIssue({ code: 'custom', path, message });
});

export const labelRenameSchema = z.object({ from: labelNameSchema, to: labelNameSchema }).strict();

/**
 * One change of the label set, applied as a whole: the new settings, which old labels were
 * renamed (their spans relabelled in every document) and which were deleted (their spans, and
 * the relations of those spans, removed from every document).
 */
export const labelChangesSchema = z
  .object({
    settings: checkedSettingsSchema,
    renames: z.array(labelRenameSchema).max(50),
    deletions: z.array(labelNameSchema).max(50),
  })
  .strict();
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
