import { fail, type Result } from '../shared/result';
import { dispatchRequest } from './services/dispatchRequest';
import { createLibraryHandlers, type Handlers } from './services/libraryHandlers';
import type { LibraryStore } from './store/libraryStore';
import type { ListHead } from './store/listHead';
import { EarlyAnswers } from './web/earlyAnswers';

export interface OpenedLibrary {
  store: LibraryStore;
  handlers: Handlers;
}

export interface DesktopLibraryOptions {
  /** The folder's list head when it is current (readListHead), else null. */
  head: ListHead | null;
  /** Opens the library (the caller holds the folder's lock already). */
  open: () => Promise<LibraryStore>;
  /** With a head, the library opens at the latest this long after `start` (default OPEN_LIBRARY_AFTER_MS, 1 s). */
  openAfterMs?: number;
}

/**
 * The desktop app's library as the window sees it: the window is created before the library is
 * open, as the browser host listens before it opens, so the first screen does not wait for the
 * index of a large library. While the library opens, the window's first requests (the list's
 * first screen, the settings, the notices) are answered from the list head (web/earlyAnswers.ts)
 * and every other request waits for the library. The library starts opening once those three are
 * answered, when anything else is asked, or `openAfterMs` after `start`; without a head, at once.
 */
export class DesktopLibrary {
  /** The open library, once it is. */
  current: OpenedLibrary | null = null;
  /** Settles when the library is open, or with the reason it cannot be. */
  readonly opened: Promise<OpenedLibrary>;
  private readonly early: EarlyAnswers | null;
  private provide!: (library: Promise<OpenedLibrary>) => void;
  private opening: Promise<OpenedLibrary> | null = null;

  constructor(private readonly options: DesktopLibraryOptions) {
    this.opened = new Promise<Promise<OpenedLibrary>>((resolve) => (this.provide = resolve)).then((library) => library);
    this.early = options.head ? new EarlyAnswers(options.head, () => this.openNow()) : null;
  }

  /** Called once the window is created: opens the library now, or soon when a head answers the first screen. */
  start(): void {
    if (!this.early) return this.openNow();
    this.early.openWithin(this.options.openAfterMs);
  }

  /** Starts opening the library, if not started yet. */
  openNow(): void {
    if (this.opening) return;
    this.opening = this.options.open().then((store) => (this.current = { store, handlers: createLibraryHandlers(store) }));
    this.provide(this.opening);
  }

  /** Whether the opening has started (a library that never started opening has nothing to close). */
  get started(): boolean {
    return this.opening !== null;
  }

  /** One request from the window: from the head while the library opens and the head can answer it, else from the library. */
  async request(name: unknown, args: unknown): Promise<Result<unknown>> {
    if (!this.current && this.early && typeof name === 'string' && this.early.handles(name)) {
      const answer = this.early.answer(name, args === undefined ? '' : JSON.stringify(args));
      if (answer) return answer;
    }
    this.openNow();
    let handlers: Handlers;
    try {
      ({ handlers } = await this.opened);
    } catch (error) {
      // The app says why in a dialog and quits; until then each request gets the reason.
      return fail('storage_failed', `The library could not be opened: ${(error as Error).message}`);
    }
    return dispatchRequest(handlers, name, args);
  }

  /** The open store, waiting for the opening (started now if it was not). */
  async store(): Promise<LibraryStore> {
    this.openNow();
    return (await this.opened).store;
  }
}
