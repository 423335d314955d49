import { fail, ok } from '../../shared/result';
import { suggest } from '../../shared/suggestions/suggest';
import type { LibraryStore } from '../store/libraryStore';
import type { Handlers } from './libraryHandlers';
import { SuggestionDecisions } from './suggestionDecisions';

/** The suggestion requests of the contract, over one open library. */
export function suggestionHandlers(store: LibraryStore): Pick<Handlers, 'getSuggestions' | 'recordSuggestionDecision' | 'suggestionStats'> {
  const decisions = new SuggestionDecisions(store.folder);
  return {
    async getSuggestions({ documentId }) {
      const document = await store.getDocument(documentId);
      if (!document) return fail('not_found', `There is no article "${documentId}".`);
      return ok(suggest(document.text, { existing: document.spans, rejected: await decisions.rejected(documentId) }));
    },
    async recordSuggestionDecision(decision) {
      if (!store.listDocuments().some((summary) => summary.id === decision.documentId)) return fail('not_found', `There is no article "${decision.documentId}".`);
      return ok(await decisions.record(decision));
    },
    async suggestionStats() {
      return ok(await decisions.counts());
    },
  };
}
