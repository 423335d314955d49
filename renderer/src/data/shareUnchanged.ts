import type { NewsDocument } from '../../../shared/model';

/** Whether two flat records (a span, a relation) hold the same values under the same keys. */
function sameRecord(a: object, b: object): boolean {
  // Without Object.keys' arrays: this runs over every span of a document on each confirmation.
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!(key in right) || left[key] !== right[key]) return false;
    keys++;
  }
  for (const _key in right) keys--;
  return keys === 0;
}

/** `next`, with each item equal to the `previous` one of its id replaced by that one; `previous` itself when all are. */
function shareItems<T extends { id: string }>(previous: readonly T[], next: readonly T[]): readonly T[] {
  // Mostly each item is where it was, or one place along (one added or removed before it): those
  // are found without a map of every item, which is made only if needed.
  let byId: Map<string, T> | null = null;
  let shift = 0;
  let all = previous.length === next.length;
  const shared = next.map((item, index) => {
    let old = previous[index + shift];
    if (old?.id !== item.id) {
      const found = [previous[index + shift + 1], previous[index + shift - 1]].findIndex((candidate) => candidate?.id === item.id);
      if (found >= 0) shift += found === 0 ? 1 : -1;
      byId ??= found >= 0 ? null : new Map(previous.map((each) => [each.id, each]));
      old = found >= 0 ? previous[index + shift] : byId!.get(item.id);
    }
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

/** A span's fields that only say when it was written: nothing the window draws. */
function sameButWhen(a: NewsDocument['spans'][number], b: NewsDocument['spans'][number]): boolean {
  return sameRecord({ ...a, createdAt: '', updatedAt: '' }, { ...b, createdAt: '', updatedAt: '' });
}

/**
 * Whether `next` (after shareUnchanged) differs from `previous` only in its stamps — when it and
 * its spans were written, its revision and last annotator — which the window shows nowhere: the
 * host confirming a change already shown. Then nothing need be drawn again.
 */
export function differsOnlyInStamps(previous: NewsDocument, next: NewsDocument): boolean {
  if (previous === next) return true;
  const { spans, relations, meta, status, text, id } = next;
  if (relations !== previous.relations || meta !== previous.meta || status !== previous.status || text !== previous.text || id !== previous.id) return false;
  if (spans.length !== previous.spans.length) return false;
  return spans.every((span, index) => span === previous.spans[index] || sameButWhen(span, previous.spans[index]!));
}
