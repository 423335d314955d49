import type { ImportProblem } from '../../shared/importProblem';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { ok } from '../../shared/result';
import { touch } from '../../shared/operations';
import { combineSameText, isAnnotatedDraft, mergeDraftInto } from '../../shared/review/annotatedDrafts';
import type { LibraryStore } from '../store/libraryStore';

/**
 * Before drafts are added: each annotated draft (shared/review/annotatedDrafts.ts) whose text an
 * article of the library already has is merged into that article — its spans kept apart by
 * annotator, none duplicated — and a note says so. Answers the drafts still to add. Articles are
 * found by text among those of the same length, read one at a time.
 */
export async function mergeAnnotatedDrafts(store: LibraryStore, file: string, drafts: readonly DocumentDraft[], problems: ImportProblem[]): Promise<DocumentDraft[]> {
  const combined = combineSameText(drafts);
  if (!combined.some(isAnnotatedDraft)) return combined;
  const byLength = new Map<number, string[]>();
  for (const summary of store.listDocuments()) {
    const list = byLength.get(summary.length);
    if (list) list.push(summary.id);
    else byLength.set(summary.length, [summary.id]);
  }
  const remaining: DocumentDraft[] = [];
  for (const draft of combined) {
    let target: string | null = null;
    if (isAnnotatedDraft(draft)) {
      for (const id of byLength.get(draft.text.length) ?? []) {
        if ((await store.getDocument(id))?.text === draft.text) {
          target = id;
          break;
        }
      }
    }
    if (target === null) {
      remaining.push(draft);
      continue;
    }
    const now = new Date().toISOString();
    const annotator = store.settings.annotator;
    let counts = { added: 0, present: 0 };
    const result = await store.updateDocument(target, (document) => {
      const merged = mergeDraftInto(document, draft, annotator, now);
      counts = merged;
      if (merged.added === 0 && merged.relations.length === document.relations.length) return ok(document);
      return ok(touch(document, { annotator, now, labels: [] }, { spans: merged.spans, relations: merged.relations }));
    });
    if (!result.ok) {
      problems.push({ file, message: `"${draft.meta.title}" could not be merged into article "${target}": ${result.error.message}` });
      continue;
    }
    problems.push({
      file,
      message: `"${draft.meta.title}" has the same text as article "${target}": ${counts.added} of its spans added to it, ${counts.present} already there (spans are kept apart by annotator)`,
      severity: 'note',
    });
  }
  return remaining;
}
