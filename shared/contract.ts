import { z } from 'zod';
import { idSchema, settingsSchema, type DocumentStatus, type DocumentSummary, type NewsDocument, type Settings } from './model';
import { operationSchema } from './operations';
import type { Result } from './result';
import type { AnnotationChange } from './annotationChange';
import type { ExportOptions } from './exportRecord';
import { checkedSettingsSchema, labelChangesSchema, type LabelChangeOutcome } from './labelSet';
import { librarySearchSchema, type SearchResults } from './librarySearch';
import type { ImportProblem } from './importProblem';
import { importMappingSchema } from './importMapping';
import type { ImportPlan, ImportReport } from './importReport';
import { MAX_IMPORT_JOB_FILES } from './formats/importLimits';
import { suggestionDecisionSchema, type SuggestionCounts } from './suggestions/decisions';
import type { Suggestions } from './suggestions/suggest';

/** The most rows one listDocumentPage answer carries. */
export const MAX_PAGE_ROWS = 5_000;
import { comparisonIdSchema, theirVersionsSchema, uploadComparisonSchema, type ComparisonReport, type ComparisonUpload, type TheirVersions } from './agreement/comparisonContract';
import { findStoryMatchesSchema, renameSpeakerSchema, restoreDocumentsSchema, type DriftReport, type LibraryChange, type SpeakerEntry, type StoryMatches } from './storyContract';

/**
 * The one contract between the renderer and the main process: request name → argument schema
 * (validated at the main process's edge, in Electron's IPC and in the browser host alike) and
 * result type. A wrong name or payload is a compile error on both sides.
 */
export const requestSchemas = {
  /** The document list, in library order, every row in full (see listDocumentPage for large libraries). */
  listDocuments: z.object({}).strict(),
  /**
   * Rows `offset` to `offset + limit` of the document list, in library order, in the light
   * shape a list row draws (DocumentRow), with the total: the first screen of a library of
   * 100,000 articles without sending them all.
   */
  listDocumentPage: z.object({ offset: z.number().int().nonnegative(), limit: z.number().int().min(1).max(MAX_PAGE_ROWS) }).strict(),
  /** One whole document, text included. */
  getDocument: z.object({ id: idSchema }).strict(),
  /** Applies one operation; answers once the change is on disk. */
  updateDocument: z.object({ documentId: idSchema, operation: operationSchema }).strict(),
  getSettings: z.object({}).strict(),
  /** Replaces the settings; the label set must keep every label (applyLabelChanges renames and deletes). */
  updateSettings: z.object({ settings: checkedSettingsSchema }).strict(),
  /** Problems found while opening the library (damaged files set aside, …), for the user. */
  getNotices: z.object({}).strict(),
  /** Changes the label set; renamed and deleted labels change the spans of every document. */
  applyLabelChanges: labelChangesSchema,
  /** Documents whose title or text contains a query, filtered by status and label. */
  searchDocuments: librarySearchSchema,
  /**
   * Starts an import of `files` files, sent one by one with `NewsmarkApi.importFile`. Two steps:
   * with `plan: true` the files are read and nothing is written — the job's `plan` lists the
   * labels and relation types the library lacks (counts, a proposed key and colour), the
   * articles it already has and the files that are not articles; then a second job with the
   * user's `mapping` imports the same files. Without `plan` or `mapping` (the one-step import)
   * every new label and relation type is added. Articles the library already holds (same
   * title and text) are skipped unless `duplicates` is "import".
   */
  startImport: z
    .object({
      files: z.number().int().min(1).max(MAX_IMPORT_JOB_FILES),
      plan: z.boolean().default(false),
      mapping: importMappingSchema.optional(),
      duplicates: z.enum(['skip', 'import']).default('skip'),
    })
    .strict()
    .refine((args) => !(args.plan && args.mapping), { message: 'a plan writes nothing, so it takes no mapping', path: ['mapping'] }),
  /** An import's progress and every problem so far. */
  importStatus: z.object({ jobId: z.uuid() }).strict(),
  /** Stops an import between files; what is imported stays. */
  cancelImport: z.object({ jobId: z.uuid() }).strict(),
  /** The suggested spans and links of one article (not its real spans; not the rejected ones). */
  getSuggestions: z.object({ documentId: idSchema }).strict(),
  /** Records that a suggestion was accepted, rejected or (after an undo) withdrawn; answers the counts per rule. */
  recordSuggestionDecision: suggestionDecisionSchema,
  /** Accepted and rejected suggestions per rule, over the library. */
  suggestionStats: z.object({}).strict(),
  /** Passages of other articles that tell a passage again (story view; see storyContract.ts). */
  findStoryMatches: findStoryMatchesSchema,
  /** Every speaker on a span, with their quotes grouped. */
  speakerIndex: z.object({}).strict(),
  /** Renames or merges speakers across the library, as one durable change; undo with restoreDocuments. */
  renameSpeaker: renameSpeakerSchema,
  /** Puts articles back into given states, as one durable change (undo/redo of renameSpeaker). */
  restoreDocuments: restoreDocumentsSchema,
  /** Quotes told in several articles with different words. */
  driftReport: z.object({}).strict(),
  /** One piece of another annotator's export, to compare with the library (see comparisonContract.ts). */
  uploadComparison: uploadComparisonSchema,
  /** The library's agreement with a compared export: per label, links, every disagreement. */
  comparisonReport: comparisonIdSchema,
  /** The compared export's version of some articles (review mode). */
  theirVersions: theirVersionsSchema,
} as const;

