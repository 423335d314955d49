import type { DocumentSummary, NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import type { AppError } from '../../../shared/result';
import type { Suggestions } from '../../../shared/suggestions/suggest';
import type { ArticleViewHandle } from '../components/ArticleView';
import type { SpanPanelHandle } from '../components/SpanPanel';
import type { StoryLookup } from '../data/storyMatches';
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

/** Undo and redo of changes across the library (a speaker rename: data/speakerChanges.ts). */
export interface LibraryWideHistory {
  canUndo(): boolean;
  canRedo(): boolean;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
}

/** What the keys do in review mode (views/review/ReviewView.tsx). */
export interface ReviewHandle {
  /** Settles the focused disagreement; false when none is focused or it could not apply. */
  decide(choice: 'take_a' | 'take_b'): boolean;
  hasFocus(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  undo(): boolean;
  redo(): boolean;
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
  /** The story view's lookup (absent where there is none, as in tests of other commands). */
  story?: StoryLookup;
  /** The speaker renames' history, which undo and redo reach while the speaker index is shown. */
  speakerChanges?: LibraryWideHistory;
  /** Review mode's list while the review view is shown (absent or null otherwise). */
  review?: ReviewHandle | null;
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
