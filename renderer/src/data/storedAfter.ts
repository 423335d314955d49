import { applyChange, type AnnotationChange } from '../../../shared/annotationChange';
import type { NewsmarkApi } from '../../../shared/contract';
import type { NewsDocument } from '../../../shared/model';
import { applyOperation, type DocumentOperation, type OperationContext } from '../../../shared/operations';

/**
 * The stored document after the host confirmed `operation`, from the stored state this window
 * held (`held`) and what the host says the change did (`change`, made on its base revision).
 * When `held` is not that base (another window saved in between) the stored document is fetched
 * whole; only if that fails too is the operation applied here, so the user's change stays shown
 * until the document is next fetched.
 */
export async function storedAfter(
  host: NewsmarkApi,
  documentId: string,
  held: NewsDocument | undefined,
  { operation, change }: { operation: DocumentOperation; change: AnnotationChange },
  context: OperationContext,
): Promise<NewsDocument> {
  const applied = held ? applyChange(held, change) : null;
  if (applied) return applied;
  const fetched = await host.request('getDocument', { id: documentId });
  if (fetched.ok || !held) return fetched.ok ? fetched.value : { ...change.fields, text: '', spans: [], relations: [] };
  const local = applyOperation(held, operation, context);
  return local.ok ? local.value : held;
}
