import type { DocumentStatus } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';

/** The annotator crashWriter.ts names in every change, so a replay can use the same context. */
export const CRASH_WRITER_ANNOTATOR = 'crash writer';

/**
 * One line of crashWriter.ts's stdout (JSON). "issued" is printed before the operation is
 * handed to the store, "acked" after the store's promise resolved (the change is on disk).
 * `sequence` counts the operations issued on that document in this run, from 1. Settings
 * changes are printed the same way, as "settingsIssued" and "settingsAcked".
 */
export type CrashWriterLine =
  | { kind: 'ready'; pid: number }
  /** A settings change: `sequence` counts them in this run, from 1; the annotator name tells them apart. */
  | { kind: 'settingsIssued'; sequence: number; annotator: string }
  | { kind: 'settingsAcked'; sequence: number }
  | { kind: 'issued'; documentId: string; sequence: number; operation: DocumentOperation; now: string }
  | {
      kind: 'acked';
      documentId: string;
      sequence: number;
      changed: boolean;
      /** The error code when the operation was refused (a valid outcome, nothing written). */
      refused: string | null;
      revision: number;
      status: DocumentStatus;
      spanIds: string[];
      /** describeSpans of the spans. */
      spans: string;
    };
