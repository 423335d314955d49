import { z } from 'zod';
import {
  documentStatusSchema,
  idSchema,
  labelNameSchema,
  offsetSchema,
  relationSchema,
  relationTypeNameSchema,
  spanSchema,
  type NewsDocument,
  type Relation,
  type Span,
} from './model';
import { fail, ok, type Result } from './result';
import { compareSpans, rangeProblem, withSpanInOrder } from './spans';

export const NOTE_MAX_LENGTH = 10_000;
export const SPEAKER_MAX_LENGTH = 500;

/**
 * What undo and redo put back: everything of a document a change can touch, the document's
 * stamps included, so that undoing a change restores its export byte for byte.
 */
export const annotationStateSchema = z
  .object({
    status: documentStatusSchema,
    spans: z.array(spanSchema),
    relations: z.array(relationSchema),
    updatedAt: z.string(),
    annotator: z.string().max(200),
  })
  .strict();
export type AnnotationState = z.infer<typeof annotationStateSchema>;

/**
 * A change to one document. The renderer applies an operation at once (optimistically) and
 * sends it; the main process applies the same function to the stored document, so both sides
 * agree. Operations are idempotent: sending one twice (a retry after a lost answer) changes
 * nothing the second time.
 */
export const operationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('createSpan'),
    span: z
      .object({
        id: idSchema,
        start: offsetSchema,
        end: offsetSchema,
        label: labelNameSchema,
        /** A span taken whole from elsewhere (an accepted suggestion, another annotator's version in review). */
        speaker: z.string().max(SPEAKER_MAX_LENGTH).optional(),
        note: z.string().max(NOTE_MAX_LENGTH).optional(),
        /** Who made it, when it is not the one sending it (review mode keeps the other annotator's name). */
        annotator: z.string().min(1).max(200).optional(),
      })
      .strict(),
  }).strict(),
  z.object({ type: z.literal('deleteSpan'), spanId: idSchema }).strict(),
  z.object({ type: z.literal('relabelSpan'), spanId: idSchema, label: labelNameSchema }).strict(),
  z.object({ type: z.literal('resizeSpan'), spanId: idSchema, start: offsetSchema, end: offsetSchema }).strict(),
  /** An empty note or speaker removes it. */
  z.object({ type: z.literal('setSpanNote'), spanId: idSchema, note: z.string().max(NOTE_MAX_LENGTH) }).strict(),
  z.object({ type: z.literal('setSpanSpeaker'), spanId: idSchema, speaker: z.string().max(SPEAKER_MAX_LENGTH) }).strict(),
  z.object({
    type: z.literal('linkSpans'),
        /** `label` is the link's relation type, one of the library's (settings.relationTypes). */
    relation: z.object({ id: idSchema, label: relationTypeNameSchema, headId: idSchema, childId: idSchema }).strict(),
  }).strict(),
  z.object({ type: z.literal('unlinkSpans'), relationId: idSchema }).strict(),
  z.object({ type: z.literal('setStatus'), status: documentStatusSchema }).strict(),
  /**
   * Undo and redo: puts the document back to a state it had. `revision` is the revision the
   * client saw; if the document has changed since (another window), the restore is refused.
   */
  z.object({ type: z.literal('restore'), revision: z.number().int().nonnegative(), state: annotationStateSchema }).strict(),
]);
export type DocumentOperation = z.infer<typeof operationSchema>;

export interface OperationContext {
  /** Stamped on new and changed spans and on the document. */
  annotator: string;
  /** ISO time of the change. */
  now: string;
  /** Label names the library knows; spans may carry only these. */
  labels: readonly string[];
  /**
   * Relation types the library knows; links may carry only these. The main process always
   * passes them; a context without them (a window applying its own change at once) accepts any.
   */
  relationTypes?: readonly string[];
}

function unknownRelationType(type: string, context: OperationContext): boolean {
  return context.relationTypes !== undefined && !context.relationTypes.includes(type);
}

/** The document with `changes`, stamped as changed now by the context's annotator. */
export function touch(document: NewsDocument, context: OperationContext, changes: Partial<NewsDocument>): NewsDocument {
  return {
    ...document,
    ...changes,
    updatedAt: context.now,
    annotator: context.annotator,
    revision: document.revision + 1,
  };
}

function sameRangeAndLabel(a: Pick<Span, 'start' | 'end' | 'label'>, b: Pick<Span, 'start' | 'end' | 'label'>): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

function sameLink(a: Pick<Relation, 'label' | 'headId' | 'childId'>, b: Pick<Relation, 'label' | 'headId' | 'childId'>): boolean {
  return a.label === b.label && a.headId === b.headId && a.childId === b.childId;
}

