import { lazy, memo, Suspense, useMemo } from 'react';
import type { DocumentStatus, LabelDefinition } from '../../../shared/model';
import type { TextRange } from '../../../shared/spans';
import { documentSlice } from '../data/librarySlices';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { change, link, resizeSpan, selectSpan } from '../session/editing';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { useHeldWhileListScrolls } from '../ui/listScroll';
import { useLabels } from '../ui/useLabels';

/** The article editor (TipTap and its layers) is loaded beside the list's first paint, not before it. */
const ArticleView = lazy(() => import('./ArticleView').then((module) => ({ default: module.ArticleView })));
/** The find bar works on the editor's document (ProseMirror), so it comes with the editor's code. */
const FindBar = lazy(() => import('./FindBar').then((module) => ({ default: module.FindBar })));
import { LabelToolbar } from './LabelToolbar';
import { LinkBanner } from './LinkBanner';
import { StatusPicker } from './StatusPicker';

/**
 * The centre: the find bar, the open article's title and controls, link mode's banner and the
 * article itself. It follows the open article and the session at once, so a new highlight is
 * painted in the frame after the key press; nothing else re-renders before that paint.
 */
export function ArticlePane() {
  const workbench = useWorkbench();
  const { client, session } = workbench;
  const documentId = useSessionState(session, (state) => state.documentId);
  // Another article waits while the user scrolls the list, so its mount does not land in the scroll.
  const document = useHeldWhileListScrolls(useLibrarySlice(client, documentId ? documentSlice(documentId) : 'status', () => (documentId ? client.getDocument(documentId) : null), 'now'));
  const selectedSpanId = useSessionState(session, (state) => state.selectedSpanId);
  const linking = useSessionState(session, (state) => state.linking);
  const labels = useLabels('now');
  const snapToWords = useLibrarySlice(client, 'status', () => client.getStatus().settings?.snapToWords ?? true, 'now');
  const libraryEmpty = useLibrarySlice(client, 'summaries', () => client.getList().total === 0);

  const handlers = useMemo(
    () => ({
      selectSpan: (spanId: string | null) => selectSpan(workbench.commandContext(), spanId),
      pickLinkTarget: (targetId: string) => {
        const source = session.getState().linking?.sourceId;
        if (source) link(workbench.commandContext(), source, targetId);
      },
      resizeSpan: (spanId: string, range: TextRange) => resizeSpan(workbench.commandContext(), spanId, range),
      linkToTarget: () => {
        const current = session.getState().linking;
        if (current?.targetId) link(workbench.commandContext(), current.sourceId, current.targetId);
      },
      cancelLinking: () => session.dispatch({ type: 'cancelLinking' }),
    }),
    [workbench, session],
  );

  return (
    <main className="article-pane">
      <Suspense fallback={null}>
        <FindBar />
      </Suspense>
      {document ? (
        <>
          <ArticleHeader title={document.meta.title} status={document.status} labels={labels} />
          {/* Link mode's banner lies over the article's top, so the text does not move when it comes and goes. */}
          <div className="article-stage">
            {linking && <LinkBanner document={document} linking={linking} labels={labels} onLink={handlers.linkToTarget} onCancel={handlers.cancelLinking} />}
            <Suspense fallback={<div className="empty">Opening the article…</div>}>
            <ArticleView
              key={document.id}
              ref={workbench.article}
              document={document}
              labels={labels}
              selectedSpanId={linking ? (linking.targetId ?? linking.sourceId) : selectedSpanId}
              snapToWords={snapToWords}
              linkSourceId={linking?.sourceId ?? null}
              onSelectSpan={handlers.selectSpan}
              onPickLinkTarget={handlers.pickLinkTarget}
              onResizeSpan={handlers.resizeSpan}
            />
            </Suspense>
          </div>
        </>
      ) : (
        <div className="empty">{libraryEmpty ? 'The library is empty.' : 'Opening the article…'}</div>
      )}
    </main>
  );
}

/** The article's title, the label buttons and the status; memoised, so a new span does not redraw it. */
const ArticleHeader = memo(function ArticleHeader({ title, status, labels }: { title: string; status: DocumentStatus; labels: readonly LabelDefinition[] }) {
  const workbench = useWorkbench();
  const setStatus = (next: DocumentStatus) => change(workbench.commandContext(), { type: 'setStatus', status: next });
  return (
    <div className="article-header">
      <h2 className="article-title">{title}</h2>
      <div className="article-controls">
        <LabelToolbar labels={labels} onApply={workbench.applyLabel} />
        <StatusPicker status={status} onChange={setStatus} />
        <button type="button" className="done-and-next" title="Mark done and open the next article (Shift+D)" onClick={() => workbench.runCommand('doneAndNext')}>
          Done &amp; next <kbd>Shift+D</kbd>
        </button>
      </div>
    </div>
  );
});
