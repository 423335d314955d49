import type { NewsDocument } from '../../../shared/model';
import { applyOperation, type DocumentOperation, type OperationContext } from '../../../shared/operations';
import { shareUnchanged } from './shareUnchanged';

/**
 * What the window shows of a document: its stored state with the unconfirmed changes applied in
 * order (one that no longer applies is skipped), sharing with `previous` whatever is unchanged.
 */
export function shownState(stored: NewsDocument, unsaved: readonly DocumentOperation[], context: OperationContext, previous: NewsDocument | undefined): NewsDocument {
  let computed = stored;
  for (const operation of unsaved) {
    const result = applyOperation(computed, operation, context);
    if (result.ok) computed = result.value;
  }
  return previous ? shareUnchanged(previous, computed) : computed;
}
