import type { ImportProblem } from '../importProblem';
import { draftFromRecord, type DocumentDraft } from '../jsonlImport';
import { draftFromDoccanoEntities, draftFromDoccanoLabels } from './doccano';
import { reportAt, type RecordPlace } from './draftAssembly';
import { draftFromLabelStudio } from './labelStudio';
import { draftFromProdigy } from './prodigy';

/** The record formats the import recognises, each by the fields only it has. */
export type RecordFormat = 'newsmark' | 'prodigy' | 'doccano' | 'doccano-entities' | 'label-studio';

export const RECORD_FORMAT_NAMES: Record<RecordFormat, string> = {
  newsmark: 'Newsmark JSONL',
  prodigy: 'Prodigy',
  doccano: 'doccano (label)',
  'doccano-entities': 'doccano (entities and relations)',
  'label-studio': 'Label Studio',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Which format a parsed record is in, or null when it is none we know. Decided by shape:
 * Label Studio nests its text in `data`; doccano has `entities` or a `label` list; Prodigy
 * links spans by `head_span`; our own export names its `offset_unit`, has an `id`, span ids or
 * links by `head_id`; other `{text, spans}` records are Prodigy's; a bare `{text}` is ours.
 */
export function detectRecordFormat(value: unknown): RecordFormat | null {
  if (!isObject(value)) return null;
  if (isObject(value.data) && ('annotations' in value || 'predictions' in value || typeof value.data.text === 'string')) return 'label-studio';
  if (Array.isArray(value.entities)) return 'doccano-entities';
  if (Array.isArray(value.label)) return 'doccano';
  const relations = Array.isArray(value.relations) ? value.relations : [];
  if (relations.some((relation) => isObject(relation) && 'head_span' in relation && !('head_id' in relation))) return 'prodigy';
  // Prodigy stamps every task with hashes and an answer.
  if ('_input_hash' in value || '_task_hash' in value || 'answer' in value) return 'prodigy';
  if ('offset_unit' in value || 'id' in value) return 'newsmark';
  if (relations.some((relation) => isObject(relation) && 'head_id' in relation)) return 'newsmark';
  if (Array.isArray(value.spans)) {
    // Our spans carry ids; Prodigy's do not.
    return value.spans.some((span) => isObject(span) && 'id' in span) ? 'newsmark' : 'prodigy';
  }
  if ('text' in value) return 'newsmark';
  return null;
}

const READERS: Record<RecordFormat, (value: unknown, place: RecordPlace, problems: ImportProblem[]) => DocumentDraft | null> = {
  newsmark: draftFromRecord,
  prodigy: draftFromProdigy,
  doccano: draftFromDoccanoLabels,
  'doccano-entities': draftFromDoccanoEntities,
  'label-studio': draftFromLabelStudio,
};

/** Reads one record in whichever format it is; null (reported) when it is in none. */
export function draftFromAnyRecord(value: unknown, place: RecordPlace, problems: ImportProblem[]): { draft: DocumentDraft | null; format: RecordFormat | null } {
  const format = detectRecordFormat(value);
  if (format === null) {
    reportAt(
      problems,
      place,
      isObject(value)
        ? `not a record of a known format (expected "text" with "spans", "label" or "entities", or Label Studio's "data"); it has ${Object.keys(value).slice(0, 5).map((key) => JSON.stringify(key)).join(', ') || 'no fields'}`
        : `expected an object, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value}`,
    );
    return { draft: null, format };
  }
  return { draft: READERS[format](value, place, problems), format };
}
