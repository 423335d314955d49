import type { LabelChangesInput } from '../../../shared/labelSet';
import { relationTypesOf, type DocumentSummary, type Settings } from '../../../shared/model';

// The settings dialog's working copy of the settings, and what Save sends for it.

/** A label as edited: `original` is its name in the saved settings (null for a new label). */
export interface DraftLabel {
  row: number;
  original: string | null;
  name: string;
  color: string;
  key: string;
}

export interface Draft {
  annotator: string;
  snapToWords: boolean;
  labels: DraftLabel[];
  /** Saved labels the user chose to delete, with their spans. */
  deleted: string[];
  /** The relation types, saved ones first; only new ones (`saved` false) can be renamed or removed. */
  relationTypes: DraftRelationType[];
}

export interface DraftRelationType {
  name: string;
  color: string;
  saved: boolean;
  /** Its saved colour (null for a new type). */
  savedColor: string | null;
}

export interface LabelUse {
  spans: number;
  documents: number;
}

export function draftOf(settings: Settings): Draft {
  return {
    annotator: settings.annotator,
    snapToWords: settings.snapToWords,
    labels: settings.labels.map((label, row) => ({ row, original: label.name, ...label })),
    deleted: [],
    relationTypes: relationTypesOf(settings).map((type) => ({ ...type, saved: true, savedColor: type.color })),
  };
}

/** How many spans (and in how many documents) carry `label`, from the list's counts. */
export function labelUse(summaries: readonly DocumentSummary[], label: string): LabelUse {
  let spans = 0;
  let documents = 0;
  for (const summary of summaries) {
    const count = summary.counts[label] ?? 0;
    spans += count;
    if (count > 0) documents++;
  }
  return { spans, documents };
}

export function spansPhrase({ spans, documents }: LabelUse): string {
  if (spans === 0) return 'No span in the library carries it';
  return `${spans} ${spans === 1 ? 'span' : 'spans'} in ${documents} ${documents === 1 ? 'article' : 'articles'} ${spans === 1 ? 'carries' : 'carry'} it`;
}

export function requestOf(draft: Draft): LabelChangesInput {
  return {
    settings: { annotator: draft.annotator.trim(), snapToWords: draft.snapToWords, labels: draft.labels.map(({ name, color, key }) => ({ name, color, key })),
      // Sent only when changed: the settings stay as they are (absent means the default set).
      ...(draft.relationTypes.some((type) => !type.saved || type.color !== type.savedColor) ? { relationTypes: draft.relationTypes.map(({ name, color }) => ({ name: name.trim(), color })) } : {}),
    },
    renames: draft.labels.flatMap((label) => (label.original !== null && label.original !== label.name ? [{ from: label.original, to: label.name }] : [])),
    deletions: draft.deleted,
  };
}

/** The key typed into a key field: the character that was added, or "" when it was cleared. */
export function typedKey(previous: string, value: string): string {
  const added = previous !== '' && value.includes(previous) && value !== previous ? value.replace(previous, '') : value;
  const characters = [...added];
  return characters[characters.length - 1] ?? '';
}
