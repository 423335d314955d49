/**
 * Turning suggestions into real spans and links: the operations of shared/operations.ts, so an
 * accepted suggestion is saved, exported and undone like any other change. The renderer sends
 * the operations in order and records them as ONE undo step (UndoHistory.record with the
 * document before the first and after the last). Offsets are UTF-16.
 */
import type { NewsDocument } from '../model';
import type { DocumentOperation } from '../operations';
import type { SuggestedLink, SuggestedSpan, Suggestions } from './suggest';

/** Makes a new span or relation id (the renderer's own id maker). */
export type IdMaker = () => string;

function realSpanFor(document: Pick<NewsDocument, 'spans'>, suggestion: SuggestedSpan) {
  return document.spans.find((span) => span.label === suggestion.label && span.start === suggestion.start && span.end === suggestion.end);
}

function createOperation(suggestion: SuggestedSpan, id: string): DocumentOperation {
  return { type: 'createSpan', span: { id, start: suggestion.start, end: suggestion.end, label: suggestion.label, ...(suggestion.speaker ? { speaker: suggestion.speaker } : {}) } };
}

/** The suggestion under the caret: the shortest suggested span holding `offset` (ends included), or null. */
export function suggestionAt(suggestions: Suggestions, offset: number): SuggestedSpan | null {
  let best: SuggestedSpan | null = null;
  for (const span of suggestions.spans) {
    if (span.start <= offset && offset <= span.end && (!best || span.end - span.start < best.end - best.start)) best = span;
  }
  return best;
}

/**
 * Accepting a suggested span: one createSpan (with its speaker), then a link to every suggested
 * partner that is already a real span (a quote accepted after its attribution is linked to it).
 */
export function acceptSpanOperations(document: Pick<NewsDocument, 'spans' | 'relations'>, suggestions: Suggestions, suggestion: SuggestedSpan, newId: IdMaker): DocumentOperation[] {
  if (realSpanFor(document, suggestion)) return [];
  const id = newId();
  const operations: DocumentOperation[] = [createOperation(suggestion, id)];
  const byKey = new Map(suggestions.spans.map((span) => [span.key, span]));
  for (const link of suggestions.links) {
    const otherKey = link.headKey === suggestion.key ? link.childKey : link.childKey === suggestion.key ? link.headKey : null;
    const other = otherKey ? byKey.get(otherKey) : undefined;
    const real = other ? realSpanFor(document, other) : undefined;
    if (!real) continue;
    const [headId, childId] = link.headKey === suggestion.key ? [id, real.id] : [real.id, id];
    operations.push({ type: 'linkSpans', relation: { id: newId(), label: 'attributed_to', headId, childId } });
  }
  return operations;
}

/** Accepting a suggested link: its ends that are not real spans yet are created first. */
export function acceptLinkOperations(document: Pick<NewsDocument, 'spans' | 'relations'>, suggestions: Suggestions, link: SuggestedLink, newId: IdMaker): DocumentOperation[] {
  const byKey = new Map(suggestions.spans.map((span) => [span.key, span]));
  const operations: DocumentOperation[] = [];
  const ids = [link.headKey, link.childKey].map((key) => {
    const suggestion = byKey.get(key);
    if (!suggestion) throw new RangeError(`suggested link ${link.key} names a span that is not suggested`);
    const real = realSpanFor(document, suggestion);
    if (real) return real.id;
    const id = newId();
    operations.push(createOperation(suggestion, id));
    return id;
  });
  const [headId, childId] = ids as [string, string];
  if (!document.relations.some((relation) => relation.headId === headId && relation.childId === childId)) {
    operations.push({ type: 'linkSpans', relation: { id: newId(), label: 'attributed_to', headId, childId } });
  }
  return operations;
}

/** The paragraph (between line breaks) holding `offset`, as a UTF-16 range. */
export function paragraphAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const next = text.indexOf('\n', offset);
  return { start: offset === 0 ? 0 : start, end: next === -1 ? text.length : next };
}

/**
 * "Accept all in this paragraph": every suggested span starting in the paragraph holding `offset`,
 * with every suggested link between them (or to real spans), as one list of operations.
 */
export function acceptParagraphOperations(document: Pick<NewsDocument, 'text' | 'spans' | 'relations'>, suggestions: Suggestions, offset: number, newId: IdMaker): DocumentOperation[] {
  const paragraph = paragraphAround(document.text, offset);
  const inParagraph = suggestions.spans.filter((span) => span.start >= paragraph.start && span.start <= paragraph.end && !realSpanFor(document, span));
  const ids = new Map(inParagraph.map((span) => [span.key, newId()]));
  const operations: DocumentOperation[] = inParagraph.map((span) => createOperation(span, ids.get(span.key)!));
  const byKey = new Map(suggestions.spans.map((span) => [span.key, span]));
  const idOf = (key: string) => {
    const created = ids.get(key);
    if (created) return created;
    const suggestion = byKey.get(key);
    return suggestion ? realSpanFor(document, suggestion)?.id : undefined;
  };
  for (const link of suggestions.links) {
    if (!ids.has(link.headKey) && !ids.has(link.childKey)) continue;
    const headId = idOf(link.headKey);
    const childId = idOf(link.childKey);
    if (headId && childId) operations.push({ type: 'linkSpans', relation: { id: newId(), label: 'attributed_to', headId, childId } });
  }
  return operations;
}