/** Where an import stands. */
export interface ImportProgress {
  jobId: string;
  /** "plan": step 1, reading without writing; "import": adding to the library. */
  mode: 'plan' | 'import';
  state: 'running' | 'cancelled' | 'finished';
  filesTotal: number;
  filesDone: number;
  documentsAdded: number;
  /** Problems and notes found so far. */
  problemsFound: number;
}

/**
 * An import's progress with problems and what it did: one file's (after importFile) or all so
 * far (importStatus). A plan job's `plan` is the plan of every file so far, in both answers.
 */
export interface ImportFileOutcome {
  progress: ImportProgress;
  problems: ImportProblem[];
  report: ImportReport;
  plan?: ImportPlan;
}

export interface Notice {
  level: 'warning' | 'error';
  message: string;
}

/** One row of the document list, as listDocumentPage sends it: what the row shows, no more. */
export type DocumentRow = Pick<DocumentSummary, 'id' | 'title' | 'status' | 'counts'>;

/** A page of the document list. */
export interface DocumentPage {
  /** The index of `rows[0]` in the whole list. */
  offset: number;
  rows: DocumentRow[];
  /** Articles in the whole list. */
  total: number;
  /** Articles per status in the whole list (the progress bar, before every row is fetched). */
  statusCounts: Record<DocumentStatus, number>;
  /**
   * Changes whenever an article joins or leaves the list: pages fetched under another version
   * may be shifted, and are fetched again.
   */
  listVersion: number;
  /**
   * True while the host still checks the article files against its index (after the first
   * list is sent). When a later page says false, rows may have changed (a file changed behind
   * the index's back was re-read, or set aside with a notice): fetch the shown pages and the
   * notices again.
   */
  checkingFiles: boolean;
}

export interface RequestResults {
  listDocuments: DocumentSummary[];
  listDocumentPage: DocumentPage;
  getDocument: NewsDocument;
  /**
   * What the change did (applied to the document at `change.baseRevision` it gives the stored
   * state: see shared/annotationChange.ts), not the whole document, and the list's row.
   */
  updateDocument: { change: AnnotationChange; summary: DocumentSummary };
  getSettings: Settings;
  updateSettings: Settings;
  getNotices: Notice[];
  applyLabelChanges: LabelChangeOutcome;
  searchDocuments: SearchResults;
  startImport: ImportProgress;
  importStatus: ImportFileOutcome;
  cancelImport: ImportProgress;
  getSuggestions: Suggestions;
  recordSuggestionDecision: SuggestionCounts;
  suggestionStats: SuggestionCounts;
  findStoryMatches: StoryMatches;
  speakerIndex: SpeakerEntry[];
  renameSpeaker: LibraryChange;
  restoreDocuments: LibraryChange;
  driftReport: DriftReport;
  uploadComparison: ComparisonUpload;
  comparisonReport: ComparisonReport;
  theirVersions: TheirVersions;
}

export type RequestName = keyof typeof requestSchemas;
export type RequestArgs<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ParsedRequestArgs<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;
export type RequestResult<K extends RequestName> = RequestResults[K];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** How an export ended, as the renderer is told. */
export interface ExportOutcome {
  /** Where it went: a file path (desktop) or a download name (browser). Null when cancelled. */
  destination: string | null;
  documents: number;
  spans: number;
}

/**
 * What the renderer sees of its host. Electron's preload and the browser host's client both
 * implement it (`satisfies NewsmarkApi`).
 */
export interface NewsmarkApi {
  readonly host: 'electron' | 'web';
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>>;
  /** Exports to a file the user picks (desktop) or to a download (browser). */
  exportDocuments(options: ExportOptions): Promise<Result<ExportOutcome>>;
  /** Sends one file of a started import (`name` as the user sees it, e.g. "folder/a.jsonl"). */
  importFile(jobId: string, name: string, bytes: Uint8Array): Promise<Result<ImportFileOutcome>>;
  /** The desktop menu's File → Import… / Export… (absent in the browser). */
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
  /**
   * The desktop menu's Edit → Undo / Redo (absent in the browser). The renderer runs the native
   * undo in a text field and the app's own command elsewhere (renderer/src/data/menuCommands.ts).
   */
  onEditCommand?(listener: (command: EditCommand) => void): () => void;
}

export type MenuCommand = 'import' | 'export';
export type EditCommand = 'undo' | 'redo';