/** Removes spans by id, with the relations that point at them. */
export function withoutSpans(document: NewsDocument, ids: ReadonlySet<string>): Pick<NewsDocument, 'spans' | 'relations'> {
  return {
    spans: document.spans.filter((span) => !ids.has(span.id)),
    relations: document.relations.filter((relation) => !ids.has(relation.headId) && !ids.has(relation.childId)),
  };
}

/**
 * Replaces one span by its changed self. When the change gives it the label and range of
 * another span, the two are one span: the changed one goes, and its links move to the other.
 */
function withChangedSpan(document: NewsDocument, changed: Span): Pick<NewsDocument, 'spans' | 'relations'> {
  const twin = document.spans.find((span) => span.id !== changed.id && sameRangeAndLabel(span, changed));
  if (!twin) {
    return { spans: withSpanInOrder(document.spans.filter((span) => span.id !== changed.id), changed), relations: document.relations };
  }
  const moved = (id: string) => (id === changed.id ? twin.id : id);
  const relations: Relation[] = [];
  for (const relation of document.relations) {
    const next = { ...relation, headId: moved(relation.headId), childId: moved(relation.childId) };
    if (next.headId === next.childId || relations.some((kept) => sameLink(kept, next))) continue;
    relations.push(next);
  }
  return { spans: document.spans.filter((span) => span.id !== changed.id), relations };
}

function missingSpan(document: NewsDocument, spanId: string): Result<never> {
  return fail('not_found', `span "${spanId}" is not in document "${document.id}"`);
}

function sameState(document: NewsDocument, state: AnnotationState): boolean {
  return (
    document.status === state.status &&
    document.updatedAt === state.updatedAt &&
    document.annotator === state.annotator &&
    JSON.stringify(document.spans) === JSON.stringify(state.spans) &&
    JSON.stringify(document.relations) === JSON.stringify(state.relations)
  );
}

/** Why a restored state cannot belong to this document, or null when it can. */
function stateProblem(document: NewsDocument, state: AnnotationState, context: OperationContext): string | null {
  const ids = new Set<string>();
  for (const span of state.spans) {
    if (ids.has(span.id)) return `span id "${span.id}" appears twice`;
    ids.add(span.id);
    const problem = rangeProblem(document.text, span.start, span.end);
    if (problem) return `span "${span.id}": ${problem}`;
    if (!context.labels.includes(span.label)) return `label "${span.label}" is no longer in the label set`;
  }
  for (const relation of state.relations) {
    if (unknownRelationType(relation.label, context)) return `relation type "${relation.label}" is no longer in the library's relation types`;
    if (!ids.has(relation.headId) || !ids.has(relation.childId)) return `relation "${relation.id}" points at a span that is not there`;
  }
  return null;
}

/** A note or speaker as stored: trimmed, and absent when empty. */
function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function withOptional(span: Span, key: 'note' | 'speaker', value: string | undefined): Span {
  const changed: Span = { ...span };
  if (value === undefined) delete changed[key];
  else changed[key] = value;
  return changed;
}

/**
 * Applies one operation, returning the changed document (the input is not modified), the same
 * document object when the operation changes nothing, or an error naming what is wrong.
 *
 * - createSpan: the range must fit the text (see rangeProblem); it may carry its speaker, note and
 *   annotator (else the context's annotator is stamped); a span with the same label and
 *   range as an existing one is the existing one (nothing is added). The first span on a "todo"
 *   document moves it to "in progress".
 * - deleteSpan: removes the span and its relations; deleting a missing span changes nothing.
 * - relabelSpan, resizeSpan: change the span; if another span then has the same label and range,
 *   the two are one span (the changed one goes, its links move to the other). Relabelling a span
 *   that is gone changes nothing (a retried merge).
 * - setSpanNote, setSpanSpeaker: set or (with "") remove the span's note or speaker.
 * - linkSpans: links two different spans with a relation type of the library; an existing link
 *   of the same type between the same spans is kept (two types may link the same pair).
 * - unlinkSpans: removes a link; a missing link changes nothing.
 * - setStatus: sets the document's status.
 * - restore: puts back a state the document had (undo, redo), if nothing changed in between.
 */
