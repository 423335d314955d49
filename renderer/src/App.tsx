import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NewsmarkApi } from '../../shared/contract';
import type { DocumentStatus, NewsDocument, Span } from '../../shared/model';
import type { DocumentOperation } from '../../shared/operations';
import { trimRange, type TextRange } from '../../shared/spans';
import { nextBoundary, type CaretUnit } from '../../shared/textBoundaries';
import { ArticleView, type ArticleViewHandle } from './components/ArticleView';
import { DocumentList } from './components/DocumentList';
import { FindBar } from './components/FindBar';
import { HelpOverlay } from './components/HelpOverlay';
import { ImportExportControls } from './components/ImportExportControls';
import { LabelToolbar } from './components/LabelToolbar';
import { useLabelStyles } from './components/labelStyles';
import { LinkBanner } from './components/LinkBanner';
import { SettingsPanel } from './components/SettingsPanel';
import { SpanPanel, type SpanPanelHandle } from './components/SpanPanel';
import { StatusPicker } from './components/StatusPicker';
import { LibraryClient } from './data/libraryClient';
import { useMenuEditCommands } from './data/menuCommands';
import { newSpanId } from './data/newSpanId';
import { linkBetween, linkCandidates } from './data/links';
import type { CommandId } from './keyMap';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

const CURRENT_DOCUMENT_KEY = 'newsmark.currentDocument';

/** Link mode: the span being linked and the candidate the keyboard has reached. */
interface Linking {
  sourceId: string;
  targetId: string | null;
}

const CARET_MOVES: Partial<Record<CommandId, [CaretUnit, 1 | -1, boolean]>> = {
  caretLeft: ['character', -1, false],
  caretRight: ['character', 1, false],
  wordLeft: ['word', -1, false],
  wordRight: ['word', 1, false],
  sentenceBack: ['sentence', -1, false],
  sentenceForward: ['sentence', 1, false],
  extendWordLeft: ['word', -1, true],
  extendWordRight: ['word', 1, true],
  extendSentenceBack: ['sentence', -1, true],
  extendSentenceForward: ['sentence', 1, true],
};

