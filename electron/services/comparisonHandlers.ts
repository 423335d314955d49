import type { LibraryStore } from '../store/libraryStore';
import { Comparisons } from './comparisons';
import type { Handlers } from './libraryHandlers';

/** The agreement and review requests of the contract, over one open library. */
export function comparisonHandlers(store: LibraryStore): Pick<Handlers, 'uploadComparison' | 'comparisonReport' | 'theirVersions'> {
  const comparisons = new Comparisons(store);
  return {
    uploadComparison: async (piece) => comparisons.upload(piece),
    comparisonReport: ({ comparisonId }) => comparisons.report(comparisonId),
    theirVersions: ({ comparisonId, documentIds }) => comparisons.theirVersions(comparisonId, documentIds),
  };
}
