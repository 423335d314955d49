import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { NewsDocument } from '../../shared/model';
import type { LibraryStore } from '../store/libraryStore';
import { writeFileDurably } from '../store/durableWrite';
import { StoryIndex, type StoryIndexSnapshot } from './storyIndex';
import type { ArticleReading } from './storyIndexReader';
import { WorkerReading } from './workerReading';

/** The cache file in the data folder: a derived copy, rebuilt whenever it is missing, damaged or stale. */
export const STORY_INDEX_FILE = 'story-index.json';
/** Bumped whenever the index's terms, passages or snapshot change shape; an older cache is rebuilt. */
export const STORY_INDEX_VERSION = 3;
/** Opening stopped because the library closed meanwhile. */
const CLOSED = new Error('The library was closed while its story index opened.');
/** Documents read at once while (re)building. */
const READ_CONCURRENCY = 16;
/** The cache is written this long after the last change it misses (a stale cache costs only re-reading changed articles). */
const SAVE_DELAY_MS = 10_000;
/** The index opens this long after the library at the latest, if nothing has asked for it (a host whose window never lists). */
const OPEN_FALLBACK_MS = 5_000;

interface CacheFile {
  version: number;
  snapshot: StoryIndexSnapshot;
}

/**
 * Keeps one library's StoryIndex current: opened in the background (from the cache file when it
 * is there and current, re-reading only the articles changed since; from the articles otherwise),
 * told of every article written, and cached again a little after changes. It opens when first
 * asked for (`ready()`), when the host starts it after the first list has gone out (`start()`),
 * or OPEN_FALLBACK_MS after the library opened, so that it never competes with the first screen;
 * opening the library never waits for the index.
 */
export class StoryIndexService {
  private opening: Promise<StoryIndex> | null = null;
  private readonly fallback: NodeJS.Timeout;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /** Articles written while the index was opening, applied once it is open. */
  private readonly pending = new Map<string, NewsDocument>();
  private index: StoryIndex | null = null;
  private closed = false;

  /** `reader` makes the index's reader: by default on a worker thread of its own (storyIndexReader.ts). */
  constructor(
    private readonly store: LibraryStore,
    private readonly options: { saveDelayMs?: number; persist?: boolean; reader?: () => ArticleReading } = {},
  ) {
    this.unsubscribe = store.onDocumentWritten((document) => this.written(document));
    this.fallback = setTimeout(() => this.start(), OPEN_FALLBACK_MS);
    this.fallback.unref();
  }

  /** Opens the index in the background, if it is not open or opening already. */
  start(): void {
    // A failure is reported to each request that waits for the index.
    this.ready().catch(() => undefined);
  }

  /**
   * The index if it is open already, else null (for callers that can do without it). It may not
   * hold the articles written in the last moments yet: callers check (LibrarySearcher reads those).
   */
  get current(): StoryIndex | null {
    return this.index;
  }

  /** The index, once open and current with every article written so far. */
  async ready(): Promise<StoryIndex> {
    clearTimeout(this.fallback);
    this.opening ??= this.open();
    const index = await this.opening;
    await index.settled();
    return index;
  }

  private get cachePath(): string {
    return path.join(this.store.folder, STORY_INDEX_FILE);
  }

  /**
   * A written article, told by the store once it is on disk. A change of its spans alone is
   * applied at once; a new text (an import) is read on the reader's worker, beside the store's
   * next writes, and held once read.
   */
  private written(document: NewsDocument): void {
    if (!this.index) {
      this.pending.set(document.id, document);
      return;
    }
    // A change of spans alone is not worth rewriting the cache (the whole library's text): the
    // next open re-reads the articles changed since, as their stamps tell.
    if (this.index.put(document)) this.scheduleSave();
  }

  private newReader(): ArticleReading {
    return this.options.reader?.() ?? WorkerReading.start();
  }

  private async readCache(): Promise<StoryIndex | null> {
    let file: CacheFile;
    try {
      file = JSON.parse(await fs.readFile(this.cachePath, 'utf8')) as CacheFile;
      if (file?.version !== STORY_INDEX_VERSION) return null;
    } catch {
      // Missing or damaged: the cache is only a copy, so it is built again from the articles.
      return null;
    }
    const reader = this.newReader();
    try {
      return await StoryIndex.fromSnapshot(file.snapshot, reader);
    } catch {
      await reader.close();
      return null;
    }
  }

  private async open(): Promise<StoryIndex> {
    const cached = await this.readCache();
    const index = cached ?? StoryIndex.empty(this.newReader());
    try {
      return await this.bringUpToDate(index, cached === null);
    } catch (error) {
      await index.close();
      throw error;
    }
  }

  /** Brings an index opened from the cache (or a new one) up to the library's articles, and makes it the service's. */
  private async bringUpToDate(index: StoryIndex, rebuilt: boolean): Promise<StoryIndex> {
    const summaries = this.store.listDocuments();
    const listed = new Set(summaries.map((summary) => summary.id));
    let changed = rebuilt;
    for (const kept of [...index.all()]) {
      if (!listed.has(kept.id)) {
        index.remove(kept.id);
        changed = true;
      }
    }
    const stale = summaries.filter((summary) => {
      const kept = index.get(summary.id);
      return !kept || kept.text.length !== summary.length || kept.updatedAt !== summary.updatedAt || kept.title !== summary.title;
    });
    for (let batch = 0; batch < stale.length; batch += READ_CONCURRENCY) {
      const documents = await Promise.all(stale.slice(batch, batch + READ_CONCURRENCY).map((summary) => this.store.getDocument(summary.id)));
      for (const document of documents) if (document && !this.pending.has(document.id)) index.put(document);
      if (this.closed) throw CLOSED;
      // Yields between batches so requests keep being answered while a large library is indexed.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stale.length > 0) changed = true;
    for (const document of this.pending.values()) index.put(document);
    if (this.pending.size > 0) changed = true;
    this.pending.clear();
    this.index = index;
    if (changed) this.scheduleSave(0);
    return index;
  }

  private scheduleSave(delay = this.options.saveDelayMs ?? SAVE_DELAY_MS): void {
    if (this.options.persist === false || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      // A cache that could not be written is rebuilt next time; nothing is lost.
      this.save().catch(() => undefined);
    }, delay);
    this.saveTimer.unref();
  }

  /** Writes the cache file now (after any write under way). */
  save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const write = async () => {
      const index = await this.ready();
      // A closed library's folder may be another process's now; the next open rebuilds what is missing.
      if (this.store.isClosed) return;
      // The file is a CacheFile, written as text: its full-text half comes from the worker as JSON text already.
      const snapshot = await index.snapshotText();
      await writeFileDurably(this.cachePath, `{"version":${STORY_INDEX_VERSION},"snapshot":${snapshot}}`);
    };
    this.saving = this.saving.then(write, write);
    return this.saving;
  }

  /** Stops listening, writes the cache if it misses changes, and lets the index go (its worker stops). */
  async close(): Promise<void> {
    clearTimeout(this.fallback);
    this.unsubscribe();
    const due = this.saveTimer !== null;
    if (due) await this.save().catch(() => undefined);
    else await this.saving.catch(() => undefined);
    this.closed = true;
    const index = await this.opening?.catch(() => null);
    await index?.close();
  }
}
