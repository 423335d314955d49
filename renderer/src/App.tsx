import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NewsmarkApi } from '../../shared/contract';
import { type DocumentStatus } from '../../shared/model';
import { trimRange } from '../../shared/spans';
import { ArticleView, type ArticleViewHandle } from './components/ArticleView';
import { DocumentList } from './components/DocumentList';
import { ImportExportControls } from './components/ImportExportControls';
import { LabelToolbar } from './components/LabelToolbar';
import { useLabelStyles } from './components/labelStyles';
import { SpanPanel } from './components/SpanPanel';
import { StatusPicker } from './components/StatusPicker';
import { LibraryClient } from './data/libraryClient';
import { newSpanId } from './data/newSpanId';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

const CURRENT_DOCUMENT_KEY = 'newsmark.currentDocument';

export function App({ api }: { api: NewsmarkApi }) {
  const client = useMemo(() => new LibraryClient(api), [api]);
  const library = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const [currentId, setCurrentId] = useState<string | null>(() => sessionStorage.getItem(CURRENT_DOCUMENT_KEY));
  const [selectedSpanId, setSelectedSpanId] = useState<string | null>(null);
  const articleRef = useRef<ArticleViewHandle>(null);
  const labels = library.settings?.labels;
  useLabelStyles(labels);

  useEffect(() => {
    void client.load();
  }, [client]);

  // In a browser, leaving with changes the host has not confirmed asks first.
  useEffect(() => {
    if (api.host !== 'web') return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (client.getSnapshot().save.pending > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [api, client]);

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

  const openDocument = useCallback((id: string) => {
    setSelectedSpanId(null);
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

  /** A label key or button: labels the selected text, or relabels the selected span. */
  const applyLabel = useCallback(
    (label: string) => {
      if (!current) return;
      const selection = articleRef.current?.readSelection() ?? null;
      if (selection) {
        const range = trimRange(current.text, selection.start, selection.end);
        if (!range) return;
        const id = newSpanId();
        const error = client.apply(current.id, { type: 'createSpan', span: { id, start: range.start, end: range.end, label } });
        if (!error) {
          articleRef.current?.clearSelection();
          const created = client.getSnapshot().documents.get(current.id)?.spans.find((span) => span.start === range.start && span.end === range.end && span.label === label);
          setSelectedSpanId(created?.id ?? null);
        }
        return;
      }
      if (selectedSpanId) client.apply(current.id, { type: 'relabelSpan', spanId: selectedSpanId, label });
    },
    [client, current, selectedSpanId],
  );

  const deleteSelected = useCallback(() => {
    if (!current || !selectedSpanId) return;
    client.apply(current.id, { type: 'deleteSpan', spanId: selectedSpanId });
    setSelectedSpanId(null);
  }, [client, current, selectedSpanId]);

  const setStatus = useCallback(
    (status: DocumentStatus) => {
      if (current) client.apply(current.id, { type: 'setStatus', status });
    },
    [client, current],
  );

  const selectSpan = useCallback((spanId: string | null) => {
    setSelectedSpanId(spanId);
    if (spanId) articleRef.current?.scrollToSpan(spanId);
  }, []);

  useKeyboardShortcuts({
    labels: labels ?? [],
    onLabel: applyLabel,
    onDelete: deleteSelected,
    onNext: () => moveDocument(1),
    onPrevious: () => moveDocument(-1),
    onEscape: () => setSelectedSpanId(null),
  });

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
        <DocumentList summaries={library.summaries} labels={labels ?? []} currentId={currentId} onOpen={openDocument} />
        <main className="article-pane">
          {current ? (
            <>
              <div className="article-header">
                <h2 className="article-title">{current.meta.title}</h2>
                <div className="article-controls">
                  <LabelToolbar labels={labels ?? []} onApply={applyLabel} />
                  <StatusPicker status={current.status} onChange={setStatus} />
                </div>
              </div>
              <ArticleView
                key={current.id}
                ref={articleRef}
                document={current}
                labels={labels ?? []}
                selectedSpanId={selectedSpanId}
                onSelectSpan={selectSpan}
              />
            </>
          ) : (
            <div className="empty">{library.summaries.length === 0 ? 'The library is empty.' : 'Opening the article…'}</div>
          )}
        </main>
        {current && <SpanPanel document={current} labels={labels ?? []} selectedSpanId={selectedSpanId} onSelectSpan={selectSpan} />}
      </div>
    </div>
  );
}
