import { z } from 'zod';
import type { DocumentDraft } from './jsonlImport';
import { keyProblem } from './labelSet';
import { LABEL_PALETTE } from './labelPalette';
import { labelNameSchema, MAX_RELATION_TYPES, relationTypesOf, relationTypeNameSchema, type LabelDefinition, type RelationTypeDefinition, type Settings } from './model';

/**
 * The mapping step of an import: what happens to each label and relation type the files bring
 * that the library does not have. Step 1 (a plan) lists them with counts and proposals, writing
 * nothing; step 2 imports with the user's choices:
 * - `map` onto a label (relation type) the library has, or one this import adds;
 * - `add` as a new one, with the proposed key and colour unless others are given;
 * - `skip`: its spans (relations) are left out; a skipped label's spans take their links along.
 * A name the choices do not mention follows `otherLabels` (`otherRelationTypes`). A label the
 * library already has may be mapped too (quote → claim); without a choice it stays itself.
 */

const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0072b2');

export const labelChoiceSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('map'), to: labelNameSchema }).strict(),
  z.object({ action: z.literal('add'), key: z.string().max(1).optional(), color: colourSchema.optional() }).strict(),
  z.object({ action: z.literal('skip') }).strict(),
]);
export type LabelChoice = z.infer<typeof labelChoiceSchema>;

export const relationTypeChoiceSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('map'), to: relationTypeNameSchema }).strict(),
  z.object({ action: z.literal('add'), color: colourSchema.optional() }).strict(),
  z.object({ action: z.literal('skip') }).strict(),
]);
export type RelationTypeChoice = z.infer<typeof relationTypeChoiceSchema>;

const MAX_CHOICES = 500;

export const importMappingSchema = z
  .object({
    labels: z.record(labelNameSchema, labelChoiceSchema).default({}),
    /** Unknown labels the choices do not name (files that changed since the plan, the CLI's --new-labels). */
    otherLabels: z.enum(['add', 'skip']).default('skip'),
    relationTypes: z.record(relationTypeNameSchema, relationTypeChoiceSchema).default({}),
    otherRelationTypes: z.enum(['add', 'skip']).default('skip'),
  })
  .strict()
  .refine((mapping) => Object.keys(mapping.labels).length + Object.keys(mapping.relationTypes).length <= MAX_CHOICES, `at most ${MAX_CHOICES} choices`);
export type ImportMapping = z.output<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;

/** A label the files use and the library lacks, as the plan shows it. */
export interface PlannedLabel {
  name: string;
  spans: number;
  documents: number;
  /** A key no label has and no command uses, distinct among the planned labels; "" when none is left. */
  proposedKey: string;
  proposedColor: string;
}

export interface PlannedRelationType {
  name: string;
  relations: number;
  documents: number;
  proposedColor: string;
}

/** Counts of unknown names, gathered file by file while a plan runs. */
export interface UnknownNames {
  labels: Map<string, { spans: number; documents: number }>;
  relationTypes: Map<string, { relations: number; documents: number }>;
}

export function emptyUnknownNames(): UnknownNames {
  return { labels: new Map(), relationTypes: new Map() };
}

/** Adds the drafts' labels and relation types that `settings` lacks to `unknown`. */
export function countUnknownNames(unknown: UnknownNames, drafts: readonly DocumentDraft[], settings: Settings): void {
  const labels = new Set(settings.labels.map((label) => label.name));
  const types = new Set(relationTypesOf(settings).map((type) => type.name));
  for (const draft of drafts) {
    const seenLabels = new Set<string>();
    for (const span of draft.spans) {
      if (labels.has(span.label)) continue;
      const entry = unknown.labels.get(span.label) ?? { spans: 0, documents: 0 };
      entry.spans++;
      if (!seenLabels.has(span.label)) entry.documents++;
      seenLabels.add(span.label);
      unknown.labels.set(span.label, entry);
    }
    const seenTypes = new Set<string>();
    for (const relation of draft.relations) {
      if (types.has(relation.label)) continue;
      const entry = unknown.relationTypes.get(relation.label) ?? { relations: 0, documents: 0 };
      entry.relations++;
      if (!seenTypes.has(relation.label)) entry.documents++;
      seenTypes.add(relation.label);
      unknown.relationTypes.set(relation.label, entry);
    }
  }
}

const KEY_CANDIDATES = [...'4567890', ...'abcefghijkmoqrstuvwy'];

/**
 * A free key for a new label named `name`: its first letter when free, else the first free of
 * 4–9, 0 and the letters; "" when every candidate is taken. `taken` holds the labels' keys.
 */
