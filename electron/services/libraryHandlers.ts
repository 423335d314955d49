import type { ParsedRequestArgs, RequestName, RequestResult } from '../../shared/contract';
import { summarise, withoutText } from '../../shared/model';
import { applyOperation } from '../../shared/operations';
import { fail, ok, type Result } from '../../shared/result';
import type { LibraryStore } from '../store/libraryStore';
import { LibrarySearcher } from './searchLibrary';
import { importJobsFor } from './importJobs';
import { createStoryHandlers } from './storyRequests';

/** One handler per request of the contract; arguments arrive already validated. */
export type Handlers = {
  [K in RequestName]: (args: ParsedRequestArgs<K>) => Promise<Result<RequestResult<K>>>;
};

/** The services behind the contract, over one open library. */
export function createLibraryHandlers(store: LibraryStore): Handlers {
  const { service: storyIndex, ...storyHandlers } = createStoryHandlers(store);
  const searcher = new LibrarySearcher(store, storyIndex);
  const imports = importJobsFor(store);
  return {
    ...storyHandlers,
    async listDocuments() {
      return ok(store.listDocuments());
    },
    async getDocument({ id }) {
      const document = await store.getDocument(id);
      return document ? ok(document) : fail('not_found', `There is no article "${id}".`);
    },
    async updateDocument({ documentId, operation }) {
      const settings = store.settings;
      const context = {
        annotator: settings.annotator,
        now: new Date().toISOString(),
        labels: settings.labels.map((label) => label.name),
      };
      const result = await store.updateDocument(documentId, (document) => applyOperation(document, operation, context));
      if (!result.ok) return result;
      return ok({ annotations: withoutText(result.value), summary: summarise(result.value) });
    },
    async getSettings() {
      return ok(store.settings);
    },
    async updateSettings({ settings }) {
      return ok(await store.updateSettings(settings));
    },
    async getNotices() {
      return ok([...store.notices]);
    },
    async applyLabelChanges(changes) {
      return store.applyLabelChanges(changes);
    },
    async searchDocuments(search) {
      return ok(await searcher.search(search));
    },
    async startImport({ files }) {
      return ok(imports.start(files));
    },
    async importStatus({ jobId }) {
      return imports.status(jobId);
    },
    async cancelImport({ jobId }) {
      return imports.cancel(jobId);
    },
  };
}
