import { createContext, useContext } from 'react';
import type { NewsmarkApi } from '../../../shared/contract';
import type { ArticleViewHandle } from '../components/ArticleView';
import type { SpanPanelHandle } from '../components/SpanPanel';
import type { CommandId } from '../keyMap';
import { LibraryClient } from '../data/libraryClient';
import { LibraryServices } from '../data/libraryServices';
import { StoryLookup } from '../data/storyMatches';
import { SpeakerChanges } from '../data/speakerChanges';
import { SuggestionClient } from '../data/suggestionClient';
import type { StorageLike } from '../data/unsavedChanges';
import type { CommandContext, ReviewHandle } from './commandContext';
import { ComparisonService } from '../data/comparisonService';
import { runCommand } from './commands';
import { applyLabel } from './editing';
import { createSessionStore, type SessionStore } from './sessionStore';

/** The open article is remembered for the window's session (a reload reopens it). */
export const CURRENT_DOCUMENT_KEY = 'newsmark.currentDocument';

/**
 * One window's working parts, made once: the library (client and services), the session, and
 * handles on the article view and the span panel while they are shown. Commands run against it
 * from keys, buttons and (later) the desktop menu alike.
 */
export interface Workbench {
  client: LibraryClient;
  services: LibraryServices;
  /** The speaker index, the drift report and speaker renames with their undo. */
  speakers: SpeakerChanges;
  /** The articles' suggestions (fetched after an article's first paint). */
  suggestions: SuggestionClient;
  session: SessionStore;
  article: { current: ArticleViewHandle | null };
  panel: { current: SpanPanelHandle | null };
  /** The story view's passage and its other tellings. */
  story: StoryLookup;
  /** Another annotator's export being compared (the agreement and review views). */
  comparisons: ComparisonService;
  /** Review mode's list while the review view is shown. */
  review: { current: ReviewHandle | null };
  /** The context commands run in, as things are now. */
  commandContext(): CommandContext;
  /** Runs a command if it applies now; returns whether it did. */
  runCommand(command: CommandId): boolean;
  applyLabel(label: string): void;
}

export function createWorkbench(api: NewsmarkApi, storage: { local: StorageLike | null; session: StorageLike | null }): Workbench {
  const client = new LibraryClient(api, storage.local);
  const speakers = new SpeakerChanges(api, client);
  const session = createSessionStore({ documentId: storage.session?.getItem(CURRENT_DOCUMENT_KEY) ?? null });
  const workbench: Workbench = {
    client,
    services: new LibraryServices(api, client),
    speakers,
    suggestions: new SuggestionClient(api, client),
    session,
    article: { current: null },
    panel: { current: null },
    story: new StoryLookup((args) => api.request('findStoryMatches', args), client),
    comparisons: new ComparisonService(api),
    review: { current: null },
    commandContext: () => ({
      getState: session.getState,
      dispatch: session.dispatch,
      client,
      article: workbench.article.current,
      panel: workbench.panel.current,
      story: workbench.story,
      speakerChanges: speakers,
      review: workbench.review.current,
      suggestions: workbench.suggestions,
      textSelectedElsewhere: () => globalThis.getSelection?.()?.isCollapsed === false,
    }),
    runCommand: (command) => runCommand(command, workbench.commandContext()),
    applyLabel: (label) => applyLabel(workbench.commandContext(), label),
  };
  return workbench;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

/** The window's workbench (App provides it). */
export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error('useWorkbench outside <WorkbenchContext.Provider>');
  return workbench;
}
