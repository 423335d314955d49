import type { NewsmarkApi } from '../../../shared/contract';
import type { LabelChangeOutcome, LabelChangesInput } from '../../../shared/labelSet';
import type { Result } from '../../../shared/result';
import type { LibraryClient } from './libraryClient';

/**
 * Sends a change of the label set (and the other settings) and brings the window up to date.
 * Settings alone are fetched again with the list (`client.load()`). A change that rewrote
 * documents (a rename or deletion with spans) makes every copy of those documents the window
 * holds out of date, and LibraryClient keeps no way to drop them, so the window reloads: it
 * then fetches the list, the settings and the open article afresh. Callers send this only when
 * no change is waiting to be saved, so a reload loses nothing.
 */
export async function applyLabelChanges(api: NewsmarkApi, client: LibraryClient, changes: LabelChangesInput): Promise<Result<LabelChangeOutcome>> {
  const result = await api.request('applyLabelChanges', changes);
  if (!result.ok) return result;
  if (result.value.changedDocumentIds.length > 0) window.location.reload();
  else await client.load();
  return result;
}
