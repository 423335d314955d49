import type { ImportMappingInput, LabelChoice, RelationTypeChoice } from '../shared/importMapping';
import type { ImportPlan } from '../shared/importReport';
import { labelNameSchema, relationTypesOf, type Settings } from '../shared/model';

/**
 * The command line's side of the import's mapping step: `--label-map NAME=TARGET`,
 * `--new-labels add|skip`, `--relation-map NAME=TARGET`, `--new-relations add|skip`, where a
 * TARGET is a label (relation type) the library has, `add` or `skip`. Every label and relation
 * type the files bring that the library lacks needs a choice, by name or by the catch-all flag.
 */

export interface ImportFlags {
  'label-map'?: string[];
  'new-labels'?: string;
  'relation-map'?: string[];
  'new-relations'?: string;
}

/** A flag the user got wrong; the caller prints it with the usage. */
export class ImportFlagError extends Error {}

function catchAll(flag: string, value: string | undefined): 'add' | 'skip' | undefined {
  if (value === undefined || value === 'add' || value === 'skip') return value;
  throw new ImportFlagError(`--${flag} must be add or skip, not ${JSON.stringify(value)}.`);
}

/** NAME=TARGET pairs of a repeated flag, in order; the last pair for a name wins. */
function pairs(flag: string, values: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const [name, target] = at > 0 ? [value.slice(0, at), value.slice(at + 1)] : ['', ''];
    for (const part of [name, target]) {
      const checked = labelNameSchema.safeParse(part);
      if (!checked.success) throw new ImportFlagError(`--${flag} takes NAME=TARGET (TARGET a name, add or skip), not ${JSON.stringify(value)}: ${part === '' ? 'a part is empty' : checked.error.issues[0]?.message}.`);
    }
    result.set(name, target);
  }
  return result;
}

export interface FlagChoices {
  mapping: ImportMappingInput;
  /** Names the files bring, the library lacks and no flag decides. */
  undecidedLabels: string[];
  undecidedRelationTypes: string[];
}

/**
 * The mapping the flags ask for, given the plan of the files and the library's settings. A
 * label that is added takes the key and colour the plan proposed. Throws ImportFlagError for a
 * target that is not a label (relation type) of the library or added by the same flags.
 */
export function choicesFromFlags(flags: ImportFlags, plan: ImportPlan, settings: Settings): FlagChoices {
  const labelTargets = pairs('label-map', flags['label-map'] ?? []);
  const typeTargets = pairs('relation-map', flags['relation-map'] ?? []);
  const otherLabels = catchAll('new-labels', flags['new-labels']);
  const otherTypes = catchAll('new-relations', flags['new-relations']);
  const planned = new Map(plan.labels.map((label) => [label.name, label]));
  const plannedTypes = new Map(plan.relationTypes.map((type) => [type.name, type]));
  const labels = new Map<string, LabelChoice>();
  const addedLabels = new Set([...labelTargets].filter(([, target]) => target === 'add').map(([name]) => name));
  if (otherLabels === 'add') for (const name of planned.keys()) if (!labelTargets.has(name)) addedLabels.add(name);
  const knownLabels = new Set([...settings.labels.map((label) => label.name), ...addedLabels]);
  for (const [name, target] of labelTargets) {
    if (target === 'skip') labels.set(name, { action: 'skip' });
    else if (target === 'add') labels.set(name, { action: 'add', ...(planned.has(name) ? { key: planned.get(name)!.proposedKey, color: planned.get(name)!.proposedColor } : {}) });
    else if (knownLabels.has(target)) labels.set(name, { action: 'map', to: target });
    else throw new ImportFlagError(`--label-map ${JSON.stringify(`${name}=${target}`)}: there is no label ${JSON.stringify(target)} (labels: ${[...knownLabels].map((label) => JSON.stringify(label)).join(', ')}; or add, skip).`);
  }
  if (otherLabels === 'add') for (const [name, label] of planned) if (!labelTargets.has(name)) labels.set(name, { action: 'add', key: label.proposedKey, color: label.proposedColor });
  const relationTypes = new Map<string, RelationTypeChoice>();
  const addedTypes = new Set([...typeTargets].filter(([, target]) => target === 'add').map(([name]) => name));
  if (otherTypes === 'add') for (const name of plannedTypes.keys()) if (!typeTargets.has(name)) addedTypes.add(name);
  const knownTypes = new Set([...relationTypesOf(settings).map((type) => type.name), ...addedTypes]);
  for (const [name, target] of typeTargets) {
    if (target === 'skip') relationTypes.set(name, { action: 'skip' });
    else if (target === 'add') relationTypes.set(name, { action: 'add', ...(plannedTypes.has(name) ? { color: plannedTypes.get(name)!.proposedColor } : {}) });
    else if (knownTypes.has(target)) relationTypes.set(name, { action: 'map', to: target });
    else throw new ImportFlagError(`--relation-map ${JSON.stringify(`${name}=${target}`)}: there is no relation type ${JSON.stringify(target)} (types: ${[...knownTypes].map((type) => JSON.stringify(type)).join(', ')}; or add, skip).`);
  }
  if (otherTypes === 'add') for (const [name, type] of plannedTypes) if (!typeTargets.has(name)) relationTypes.set(name, { action: 'add', color: type.proposedColor });
  return {
    mapping: { labels: Object.fromEntries(labels), otherLabels: otherLabels ?? 'skip', relationTypes: Object.fromEntries(relationTypes), otherRelationTypes: otherTypes ?? 'skip' },
    undecidedLabels: otherLabels ? [] : [...planned.keys()].filter((name) => !labelTargets.has(name)),
    undecidedRelationTypes: otherTypes ? [] : [...plannedTypes.keys()].filter((name) => !typeTargets.has(name)),
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The plan as lines for the terminal: what the files hold and what needs a choice. */
export function describePlan(plan: ImportPlan): string[] {
  const lines = [`${plural(plan.files, 'file')}: ${plural(plan.documents, 'article')}, ${plural(plan.spans, 'span')}, ${plural(plan.relations, 'relation')}`];
  if (plan.labels.length > 0) {
    lines.push('labels the library lacks (choose with --label-map NAME=LABEL|add|skip, or --new-labels add|skip for all):');
    const width = Math.max(...plan.labels.map((label) => JSON.stringify(label.name).length));
    for (const label of plan.labels) {
      lines.push(`  ${JSON.stringify(label.name).padEnd(width)}  ${plural(label.spans, 'span')} in ${plural(label.documents, 'article')}${label.proposedKey ? `; added, it takes key ${JSON.stringify(label.proposedKey)}` : '; added, it has no key (none is free)'}`);
    }
  }
  if (plan.relationTypes.length > 0) {
    lines.push('relation types the library lacks (choose with --relation-map NAME=TYPE|add|skip, or --new-relations add|skip for all):');
    const width = Math.max(...plan.relationTypes.map((type) => JSON.stringify(type.name).length));
    for (const type of plan.relationTypes) lines.push(`  ${JSON.stringify(type.name).padEnd(width)}  ${plural(type.relations, 'relation')} in ${plural(type.documents, 'article')}`);
  }
  if (plan.duplicates.length > 0) lines.push(`${plural(plan.duplicates.length, 'article')} already in the library (same title and text) will be skipped; --duplicates import adds copies`);
  for (const skipped of plan.notArticles) lines.push(`${JSON.stringify(skipped.file)} will be skipped: ${skipped.reason}`);
  return lines;
}
