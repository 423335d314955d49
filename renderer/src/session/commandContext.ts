import type { DocumentSummary, NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import type { AppError } from '../../../shared/result';
import type { Suggestions } from '../../../shared/suggestions/suggest';
import type { ArticleViewHandle } from '../components/ArticleView';
import type { SpanPanelHandle } from '../components/SpanPanel';
import type { SessionAction, SessionState } from './sessionState';

/** What commands need of the library client (LibraryClient has it all; tests pass a fake). */
export interface CommandClient {
  getDocument(documentId: string): NewsDocument | null;
  getSummaries(): readonly DocumentSummary[];
  /** Applies a change; the error when it cannot apply (the user has been told), else null. */
  apply(documentId: string, operation: DocumentOperation): AppError | null;
  canUndo(documentId: string): boolean;
  canRedo(documentId: string): boolean;
  undo(documentId: string): boolean;
  redo(documentId: string): boolean;
  /** The library's relation types, the default first (absent: only the default). */
  relationTypes?(): readonly string[];
}

/** What the suggestion keys need (data/suggestionClient.ts has it; tests pass a fake). */
export interface SuggestionCommands {
  /** The open suggestions over an article as shown; null until fetched. */
  get(documentId: string): Suggestions | null;
  /** Accepts a suggested span or link as one undoable change; false when it could not. */
  accept(documentId: string, key: string): boolean;
  /** Accepts every suggestion of the paragraph holding `offset` as one undoable change; how many spans it made. */
  acceptParagraph(documentId: string, offset: number): number;
  reject(documentId: string, key: string): boolean;
}

/** Everything a command reads and acts on. Built afresh for each key press or click. */
export interface CommandContext {
  /** The session as it is now (read again after a dispatch: it changes). */
  getState(): SessionState;
  dispatch(action: SessionAction): void;
  client: CommandClient;
  /** The open article's view; null while none is shown. */
  article: ArticleViewHandle | null;
  panel: SpanPanelHandle | null;
  /** The articles' suggestions (absent: none are shown). */
  suggestions?: SuggestionCommands;
  /** Whether text is selected outside the article (in the span panel, say): not a selection to label. */
  textSelectedElsewhere(): boolean;
}

/** The open article as shown, or null. */
export function currentDocument(context: CommandContext): NewsDocument | null {
  const { documentId } = context.getState();
  return documentId ? context.client.getDocument(documentId) : null;
}