export function proposeKey(name: string, taken: readonly Pick<LabelDefinition, 'name' | 'key'>[]): string {
  const first = [...name][0]?.toLowerCase() ?? '';
  for (const candidate of [first, ...KEY_CANDIDATES]) {
    if (candidate !== '' && keyProblem(candidate, name, taken) === null) return candidate;
  }
  return '';
}

/** A palette colour not in `used`, grey when all are. */
export function proposeColour(used: ReadonlySet<string>): string {
  return LABEL_PALETTE.map((entry) => entry.color).find((color) => !used.has(color.toLowerCase())) ?? '#777777';
}

/** The plan's view of unknown names: counts and a free key and colour for each, in name order. */
export function plannedNames(unknown: UnknownNames, settings: Settings): { labels: PlannedLabel[]; relationTypes: PlannedRelationType[] } {
  const taken: Pick<LabelDefinition, 'name' | 'key'>[] = [...settings.labels];
  const usedColours = new Set(settings.labels.map((label) => label.color.toLowerCase()));
  const labels = [...unknown.labels].sort(([a], [b]) => a.localeCompare(b)).map(([name, counts]) => {
    const proposedKey = proposeKey(name, taken);
    taken.push({ name, key: proposedKey });
    const proposedColor = proposeColour(usedColours);
    usedColours.add(proposedColor);
    return { name, ...counts, proposedKey, proposedColor };
  });
  const usedTypeColours = new Set(relationTypesOf(settings).map((type) => type.color.toLowerCase()));
  const relationTypes = [...unknown.relationTypes].sort(([a], [b]) => a.localeCompare(b)).map(([name, counts]) => {
    const proposedColor = proposeColour(usedTypeColours);
    usedTypeColours.add(proposedColor);
    return { name, ...counts, proposedColor };
  });
  return { labels, relationTypes };
}

/** What a mapping does to one file's drafts. */
export interface MappedDrafts {
  drafts: DocumentDraft[];
  /** Definitions to add to the settings for the labels and types these drafts now use. */
  newLabels: LabelDefinition[];
  newRelationTypes: RelationTypeDefinition[];
  /** Left out by a `skip`, per name. */
  skippedLabels: Map<string, number>;
  skippedRelationTypes: Map<string, number>;
  /** Spans (relations) that became one with another once mapped. */
  mergedSpans: number;
  mergedRelations: number;
}

/**
 * Why `mapping` cannot apply to a library with `settings`, or null when it can: a `map` must
 * name a label (type) the library has or the mapping adds, and an added label's key must be
 * free. The label set's limit of 50 is checked when labels are added.
 */
export function mappingProblem(mapping: ImportMapping, settings: Settings): string | null {
  const added = Object.entries(mapping.labels).filter(([, choice]) => choice.action === 'add').map(([name]) => name);
  const labels = new Set([...settings.labels.map((label) => label.name), ...added]);
  for (const [name, choice] of Object.entries(mapping.labels)) {
    if (choice.action === 'map' && !labels.has(choice.to)) return `label "${name}" is mapped to "${choice.to}", which is not a label`;
  }
  const taken: Pick<LabelDefinition, 'name' | 'key'>[] = [...settings.labels];
  for (const [name, choice] of Object.entries(mapping.labels)) {
    if (choice.action !== 'add' || !choice.key) continue;
    const problem = keyProblem(choice.key, name, taken);
    if (problem) return `label "${name}": ${problem}`;
    taken.push({ name, key: choice.key });
  }
  const addedTypes = Object.entries(mapping.relationTypes).filter(([, choice]) => choice.action === 'add').map(([name]) => name);
  const types = new Set([...relationTypesOf(settings).map((type) => type.name), ...addedTypes]);
  for (const [name, choice] of Object.entries(mapping.relationTypes)) {
    if (choice.action === 'map' && !types.has(choice.to)) return `relation type "${name}" is mapped to "${choice.to}", which is not a relation type`;
  }
  return null;
}

type Resolved = { to: string; added: boolean } | null;

/** The choice for `name`, never one inherited from Object.prototype (a label named "constructor"). */
function ownChoice<T>(choices: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(choices, name) ? choices[name] : undefined;
}

/**
 * The drafts with the mapping applied against `settings`: spans and relations renamed or left
 * out, spans that became equal (same range and label) merged with their links moved, and the
 * definitions of the new labels and types the drafts now use (proposed keys and colours unless
 * chosen). Call mappingProblem first.
 */
