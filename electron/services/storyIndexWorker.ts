import { parentPort, workerData, type MessagePort, type TransferListItem } from 'node:worker_threads';
import type { ArticleTermsJSON } from './articleTerms';
import { ArticleReader, type ReadArticle, type ReadRequest } from './storyIndexReader';

/**
 * The worker thread that reads articles for the story index (storyIndexReader.ts), started by
 * WorkerReading (workerReading.ts), and the messages between them. Requests are answered in the
 * order they come: reads in one message each time a batch of changes has been read.
 */

/** A change, which has no answer of its own: sent in batches. */
export type ReaderChange = ({ kind: 'read' } & ReadRequest) | { kind: 'discard'; id: string };

export type ReaderRequest =
  | { kind: 'changes'; changes: ReaderChange[] }
  | { kind: 'search'; call: number; queries: readonly string[]; excludeId: string | null; max: number }
  | { kind: 'json'; call: number }
  | { kind: 'load'; call: number; index: ArticleTermsJSON; ids: readonly string[] }
  | { kind: 'settled'; call: number };

export type ReaderReply =
  | { kind: 'read'; reads: ReadArticle[] }
  | { kind: 'answer'; call: number; ok: true; value: unknown }
  | { kind: 'answer'; call: number; ok: false; error: { name: string; message: string } };

/**
 * Answers requests on `port` from one ArticleReader. A change that fails (which only a fault
 * could cause) fails every call after it, since the reader no longer holds what the index thinks.
 */
export function serveReader(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  const reader = new ArticleReader();
  let failure: Error | null = null;
  const answer = (call: number, work: () => unknown) => {
    let reply: ReaderReply;
    try {
      if (failure) throw failure;
      reply = { kind: 'answer', call, ok: true, value: work() };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      reply = { kind: 'answer', call, ok: false, error: { name, message } };
    }
    port.postMessage(reply);
  };
  const change = (request: ReaderChange, reads: ReadArticle[]) => {
    if (failure) return;
    try {
      if (request.kind === 'read') reads.push(reader.read(request));
      else reader.terms.discard(request.id);
    } catch (error) {
      failure = new Error(`The story index could not ${request.kind} article "${request.id}": ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  port.on('message', (request: ReaderRequest) => {
    switch (request.kind) {
      case 'changes': {
        const reads: ReadArticle[] = [];
        for (const each of request.changes) change(each, reads);
        if (reads.length === 0) return;
        // The tables' arrays move to the index's thread rather than being copied.
        const moved: TransferListItem[] = reads.flatMap((read) => [read.text.ids.buffer, read.text.starts.buffer, read.title.ids.buffer, read.title.starts.buffer, read.terms.buffer] as ArrayBuffer[]);
        port.postMessage({ kind: 'read', reads } satisfies ReaderReply, moved);
        return;
      }
      case 'search':
        return answer(request.call, () => reader.terms.search(request.queries, request.excludeId, request.max));
      case 'json':
        return answer(request.call, () => reader.terms.toJSON());
      case 'load':
        return answer(request.call, () => reader.terms.load(request.index, request.ids));
      case 'settled':
        return answer(request.call, () => undefined);
    }
  });
}

/** The worker's data that WorkerReading starts it with: a thread started otherwise (a test runner's) does not serve. */
export const READER_WORKER = 'newsmark-story-index-reader';

if (workerData === READER_WORKER && parentPort) serveReader(parentPort);
