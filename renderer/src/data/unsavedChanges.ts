import type { DocumentOperation } from '../../../shared/operations';

/** Unconfirmed changes are also kept in the window's storage, so a reload or a host restart keeps them. */
export const UNSAVED_KEY = 'newsmark.unsaved';

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The changes made in this window that the host has not confirmed, per document, in order:
 * held in memory and mirrored to storage (under `newsmark.unsaved`) after every change, so a
 * reload sends them again. Storage that is missing, full or holds garbage never stops the work.
 */
export class UnsavedChanges {
  private readonly pending = new Map<string, DocumentOperation[]>();

  constructor(private readonly storage: StorageLike | null) {
    for (const [id, operations] of Object.entries(this.read())) {
      if (Array.isArray(operations) && operations.length > 0) this.pending.set(id, operations);
    }
  }

  /** The documents with unconfirmed changes. */
  documentIds(): string[] {
    return [...this.pending.keys()];
  }

  of(documentId: string): readonly DocumentOperation[] {
    return this.pending.get(documentId) ?? [];
  }

  /** How many changes wait, across every document. */
  get count(): number {
    let count = 0;
    for (const operations of this.pending.values()) count += operations.length;
    return count;
  }

  add(documentId: string, operation: DocumentOperation): void {
    this.pending.set(documentId, [...this.of(documentId), operation]);
    this.write();
  }

  /** The host confirmed the oldest change of a document. */
  confirmFirst(documentId: string): void {
    const rest = this.of(documentId).slice(1);
    if (rest.length > 0) this.pending.set(documentId, rest);
    else this.pending.delete(documentId);
    this.write();
  }

  /** Forgets a document's changes; returns how many there were. */
  drop(documentId: string): number {
    const dropped = this.of(documentId).length;
    if (this.pending.delete(documentId)) this.write();
    return dropped;
  }

  private read(): Record<string, DocumentOperation[]> {
    try {
      const stored = JSON.parse(this.storage?.getItem(UNSAVED_KEY) ?? '{}') as unknown;
      return stored && typeof stored === 'object' ? (stored as Record<string, DocumentOperation[]>) : {};
    } catch {
      // Not JSON (written by something else): nothing to send again.
      return {};
    }
  }

  private write(): void {
    try {
      if (this.pending.size === 0) this.storage?.removeItem(UNSAVED_KEY);
      else this.storage?.setItem(UNSAVED_KEY, JSON.stringify(Object.fromEntries(this.pending)));
    } catch {
      // Storage full or refused: the changes are still pending in memory and being sent.
    }
  }
}
