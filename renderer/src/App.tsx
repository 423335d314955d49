import { Suspense, useEffect, useMemo } from 'react';
import type { NewsmarkApi } from '../../shared/contract';
import { AppHeader } from './components/AppHeader';
import { ArticlePane } from './components/ArticlePane';
import { DocumentList } from './components/DocumentList';
import { HelpLayer } from './components/HelpOverlay';
import { LinkTypeChooser } from './components/LinkTypeChooser';
import { useLabelStyles } from './ui/labelStyles';
import { NoticeBar } from './components/NoticeBar';
import { SpanSidebar } from './components/SpanSidebar';
import { useLibrarySlice } from './data/useLibrarySlice';
import { connectSession } from './session/connectSession';
import { createWorkbench, useWorkbench, WorkbenchContext } from './session/workbench';
import { useLabels } from './ui/useLabels';
import { useMenuEditCommands } from './data/menuCommands';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useSessionState } from './session/sessionStore';
import { WORKBENCH_VIEWS } from './views/workbenchViews';

/**
 * The window's layout. What happens in it lives elsewhere: the library in data/ (the client
 * and services), what the user is doing in session/ (the session's reducer and the command
 * table the keys run), and each part of the window follows only the slice of state it shows.
 */
export function App({ api }: { api: NewsmarkApi }) {
  const workbench = useMemo(() => createWorkbench(api, { local: globalThis.localStorage ?? null, session: globalThis.sessionStorage ?? null }), [api]);
  const { client, session } = workbench;
  const status = useLibrarySlice(client, 'status', client.getStatus, 'now');

  useEffect(() => connectSession(client, session, globalThis.sessionStorage ?? null), [client, session]);
  // The desktop menu's Edit → Undo / Redo run the same commands as the keys (the browser host has no menu).
  useMenuEditCommands(api, workbench.runCommand);
  useEffect(() => {
    void client.load();
  }, [client]);

  // Coming back to the window shows what other windows changed meanwhile.
  useEffect(() => {
    const onReturn = () => {
      const documentId = session.getState().documentId;
      if (document.visibilityState === 'visible' && documentId) void client.refresh(documentId);
    };
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, [client, session]);

  // Leaving with changes the host has not confirmed asks first (the desktop app asks too).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (client.getSave().pending > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [client]);

  return (
    <WorkbenchContext.Provider value={workbench}>
      {status.phase === 'loading' ? (
        <div className="splash">Opening the library…</div>
      ) : status.phase === 'failed' ? (
        <div className="splash error">The library could not be opened: {status.loadError}</div>
      ) : (
        <Window />
      )}
    </WorkbenchContext.Provider>
  );
}

function Window() {
  const workbench = useWorkbench();
  const labels = useLabels('now');
  useLabelStyles(labels);
  useKeyboardShortcuts({ labels, onLabel: workbench.applyLabel, onCommand: workbench.runCommand });
  const view = useSessionState(workbench.session, (state) => state.view);
  const View = WORKBENCH_VIEWS.find((entry) => entry.id === view)?.component;
  return (
    <div className="app">
      <AppHeader />
      <NoticeBar />
      <div className="workspace">
        <DocumentList />
        {View ? (
          <Suspense fallback={<main className="library-view empty">Opening…</main>}>
            <View />
          </Suspense>
        ) : (
          <>
            <ArticlePane />
            <SpanSidebar />
          </>
        )}
      </div>
      <HelpLayer />
      <LinkTypeChooser />
    </div>
  );
}