export function App({ api }: { api: NewsmarkApi }) {
  const client = useMemo(() => new LibraryClient(api), [api]);
  const library = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const [currentId, setCurrentId] = useState<string | null>(() => sessionStorage.getItem(CURRENT_DOCUMENT_KEY));
  const [selectedSpanId, setSelectedSpanId] = useState<string | null>(null);
  const [linking, setLinking] = useState<Linking | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const articleRef = useRef<ArticleViewHandle>(null);
  const panelRef = useRef<SpanPanelHandle>(null);
  const labels = library.settings?.labels;
  useLabelStyles(labels);

  useEffect(() => {
    void client.load();
  }, [client]);

  // Leaving with changes the host has not confirmed asks first (the desktop app asks too).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (client.getSnapshot().save.pending > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [client]);

  // Open the remembered article, or the first one, once the list is known.
  useEffect(() => {
    if (library.phase !== 'ready') return;
    if (currentId && library.summaries.some((summary) => summary.id === currentId)) return;
    setCurrentId(library.summaries[0]?.id ?? null);
  }, [library.phase, library.summaries, currentId]);

  useEffect(() => {
    if (!currentId) return;
    sessionStorage.setItem(CURRENT_DOCUMENT_KEY, currentId);
    void client.openDocument(currentId);
  }, [client, currentId]);

  const current = currentId ? library.documents.get(currentId) ?? null : null;
  const selectedSpan = current?.spans.find((span) => span.id === selectedSpanId) ?? null;

  // A span that is gone (deleted, undone, merged) is no longer selected or linked from.
  useEffect(() => {
    if (selectedSpanId && current && !selectedSpan) setSelectedSpanId(null);
    if (linking && current && !current.spans.some((span) => span.id === linking.sourceId)) setLinking(null);
  }, [current, selectedSpan, selectedSpanId, linking]);

  const openDocument = useCallback((id: string) => {
    setSelectedSpanId(null);
    setLinking(null);
    setCurrentId(id);
  }, []);

  const moveDocument = useCallback(
    (step: 1 | -1) => {
      const index = library.summaries.findIndex((summary) => summary.id === currentId);
      const next = library.summaries[index + step];
      if (next) openDocument(next.id);
    },
    [library.summaries, currentId, openDocument],
  );

  const change = useCallback((operation: DocumentOperation) => (current ? client.apply(current.id, operation) : null), [client, current]);

  const selectSpan = useCallback((spanId: string | null) => {
    setSelectedSpanId(spanId);
    if (spanId) articleRef.current?.scrollToSpan(spanId);
  }, []);

  /** A label key or button: labels the selected text, or relabels the selected span. */
  const applyLabel = useCallback(
    (label: string) => {
      if (!current || linking) return;
      const article = articleRef.current;
      if (article?.hasSelection()) {
        const selection = article.readSelection();
        const range = selection && trimRange(current.text, selection.start, selection.end);
        if (!range) return;
        const id = newSpanId();
        if (!client.apply(current.id, { type: 'createSpan', span: { id, start: range.start, end: range.end, label } })) {
          article.clearSelection();
          const created = client.getSnapshot().documents.get(current.id)?.spans.find((span) => span.start === range.start && span.end === range.end && span.label === label);
          setSelectedSpanId(created?.id ?? null);
        }
        return;
      }
      // Text selected elsewhere (in the span panel, say) is not a command to relabel.
      if (window.getSelection()?.isCollapsed === false) return;
      if (selectedSpanId) change({ type: 'relabelSpan', spanId: selectedSpanId, label });
    },
    [client, current, selectedSpanId, linking, change],
  );

  const resizeSpan = useCallback((spanId: string, range: TextRange) => change({ type: 'resizeSpan', spanId, ...range }), [change]);

  /** Moves one end of the selected span by a character, never onto or past the other end. */
  const moveSpanEnd = (span: Span, side: 'start' | 'end', direction: 1 | -1, text: string) => {
    const moved = nextBoundary(text, span[side], 'character', direction);
    const range = side === 'start' ? { start: moved, end: span.end } : { start: span.start, end: moved };
    if (range.start < range.end) resizeSpan(span.id, range);
  };

  const link = useCallback(
    (sourceId: string, targetId: string) => {
      if (!current) return;
      const relation = linkBetween(current, sourceId, targetId);
      if (relation) change({ type: 'linkSpans', relation });
      setLinking(null);
      setSelectedSpanId(sourceId);
    },
    [current, change],
  );

  const startLinking = useCallback(() => {
    if (!current || !selectedSpanId) return false;
    const first = linkCandidates(current, selectedSpanId)[0] ?? null;
    setLinking({ sourceId: selectedSpanId, targetId: first?.id ?? null });
    if (first) articleRef.current?.scrollToSpan(first.id);
    return true;
  }, [current, selectedSpanId]);

  const stepSpan = (document: NewsDocument, direction: 1 | -1) => {
    if (linking) {
      const candidates = linkCandidates(document, linking.sourceId);
      if (candidates.length === 0) return;
      const index = candidates.findIndex((span) => span.id === linking.targetId);
      const next = candidates[(index + direction + candidates.length) % candidates.length]!;
      setLinking({ ...linking, targetId: next.id });
      articleRef.current?.scrollToSpan(next.id);
      return;
    }
    if (document.spans.length === 0) return;
    const index = document.spans.findIndex((span) => span.id === selectedSpanId);
    const next = index === -1 ? (direction === 1 ? document.spans[0]! : document.spans[document.spans.length - 1]!) : document.spans[(index + direction + document.spans.length) % document.spans.length]!;
    selectSpan(next.id);
    articleRef.current?.placeCaret(next.start);
  };

  const toggleStatus = (document: NewsDocument, status: DocumentStatus) => change({ type: 'setStatus', status: document.status === status ? 'in_progress' : status });

  const escape = () => {
    if (helpOpen) setHelpOpen(false);
    else if (linking) setLinking(null);
    else if (articleRef.current?.hasSelection()) articleRef.current.clearSelection();
    else if (selectedSpanId) setSelectedSpanId(null);
    else return false;
    return true;
  };

  /** Runs a key's command; false when it does not apply now (the key then does what it usually does). */
  const runCommand = (command: CommandId): boolean => {
    if (command === 'help') {
      setHelpOpen((open) => !open);
      return true;
    }
    if (command === 'escape') return escape();
    if (helpOpen) return false;
    if (command === 'nextDocument' || command === 'previousDocument') {
      moveDocument(command === 'nextDocument' ? 1 : -1);
      return true;
    }
    if (!current) return false;
    const article = articleRef.current;
    const caretMove = CARET_MOVES[command];
    if (caretMove) {
      if (!caretMove[2]) setSelectedSpanId(null);
      article?.moveCaret(...caretMove);
      return true;
    }
    switch (command) {
      case 'undo':
        return client.undo(current.id);
      case 'redo':
        return client.redo(current.id);
      case 'deleteSpan':
        if (!selectedSpanId) return false;
        change({ type: 'deleteSpan', spanId: selectedSpanId });
        setSelectedSpanId(null);
        return true;
      case 'markDone':
        toggleStatus(current, 'done');
        return true;
      case 'markSkipped':
        toggleStatus(current, 'skipped');
        return true;
      case 'link':
        return startLinking();
      case 'nextSpan':
      case 'previousSpan':
        stepSpan(current, command === 'nextSpan' ? 1 : -1);
        return true;
      case 'confirm':
        if (linking?.targetId) link(linking.sourceId, linking.targetId);
        else if (selectedSpanId) panelRef.current?.editDetails();
        else return false;
        return true;
      case 'extendLeft':
      case 'extendRight': {
        const direction = command === 'extendRight' ? 1 : -1;
        if (selectedSpan && !article?.hasSelection()) moveSpanEnd(selectedSpan, 'end', direction, current.text);
        else article?.moveCaret('character', direction, true);
        return true;
      }
      case 'startLeft':
      case 'startRight':
        if (!selectedSpan) return false;
        moveSpanEnd(selectedSpan, 'start', command === 'startRight' ? 1 : -1, current.text);
        return true;
      default:
        return false;
    }
  };

  useKeyboardShortcuts({ labels: labels ?? [], onLabel: applyLabel, onCommand: runCommand });
  useMenuEditCommands(api, runCommand);

  if (library.phase === 'loading') return <div className="splash">Opening the library…</div>;
  if (library.phase === 'failed') return <div className="splash error">The library could not be opened: {library.loadError}</div>;

  const save = library.save;
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-name">Newsmark</h1>
        <span className={`save-state${save.error ? ' failed' : ''}`} role="status" aria-live="polite" data-pending={save.pending}>
          {save.error ? `Not saved — retrying: ${save.error}` : save.pending > 0 ? 'Saving…' : 'All changes saved'}
        </span>
        {library.settings && <SettingsPanel api={api} client={client} settings={library.settings} summaries={library.summaries} pendingSaves={save.pending} />}
        <div className="history-buttons">
          <button type="button" disabled={!current || !client.canUndo(current.id)} onClick={() => current && client.undo(current.id)} title="Undo (Ctrl/⌘+Z)">
            Undo
          </button>
          <button type="button" disabled={!current || !client.canRedo(current.id)} onClick={() => current && client.redo(current.id)} title="Redo (Ctrl/⌘+Shift+Z)">
            Redo
          </button>
        </div>
        <button type="button" className="help-button" onClick={() => setHelpOpen(true)} aria-haspopup="dialog" title="Keys (?)">
          Keys <kbd>?</kbd>
        </button>
        <ImportExportControls api={api} client={client} library={library} />
      </header>
      {library.notices.length > 0 && (
        <div className="notices" role="alert">
          <ul>
            {library.notices.map((notice, index) => (
              <li key={index} className={`notice notice-${notice.level}`}>
                {notice.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => client.dismissNotices()}>
            Dismiss
          </button>
        </div>
      )}
      {library.message && (
        <div className={`message message-${library.message.level}`} role={library.message.level === 'error' ? 'alert' : 'status'}>
          <span>{library.message.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => client.dismissMessage()}>
            ×
          </button>
        </div>
      )}
      <div className="workspace">
        <DocumentList api={api} summaries={library.summaries} labels={labels ?? []} currentId={currentId} onOpen={openDocument} />
        <main className="article-pane">
          <FindBar />
          {current ? (
            <>
              <div className="article-header">
                <h2 className="article-title">{current.meta.title}</h2>
                <div className="article-controls">
                  <LabelToolbar labels={labels ?? []} onApply={applyLabel} />
                  <StatusPicker status={current.status} onChange={(status) => change({ type: 'setStatus', status })} />
                </div>
              </div>
              {linking && (
                <LinkBanner document={current} linking={linking} labels={labels ?? []} onLink={() => linking.targetId && link(linking.sourceId, linking.targetId)} onCancel={() => setLinking(null)} />
              )}
              <ArticleView
                key={current.id}
                ref={articleRef}
                document={current}
                labels={labels ?? []}
                selectedSpanId={linking ? (linking.targetId ?? linking.sourceId) : selectedSpanId}
                snapToWords={library.settings?.snapToWords ?? true}
                linkSourceId={linking?.sourceId ?? null}
                onSelectSpan={selectSpan}
                onPickLinkTarget={(targetId) => linking && link(linking.sourceId, targetId)}
                onResizeSpan={resizeSpan}
              />
            </>
          ) : (
            <div className="empty">{library.summaries.length === 0 ? 'The library is empty.' : 'Opening the article…'}</div>
          )}
        </main>
        {current && (
          <SpanPanel
            ref={panelRef}
            document={current}
            labels={labels ?? []}
            speakers={library.summaries}
            selectedSpanId={selectedSpanId}
            onSelectSpan={selectSpan}
            onChange={change}
            onStartLinking={startLinking}
            onLink={link}
            onDoneEditing={() => articleRef.current?.focus()}
          />
        )}
      </div>
      {helpOpen && <HelpOverlay labels={labels ?? []} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
