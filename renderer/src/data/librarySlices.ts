import type { Notice } from '../../../shared/contract';
import type { Settings } from '../../../shared/model';

/**
 * The slices of the library a component can follow (LibraryClient.subscribe). A document's
 * slice changes with its spans, status and undo history; `status` with the phase and the
 * settings; `notices` with the notices and the message; `save` with the saving status.
 */
export type LibrarySlice = 'status' | 'summaries' | 'save' | 'notices' | `document:${string}`;

export function documentSlice(documentId: string): LibrarySlice {
  return `document:${documentId}`;
}

export interface SaveState {
  /** Changes made here that the host has not yet confirmed as on disk. */
  pending: number;
  /** Why the last attempt failed; the changes stay pending and are sent again. */
  error: string | null;
}

export interface Message {
  level: 'info' | 'error';
  text: string;
}

export interface LibraryStatus {
  phase: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  settings: Settings | null;
}

export interface NoticeState {
  /** What the host found wrong in the library (damaged files, spans that did not fit). */
  notices: readonly Notice[];
  /** The latest outcome worth telling: a refused change, an export's destination. */
  message: Message | null;
}