export function applyOperation(
  document: NewsDocument,
  operation: DocumentOperation,
  context: OperationContext,
): Result<NewsDocument> {
  const stamped = (span: Span): Span => ({ ...span, updatedAt: context.now, annotator: context.annotator });
  switch (operation.type) {
    case 'createSpan': {
      const { id, start, end, label } = operation.span;
      if (!context.labels.includes(label)) return fail('invalid_span', `label "${label}" is not in the label set`);
      const existing = document.spans.find((span) => span.id === id);
      if (existing) {
        return sameRangeAndLabel(existing, operation.span)
          ? ok(document)
          : fail('invalid_span', `span id "${id}" is already used by another span`);
      }
      const problem = rangeProblem(document.text, start, end);
      if (problem) return fail('invalid_span', problem);
      if (document.spans.some((span) => sameRangeAndLabel(span, operation.span))) return ok(document);
      const speaker = optionalText(operation.span.speaker ?? '');
      const note = optionalText(operation.span.note ?? '');
      const span: Span = {
        id,
        start,
        end,
        label,
        ...(note !== undefined ? { note } : {}),
        ...(speaker !== undefined ? { speaker } : {}),
        createdAt: context.now,
        updatedAt: context.now,
        annotator: operation.span.annotator ?? context.annotator,
      };
      const spans = withSpanInOrder(document.spans, span);
      const status = document.status === 'todo' ? 'in_progress' : document.status;
      return ok(touch(document, context, { spans, status }));
    }
    case 'deleteSpan': {
      if (!document.spans.some((span) => span.id === operation.spanId)) return ok(document);
      return ok(touch(document, context, withoutSpans(document, new Set([operation.spanId]))));
    }
    case 'relabelSpan': {
      if (!context.labels.includes(operation.label)) {
        return fail('invalid_span', `label "${operation.label}" is not in the label set`);
      }
      const target = document.spans.find((span) => span.id === operation.spanId);
      if (!target || target.label === operation.label) return ok(document);
      return ok(touch(document, context, withChangedSpan(document, stamped({ ...target, label: operation.label }))));
    }
    case 'resizeSpan': {
      const target = document.spans.find((span) => span.id === operation.spanId);
      if (!target) return missingSpan(document, operation.spanId);
      if (target.start === operation.start && target.end === operation.end) return ok(document);
      const problem = rangeProblem(document.text, operation.start, operation.end);
      if (problem) return fail('invalid_span', problem);
      return ok(touch(document, context, withChangedSpan(document, stamped({ ...target, start: operation.start, end: operation.end }))));
    }
    case 'setSpanNote':
    case 'setSpanSpeaker': {
      const key = operation.type === 'setSpanNote' ? 'note' : 'speaker';
      const value = optionalText(operation.type === 'setSpanNote' ? operation.note : operation.speaker);
      const target = document.spans.find((span) => span.id === operation.spanId);
      if (!target) return missingSpan(document, operation.spanId);
      if (target[key] === value) return ok(document);
      const changed = stamped(withOptional(target, key, value));
      return ok(touch(document, context, { spans: document.spans.map((span) => (span.id === target.id ? changed : span)) }));
    }
    case 'linkSpans': {
      const { relation } = operation;
      if (relation.headId === relation.childId) return fail('invalid_operation', 'a span cannot be linked to itself');
      if (unknownRelationType(relation.label, context)) return fail('invalid_operation', `relation type "${relation.label}" is not among the library's relation types`);
      for (const end of [relation.headId, relation.childId]) {
        if (!document.spans.some((span) => span.id === end)) return missingSpan(document, end);
      }
      const existing = document.relations.find((each) => each.id === relation.id);
      if (existing) {
        return sameLink(existing, relation) ? ok(document) : fail('invalid_operation', `relation id "${relation.id}" is already used by another link`);
      }
      if (document.relations.some((each) => sameLink(each, relation))) return ok(document);
      return ok(touch(document, context, { relations: [...document.relations, relation] }));
    }
    case 'unlinkSpans': {
      if (!document.relations.some((relation) => relation.id === operation.relationId)) return ok(document);
      return ok(touch(document, context, { relations: document.relations.filter((relation) => relation.id !== operation.relationId) }));
    }
    case 'setStatus': {
      if (document.status === operation.status) return ok(document);
      return ok(touch(document, context, { status: operation.status }));
    }
    case 'restore': {
      if (sameState(document, operation.state)) return ok(document);
      if (document.revision !== operation.revision) {
        return fail('conflict', `document "${document.id}" changed elsewhere since this window last saw it (revision ${document.revision}, not ${operation.revision})`);
      }
      const problem = stateProblem(document, operation.state, context);
      if (problem) return fail('invalid_operation', `cannot restore document "${document.id}": ${problem}`);
      return ok({ ...document, ...operation.state, spans: [...operation.state.spans].sort(compareSpans), revision: document.revision + 1 });
    }
  }
}
