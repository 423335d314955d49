import type { NewsDocument } from '../../../shared/model';

/** Whether two flat records (a span, a relation) hold the same values under the same keys. */
function sameRecord(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

/** `next`, with each item equal to the `previous` one of its id replaced by that one; `previous` itself when all are. */
function shareItems<T extends { id: string }>(previous: readonly T[], next: readonly T[]): readonly T[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  let all = previous.length === next.length;
  const shared = next.map((item, index) => {
    const old = byId.get(item.id);
    if (old && (old === item || sameRecord(old, item))) {
      if (previous[index] !== old) all = false;
      return old;
    }
    all = false;
    return item;
  });
  return all ? previous : shared;
}

/**
 * `next` sharing what has not changed since `previous` — its spans, relations and meta as
 * objects — so that what follows a document by identity (the article's highlights, the span
 * panel's rows) does no work for a change that left them as they were: the host confirming a
 * change the window has already shown, most often. `previous` itself when nothing changed.
 */
export function shareUnchanged(previous: NewsDocument, next: NewsDocument): NewsDocument {
  if (previous === next) return previous;
  const spans = shareItems(previous.spans, next.spans) as NewsDocument['spans'];
  const relations = shareItems(previous.relations, next.relations) as NewsDocument['relations'];
  const meta = JSON.stringify(previous.meta) === JSON.stringify(next.meta) ? previous.meta : next.meta;
  const shared: NewsDocument = { ...next, spans, relations, meta };
  return sameRecord(previous, shared) ? previous : shared;
}
