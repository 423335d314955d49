import type { NewsmarkApi } from '../../../shared/contract';
import type { AnnotationChange } from '../../../shared/annotationChange';
import type { DocumentOperation } from '../../../shared/operations';
import { describeFailure, PERMANENT, RETRY_DELAYS_MS } from './saveFailures';
import type { SaveState } from './librarySlices';
import type { UnsavedChanges } from './unsavedChanges';

/** What the queue tells its owner as the host answers. */
export interface SaveQueueEvents {
  /** The host stored `operation` (already taken off the unsaved changes); `change` is what that did to the stored document. */
  confirmed(documentId: string, operation: DocumentOperation, change: AnnotationChange): Promise<void>;
  /**
   * The host refused a change for good: the changes made on top of it cannot stand either, so
   * the queue has dropped them all; the owner tells the user `message` and shows the document as
   * stored. The queue waits for this.
   */
  refused(documentId: string, message: string): Promise<void>;
  /** A send failed and will be retried, or a document's sends have all been answered. */
  settled(): void;
}

/**
 * The sending loop: each document's unsaved changes (see UnsavedChanges) go to the host one at
 * a time, in order. A failure that retrying may fix keeps the change and retries it later,
 * backing off (RETRY_DELAYS_MS); the latest failure per document is what the user is told.
 */
export class SaveQueue {
  private readonly sending = new Set<string>();
  /** Per document: why its latest send failed, and how many times in a row. */
  private readonly failures = new Map<string, { error: string; count: number }>();
  private current: SaveState = { pending: 0, error: null };

  constructor(
    private readonly host: NewsmarkApi,
    private readonly unsaved: UnsavedChanges,
    private readonly events: SaveQueueEvents,
  ) {}

  /** Whether changes of this document are on their way to the host. */
  isSending(documentId: string): boolean {
    return this.sending.has(documentId);
  }

  /** The saving status as last updated (see updateState): same object while unchanged. */
  get state(): SaveState {
    return this.current;
  }

  /** Brings the saving status up to date with the unsaved changes and the failures; whether it changed. */
  updateState(): boolean {
    const pending = this.unsaved.count;
    const failure = [...this.failures.values()][0];
    const error = pending > 0 && failure ? failure.error : null;
    if (pending === this.current.pending && error === this.current.error) return false;
    this.current = { pending, error };
    return true;
  }

  /** Sends the document's unsaved changes, unless they are being sent already. */
  async send(documentId: string): Promise<void> {
    if (this.sending.has(documentId)) return;
    this.sending.add(documentId);
    try {
      for (;;) {
        const operation = this.unsaved.of(documentId)[0];
        if (!operation) break;
        const result = await this.host.request('updateDocument', { documentId, operation });
        if (!result.ok && !PERMANENT.has(result.error.code)) {
          const count = (this.failures.get(documentId)?.count ?? 0) + 1;
          this.failures.set(documentId, { error: describeFailure(result.error), count });
          this.events.settled();
          setTimeout(() => void this.send(documentId), RETRY_DELAYS_MS[Math.min(count - 1, RETRY_DELAYS_MS.length - 1)]!);
          return;
        }
        this.failures.delete(documentId);
        if (!result.ok) {
          const dropped = this.unsaved.drop(documentId);
          const more = dropped > 1 ? ` (with ${dropped - 1} later change${dropped > 2 ? 's' : ''})` : '';
          await this.events.refused(documentId, `A change was refused${more}: ${result.error.message}. The article shows what is stored.`);
          break;
        }
        this.unsaved.confirmFirst(documentId);
        await this.events.confirmed(documentId, operation, result.value.change);
      }
      this.events.settled();
    } finally {
      this.sending.delete(documentId);
    }
  }
}
