import { type DocumentPage, type DocumentRow, type NewsmarkApi } from '../../../shared/contract';
import { passesFilter, type DocumentFilter } from '../../../shared/librarySearch';
import { DOCUMENT_STATUSES, type DocumentStatus, type DocumentSummary } from '../../../shared/model';
import type { Result } from '../../../shared/result';

/** The first request: a screen of rows and the totals, so the list paints before the rest is sent. */
export const FIRST_SCREEN_ROWS = 100;
/**
 * Later pages (on scroll and in idle time), aligned to multiples of this size: small enough that
 * parsing one and drawing its rows fits in a frame's budget beside a scroll (a page of 5,000 rows
 * took ~10 ms of parsing alone, in whatever frame its answer landed).
 */
export const PAGE_ROWS = 1_000;
/** With every page fetched while the host still checks its files, the first screen is asked again this often. */
const FILE_CHECK_POLL_MS = 1_000;
/** Rows fetched either side of the screen's missing rows (see `ensure`). */
const SLICE_MARGIN = 100;
/** The idle filling fetches no page until the list has been still this long (see `ensure`). */
const FILL_HOLD_MS = 300;

/**
 * The document list as far as it is fetched. Rows fetched by page carry what a row shows (id,
 * title, status, counts); `speakers` are known only for articles opened here, `length` is 0
 * and `updatedAt` empty until then.
 */
export interface ListState {
  /** Articles in the library. */
  total: number;
  statusCounts: Readonly<Record<DocumentStatus, number>>;
  /**
   * Rows by index in library order; undefined where the page is not fetched yet. The same array
   * from one state to the next while the list's version and total stay (rows are written into it).
   */
  rows: readonly (DocumentSummary | undefined)[];
  /** Whether every row is fetched (under the current list version). */
  complete: boolean;
}

const NO_COUNTS = Object.fromEntries(DOCUMENT_STATUSES.map((status) => [status, 0])) as Record<DocumentStatus, number>;
export const EMPTY_LIST: ListState = { total: 0, statusCounts: NO_COUNTS, rows: [], complete: true };

function asSummary(row: DocumentRow): DocumentSummary {
  return { ...row, speakers: [], length: 0, updatedAt: '' };
}

const whenIdle: (run: () => void) => void =
  typeof globalThis.requestIdleCallback === 'function' ? (run) => void globalThis.requestIdleCallback(run, { timeout: 500 }) : (run) => void setTimeout(run, 0);

/**
 * Fetches the document list by pages (listDocumentPage): the first screen first, then the page
 * under the list's scroll position as it moves, and the rest one page per idle moment. When an
 * answer's `listVersion` differs (an article joined or left) every page is fetched again; when
 * the host's file check ends (`checkingFiles` true, then false) too, and `onFilesChecked` runs
 * (the client fetches the notices: a file set aside has one).
 */
export class DocumentListPages {
  private state: ListState = EMPTY_LIST;
  private version: number | null = null;
  private checkingFiles = false;
  /** Pages (by index: rows `page * PAGE_ROWS` on) fetched under the current version. */
  private readonly fetched = new Set<number>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private filling = false;
  /** When `ensure` was last asked (the list scrolled); the idle filling waits for it to be still. */
  private movedAt = -Infinity;
  /** Offsets of the screens' rows asked for by `ensure` and not answered yet. */
  private readonly slicesInFlight = new Set<number>();

  constructor(
    private readonly host: NewsmarkApi,
    private readonly onChange: () => void,
    private readonly onFilesChecked: () => void,
    /** What the window shows of a row: the fetched row, or the open article's summary with its unsaved changes. */
    private readonly overlay: (row: DocumentSummary) => DocumentSummary,
  ) {}

  get = (): ListState => this.state;
  private fetchedList: { of: ListState; rows: readonly DocumentSummary[] } | null = null;
  /** The rows fetched so far, in library order (the same array while the list is unchanged). */
  fetchedRows(): readonly DocumentSummary[] {
    if (this.fetchedList?.of !== this.state) this.fetchedList = { of: this.state, rows: this.state.rows.filter((row): row is DocumentSummary => row !== undefined) };
    return this.fetchedList.rows;
  }

  /** Indexes of the rows that name a speaker (only articles opened in this window do). */
  private readonly speakerIndexes = new Set<number>();
  private speakerList: readonly DocumentSummary[] = [];
  private speakersChanged = false;
  /**
   * The fetched rows that name a speaker, in library order: the same array until one of them
   * changes, so a page of the list landing (its rows name none) changes nothing for whoever
   * follows only the speakers (the span panel's speaker field). Kept as rows are written.
   */
  speakerRows(): readonly DocumentSummary[] {
    if (this.speakersChanged) {
      this.speakersChanged = false;
      this.speakerList = [...this.speakerIndexes].sort((a, b) => a - b).map((index) => this.state.rows[index]!);
    }
    return this.speakerList;
  }

