import type { ParsedRequestArgs, RequestName, RequestResult } from '../../shared/contract';
import { describeChange } from '../../shared/annotationChange';
import { relationTypesOf, summarise, type NewsDocument } from '../../shared/model';
import { labelChangesProblem } from '../../shared/labelSet';
import { applyOperation } from '../../shared/operations';
import { fail, ok, type Result } from '../../shared/result';
import type { LibraryStore } from '../store/libraryStore';
import { LibrarySearcher } from './searchLibrary';
import { importJobsFor } from './importJobs';
import { suggestionHandlers } from './suggestionHandlers';
import { comparisonHandlers } from './comparisonHandlers';
import { createStoryHandlers } from './storyRequests';
import type { StoryIndexService } from './storyIndexService';

/** One handler per request of the contract; arguments arrive already validated. */
export type Handlers = {
  [K in RequestName]: (args: ParsedRequestArgs<K>) => Promise<Result<RequestResult<K>>>;
};

/**
 * How long after the first list answer the deferred work starts. A page asks for its first
 * screen's list, settings and notices at once and paints when all have come; started at once,
 * the file check and the story index (~300 ms of CPU at 10,000 articles) made the other two wait.
 */
export const AFTER_FIRST_ANSWER_MS = 250;

/**
 * A library opened with `deferFileCheck` checks its files once the first list has gone out, and
 * the story index opens then too: shortly after the answer, once the page's other first
 * requests are answered, not before it. (A library also starts both by itself 5 s after opening.)
 */
function afterFirstAnswer(store: LibraryStore, storyIndex: StoryIndexService): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      if (!store.filesChecked) void store.checkFiles();
      storyIndex.start();
    }, AFTER_FIRST_ANSWER_MS).unref();
  };
}

/** The services behind the contract, over one open library. */
export function createLibraryHandlers(store: LibraryStore): Handlers {
  const { service: storyIndex, ...storyHandlers } = createStoryHandlers(store);
  const searcher = new LibrarySearcher(store, storyIndex);
  const imports = importJobsFor(store);
  const listAnswered = afterFirstAnswer(store, storyIndex);
  return {
    ...storyHandlers,
    async listDocuments() {
      const list = store.listDocuments();
      listAnswered();
      return ok(list);
    },
    async listDocumentPage({ offset, limit }) {
      const page = store.listPage(offset, limit);
      listAnswered();
      return ok(page);
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
        relationTypes: relationTypesOf(settings).map((type) => type.name),
      };
      const seen: { before?: NewsDocument } = {};
      const result = await store.updateDocument(documentId, (document) => {
        seen.before = document;
        return applyOperation(document, operation, context);
      });
      if (!result.ok) return result;
      // Only what changed goes back (the window holds the rest): see shared/annotationChange.ts.
      return ok({ change: describeChange(seen.before ?? result.value, result.value), summary: summarise(result.value) });
    },
    async getSettings() {
      return ok(store.settings);
    },
    async updateSettings({ settings }) {
      // Dropping a label here would leave its spans without one: that is applyLabelChanges' work.
      const problem = labelChangesProblem(store.settings, { settings, renames: [], deletions: [] });
      if (problem) return fail('invalid_request', `updateSettings: ${problem}; rename or delete labels with applyLabelChanges.`);
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
    async startImport(request) {
      return imports.start(request);
    },
    async importStatus({ jobId }) {
      return imports.status(jobId);
    },
    async cancelImport({ jobId }) {
      return imports.cancel(jobId);
    },
    ...suggestionHandlers(store),
    ...comparisonHandlers(store),
  };
}
