import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { Notice } from '../../shared/contract';
import type { DocumentDraft } from '../../shared/jsonlImport';
import {
  DEFAULT_LABELS,
  ID_PATTERN,
  documentStatusSchema,
  labelNameSchema,
  newsDocumentSchema,
  settingsSchema,
  type SettingsInput,
  summarise,
  type DocumentSummary,
  type NewsDocument,
  type Settings,
} from '../../shared/model';
import { labelChangesProblem, labelRenameSchema, relabelDocument, type LabelChangeOutcome, type LabelChanges } from '../../shared/labelSet';
import { fail, ok, type Result } from '../../shared/result';
import { compareSpans } from '../../shared/spans';
import { acquireDataFolderLock, type DataFolderLock } from './dataFolderLock';
import { checkStoredDocument } from './documentIntegrity';
import { DamagedFileError, DurableJsonFile } from './durableJsonFile';
import { isTemporaryFileName, writeFileDurably } from './durableWrite';
import { claimedIndexVersion, migrateIndex, SCHEMA_VERSION } from './indexMigrations';
import { foldIdCase, isWindowsReservedName } from './portableFileName';

export { SCHEMA_VERSION };
export const INDEX_FILE_NAME = 'index.json';
export const DOCUMENTS_FOLDER = 'documents';
/** How many documents stay parsed in memory. */
const CACHED_DOCUMENTS = 32;
/** Up to this many documents, the index is written `indexDelayMs` after a change; beyond, proportionally later. */
const DOCUMENTS_PER_INDEX_DELAY = 1_000;
/** File stats asked for at once when opening a library. */
const STATS_AT_ONCE = 256;

/** When a document file last changed, to tell whether its summary in the index is current. */
const fileStampSchema = z.object({ size: z.number(), mtimeMs: z.number() });
type FileStamp = z.infer<typeof fileStampSchema>;

const indexEntrySchema = z.object({
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  status: documentStatusSchema,
  counts: z.record(z.string(), z.number()),
  speakers: z.array(z.string()).default([]),
  length: z.number(),
  updatedAt: z.string(),
  file: fileStampSchema.nullable(),
});
type IndexEntry = z.infer<typeof indexEntrySchema>;

const indexSchema = z.object({
  schemaVersion: z.number().int(),
  settings: settingsSchema,
  documents: z.array(indexEntrySchema),
  /** A label change whose settings are saved but whose documents may not all be rewritten yet. */
  labelChangesUnderway: z.object({ renames: z.array(labelRenameSchema), deletions: z.array(labelNameSchema) }).optional(),
});
type LibraryIndex = z.infer<typeof indexSchema>;

export interface OpenOptions {
  /** What opens it, named in the lock so another process can say who holds the folder. */
  holder: string;
  /** Annotator name for a new library. */
  defaultAnnotator?: string;
  /** Drafts to import when the folder is new (the sample corpus). */
  seed?: () => Promise<DocumentDraft[]>;
  /** Index write delay after a document change, in ms (the document file is already durable). */
  indexDelayMs?: number;
}

export interface AddResult {
  added: DocumentSummary[];
  /** Drafts whose id was taken (or unusable) and got a new one. */
  renamed: { from: string | null; to: string }[];
}

/**
 * File times tick coarsely (new files get the kernel's coarse clock), so a same-size rewrite
 * soon after can carry the very same stamp. A file changed this recently gets no stamp (null):
 * its summary is not vouched for, and it is read again on the next open.
 */
const RECENT_CHANGE_MS = 2_000;

