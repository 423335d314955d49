import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { DocumentPage, Notice } from '../../shared/contract';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { spanOfDraft } from '../../shared/draftSpan';
import {
  DEFAULT_LABELS,
  keepingRelationTypes,
  ID_PATTERN,
  labelNameSchema,
  documentStatusSchema,
  newsDocumentSchema,
  settingsSchema,
  type SettingsInput,
  summarise,
  type DocumentStatus,
  type DocumentSummary,
  type NewsDocument,
  type Settings,
} from '../../shared/model';
import { labelChangesProblem, relabelDocument, type LabelChangeOutcome, type LabelChanges } from '../../shared/labelSet';
import { fail, ok, type Result } from '../../shared/result';
import { compareSpans } from '../../shared/spans';
import { acquireDataFolderLock, type DataFolderLock } from './dataFolderLock';
import { explainDataFolderError, makeFolders, removeFoldersIfEmpty } from './dataFolderSetup';
import { checkStoredDocument } from './documentIntegrity';
import { DamagedFileError, DurableJsonFile } from './durableJsonFile';
import { isTemporaryFileName, writeFileDurably } from './durableWrite';
import { indexEntrySchema, type FileStamp, type IndexEntry } from './indexEntry';
import { readIndexFile } from './indexFile';
import { LIST_HEAD_ROWS, writeListHead } from './listHead';
import { readVouchedDocument } from './vouchedDocument';
import { SCHEMA_VERSION } from './indexMigrations';
import { foldIdCase, isWindowsReservedName } from './portableFileName';
import { labelChangesNoteSchema, SettingsFile, type StoredSettings } from './settingsFile';

export { SCHEMA_VERSION };
export const INDEX_FILE_NAME = 'index.json';
export const DOCUMENTS_FOLDER = 'documents';
/** How many documents stay parsed in memory. */
const CACHED_DOCUMENTS = 32;
/** Up to this many documents, the index is written `indexDelayMs` after a change; beyond, proportionally later. */
const DOCUMENTS_PER_INDEX_DELAY = 1_000;
/** File stats taken in one turn of the event loop when checking the files against the index. */
const STATS_AT_ONCE = 256;
/** With `deferFileCheck`, the files are checked this long after opening if no host asked sooner. */
const FILE_CHECK_FALLBACK_MS = 5_000;

