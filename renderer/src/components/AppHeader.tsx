import { documentSlice } from '../data/librarySlices';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { useSpeakerHistory } from '../ui/useSpeakerHistory';
import { ImportExportControls } from './ImportExportControls';
import { SettingsButton } from './SettingsButton';
import { ViewTabs } from './ViewTabs';

/** The header: the saving status, settings, undo and redo, the keys, import and export. */
export function AppHeader() {
  const { session } = useWorkbench();
  return (
    <header className="app-header">
      <h1 className="app-name">Newsmark</h1>
      <ViewTabs />
      <SaveStatus />
      <SettingsButton />
      <HistoryButtons />
      <button type="button" className="help-button" onClick={() => session.dispatch({ type: 'setHelp', open: true })} aria-haspopup="dialog" title="Keys (?)">
        Keys <kbd>?</kbd>
      </button>
      <ImportExportControls />
    </header>
  );
}

/** Whether every change is on disk; `data-pending` counts those that are not. */
function SaveStatus() {
  const { client } = useWorkbench();
  const save = useLibrarySlice(client, 'save', client.getSave);
  return (
    <span className={`save-state${save.error ? ' failed' : ''}`} role="status" aria-live="polite" data-pending={save.pending}>
      {save.error ? `Not saved — retrying: ${save.error}` : save.pending > 0 ? 'Saving…' : 'All changes saved'}
    </span>
  );
}

function HistoryButtons() {
  const workbench = useWorkbench();
  const { client, session } = workbench;
  const documentId = useSessionState(session, (state) => state.documentId, 'afterPaint');
  const slice = documentId ? documentSlice(documentId) : 'status';
  const canUndo = useLibrarySlice(client, slice, () => documentId !== null && client.canUndo(documentId));
  const canRedo = useLibrarySlice(client, slice, () => documentId !== null && client.canRedo(documentId));
  // In the speaker index they reach the library-wide speaker renames instead (session/commands.ts, viewHistory).
  const speakers = useSpeakerHistory();
  return (
    <div className="history-buttons">
      <button type="button" disabled={!(speakers ? speakers.canUndo : canUndo)} onClick={() => workbench.runCommand('undo')} title={speakers?.undoDescription ? `Undo ${speakers.undoDescription} (Ctrl/⌘+Z)` : 'Undo (Ctrl/⌘+Z)'}>
        Undo
      </button>
      <button type="button" disabled={!(speakers ? speakers.canRedo : canRedo)} onClick={() => workbench.runCommand('redo')} title={speakers?.redoDescription ? `Redo ${speakers.redoDescription} (Ctrl/⌘+Shift+Z)` : 'Redo (Ctrl/⌘+Shift+Z)'}>
        Redo
      </button>
    </div>
  );
}
