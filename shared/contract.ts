import { z } from 'zod';
import { idSchema, settingsSchema, type DocumentAnnotations, type DocumentSummary, type NewsDocument, type Settings } from './model';
import { operationSchema } from './operations';
import type { Result } from './result';
import type { ExportOptions } from './exportRecord';
import { labelChangesSchema, type LabelChangeOutcome } from './labelSet';
import { librarySearchSchema, type SearchResults } from './librarySearch';
import type { ImportProblem } from './importProblem';
import { MAX_IMPORT_JOB_FILES } from './formats/importLimits';
import { findStoryMatchesSchema, renameSpeakerSchema, restoreDocumentsSchema, type DriftReport, type LibraryChange, type SpeakerEntry, type StoryMatches } from './storyContract';

/**
 * The one contract between the renderer and the main process: request name → argument schema
 * (validated at the main process's edge, in Electron's IPC and in the browser host alike) and
 * result type. A wrong name or payload is a compile error on both sides.
 */
export const requestSchemas = {
  /** The document list, in library order. */
  listDocuments: z.object({}).strict(),
  /** One whole document, text included. */
  getDocument: z.object({ id: idSchema }).strict(),
  /** Applies one operation; answers once the change is on disk. */
  updateDocument: z.object({ documentId: idSchema, operation: operationSchema }).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: z.object({ settings: settingsSchema }).strict(),
  /** Problems found while opening the library (damaged files set aside, …), for the user. */
  getNotices: z.object({}).strict(),
  /** Changes the label set; renamed and deleted labels change the spans of every document. */
  applyLabelChanges: labelChangesSchema,
  /** Documents whose title or text contains a query, filtered by status and label. */
  searchDocuments: librarySearchSchema,
  /** Starts an import of `files` files, sent one by one with `NewsmarkApi.importFile`. */
  startImport: z.object({ files: z.number().int().min(1).max(MAX_IMPORT_JOB_FILES) }).strict(),
  /** An import's progress and every problem so far. */
  importStatus: z.object({ jobId: z.uuid() }).strict(),
  /** Stops an import between files; what is imported stays. */
  cancelImport: z.object({ jobId: z.uuid() }).strict(),
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
} as const;

/** Where an import stands. */
export interface ImportProgress {
  jobId: string;
  state: 'running' | 'cancelled' | 'finished';
  filesTotal: number;
  filesDone: number;
  documentsAdded: number;
  /** Problems and notes found so far. */
  problemsFound: number;
}

/** An import's progress with problems: one file's (after importFile) or all so far (importStatus). */
export interface ImportFileOutcome {
  progress: ImportProgress;
  problems: ImportProblem[];
}

export interface Notice {
  level: 'warning' | 'error';
  message: string;
}

export interface RequestResults {
  listDocuments: DocumentSummary[];
  getDocument: NewsDocument;
  updateDocument: { annotations: DocumentAnnotations; summary: DocumentSummary };
  getSettings: Settings;
  updateSettings: Settings;
  getNotices: Notice[];
  applyLabelChanges: LabelChangeOutcome;
  searchDocuments: SearchResults;
  startImport: ImportProgress;
  importStatus: ImportFileOutcome;
  cancelImport: ImportProgress;
  findStoryMatches: StoryMatches;
  speakerIndex: SpeakerEntry[];
  renameSpeaker: LibraryChange;
  restoreDocuments: LibraryChange;
  driftReport: DriftReport;
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
