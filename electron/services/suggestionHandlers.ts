import { fail, ok, type Result } from '../../shared/result';
import { suggest } from '../../shared/suggestions/suggest';
import { DamagedFileError } from '../store/durableJsonFile';
import type { LibraryStore } from '../store/libraryStore';
import type { Handlers } from './libraryHandlers';
import { SuggestionDecisions } from './suggestionDecisions';

function damaged(error: DamagedFileError): Result<never> {
  return fail('storage_failed', `${error.message}. It was left as it is; move it out of the data folder to start counting suggestion decisions again.`);
}

/** The suggestion requests of the contract, over one open library. */
export function suggestionHandlers(store: LibraryStore): Pick<Handlers, 'getSuggestions' | 'recordSuggestionDecision' | 'suggestionStats'> {
  const decisions = new SuggestionDecisions(store.folder);
  return {
    async getSuggestions({ documentId }) {
      const document = await store.getDocument(documentId);
      if (!document) return fail('not_found', `There is no article "${documentId}".`);
      let rejected = new Set<string>();
      try {
        rejected = await decisions.rejected(documentId);
      } catch (error) {
        // A damaged decisions file costs only the hiding of rejected suggestions; recording a
        // decision reports it (below), so the user learns of it without losing the suggestions.
        if (!(error instanceof DamagedFileError)) throw error;
      }
      return ok(suggest(document.text, { existing: document.spans, rejected }));
    },
    async recordSuggestionDecision(decision) {
      if (!store.listDocuments().some((summary) => summary.id === decision.documentId)) return fail('not_found', `There is no article "${decision.documentId}".`);
      try {
        return ok(await decisions.record(decision));
      } catch (error) {
        if (error instanceof DamagedFileError) return damaged(error);
        throw error;
      }
    },
    async suggestionStats() {
      try {
        return ok(await decisions.counts());
      } catch (error) {
        if (error instanceof DamagedFileError) return damaged(error);
        throw error;
      }
    },
  };
}
