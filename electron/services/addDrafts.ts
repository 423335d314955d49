import type { ImportProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { applyMapping, mappingProblem, relationTypesWith, type ImportMapping } from '../../shared/importMapping';
import { emptyImportReport, type ImportReport } from '../../shared/importReport';
import { MAX_RELATION_TYPES, relationTypesOf, type DocumentSummary } from '../../shared/model';
import type { LibraryStore } from '../store/libraryStore';
import { mergeAnnotatedDrafts } from './annotatorMerge';
import { duplicatesNote, splitDuplicates } from './importDuplicates';

/** The most labels a label set holds (settingsSchema). */
const MAX_LABELS = 50;

/** The one-step import's choices: every label and relation type the files bring is added. */
const ADD_EVERYTHING: ImportMapping = { labels: {}, otherLabels: 'add', relationTypes: {}, otherRelationTypes: 'add' };

/** How an import treats what it reads. */
export interface ImportOptions {
  /** The user's choices for unknown labels and relation types; absent: all are added. */
  mapping?: ImportMapping;
  /** An article the library already holds (same title and text): skipped (the default) or imported as a copy. */
  duplicates?: 'skip' | 'import';
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

function countsNote(counts: ReadonlyMap<string, number>, what: string): string {
  return [...counts].map(([name, count]) => `${count} ${what} "${name}"`).join(', ');
}

/**
 * Adds drafts read from `file` to the library. Articles the library already holds are skipped
 * (noted) unless `duplicates` is "import"; the mapping renames or leaves out labels and relation
 * types (noted), and the new ones it keeps join the settings, labels up to the 50 a label set
 * holds (those past it are reported: their spans are kept, shown without a colour of their
 * own). A taken id gets a new one (a note). Nothing already in the library changes.
 */
export async function addDrafts(store: LibraryStore, file: string, drafts: readonly DocumentDraft[], problems: ImportProblem[], options: ImportOptions = {}): Promise<AddedDrafts> {
  const outcome: AddedDrafts = { ...emptyImportReport(), renamed: [] };
  if (drafts.length === 0) return outcome;
  const mapping = options.mapping ?? ADD_EVERYTHING;
  const settings = store.settings;
  const problem = mappingProblem(mapping, settings);
  if (problem) {
    problems.push({ file, message: `not imported: the label choices no longer fit the library (${problem})` });
    return outcome;
  }
  const mapped = applyMapping(drafts, mapping, settings);
  if (mapped.skippedLabels.size > 0) problems.push({ file, message: `left out, as chosen: ${countsNote(mapped.skippedLabels, 'spans of label')} (with their links)`, severity: 'note' });
  if (mapped.skippedRelationTypes.size > 0) problems.push({ file, message: `left out, as chosen: ${countsNote(mapped.skippedRelationTypes, 'relations of type')}`, severity: 'note' });
  if (mapped.mergedSpans + mapped.mergedRelations > 0) {
    problems.push({ file, message: `${mapped.mergedSpans} spans and ${mapped.mergedRelations} relations became one with another once their labels were mapped; merged`, severity: 'note' });
  }
  const room = Math.max(0, MAX_LABELS - settings.labels.length);
  const newLabels = mapped.newLabels.slice(0, room);
  const refused = mapped.newLabels.slice(room).map((label) => label.name);
  const types = relationTypesWith(relationTypesOf(settings), mapped.newRelationTypes);
  outcome.addedLabels = newLabels.map((label) => label.name);
  outcome.addedRelationTypes = types.types.slice(relationTypesOf(settings).length).map((type) => type.name);
  if (newLabels.length > 0 || outcome.addedRelationTypes.length > 0) {
    await store.updateSettings({ ...settings, labels: [...settings.labels, ...newLabels], ...(outcome.addedRelationTypes.length > 0 || settings.relationTypes ? { relationTypes: types.types } : {}) });
  }
  if (newLabels.length > 0) {
    const keys = newLabels.map((label) => `"${label.name}"${label.key ? ` (key ${label.key})` : ''}`).join(', ');
    problems.push({ file, message: `added ${newLabels.length === 1 ? 'label' : 'labels'} ${keys} to the label set`, severity: 'note' });
  }
  if (outcome.addedRelationTypes.length > 0) {
    problems.push({ file, message: `added relation ${outcome.addedRelationTypes.length === 1 ? 'type' : 'types'} ${quoted(outcome.addedRelationTypes)}`, severity: 'note' });
  }
  if (refused.length > 0) {
    problems.push({
      file,
      message: `the label set is full (${MAX_LABELS} labels), so ${refused.length} ${refused.length === 1 ? 'label was' : 'labels were'} not added: ${quoted(refused)}. Their spans are imported but have no colour or key until a label is removed.`,
    });
  }
  if (types.refused.length > 0) {
    problems.push({ file, message: `the relation types are full (${MAX_RELATION_TYPES}), so ${quoted(types.refused)} ${types.refused.length === 1 ? 'was' : 'were'} not added; their relations are imported but cannot be made again until a type is removed.` });
  }
  // Several annotators' exports of the same articles: one article per text, their spans kept
  // apart by annotator (annotatorMerge.ts) — before the duplicate check, which would skip them.
  let fresh = await mergeAnnotatedDrafts(store, file, mapped.drafts, problems);
  if (options.duplicates !== 'import') {
    const check = await splitDuplicates(store, file, fresh);
    outcome.duplicates = check.duplicates;
    if (check.duplicates.length > 0) problems.push({ file, message: duplicatesNote(check.duplicates, fresh.length), severity: 'note' });
    fresh = check.fresh;
  }
  if (fresh.length === 0) return outcome;
  const result = await store.addDocuments(fresh, store.settings.annotator);
  for (const { from, to } of result.renamed) {
    // A draft without an id (an HTML page's is its file name) is named by the library: no news.
    if (from !== null) problems.push({ file, message: `the id "${from}" is taken or unusable; imported as "${to}"`, severity: 'note' });
  }
  outcome.added = result.added.map((summary) => ({ id: summary.id, title: summary.title, file }));
  outcome.summaries = result.added;
  outcome.renamed = result.renamed;
  return outcome;
}

/** What one file added, beside its problems. */
export interface AddedDrafts extends ImportReport {
  /** The added articles' list rows. */
  summaries?: DocumentSummary[];
  /** Ids the library changed because they were taken or unusable (also noted in problems). */
  renamed: { from: string | null; to: string }[];
}