  /** Writes one row in place, keeping the speakers' rows in step. */
  private write(rows: (DocumentSummary | undefined)[], index: number, row: DocumentSummary): void {
    const previous = rows[index];
    rows[index] = row;
    if (row.speakers.length > 0) {
      this.speakerIndexes.add(index);
      if (previous !== row) this.speakersChanged = true;
    } else if (this.speakerIndexes.delete(index)) this.speakersChanged = true;
  }

  /** Fetches the first screen (and forgets every page fetched before); the rest follows in idle time. */
  async loadFirstScreen(): Promise<Result<void>> {
    const page = await this.host.request('listDocumentPage', { offset: 0, limit: FIRST_SCREEN_ROWS });
    if (!page.ok) return page;
    // Rows shown so far stay until their page comes again.
    this.fetched.clear();
    this.accept(page.value, null);
    return { ok: true, value: undefined };
  }

  private async askFirstScreen(): Promise<void> {
    const page = await this.host.request('listDocumentPage', { offset: 0, limit: FIRST_SCREEN_ROWS });
    if (page.ok) this.accept(page.value, null);
  }

  /**
   * Fetches rows `start` to `end` (inclusive, the ones on screen) where any of them is missing:
   * only those rows and a margin either side, not their whole page, which follows in idle time
   * once the list is still (FILL_HOLD_MS). A scroll through 100,000 articles lands on a new page
   * at almost every step: parsing and keeping 1,000 rows each time made the garbage collector
   * copy megabytes of new rows inside the scroll's frames (30–37 ms scavenges, traced). Rows
   * already shown (the first screen) wait for their page's turn in idle time, so the start's
   * other requests are not queued behind a page the screen does not need.
   */
  ensure(start: number, end: number): void {
    this.movedAt = performance.now();
    // Asked in a task of its own: the list calls this from the scroll event's render, and
    // sending a request there (1–2 ms a fetch in the browser host) lengthened the scroll's
    // frames. A scroll that moves on before that task runs asks only for where it is now.
    const scheduled = this.wanted !== null;
    this.wanted = { start, end };
    if (!scheduled) setTimeout(() => this.fetchWanted(), 0);
  }

  /** The rows on screen that `ensure` was last asked for, not fetched yet. */
  private wanted: { start: number; end: number } | null = null;

  private fetchWanted(): void {
    const { start, end } = this.wanted!;
    this.wanted = null;
    const last = Math.min(end, this.state.total - 1);
    let from = Math.max(0, start);
    while (from <= last && this.state.rows[from] !== undefined) from++;
    if (from > last) return;
    let to = last;
    while (to > from && this.state.rows[to] !== undefined) to--;
    const offset = Math.max(0, from - SLICE_MARGIN);
    const limit = Math.min(this.state.total - 1, to + SLICE_MARGIN) - offset + 1;
    if (this.pageInFlight(offset, limit) || this.slicesInFlight.has(offset)) return;
    this.slicesInFlight.add(offset);
    void this.host.request('listDocumentPage', { offset, limit }).then((answer) => {
      this.slicesInFlight.delete(offset);
      if (answer.ok) this.accept(answer.value, null);
    });
  }

  /** Whether a whole page in flight holds rows `offset` to `offset + limit - 1`. */
  private pageInFlight(offset: number, limit: number): boolean {
    const first = Math.floor(offset / PAGE_ROWS);
    const last = Math.floor((offset + limit - 1) / PAGE_ROWS);
    for (let page = first; page <= last; page++) if (!this.inFlight.has(page)) return false;
    return true;
  }

  /** Replaces the row of one article (a change shown here), keeping the status counts in step. */
  replaceRow(summary: DocumentSummary): void {
    const index = this.state.rows.findIndex((row) => row?.id === summary.id);
    const previous = index >= 0 ? this.state.rows[index] : undefined;
    if (!previous || previous === summary) return;
    const rows = this.state.rows as (DocumentSummary | undefined)[];
    this.write(rows, index, summary);
    const statusCounts = { ...this.state.statusCounts };
    statusCounts[previous.status]--;
    statusCounts[summary.status]++;
    this.state = { ...this.state, rows, statusCounts };
    this.onChange();
  }

