import type { LibraryClient } from '../data/libraryClient';
import { documentSlice } from '../data/librarySlices';
import type { StorageLike } from '../data/unsavedChanges';
import type { SessionStore } from './sessionStore';
import { CURRENT_DOCUMENT_KEY } from './workbench';

/**
 * Keeps the session and the library in step, until the returned function is called:
 * - the open article is loaded, and remembered in the window's session storage;
 * - once the list is known, an article not in it (or none) gives way to the first one;
 * - a span that is gone from the open article (deleted, undone, merged) is no longer selected
 *   or linked from.
 */
export function connectSession(client: LibraryClient, session: SessionStore, storage: StorageLike | null): () => void {
  let documentId: string | null = null;
  let unsubscribeDocument = () => {};

  // Told of every change to the open article (each labelling): only the spans the session
  // names are looked for, not a set of every span id made per change.
  const pruneSpans = () => {
    const document = documentId ? client.getDocument(documentId) : null;
    const { selectedSpanId, linking } = session.getState();
    const named = [selectedSpanId, linking?.sourceId].filter((id): id is string => !!id);
    if (!document || named.length === 0) return;
    const present = new Set<string>();
    for (const span of document.spans) if (named.includes(span.id)) present.add(span.id);
    if (present.size < new Set(named).size) session.dispatch({ type: 'spansChanged', spanIds: present });
  };

  const followDocument = () => {
    const next = session.getState().documentId;
    if (next === documentId) return;
    documentId = next;
    unsubscribeDocument();
    unsubscribeDocument = () => {};
    if (!next) return;
    storage?.setItem(CURRENT_DOCUMENT_KEY, next);
    unsubscribeDocument = client.subscribe(documentSlice(next), pruneSpans);
    void client.openDocument(next);
  };

  const openKnownDocument = () => {
    if (client.getStatus().phase !== 'ready') return;
    const list = client.getList();
    const current = session.getState().documentId;
    // Until every page of the list is fetched, an open article not among the rows so far may be further down.
    if (current && (!list.complete || list.rows.some((row) => row?.id === current))) return;
    session.dispatch({ type: 'openDocument', documentId: list.rows[0]?.id ?? null });
  };

  const unsubscribeSession = session.subscribe(followDocument);
  const unsubscribeSummaries = client.subscribe('summaries', openKnownDocument);
  const unsubscribeStatus = client.subscribe('status', openKnownDocument);
  followDocument();
  openKnownDocument();
  return () => {
    unsubscribeSession();
    unsubscribeSummaries();
    unsubscribeStatus();
    unsubscribeDocument();
  };
}
