/**
 * Review mode's back end: settling the disagreements between your version of an article (A, the
 * library's document) and another annotator's (B, read from their export and paired by text).
 * Each decision becomes operations of shared/operations.ts, sent in order and recorded as one
 * undo step, so the merged article is a normal library article: saved durably, undoable, and
 * exported with each span's own annotator (spans taken from B keep B's name).
 *
 * Decisions:
 * - take_a: keep your version (removes nothing of B's, since B's spans are not in the library):
 *   no operation, except for a link only you have, which stays.
 * - take_b: B's version replaces yours: your span (if any) is deleted and B's created with B's
 *   name, speaker and note; a link only B has is made (its ends created from B's where missing);
 *   a link only you have is removed.
 * - edit: your span (or a new one) gets the range, label and speaker given.
 */
import type { NewsDocument, Span } from '../model';
import type { DocumentOperation } from '../operations';
import { compareDocuments, type AnnotatedVersion, type Disagreement, type SpanVersion } from '../agreement/compareDocuments';

export type ReviewDecision =
  | { kind: 'take_a' }
  | { kind: 'take_b' }
  | { kind: 'edit'; start: number; end: number; label: string; speaker?: string };

/** Makes a new span or relation id. */
export type IdMaker = () => string;

/** The disagreements between your document (A) and B's version of the same text. */
export function reviewDisagreements(document: NewsDocument, theirs: AnnotatedVersion, labels: readonly string[]): Disagreement[] {
  return compareDocuments(document.text, document, theirs, labels).disagreements;
}

function sameSpan(span: Pick<Span, 'start' | 'end' | 'label'>, version: Pick<SpanVersion, 'start' | 'end' | 'label'>): boolean {
  return span.start === version.start && span.end === version.end && span.label === version.label;
}

function createFrom(version: SpanVersion, id: string): DocumentOperation {
  return {
    type: 'createSpan',
    span: {
      id,
      start: version.start,
      end: version.end,
      label: version.label,
      ...(version.speaker ? { speaker: version.speaker } : {}),
      ...(version.note ? { note: version.note } : {}),
      ...(version.annotator ? { annotator: version.annotator } : {}),
    },
  };
}

/**
 * The operations that settle one disagreement as decided, against the document as it is now
 * (an earlier decision may already have made a span this one needs). Throws RangeError for a
 * decision that does not fit the disagreement (an edit of a link).
 */
export function resolveDisagreement(document: NewsDocument, disagreement: Disagreement, decision: ReviewDecision, newId: IdMaker): DocumentOperation[] {
  const mine = disagreement.a ? document.spans.find((span) => span.id === disagreement.a!.id && sameSpan(span, disagreement.a!)) : undefined;
  if (disagreement.kind === 'relation_only_a' || disagreement.kind === 'relation_only_b') {
    if (decision.kind === 'edit') throw new RangeError('a link is taken from one side or the other, not edited');
    const relation = disagreement.relation!;
    if (disagreement.kind === 'relation_only_a') {
      return decision.kind === 'take_b' && document.relations.some((each) => each.id === relation.id) ? [{ type: 'unlinkSpans', relationId: relation.id }] : [];
    }
    if (decision.kind === 'take_a') return [];
    const operations: DocumentOperation[] = [];
    const endId = (version: SpanVersion) => {
      const existing = document.spans.find((span) => sameSpan(span, version));
      if (existing) return existing.id;
      const id = newId();
      operations.push(createFrom(version, id));
      return id;
    };
    const headId = endId(relation.head);
    const childId = endId(relation.child);
    operations.push({ type: 'linkSpans', relation: { id: newId(), label: relation.label, headId, childId } });
    return operations;
  }
  if (decision.kind === 'take_a') return [];
  if (decision.kind === 'take_b') {
    const operations: DocumentOperation[] = [];
    if (mine) operations.push({ type: 'deleteSpan', spanId: mine.id });
    const theirs = disagreement.b;
    if (theirs && !document.spans.some((span) => span !== mine && sameSpan(span, theirs))) operations.push(createFrom(theirs, newId()));
    return operations;
  }
  if (!mine) {
    const base = disagreement.b!;
    return [createFrom({ ...base, start: decision.start, end: decision.end, label: decision.label, ...(decision.speaker !== undefined ? { speaker: decision.speaker } : {}), annotator: undefined }, newId())];
  }
  const operations: DocumentOperation[] = [];
  if (mine.start !== decision.start || mine.end !== decision.end) operations.push({ type: 'resizeSpan', spanId: mine.id, start: decision.start, end: decision.end });
  if (mine.label !== decision.label) operations.push({ type: 'relabelSpan', spanId: mine.id, label: decision.label });
  if (decision.speaker !== undefined && (mine.speaker ?? '') !== decision.speaker) operations.push({ type: 'setSpanSpeaker', spanId: mine.id, speaker: decision.speaker });
  return operations;
}