  /**
   * The id of the next (`step` 1) or previous (-1) article after `id` in library order that
   * passes `filter`, fetching the pages it has to look through; null at either end (or when
   * `id` is not in the list).
   */
  async neighbourId(id: string, step: 1 | -1, filter: DocumentFilter): Promise<string | null> {
    let index = this.state.rows.findIndex((row) => row?.id === id);
    if (index < 0 && !this.state.complete) {
      await this.fetchAll();
      index = this.state.rows.findIndex((row) => row?.id === id);
    }
    if (index < 0) return null;
    for (let at = index + step; at >= 0 && at < this.state.total; at += step) {
      if (!this.state.rows[at]) await this.fetchPage(Math.floor(at / PAGE_ROWS));
      const row = this.state.rows[at];
      if (row && passesFilter(row, filter)) return row.id;
    }
    return null;
  }

  private async fetchAll(): Promise<void> {
    for (let page = 0; page * PAGE_ROWS < this.state.total; page++) await this.fetchPage(page);
  }

  private fetchPage(page: number): Promise<void> {
    if (this.fetched.has(page)) return Promise.resolve();
    let running = this.inFlight.get(page);
    if (!running) {
      running = this.host.request('listDocumentPage', { offset: page * PAGE_ROWS, limit: PAGE_ROWS }).then((answer) => {
        this.inFlight.delete(page);
        if (!answer.ok) return;
        this.accept(answer.value, page);
      });
      this.inFlight.set(page, running);
    }
    return running;
  }

  /** One page per idle moment until every row is fetched. */
  private fillInIdle(): void {
    if (this.filling) return;
    this.filling = true;
    const next = () => {
      const wait = FILL_HOLD_MS - (performance.now() - this.movedAt);
      if (wait > 0) {
        setTimeout(() => whenIdle(next), wait);
        return;
      }
      let page = 0;
      while (this.fetched.has(page) && page * PAGE_ROWS < this.state.total) page++;
      if (page * PAGE_ROWS >= this.state.total) {
        this.filling = false;
        // Only an answer tells that the check ended: ask for the first screen until one does.
        if (this.checkingFiles) setTimeout(() => void this.askFirstScreen(), FILE_CHECK_POLL_MS);
        return;
      }
      void this.fetchPage(page).then(() => whenIdle(next));
    };
    whenIdle(next);
  }

  /** Takes a page's rows and totals; when the list changed under it, every other page is fetched again. */
  private accept(page: DocumentPage, pageIndex: number | null): void {
    const versionChanged = this.version !== null && page.listVersion !== this.version;
    const filesChecked = this.checkingFiles && !page.checkingFiles;
    this.version = page.listVersion;
    this.checkingFiles = page.checkingFiles;
    if (versionChanged || filesChecked) this.fetched.clear();
    // The first screen of a small library is all of it.
    if (pageIndex !== null) this.fetched.add(pageIndex);
    else if (page.offset === 0 && page.rows.length === page.total) this.fetched.add(0);
    // The rows are written in place: copying the 100,000 slots for each page of 1,000 (and the
    // garbage of those copies) cost whole frames of a scroll at 100,000 articles. The array is
    // filled with undefined, not made with `new Array(total)`, which beyond 100,000 slots is
    // a dictionary that every row lookup hashes into. Only a new version (or total) starts anew.
    let rows = this.state.rows as (DocumentSummary | undefined)[];
    if (versionChanged || rows.length !== page.total) {
      const fresh: (DocumentSummary | undefined)[] = [];
      for (let at = 0; at < page.total; at++) fresh.push(versionChanged ? undefined : rows[at]);
      rows = fresh;
      for (const index of this.speakerIndexes) {
        if (versionChanged || index >= page.total) this.speakerIndexes.delete(index);
      }
      this.speakersChanged = true;
    }
    // The page's counts are the host's; a row the window shows otherwise (a change the answer
    // may predate) moves its count too, so the progress never steps back behind a status just set.
    const statusCounts = { ...page.statusCounts };
    page.rows.forEach((row, at) => {
      const shown = this.overlay(asSummary(row));
      this.write(rows, page.offset + at, shown);
      if (shown.status !== row.status) {
        statusCounts[row.status]--;
        statusCounts[shown.status]++;
      }
    });
    let complete = true;
    for (let at = 0; at * PAGE_ROWS < page.total; at++) complete &&= this.fetched.has(at);
    this.state = { total: page.total, statusCounts, rows, complete };
    this.onChange();
    if (filesChecked) this.onFilesChecked();
    if (!this.state.complete || this.checkingFiles) this.fillInIdle();
  }
}
