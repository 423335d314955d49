import { useMemo } from 'react';
import type { DocumentOperation } from '../../../shared/operations';
import { documentSlice } from '../data/librarySlices';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { change, link, selectSpan, startLinking } from '../session/editing';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { useHeldWhileListScrolls } from '../ui/listScroll';
import { useLabels } from '../ui/useLabels';
import { SpanPanel } from './SpanPanel';
import { StoryPanel } from './StoryPanel';

/**
 * The right pane: the story view when it is shown (StoryPanel.tsx), the open article's spans
 * and the selected one's details. It follows the
 * article and the session after the paint, so it never delays a highlight.
 */
export function SpanSidebar() {
  const workbench = useWorkbench();
  const { client, session } = workbench;
  const documentId = useSessionState(session, (state) => state.documentId, 'afterPaint');
  // Another article's panel waits while the user scrolls the list, as the article does (ArticlePane).
  const document = useHeldWhileListScrolls(useLibrarySlice(client, documentId ? documentSlice(documentId) : 'status', () => (documentId ? client.getDocument(documentId) : null)));
  const selectedSpanId = useSessionState(session, (state) => state.selectedSpanId, 'afterPaint');
  // Only the rows naming a speaker: the same array while the list's pages land, so they do not re-render the panel.
  const speakerRows = useLibrarySlice(client, 'summaries', client.getSpeakerRows);
  const labels = useLabels();

  const handlers = useMemo(
    () => ({
      selectSpan: (spanId: string) => selectSpan(workbench.commandContext(), spanId),
      change: (operation: DocumentOperation) => void change(workbench.commandContext(), operation),
      startLinking: () => void startLinking(workbench.commandContext()),
      link: (sourceId: string, targetId: string) => link(workbench.commandContext(), sourceId, targetId),
      doneEditing: () => workbench.article.current?.focus(),
    }),
    [workbench],
  );

  if (!document) return null;
  return (
    <div className="sidebar">
      <StoryPanel labels={labels} />
      <SpanPanel
        ref={workbench.panel}
        document={document}
        labels={labels}
        speakers={speakerRows}
        selectedSpanId={selectedSpanId}
        onSelectSpan={handlers.selectSpan}
        onChange={handlers.change}
        onStartLinking={handlers.startLinking}
        onLink={handlers.link}
        onDoneEditing={handlers.doneEditing}
      />
    </div>
  );
}
