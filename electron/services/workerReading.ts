import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArticleTermsJSON } from './articleTerms';
import type { ArticleReading, ReadArticle, ReadRequest } from './storyIndexReader';
import { READER_WORKER, type ReaderChange, type ReaderReply, type ReaderRequest } from './storyIndexWorker';

/** Changes sent to the worker in one message at most, and how long one waits for more before it is sent. */
const BATCH_SIZE = 32;
const BATCH_DELAY_MS = 10;

/** Requests without their call number, which the client gives them. */
type Call = ReaderRequest extends infer Request ? (Request extends { call: number } ? Omit<Request, 'call'> : never) : never;

/**
 * The worker: its script built beside the app's main-process bundle (electron.vite.config.ts names
 * it as an entry); run from the sources (the tests, the bench under tsx), its TypeScript loaded
 * through tsx's require hook.
 */
function startWorker(): Worker {
  const built = path.join(__dirname, 'storyIndexWorker.js');
  if (existsSync(built)) return new Worker(built, { workerData: READER_WORKER });
  const source = path.join(__dirname, 'storyIndexWorker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: READER_WORKER });
}

/**
 * The story index's reader on a worker thread (see storyIndexReader.ts). Reads and discards are
 * sent without waiting, in batches (each message wakes the worker, which costs the sender too: an
 * import sends thousands), and their answers come back in batches; the calls that answer wait for
 * everything sent before them. The worker keeps the process alive only while something waits on it.
 */
export class WorkerReading implements ArticleReading {
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextCall = 0;
  private stopped: Error | null = null;
  private changes: ReaderChange[] = [];
  private sendTimer: NodeJS.Timeout | null = null;
  /** Reads sent and not answered yet. */
  private unread = 0;
  private onRead: (read: ReadArticle) => void = () => undefined;

  static start(): WorkerReading {
    return new WorkerReading(startWorker());
  }

  private constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (reply: ReaderReply) => this.answered(reply));
    worker.on('error', (error) => this.stop(new Error(`The story index's worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`The story index's worker stopped (exit code ${code}).`)));
  }

  listen(onRead: (read: ReadArticle) => void): void {
    this.onRead = onRead;
  }

  read(request: ReadRequest): void {
    this.change({ kind: 'read', ...request });
  }

  discard(id: string): void {
    this.change({ kind: 'discard', id });
  }

  search(queries: readonly string[], excludeId: string | null, max: number): Promise<string[]> {
    return this.call({ kind: 'search', queries, excludeId, max }) as Promise<string[]>;
  }

  toJSON(): Promise<string> {
    return this.call({ kind: 'json' }) as Promise<string>;
  }

  async load(index: ArticleTermsJSON, ids: readonly string[]): Promise<void> {
    await this.call({ kind: 'load', index, ids });
  }

  async settled(): Promise<void> {
    await this.call({ kind: 'settled' });
  }

  async close(): Promise<void> {
    this.stop(new Error("The story index's worker was closed."));
    await this.worker.terminate();
  }

  private change(change: ReaderChange): void {
    if (this.stopped) return;
    this.changes.push(change);
    if (change.kind === 'read') this.unread++;
    this.holdProcess();
    if (this.changes.length >= BATCH_SIZE) this.sendChanges();
    else this.sendTimer ??= setTimeout(() => this.sendChanges(), BATCH_DELAY_MS);
  }

  private sendChanges(): void {
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.sendTimer = null;
    if (this.changes.length === 0 || this.stopped) return;
    this.worker.postMessage({ kind: 'changes', changes: this.changes } satisfies ReaderRequest);
    this.changes = [];
  }

  private call(request: Call): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const call = this.nextCall++;
    // After every change made before it.
    this.sendChanges();
    return new Promise((resolve, reject) => {
      this.waiting.set(call, { resolve, reject });
      this.holdProcess();
      this.worker.postMessage({ ...request, call } as ReaderRequest);
    });
  }

  private answered(reply: ReaderReply): void {
    if (reply.kind === 'read') {
      this.unread -= reply.reads.length;
      for (const read of reply.reads) this.onRead(read);
    } else {
      const waiting = this.waiting.get(reply.call);
      this.waiting.delete(reply.call);
      if (reply.ok) waiting?.resolve(reply.value);
      else waiting?.reject(reply.error.name === 'RangeError' ? new RangeError(reply.error.message) : new Error(reply.error.message));
    }
    this.holdProcess();
  }

  /** Keeps the process alive while a call or a read waits on the worker, and only then. */
  private holdProcess(): void {
    if (this.waiting.size > 0 || this.unread > 0) this.worker.ref();
    else this.worker.unref();
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.changes = [];
    for (const { reject } of this.waiting.values()) reject(this.stopped);
    this.waiting.clear();
    this.unread = 0;
    this.worker.unref();
  }
}
