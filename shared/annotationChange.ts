/**
 * What one stored change did to a document's annotations, small enough to send for every
 * labelling: the host answers `updateDocument` with it instead of the whole document (2,000
 * spans is ~300 kB of JSON to make, send, parse and compare per key press). Applied to the
 * document as it stood before the change (`baseRevision`), it gives exactly the stored one.
 */
import type { NewsDocument, Relation, Span } from './model';

/** `items.splice(start, removed, ...inserted)`: the items between an unchanged head and tail. */
export interface ItemSplice<T> {
  start: number;
  removed: number;
  inserted: T[];
}

export interface AnnotationChange {
  /** The revision the change was made on; applying it to any other state is wrong (fetch the document instead). */
  baseRevision: number;
  spans: ItemSplice<Span>;
  relations: ItemSplice<Relation>;
  /** Every other field of the document as stored now, except its (unchanging) text. */
  fields: Omit<NewsDocument, 'text' | 'spans' | 'relations'>;
}

/** The splice turning `before` into `after`, keeping the longest head and tail of the same items (by identity). */
function spliceBetween<T>(before: readonly T[], after: readonly T[]): ItemSplice<T> {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start: head, removed: before.length - head - tail, inserted: after.slice(head, after.length - tail) };
}

/**
 * The change from `before` to `after` (the same document before and after one stored change).
 * Items are matched by identity, as the operations keep the ones they do not touch: an item
 * rebuilt with equal fields is sent again, which costs bytes but never exactness.
 */
export function describeChange(before: NewsDocument, after: NewsDocument): AnnotationChange {
  const { text: _text, spans, relations, ...fields } = after;
  return { baseRevision: before.revision, spans: spliceBetween(before.spans, spans), relations: spliceBetween(before.relations, relations), fields };
}

function fits(splice: ItemSplice<unknown>, length: number): boolean {
  return Number.isInteger(splice.start) && Number.isInteger(splice.removed) && splice.start >= 0 && splice.removed >= 0 && splice.start + splice.removed <= length;
}

function applySplice<T>(items: readonly T[], splice: ItemSplice<T>): readonly T[] {
  if (splice.removed === 0 && splice.inserted.length === 0) return items;
  return [...items.slice(0, splice.start), ...splice.inserted, ...items.slice(splice.start + splice.removed)];
}

/**
 * The document after `change`, sharing every item it left alone with `document`; null when
 * `document` is not the state the change was made on (another window changed it since, say),
 * where only fetching the stored document gives the host's state.
 */
export function applyChange(document: NewsDocument, change: AnnotationChange): NewsDocument | null {
  if (document.revision !== change.baseRevision || document.id !== change.fields.id) return null;
  if (!fits(change.spans, document.spans.length) || !fits(change.relations, document.relations.length)) return null;
  return { ...change.fields, text: document.text, spans: applySplice(document.spans, change.spans) as Span[], relations: applySplice(document.relations, change.relations) as Relation[] };
}