export function applyMapping(drafts: readonly DocumentDraft[], mapping: ImportMapping, settings: Settings): MappedDrafts {
  const known = new Set(settings.labels.map((label) => label.name));
  const knownTypes = new Set(relationTypesOf(settings).map((type) => type.name));
  const resolveLabel = (name: string): Resolved => {
    const choice = ownChoice(mapping.labels, name);
    if (choice?.action === 'map') return { to: choice.to, added: !known.has(choice.to) };
    if (choice?.action === 'skip') return null;
    if (choice?.action === 'add' || known.has(name)) return { to: name, added: !known.has(name) };
    return mapping.otherLabels === 'add' ? { to: name, added: true } : null;
  };
  const resolveType = (name: string): Resolved => {
    const choice = ownChoice(mapping.relationTypes, name);
    if (choice?.action === 'map') return { to: choice.to, added: !knownTypes.has(choice.to) };
    if (choice?.action === 'skip') return null;
    if (choice?.action === 'add' || knownTypes.has(name)) return { to: name, added: !knownTypes.has(name) };
    return mapping.otherRelationTypes === 'add' ? { to: name, added: true } : null;
  };
  const result: MappedDrafts = { drafts: [], newLabels: [], newRelationTypes: [], skippedLabels: new Map(), skippedRelationTypes: new Map(), mergedSpans: 0, mergedRelations: 0 };
  const addedLabels = new Set<string>();
  const addedTypes = new Set<string>();
  for (const draft of drafts) {
    const spans: DocumentDraft['spans'] = [];
    const newIndex = new Map<number, number>();
    const byKey = new Map<string, number>();
    draft.spans.forEach((span, index) => {
      const resolved = resolveLabel(span.label);
      if (!resolved) {
        result.skippedLabels.set(span.label, (result.skippedLabels.get(span.label) ?? 0) + 1);
        return;
      }
      if (resolved.added) addedLabels.add(resolved.to);
      const key = `${span.start}:${span.end}:${resolved.to}`;
      const twin = byKey.get(key);
      if (twin !== undefined) {
        result.mergedSpans++;
        newIndex.set(index, twin);
        return;
      }
      byKey.set(key, spans.length);
      newIndex.set(index, spans.length);
      spans.push({ ...span, label: resolved.to });
    });
    const relations: DocumentDraft['relations'] = [];
    const relationKeys = new Set<string>();
    for (const relation of draft.relations) {
      const head = newIndex.get(relation.head);
      const child = newIndex.get(relation.child);
      // A relation whose span was skipped goes with it (counted with the span's label).
      if (head === undefined || child === undefined) continue;
      const resolved = resolveType(relation.label);
      if (!resolved) {
        result.skippedRelationTypes.set(relation.label, (result.skippedRelationTypes.get(relation.label) ?? 0) + 1);
        continue;
      }
      const key = `${head}:${child}:${resolved.to}`;
      if (relationKeys.has(key)) {
        result.mergedRelations++;
        continue;
      }
      if (resolved.added) addedTypes.add(resolved.to);
      relationKeys.add(key);
      relations.push({ ...relation, label: resolved.to, head, child });
    }
    result.drafts.push({ ...draft, spans, relations });
  }
  const taken: Pick<LabelDefinition, 'name' | 'key'>[] = [...settings.labels];
  const usedColours = new Set(settings.labels.map((label) => label.color.toLowerCase()));
  for (const name of addedLabels) {
    const choice = ownChoice(mapping.labels, name);
    const chosen: { key?: string | undefined; color?: string | undefined } = choice?.action === 'add' ? choice : {};
    const key = chosen.key !== undefined && keyProblem(chosen.key, name, taken) === null ? chosen.key : proposeKey(name, taken);
    const color = chosen.color ?? proposeColour(usedColours);
    taken.push({ name, key });
    usedColours.add(color.toLowerCase());
    result.newLabels.push({ name, color, key });
  }
  const usedTypeColours = new Set(relationTypesOf(settings).map((type) => type.color.toLowerCase()));
  for (const name of addedTypes) {
    const choice = ownChoice(mapping.relationTypes, name);
    const color = (choice?.action === 'add' ? choice.color : undefined) ?? proposeColour(usedTypeColours);
    usedTypeColours.add(color.toLowerCase());
    result.newRelationTypes.push({ name, color });
  }
  return result;
}

/** The relation types with `additions` that fit under the limit; `refused` the ones that did not. */
export function relationTypesWith(types: readonly RelationTypeDefinition[], additions: readonly RelationTypeDefinition[]): { types: RelationTypeDefinition[]; refused: string[] } {
  const result = [...types];
  const refused: string[] = [];
  for (const addition of additions) {
    if (result.some((type) => type.name === addition.name)) continue;
    if (result.length >= MAX_RELATION_TYPES) refused.push(addition.name);
    else result.push(addition);
  }
  return { types: result, refused };
}
