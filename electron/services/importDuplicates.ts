import { createHash } from 'node:crypto';
import type { DocumentDraft } from '../../shared/jsonlImport';
import type { DuplicateArticle } from '../../shared/importReport';
import type { LibraryStore } from '../store/libraryStore';

/**
 * Finding articles the library already holds, so that importing a file twice does not make
 * copies. Two articles are the same when their titles and texts are identical (annotations
 * aside: the library's copy keeps its own). The document list gives titles and lengths, so only
 * the few articles that match both are read to compare their texts.
 */

/** A short fingerprint of an article's title and text. */
export function articleFingerprint(title: string, text: string): string {
  return createHash('sha256').update(title).update('\0').update(text).digest('base64url');
}

export interface DuplicateCheck {
  fresh: DocumentDraft[];
  duplicates: DuplicateArticle[];
}

/** For each draft, the id of the library's article with the same title and text, or null. */
export async function existingArticleIds(store: LibraryStore, drafts: readonly DocumentDraft[]): Promise<(string | null)[]> {
  const candidates = new Map<string, string[]>();
  for (const summary of store.listDocuments()) {
    const key = `${summary.length}\0${summary.title}`;
    candidates.set(key, [...(candidates.get(key) ?? []), summary.id]);
  }
  const texts = new Map<string, string | null>();
  const textOf = async (id: string) => {
    if (!texts.has(id)) texts.set(id, (await store.getDocument(id))?.text ?? null);
    return texts.get(id);
  };
  const found: (string | null)[] = [];
  for (const draft of drafts) {
    let existingId: string | null = null;
    for (const id of candidates.get(`${draft.text.length}\0${draft.meta.title}`) ?? []) {
      if ((await textOf(id)) === draft.text) {
        existingId = id;
        break;
      }
    }
    found.push(existingId);
  }
  return found;
}

/** Splits `drafts` into the ones the library lacks and the ones it already holds. */
export async function splitDuplicates(store: LibraryStore, file: string, drafts: readonly DocumentDraft[]): Promise<DuplicateCheck> {
  const existing = await existingArticleIds(store, drafts);
  const result: DuplicateCheck = { fresh: [], duplicates: [] };
  drafts.forEach((draft, index) => {
    const existingId = existing[index];
    if (existingId) result.duplicates.push({ file, title: draft.meta.title, existingId });
    else result.fresh.push(draft);
  });
  return result;
}

/** One note for a file's skipped duplicates, naming the first few. */
export function duplicatesNote(duplicates: readonly DuplicateArticle[], total: number): string {
  const named = duplicates.slice(0, 3).map((duplicate) => `"${duplicate.title}" (as ${duplicate.existingId})`).join(', ');
  const more = duplicates.length > 3 ? ` and ${duplicates.length - 3} more` : '';
  const all = duplicates.length === total ? (total === 1 ? 'its article is' : `all ${total} articles are`) : `${duplicates.length} of ${total} articles are`;
  return `already imported: ${all} in the library with the same title and text (${named}${more}); skipped, not copied. Import them anyway to add copies.`;
}
