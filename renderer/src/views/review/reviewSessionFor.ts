import { documentSlice } from '../../data/librarySlices';
import { newSpanId } from '../../data/newSpanId';
import { ReviewSession, type ReviewClient } from '../../session/reviewSession';
import type { Workbench } from '../../session/workbench';

interface Held {
  comparisonId: string;
  session: ReviewSession;
  stop(): void;
  started: Promise<string | null>;
}

/** One review per workbench and compared export: it outlives the view (a trip to the article to edit). */
const held = new WeakMap<Workbench, Held>();

/**
 * The review of the workbench's compared export, started once: it follows the articles with
 * disagreements, and after each choice fetches the figures again once the change is saved.
 * Answers the review and a promise of the error that stopped it from starting (null: started).
 */
export function reviewSessionFor(workbench: Workbench): Held | null {
  const { comparisons, client } = workbench;
  const { comparisonId, report } = comparisons.get();
  if (!comparisonId || !report) return null;
  const current = held.get(workbench);
  if (current?.comparisonId === comparisonId) return current;
  current?.stop();
  const adapter: ReviewClient = {
    getDocument: client.getDocument,
    openDocument: (id) => client.openDocument(id),
    apply: (id, operations) => client.applyAll(id, operations),
    undo: client.undo,
    redo: client.redo,
    onDocument: (id, listener) => client.subscribe(documentSlice(id), listener, 'now'),
    labels: () => client.getStatus().settings?.labels.map((label) => label.name) ?? [],
    tell: (text) => client.notices.tell({ level: 'error', text }),
  };
  let stale = false;
  const session = new ReviewSession(adapter, newSpanId, () => (stale = true));
  // The figures are fetched again once the choices made are on disk.
  const unsubscribe = client.subscribe('save', () => {
    if (stale && client.getSave().pending === 0) {
      stale = false;
      void comparisons.refresh();
    }
  });
  const documentIds = [...new Set(report.disagreements.map((each) => each.document_id))];
  const started = session.start(documentIds, () => comparisons.theirVersions(documentIds)).then((result) => (result.ok ? null : result.error.message));
  const stop = () => {
    unsubscribe();
    session.stop();
  };
  const entry = { comparisonId, session, stop, started };
  held.set(workbench, entry);
  return entry;
}