function stampOf(stat: { size: number; mtimeMs: number }): FileStamp | null {
  if (Date.now() - stat.mtimeMs < RECENT_CHANGE_MS) return null;
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return a !== null && b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function timestampForFileName(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

async function pathExists(filePath: string): Promise<boolean> {
  return fs
    .access(filePath)
    .then(() => true)
    .catch(() => false);
}

/**
 * The library on disk: one small index (document list, settings, schema version) and one file
 * per document, each written through lowdb with a durable adapter. A change to a document
 * rewrites that document's file only; the change is acknowledged (the promise resolves) after
 * the file is on disk. The index is a summary that can always be rebuilt from the document
 * files; it is rewritten shortly after changes and checked against the files when opened.
 *
 * A file that cannot be read is never overwritten: it is renamed aside with a timestamp, and a
 * notice tells the user which article is affected. One process holds a folder at a time.
 */
export class LibraryStore {
  readonly notices: Notice[] = [];
  private index: Low<LibraryIndex>;
  private readonly entries = new Map<string, IndexEntry>();
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Recently used documents, newest last; documents are never mutated in place. */
  private readonly cache = new Map<string, NewsDocument>();
  private indexTimer: NodeJS.Timeout | null = null;
  private indexWrite: Promise<void> = Promise.resolve();
  private adding: Promise<unknown> = Promise.resolve();
  private labelChanging: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Told of every document written (changed or added), after it is on disk. */
  private readonly documentListeners = new Set<(document: NewsDocument) => void>();
  /** Documents whose spans that do not fit were reported already (once per open is enough). */
  private readonly reportedDocuments = new Set<string>();

  private constructor(
    readonly folder: string,
    private readonly lock: DataFolderLock,
    private readonly indexDelayMs: number,
  ) {
    this.index = new Low(new DurableJsonFile(path.join(folder, INDEX_FILE_NAME), indexSchema), {
      schemaVersion: SCHEMA_VERSION,
      settings: { annotator: 'annotator', labels: [...DEFAULT_LABELS], snapToWords: true },
      documents: [],
    });
  }

  /**
   * Opens (creating when needed) the library in `folder`. Throws DataFolderLockedError when
   * another process holds it, and an Error with a readable message when the folder cannot be
   * used or was written by a newer version.
   */
  static async open(folder: string, options: OpenOptions): Promise<LibraryStore> {
    const resolved = path.resolve(folder);
    await fs.mkdir(path.join(resolved, DOCUMENTS_FOLDER), { recursive: true });
    const lock = acquireDataFolderLock(resolved, options.holder);
    const store = new LibraryStore(resolved, lock, options.indexDelayMs ?? 300);
    try {
      await store.load(options);
    } catch (error) {
      lock.release();
      throw error;
    }
    return store;
  }

  private documentPath(id: string): string {
    return path.join(this.folder, DOCUMENTS_FOLDER, `${id}.json`);
  }

  private documentFile(id: string): Low<NewsDocument | null> {
    return new Low<NewsDocument | null>(new DurableJsonFile(this.documentPath(id), newsDocumentSchema.nullable()), null);
  }

  /** A name beside `filePath` for keeping it aside, taken by no file yet. */
  private async asideName(filePath: string): Promise<string> {
    const base = `${filePath}.damaged-${timestampForFileName()}`;
    let aside = base;
    // A file set aside before at the same clock time must stay.
    for (let copy = 2; await pathExists(aside); copy++) aside = `${base}-${copy}`;
    return aside;
  }

  /** Renames a damaged file aside (never overwriting it) and returns its new name. */
  private async setAside(filePath: string): Promise<string> {
    const aside = await this.asideName(filePath);
    await fs.rename(filePath, aside);
    return aside;
  }

  /**
   * Copies a file aside as it is (under a name no file has) and returns the copy's name. The
   * copy is durable, like any save, since the original may be replaced right after.
   */
  private async copyAside(filePath: string): Promise<string> {
    const aside = await this.asideName(filePath);
    await writeFileDurably(aside, await fs.readFile(filePath, 'utf8'));
    return aside;
  }

  private async load(options: OpenOptions): Promise<void> {
    const documentsFolder = path.join(this.folder, DOCUMENTS_FOLDER);
    const names = await fs.readdir(documentsFolder);
    for (const name of names.filter(isTemporaryFileName)) {
      await fs.rm(path.join(documentsFolder, name), { force: true });
    }
    for (const name of (await fs.readdir(this.folder)).filter(isTemporaryFileName)) {
      await fs.rm(path.join(this.folder, name), { force: true });
    }
    const documentFiles = names.filter((name) => name.endsWith('.json') && ID_PATTERN.test(name.slice(0, -5)));
    const isNew = documentFiles.length === 0;

    await this.migrateOlderIndex();
    let indexReadable = true;
    try {
      await this.index.read();
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      // A newer Newsmark's index may not fit this version's schema; it is not damaged.
      const claimed = claimedIndexVersion(await fs.readFile(error.filePath, 'utf8'));
      if (claimed !== null && claimed > SCHEMA_VERSION) throw this.newerVersionError(claimed);
      indexReadable = false;
      const aside = await this.setAside(error.filePath);
      this.notices.push({
        level: 'warning',
        message: `The library index was damaged (${error.reason}); it was set aside as ${path.basename(aside)} and rebuilt from the article files. Settings were reset to their defaults.`,
      });
    }
    if (this.index.data.schemaVersion > SCHEMA_VERSION) throw this.newerVersionError(this.index.data.schemaVersion);
    if (indexReadable && options.defaultAnnotator && !(await this.indexExists())) {
      this.index.data.settings.annotator = options.defaultAnnotator;
    }

    // Reconcile the index with the files: the files are the truth, the index a summary of them.
    const onDisk = new Set(documentFiles.map((name) => name.slice(0, -5)));
    let indexChanged = !indexReadable || !(await this.indexExists());
    const ordered: IndexEntry[] = [];
    for (const entry of this.index.data.documents) {
      if (!onDisk.has(entry.id) || this.entries.has(entry.id)) {
        indexChanged = true;
        if (!onDisk.has(entry.id)) {
          this.notices.push({ level: 'warning', message: `The file of article "${entry.title}" (${entry.id}.json) is missing; the article was removed from the list.` });
        }
        continue;
      }
      this.entries.set(entry.id, entry);
      ordered.push(entry);
    }
    for (const id of [...onDisk].sort()) {
      if (this.entries.has(id)) continue;
      const entry: IndexEntry = { id, title: id, status: 'todo', counts: {}, speakers: [], length: 0, updatedAt: '', file: null };
      this.entries.set(id, entry);
      ordered.push(entry);
      indexChanged = true;
    }
    const stats = await this.statDocuments(ordered.map((entry) => entry.id));
    for (const [index, entry] of ordered.entries()) {
      const stat = stats[index]!;
      if (sameStamp(entry.file, stampOf(stat))) continue;
      indexChanged = true;
      const document = await this.readDocument(entry.id);
      if (document) Object.assign(entry, summarise(document), { file: stampOf(stat) });
    }
    this.index.data.documents = ordered.filter((entry) => this.entries.has(entry.id));

    if (this.index.data.labelChangesUnderway) await this.finishLabelChanges();

    if (isNew && options.seed && this.entries.size === 0) {
      await this.addDocuments(await options.seed(), this.index.data.settings.annotator);
      return;
    }
    if (indexChanged) await this.writeIndexNow();
  }

  /**
   * Brings an index written by an older Newsmark up to this version (indexMigrations.ts), first
   * keeping the old file beside it as `index.json.v<version>`. An index that is damaged, newer
   * or current is left for the read that follows, which reports it.
   */
  private async migrateOlderIndex(): Promise<void> {
    const indexPath = path.join(this.folder, INDEX_FILE_NAME);
    let raw: string;
    try {
      raw = await fs.readFile(indexPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const version = claimedIndexVersion(raw);
    if (version === null || version >= SCHEMA_VERSION) return;
    const migrated = migrateIndex(JSON.parse(raw) as Record<string, unknown>, version);
    // Not of the schema even after migrating: damaged, and set aside untouched by the read.
    if (!indexSchema.safeParse(migrated).success) return;
    // The old index is on disk beside the new one before the new one replaces it.
    const backup = `${indexPath}.v${version}`;
    if (!(await pathExists(backup))) await writeFileDurably(backup, raw);
    await writeFileDurably(indexPath, JSON.stringify(migrated));
  }

  /**
   * The files' stats, in the order of `ids`. Asked for many at a time: one after another, the
   * round trips to the file system alone make opening 10,000 documents take seconds.
   */
  private async statDocuments(ids: readonly string[]): Promise<Stats[]> {
    const stats: Stats[] = [];
    for (let first = 0; first < ids.length; first += STATS_AT_ONCE) {
      stats.push(...(await Promise.all(ids.slice(first, first + STATS_AT_ONCE).map((id) => fs.stat(this.documentPath(id))))));
    }
    return stats;
  }

  private newerVersionError(version: number): Error {
    return new Error(
      `The data folder ${this.folder} was written by a newer Newsmark (schema ${version}; this one reads ${SCHEMA_VERSION}). Update Newsmark to open it.`,
    );
  }

  private indexExists(): Promise<boolean> {
    return pathExists(path.join(this.folder, INDEX_FILE_NAME));
  }

  /**
   * Reads one document file. A damaged file is set aside, the article leaves the list, a
   * notice is added, and null is returned; other I/O errors are thrown.
   */
  private async readDocument(id: string): Promise<NewsDocument | null> {
    const cached = this.cache.get(id);
    if (cached) {
      this.remember(cached);
      return cached;
    }
    const file = this.documentFile(id);
    try {
      await file.read();
      // A file holding another article (copied or renamed by hand) is never served, or written
      // back under its inner id over that article's own file.
      if (file.data && file.data.id !== id) throw new DamagedFileError(this.documentPath(id), `it holds article "${file.data.id}", not "${id}"`);
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      const title = this.entries.get(id)?.title ?? id;
      const aside = await this.setAside(error.filePath);
      this.entries.delete(id);
      this.index.data.documents = this.index.data.documents.filter((entry) => entry.id !== id);
      this.notices.push({
        level: 'error',
        message: `The file of article "${title}" was damaged (${error.reason}). It was set aside as ${path.relative(this.folder, aside)} and the article removed from the list; nothing overwrote it.`,
      });
      this.scheduleIndexWrite();
      return null;
    }
    if (!file.data) return null;
    const document = await this.withoutSpansThatDoNotFit(file.data);
    this.remember(document);
    return document;
  }

  /**
   * The document without spans and relations that do not fit its text (checkStoredDocument),
   * which are never served. Its file is not changed by reading; the next change to the article
   * writes it without them, so a copy of the file as it was is kept aside first and the user is
   * told which article and spans are affected.
   */
  private async withoutSpansThatDoNotFit(stored: NewsDocument): Promise<NewsDocument> {
    const { document, problems } = checkStoredDocument(stored);
    if (problems.length === 0 || this.reportedDocuments.has(stored.id)) return document;
    this.reportedDocuments.add(stored.id);
    const copy = await this.copyAside(this.documentPath(stored.id));
    this.notices.push({
      level: 'error',
      message: `Article "${stored.meta.title}" (${stored.id}) has spans or relations that do not fit its text, so they are not shown: ${problems.join('; ')}. The file as it was is kept as ${path.relative(this.folder, copy)}; the next change to this article saves it without them.`,
    });
    return document;
  }

  private remember(document: NewsDocument): void {
    this.cache.delete(document.id);
    this.cache.set(document.id, document);
    if (this.cache.size > CACHED_DOCUMENTS) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Whether close() was called: the folder may belong to another process now. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Calls `listener` with every document written from now on, once it is on disk; returns the unsubscribe. */
  onDocumentWritten(listener: (document: NewsDocument) => void): () => void {
    this.documentListeners.add(listener);
    return () => this.documentListeners.delete(listener);
  }

  private tellWritten(document: NewsDocument): void {
    for (const listener of this.documentListeners) listener(document);
  }

  listDocuments(): DocumentSummary[] {
    return this.index.data.documents.map(({ file: _file, ...summary }) => summary);
  }

  /** Ids in library order. */
  documentIds(): string[] {
    return this.index.data.documents.map((entry) => entry.id);
  }

  get settings(): Settings {
    return this.index.data.settings;
  }

  /** The document, or null when there is no such document (or its file was found damaged). */
  async getDocument(id: string): Promise<NewsDocument | null> {
    if (!this.entries.has(id)) return null;
    // A change that failed left the document as it was; its caller has the error.
    await this.chains.get(id)?.catch(() => undefined);
    return this.readDocument(id);
  }

  /**
   * Runs `change` on the stored document and stores what it returns, one change at a time per
   * document. Resolves after the new document file is on disk. `change` returning the same
   * object means nothing changed, and nothing is written.
   */
  updateDocument(id: string, change: (document: NewsDocument) => Result<NewsDocument>): Promise<Result<NewsDocument>> {
    const run = async (): Promise<Result<NewsDocument>> => {
      if (this.closed) return fail('storage_failed', 'The library is closed.');
      if (!this.entries.has(id)) return fail('not_found', `There is no article "${id}".`);
      const document = await this.readDocument(id);
      if (!document) return fail('not_found', `Article "${id}" could not be read; see the notices.`);
      const result = change(document);
      if (!result.ok || result.value === document) return result;
      if (result.value.id !== id) throw new RangeError(`A change to article "${id}" may not change its id to "${result.value.id}".`);
      await this.writeDocument(result.value);
      return result;
    };
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.chains.set(id, next);
    const forget = () => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    };
    // Both ways, so a failed change rejects only the promise its caller holds.
    next.then(forget, forget);
    return next;
  }

  private async writeDocument(document: NewsDocument): Promise<void> {
    const file = this.documentFile(document.id);
    file.data = document;
    await file.write();
    this.remember(document);
    this.tellWritten(document);
    const stat = await fs.stat(this.documentPath(document.id));
    const entry = this.entries.get(document.id);
    if (entry) {
      Object.assign(entry, summarise(document), { file: stampOf(stat) });
      this.scheduleIndexWrite();
    }
  }

  private uniqueId(wanted: string | null, isTaken: (id: string) => boolean): string {
    const base = wanted && ID_PATTERN.test(wanted) ? wanted : (wanted ?? 'document').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'document';
    if (!isTaken(base) && ID_PATTERN.test(base)) return base;
    // A name Windows reserves stays reserved whatever follows its first dot: number the stem.
    const numbered = (suffix: number) => (isWindowsReservedName(base) ? base.replace(/^[^.]*/, (stem) => `${stem}-${suffix}`) : `${base.slice(0, 110)}-${suffix}`);
    for (let suffix = 2; ; suffix++) {
      const candidate = numbered(suffix);
      if (!isTaken(candidate)) return candidate;
    }
  }

  /** Ids of the document files in the folder, listed or not (a file is never written over). */
  private async documentFileIds(): Promise<string[]> {
    const names = await fs.readdir(path.join(this.folder, DOCUMENTS_FOLDER));
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5));
  }

  /**
   * Adds documents. Nothing already in the library changes: a draft whose id is taken gets a
   * new one (reported in `renamed`). Resolves after every new file and the index are on disk.
   */
  addDocuments(drafts: readonly DocumentDraft[], annotator: string): Promise<AddResult> {
    // One import at a time, so each picks its ids knowing every document added before it.
    const run = () => this.addDocumentsNow(drafts, annotator);
    const next = this.adding.then(run, run);
    this.adding = next;
    return next;
  }

  private async addDocumentsNow(drafts: readonly DocumentDraft[], annotator: string): Promise<AddResult> {
    // Ids are compared without case, so that no two articles share a file where the file
    // system ignores case; names Windows reserves are never used.
    const taken = new Set([...this.entries.keys(), ...(await this.documentFileIds())].map(foldIdCase));
    const isTaken = (candidate: string) => taken.has(foldIdCase(candidate)) || isWindowsReservedName(candidate);
    const added: DocumentSummary[] = [];
    const renamed: AddResult['renamed'] = [];
    const now = new Date().toISOString();
    for (const draft of drafts) {
      const id = this.uniqueId(draft.id, isTaken);
      taken.add(foldIdCase(id));
      if (id !== draft.id) renamed.push({ from: draft.id, to: id });
      const spanIds = new Set<string>();
      const spans = draft.spans.map((span, order) => {
        const spanId = this.uniqueId(span.id ?? `s${order + 1}`, (candidate) => spanIds.has(candidate));
        spanIds.add(spanId);
        return {
          id: spanId,
          start: span.start,
          end: span.end,
          label: span.label,
          ...(span.note !== undefined ? { note: span.note } : {}),
          ...(span.speaker !== undefined ? { speaker: span.speaker } : {}),
          createdAt: now,
          updatedAt: now,
          annotator: span.annotator ?? draft.annotator ?? annotator,
        };
      });
      const relationIds = new Set<string>();
      const relations = draft.relations.map((relation, order) => {
        const relationId = this.uniqueId(relation.id ?? `r${order + 1}`, (candidate) => relationIds.has(candidate));
        relationIds.add(relationId);
        return { id: relationId, label: relation.label, headId: spans[relation.head]!.id, childId: spans[relation.child]!.id };
      });
      const document: NewsDocument = newsDocumentSchema.parse({
        id,
        text: draft.text,
        meta: draft.meta,
        status: draft.status,
        spans: spans.sort(compareSpans),
        relations,
        createdAt: now,
        updatedAt: now,
        annotator: draft.annotator ?? annotator,
        revision: 0,
      });
      const file = this.documentFile(id);
      file.data = document;
      await file.write();
      const stat = await fs.stat(this.documentPath(id));
      const entry: IndexEntry = { ...summarise(document), file: stampOf(stat) };
      this.entries.set(id, entry);
      this.index.data.documents.push(entry);
      added.push(summarise(document));
      this.tellWritten(document);
    }
    await this.writeIndexNow();
    return { added, renamed };
  }

  /** Replaces the settings; resolves once they are on disk. */
  async updateSettings(settings: SettingsInput): Promise<Settings> {
    const previous = this.index.data.settings;
    const next = settingsSchema.parse(settings);
    this.index.data.settings = next;
    try {
      await this.writeIndexNow();
    } catch (error) {
      // Not on disk, so not in effect.
      if (this.index.data.settings === next) this.index.data.settings = previous;
      throw error;
    }
    return next;
  }

  /**
   * Changes the label set in one step: saves the new settings, then rewrites every document
   * with a span of a renamed or deleted label (relabelled, or removed with its relations; see
   * relabelDocument), each durably and with a new revision. Documents without such spans are
   * not touched. The settings are saved together with a note of the change, so a change cut
   * short (a crash, a full disk) is finished the next time the library opens. Resolves once
   * everything is on disk; an invalid change returns an `invalid_request` error and changes
   * nothing.
   */
  applyLabelChanges(changes: LabelChanges): Promise<Result<LabelChangeOutcome>> {
    const run = async (): Promise<Result<LabelChangeOutcome>> => {
      if (this.closed) return fail('storage_failed', 'The library is closed.');
      // An earlier change cut short by a write error is finished first, or its note would be lost.
      if (this.index.data.labelChangesUnderway) await this.finishLabelChanges();
      const problem = labelChangesProblem(this.settings, changes);
      if (problem) return fail('invalid_request', problem);
      const previous = this.index.data.settings;
      this.index.data.settings = settingsSchema.parse(changes.settings);
      this.index.data.labelChangesUnderway = { renames: changes.renames, deletions: changes.deletions };
      try {
        await this.writeIndexNow();
      } catch (error) {
        // Not on disk, so not in effect.
        this.index.data.settings = previous;
        delete this.index.data.labelChangesUnderway;
        throw error;
      }
      return ok({ settings: this.settings, ...(await this.finishLabelChanges()) });
    };
    const next = this.labelChanging.then(run, run);
    this.labelChanging = next;
    return next;
  }

  /** Rewrites the documents the noted label change affects, then clears the note. */
  private async finishLabelChanges(): Promise<Omit<LabelChangeOutcome, 'settings'>> {
    const changes = this.index.data.labelChangesUnderway!;
    const touched = new Set([...changes.deletions, ...changes.renames.map((rename) => rename.from)]);
    const context = { annotator: this.settings.annotator, now: new Date().toISOString(), labels: this.settings.labels.map((label) => label.name) };
    const outcome = { changedDocumentIds: [] as string[], renamedSpans: 0, removedSpans: 0 };
    for (const entry of [...this.index.data.documents]) {
      // The counts in the index are current; a change under way may add a span they miss yet.
      if (!this.chains.has(entry.id) && !Object.entries(entry.counts).some(([label, count]) => count > 0 && touched.has(label))) continue;
      let renamedSpans = 0;
      let removedSpans = 0;
      const result = await this.updateDocument(entry.id, (document) => {
        const relabelled = relabelDocument(document, changes, context);
        ({ renamedSpans, removedSpans } = relabelled);
        return ok(relabelled.document);
      });
      if (!result.ok || renamedSpans + removedSpans === 0) continue;
      outcome.changedDocumentIds.push(entry.id);
      outcome.renamedSpans += renamedSpans;
      outcome.removedSpans += removedSpans;
    }
    delete this.index.data.labelChangesUnderway;
    await this.writeIndexNow();
    return outcome;
  }

  private scheduleIndexWrite(): void {
    if (this.indexTimer || this.closed) return;
    // Writing the index costs time in proportion to the library (and blocks while it is turned
    // into JSON), so a large library writes it less often; a stale index costs only a re-read
    // of the changed files on the next open.
    const delay = this.indexDelayMs * Math.max(1, Math.ceil(this.entries.size / DOCUMENTS_PER_INDEX_DELAY));
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null;
      // A failed summary write loses nothing: the next open rebuilds it from the files.
      this.writeIndexNow().catch(() => undefined);
    }, delay);
  }

  /** Writes the index now (after any write already under way). */
  private writeIndexNow(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer);
      this.indexTimer = null;
    }
    const write = async () => {
      this.index.data.schemaVersion = SCHEMA_VERSION;
      await this.index.write();
    };
    this.indexWrite = this.indexWrite.then(write, write);
    return this.indexWrite;
  }

  /** Waits for every change under way, writes the index and releases the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.chains.values()]);
    this.closed = true;
    try {
      await this.writeIndexNow();
    } finally {
      this.lock.release();
    }
  }
}
