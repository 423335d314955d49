import { useMemo, useSyncExternalStore } from 'react';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';

/** What Undo and Redo would do in the speaker index: whether they can, and what they would reverse or repeat. */
export interface SpeakerHistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** "merging Psaki, Jen Psaki into Jen Psaki", or null when there is nothing to undo. */
  undoDescription: string | null;
  redoDescription: string | null;
}

/**
 * While the speaker index is shown, the state of the speaker renames' history, which undo and
 * redo reach there (session/commands.ts, viewHistory); null elsewhere. Follows every rename, undo and redo.
 */
export function useSpeakerHistory(): SpeakerHistoryState | null {
  const { session, speakers } = useWorkbench();
  const shown = useSessionState(session, (state) => state.view === 'speakers' && !state.helpOpen);
  const version = useSyncExternalStore(speakers.subscribe, speakers.getVersion);
  return useMemo(
    () => (shown ? { canUndo: speakers.canUndo(), canRedo: speakers.canRedo(), undoDescription: speakers.undoDescription(), redoDescription: speakers.redoDescription() } : null),
    // `version` moves with every change of the history.
    [shown, speakers, version],
  );
}
