import type { NewsmarkApi } from '../../../shared/contract';
import type { LabelChangeOutcome, LabelChangesInput } from '../../../shared/labelSet';
import type { Result } from '../../../shared/result';
import type { LibraryClient } from './libraryClient';

/**
 * Sends a change of the label set (and the other settings) and brings the window up to date:
 * the list and settings are fetched again, and the documents the store rewrote (a rename or
 * deletion with spans) are fetched afresh. Callers send this only when no change is waiting to
 * be saved, so nothing unsaved is built on the old labels.
 */
export async function applyLabelChanges(api: NewsmarkApi, client: LibraryClient, changes: LabelChangesInput): Promise<Result<LabelChangeOutcome>> {
  const result = await api.request('applyLabelChanges', changes);
  if (!result.ok) return result;
  await client.reloadDocuments(result.value.changedDocumentIds);
  return result;
}