const indexSchema = z.object({
  schemaVersion: z.number().int(),
  settings: settingsSchema,
  documents: z.array(indexEntrySchema),
  /** A label change whose settings are saved but whose documents may not all be rewritten yet. */
  labelChangesUnderway: labelChangesNoteSchema.optional(),
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
  /**
   * Trust the index's record of each file's size and time when opening, and check the files
   * against it later (checkFiles, which a host calls once its first list is sent; by itself
   * after FILE_CHECK_FALLBACK_MS otherwise). Without it, open checks every file first.
   */
  deferFileCheck?: boolean;
  /** The folder's lock, taken already by the caller (acquireDataFolderLock); the store releases it on close. */
  lock?: DataFolderLock;
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

/** The labels the entries' spans carry (a count above 0), gathered without a list per entry. */
function labelsOnSpans(entries: readonly IndexEntry[]): Set<string> {
  const labels = new Set<string>();
  for (const entry of entries) for (const label in entry.counts) if (entry.counts[label]! > 0) labels.add(label);
  return labels;
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
 * The library on disk: one small index (document list, schema version, a copy of the
 * settings), the settings in a file of their own (settingsFile.ts), and one file per document, each written through lowdb with a durable adapter. A change to a document
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
  /** Where the settings are kept; `index.data.settings` (and its note) are what is in effect. */
  private readonly settingsFile: SettingsFile;
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
  private fileCheck: Promise<void> | null = null;
  private fileCheckDone = false;
  /** Goes up whenever an article joins or leaves the list, so a paged reader can tell its pages are stale. */
  private listVersion = 0;

  private constructor(
    readonly folder: string,
    private readonly lock: DataFolderLock,
    private readonly indexDelayMs: number,
  ) {
    this.settingsFile = new SettingsFile(folder);
    this.index = new Low(new DurableJsonFile(path.join(folder, INDEX_FILE_NAME), indexSchema), {
      schemaVersion: SCHEMA_VERSION,
      settings: { annotator: 'annotator', labels: [...DEFAULT_LABELS], snapToWords: true },
      documents: [],
    });
  }

  /**
   * Opens (creating when needed) the library in `folder`. Throws DataFolderLockedError when
   * another process holds it, DataFolderError (naming the folder and what is wrong) when it
   * cannot be written (read-only, no permission, a full disk, …), and an Error with a readable
   * message when it was written by a newer version. A failed open leaves no file of its own
   * behind, and removes the folders it made.
   */
  static async open(folder: string, options: OpenOptions): Promise<LibraryStore> {
    const resolved = path.resolve(folder);
    const created = await makeFolders(path.join(resolved, DOCUMENTS_FOLDER)).catch(async (error: unknown) => {
      throw await explainDataFolderError(resolved, error);
    });
    let lock: DataFolderLock | null = null;
    try {
      lock = options.lock ?? acquireDataFolderLock(resolved, options.holder);
      const store = new LibraryStore(resolved, lock, options.indexDelayMs ?? 300);
      await store.load(options);
      return store;
    } catch (error) {
      lock?.release();
      // A folder made just now is left as it was found: not there.
      await removeFoldersIfEmpty(created);
      throw await explainDataFolderError(resolved, error);
    }
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
    const indexPath = path.join(this.folder, INDEX_FILE_NAME);
    // The folder is listed while the index is read (100,000 names take ~0.2 s in the thread pool).
    const [names, reading] = await Promise.all([fs.readdir(documentsFolder), readIndexFile(indexPath, indexSchema)]);
    for (const name of names.filter(isTemporaryFileName)) {
      await fs.rm(path.join(documentsFolder, name), { force: true });
    }
    for (const name of (await fs.readdir(this.folder)).filter(isTemporaryFileName)) {
      await fs.rm(path.join(this.folder, name), { force: true });
    }
    const documentFiles = names.filter((name) => name.endsWith('.json') && ID_PATTERN.test(name.slice(0, -5)));
    const isNew = documentFiles.length === 0;

    if (reading.kind === 'newer') throw this.newerVersionError(reading.version);
    if (reading.kind === 'damaged') {
      const aside = await this.setAside(indexPath);
      this.notices.push({
        level: 'warning',
        message: `The library index was damaged (${reading.reason}); it was set aside as ${path.basename(aside)} and rebuilt from the article files.`,
      });
    }
    if (reading.kind === 'older') {
      // The old index is on disk beside the new one before the new one replaces it.
      const backup = `${indexPath}.v${reading.version}`;
      if (!(await pathExists(backup))) await writeFileDurably(backup, reading.raw);
      await writeFileDurably(indexPath, JSON.stringify(reading.index));
    }
    const migratedFrom = reading.kind === 'older' ? reading.version : null;
    const hadIndex = reading.kind === 'current' || reading.kind === 'older';
    if (reading.kind === 'missing' && !isNew) {
      this.notices.push({
        level: 'warning',
        message: `The library index (${INDEX_FILE_NAME}) was missing; the list of articles was rebuilt from the ${documentFiles.length} article files, in file-name order.`,
      });
    }
    if (hadIndex) this.index.data = reading.index;

    // Reconcile the index with the files: the files are the truth, the index a summary of them.
    const onDisk = new Set(documentFiles.map((name) => name.slice(0, -5)));
    let indexChanged = !hadIndex;
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
    const unlisted: string[] = [];
    for (const id of onDisk) if (!this.entries.has(id)) unlisted.push(id);
    for (const id of unlisted.sort()) {
      const entry: IndexEntry = { id, title: id, status: 'todo', counts: {}, speakers: [], length: 0, updatedAt: '', file: null };
      this.entries.set(id, entry);
      ordered.push(entry);
      indexChanged = true;
    }
    this.index.data.documents = ordered;
    // Entries the index does not vouch for (new files, files changed just before the index was
    // written) are read now, so the first list shows them as they are; the others are checked
    // against their files' sizes and times by checkFiles, now or after the first list is sent.
    const unvouched = ordered.filter((entry) => entry.file === null);
    for (const entry of unvouched) await this.refreshEntry(entry);
    if (unvouched.length > 0) {
      indexChanged = true;
      this.index.data.documents = ordered.filter((entry) => this.entries.has(entry.id));
    }
    if (options.deferFileCheck) {
      // Checked anyway if no list is asked for soon (a host whose window never opens).
      setTimeout(() => void this.checkFiles(), FILE_CHECK_FALLBACK_MS).unref();
    } else {
      indexChanged = (await this.checkFilesNow()) || indexChanged;
    }

    const found = await this.settingsFile.load({
      fromIndex: hadIndex ? this.storedSettings() : null,
      indexPredatesFile: migratedFrom !== null,
      isNew: isNew && !hadIndex,
      spanLabels: labelsOnSpans(this.index.data.documents),
      defaults: { annotator: options.defaultAnnotator ?? 'annotator', labels: [...DEFAULT_LABELS], snapToWords: true },
      setAside: (filePath) => this.setAside(filePath),
      newerVersionError: (version) => this.newerVersionError(version),
    });
    this.notices.push(...found.notices);
    indexChanged ||= !isDeepStrictEqual(found.stored, this.storedSettings());
    this.index.data.settings = found.stored.settings;
    if (found.stored.labelChangesUnderway) this.index.data.labelChangesUnderway = found.stored.labelChangesUnderway;
    else delete this.index.data.labelChangesUnderway;

    if (this.index.data.labelChangesUnderway) await this.finishLabelChanges();

    if (isNew && options.seed && this.entries.size === 0) {
      await this.addDocuments(await options.seed(), this.index.data.settings.annotator);
      return;
    }
    if (indexChanged) await this.writeIndexNow();
  }

  /** Reads an entry's file again and brings the entry up to date with it (or drops it, if damaged). */
  private async refreshEntry(entry: IndexEntry): Promise<void> {
    this.cache.delete(entry.id);
    const stat = await fs.stat(this.documentPath(entry.id));
    const document = await this.readDocument(entry.id);
    if (document) Object.assign(entry, summarise(document), { file: stampOf(stat) });
  }

  /** The settings in effect and the note of a label change under way, as the settings file holds them. */
  private storedSettings(): StoredSettings {
    const { settings, labelChangesUnderway } = this.index.data;
    return labelChangesUnderway ? { settings, labelChangesUnderway } : { settings };
  }

  /** Saves the settings in effect (and any label change note); resolves once they are on disk. */
  private saveSettings(): Promise<void> {
    return this.settingsFile.save(() => this.storedSettings());
  }

  /**
   * Checks every listed document's file against the size and time the index recorded for it
   * (files changed behind the index's back: edited, copied in, restored from a backup), and
   * reads again the ones that differ: a damaged file is set aside with a notice (readDocument),
   * a changed one updates its summary. Started once; later calls share it. A host that opened
   * the library with `deferFileCheck` calls this after its first list is sent, so the check
   * does not delay the first screen; until it ends, every read still checks its file in full.
   */
  checkFiles(): Promise<void> {
    this.fileCheck ??= this.checkFilesNow().then(
      (changed) => {
        if (changed) this.scheduleIndexWrite();
      },
      // A failed check leaves the entries as the index had them, and each read still checks its file.
      (error: unknown) => console.error(`newsmark: the check of the article files in ${this.folder} failed:`, error),
    );
    return this.fileCheck;
  }

  /** Whether every file was checked against the index (checkFiles), as it is on open unless deferred. */
  get filesChecked(): boolean {
    return this.fileCheckDone;
  }

  /** The check of checkFiles; resolves with whether any entry changed. */
  private async checkFilesNow(): Promise<boolean> {
    let changed = false;
    const ids = this.documentIds();
    for (let first = 0; first < ids.length && !this.closed; first += STATS_AT_ONCE) {
      // A batch's stats are taken synchronously (a cached stat costs microseconds; through
      // promises it costs ten times more), then other work gets its turn.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = ids.slice(first, first + STATS_AT_ONCE).filter((id) => this.entries.has(id));
      const stats = batch.map((id) => statSync(this.documentPath(id), { throwIfNoEntry: false }) ?? null);
      for (const [order, id] of batch.entries()) {
        const entry = this.entries.get(id);
        const stat = stats[order];
        if (!entry || (stat && sameStamp(entry.file, stampOf(stat)))) continue;
        // In turn with the document's changes, so a save under way is not taken for a change behind our back.
        // A file that cannot even be looked at (no permission) is reported when it is read.
        changed = (await this.inTurn(id, () => this.recheckEntry(id)).catch(() => false)) || changed;
      }
    }
    this.fileCheckDone = true;
    return changed;
  }

  /** Checks one entry against its file again; true when the entry changed. */
  private async recheckEntry(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    const stat = await fs.stat(this.documentPath(id)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stat && sameStamp(entry.file, stampOf(stat))) return false;
    if (!stat) {
      this.dropEntry(id);
      this.notices.push({ level: 'warning', message: `The file of article "${entry.title}" (${id}.json) is missing; the article was removed from the list.` });
      return true;
    }
    await this.refreshEntry(entry);
    return true;
  }

  private newerVersionError(version: number): Error {
    return new Error(
      `The data folder ${this.folder} was written by a newer Newsmark (schema ${version}; this one reads ${SCHEMA_VERSION}). Update Newsmark to open it.`,
    );
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
      this.dropEntry(id);
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

  /** Takes an article off the list (its file is gone or set aside). */
  private dropEntry(id: string): void {
    this.entries.delete(id);
    this.cache.delete(id);
    this.index.data.documents = this.index.data.documents.filter((entry) => entry.id !== id);
    this.listVersion++;
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

  /**
   * Up to `limit` rows of the list from `offset` (library order), with what a list needs
   * before it has every row: the total, the count per status and the list's version.
   */
  listPage(offset: number, limit: number): DocumentPage {
    const documents = this.index.data.documents;
    const statusCounts: Record<DocumentStatus, number> = { todo: 0, in_progress: 0, done: 0, skipped: 0 };
    for (const entry of documents) statusCounts[entry.status]++;
    return {
      offset,
      total: documents.length,
      rows: documents.slice(offset, offset + limit).map(({ id, title, status, counts }) => ({ id, title, status, counts })),
      statusCounts,
      listVersion: this.listVersion,
      checkingFiles: !this.fileCheckDone,
    };
  }

  /**
   * The documents of `ids`, in order, for reading many at once (an export): a file whose size
   * and time match the index is read synchronously without a schema pass (readVouchedDocument);
   * any other goes the way getDocument goes, with every check. Null for a document that is gone
   * or found damaged (reported in the notices). Documents read this way are not kept in the
   * cache, which holds the ones being worked on.
   */
  async readDocuments(ids: readonly string[]): Promise<(NewsDocument | null)[]> {
    const documents: (NewsDocument | null)[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      const vouched =
        entry?.file && !this.chains.has(id) ? (this.cache.get(id) ?? readVouchedDocument(this.documentPath(id), id, entry.file, (stat) => stampOf(stat) !== null)) : undefined;
      documents.push(vouched ?? (await this.getDocument(id)));
    }
    return documents;
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
    return this.inTurn(id, run);
  }

  /** Runs `task` after every change to document `id` already under way, and before any later one. */
  private inTurn<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous.then(task, task);
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
    // Synchronous: the file's stat is cached, and a turn through the thread pool would delay the acknowledgement.
    const stat = statSync(this.documentPath(document.id));
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
        return spanOfDraft(span, spanId, now, span.annotator ?? draft.annotator ?? annotator);
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
      this.listVersion++;
      added.push(summarise(document));
      this.tellWritten(document);
    }
    await this.writeIndexNow();
    return { added, renamed };
  }

  /** Replaces the settings; resolves once they are on disk (and the index's copy written, or not). */
  async updateSettings(settings: SettingsInput): Promise<Settings> {
    const previous = this.index.data.settings;
    const next = keepingRelationTypes(settingsSchema.parse(settings), previous);
    this.index.data.settings = next;
    try {
      await this.saveSettings();
    } catch (error) {
      // Not on disk, so not in effect.
      if (this.index.data.settings === next) this.index.data.settings = previous;
      throw error;
    }
    // The settings file is the truth; a copy the index failed to take is refreshed later.
    await this.writeIndexNow().catch(() => undefined);
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
      this.index.data.settings = keepingRelationTypes(settingsSchema.parse(changes.settings), previous);
      this.index.data.labelChangesUnderway = { renames: changes.renames, deletions: changes.deletions };
      try {
        await this.saveSettings();
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
    await this.saveSettings();
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
      // The first screen for the next open, while a label change is not half done (see listHead.ts).
      // A cache: one not written (a full disk) leaves the old head, which no longer matches the index.
      if (!this.index.data.labelChangesUnderway) {
        try {
          writeListHead(this.folder, this.listPage(0, LIST_HEAD_ROWS), this.index.data.settings);
        } catch {
          // Ignored on the next open, by its stamp.
        }
      }
    };
    this.indexWrite = this.indexWrite.then(write, write);
    return this.indexWrite;
  }

  /** Waits for every change under way, writes the index and releases the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.chains.values()]);
    this.closed = true;
    // The check stops at its next batch; until then it may set a damaged file aside, which needs the folder held.
    await this.fileCheck;
    try {
      await this.writeIndexNow();
    } finally {
      this.lock.release();
    }
  }
}
