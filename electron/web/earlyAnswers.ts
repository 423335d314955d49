import type http from 'node:http';
import type { DocumentPage } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { LIST_HEAD_VERSION, type ListHead } from '../store/listHead';
import { readRequestBody } from './uploadToFile';

/** The requests a window sends for its first screen, which a list head can answer. */
const EARLY_REQUESTS = new Set(['listDocumentPage', 'getSettings', 'getNotices']);
/** With a list head, the library opens at the latest this long after the window can ask (`openWithin`). */
export const OPEN_LIBRARY_AFTER_MS = 1_000;
/** Largest body read for one of them (a page request is a few bytes). */
const MAX_EARLY_BODY = 4096;

/**
 * Answers a window's first requests from the list head (store/listHead.ts) while the library
 * still opens: the first screen of the list (offset 0, no more rows than the head has, unless
 * it has them all), the settings, and no notices yet. The page says that files are still being
 * checked, with a list version no open library has, so the window fetches its pages and the
 * notices again from the library; every other request waits for the library. The library's
 * opening (which blocks this thread for a while at 100,000 articles) starts once the three are
 * answered, or at once when anything else is asked (`openLibrary`, called once); until it is
 * open, those three are still answered from the head.
 */
export class EarlyAnswers {
  private readonly answered = new Set<string>();
  private opening = false;

  constructor(
    private readonly head: ListHead,
    private readonly startOpening: () => void,
  ) {}

  /** Starts opening the library, if not started yet. */
  openLibrary(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.opening) return;
    this.opening = true;
    this.startOpening();
  }

  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Opens the library `ms` from now unless it starts opening before (the window asked its three, or anything else). */
  openWithin(ms = OPEN_LIBRARY_AFTER_MS): void {
    if (this.opening || this.timer) return;
    this.timer = setTimeout(() => this.openLibrary(), ms);
    this.timer.unref?.();
  }

  /**
   * Whether `name` may be answered early: its body is then read (readSmallBody) and given to
   * `answer`. Asked only until the library is open (the host stops asking then), and still true
   * while it opens, so a window that comes late is not held up by the opening.
   */
  handles(name: string): boolean {
    return EARLY_REQUESTS.has(name);
  }

  /** The answer to `name` with the body `text`, or null when only the library can give it. */
  answer(name: string, text: string): Result<unknown> | null {
    const answer = this.answerOf(name, text);
    if (answer === null) return null;
    this.answered.add(name);
    if (this.answered.size === EARLY_REQUESTS.size) this.openLibrary();
    return answer;
  }

  private answerOf(name: string, text: string): Result<unknown> | null {
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const args = body as Record<string, unknown>;
    const keys = Object.keys(args).length;
    if (name === 'getSettings') return keys === 0 ? { ok: true, value: this.head.settings } : null;
    if (name === 'getNotices') return keys === 0 ? { ok: true, value: [] } : null;
    const { offset, limit } = args;
    const { page } = this.head;
    if (name !== 'listDocumentPage' || keys !== 2 || offset !== 0 || typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) return null;
    if (limit > page.rows.length && page.rows.length < page.total) return null;
    const answer: DocumentPage = { ...page, rows: page.rows.slice(0, limit), listVersion: LIST_HEAD_VERSION, checkingFiles: true };
    return { ok: true, value: answer };
  }
}

/**
 * The text of a small JSON request's body (a declared length up to a few kilobytes); null,
 * with nothing read, for any other request.
 */
export async function readSmallBody(request: http.IncomingMessage): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (request.method !== 'POST' || !(request.headers['content-type'] ?? '').startsWith('application/json')) return null;
  if (!Number.isInteger(declared) || declared > MAX_EARLY_BODY) return null;
  return (await readRequestBody(request, MAX_EARLY_BODY)).toString('utf8');
}
