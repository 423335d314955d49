import type { SuggestionCounts } from '../../shared/suggestions/decisions';
import type { LibraryStore } from '../store/libraryStore';
import { SuggestionDecisions } from './suggestionDecisions';

/** The library in numbers, as `newsmark stats --json` prints it. */
export interface LibraryStats {
  documents: { total: number; by_status: Record<string, number> };
  spans: { total: number; by_label: Record<string, number> };
  relations: { total: number };
  /** Per annotator: the spans they made and the documents holding any of them. */
  annotators: Record<string, { spans: number; documents: number }>;
  /** Per suggestion rule: the suggestions accepted and rejected (shared/suggestions/decisions.ts). */
  suggestions: { by_rule: SuggestionCounts };
}

function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/**
 * Counts the library. Statuses and labels come from the document list; annotators need each
 * document read, one at a time (memory stays flat in the size of the library).
 */
export async function libraryStats(store: LibraryStore): Promise<LibraryStats> {
  const stats: LibraryStats = {
    documents: { total: 0, by_status: { todo: 0, in_progress: 0, done: 0, skipped: 0 } },
    spans: { total: 0, by_label: {} },
    relations: { total: 0 },
    annotators: {},
    suggestions: { by_rule: await new SuggestionDecisions(store.folder).counts() },
  };
  for (const summary of store.listDocuments()) {
    stats.documents.total++;
    increment(stats.documents.by_status, summary.status);
    const document = await store.getDocument(summary.id);
    // A damaged document is set aside and reported by the store; it has nothing to count.
    if (!document) continue;
    stats.relations.total += document.relations.length;
    const annotators = new Set<string>();
    for (const span of document.spans) {
      stats.spans.total++;
      increment(stats.spans.by_label, span.label);
      const counts = (stats.annotators[span.annotator] ??= { spans: 0, documents: 0 });
      counts.spans++;
      annotators.add(span.annotator);
    }
    for (const annotator of annotators) stats.annotators[annotator]!.documents++;
  }
  return stats;
}
