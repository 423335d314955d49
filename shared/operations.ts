import { z } from 'zod';
import { documentStatusSchema, idSchema, labelNameSchema, offsetSchema, type NewsDocument, type Span } from './model';
import { fail, ok, type Result } from './result';
import { compareSpans, rangeProblem } from './spans';

/**
 * A change to one document. The renderer applies an operation at once (optimistically) and
 * sends it; the main process applies the same function to the stored document, so both sides
 * agree. Operations are idempotent: sending one twice (a retry after a lost answer) changes
 * nothing the second time.
 */
export const operationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('createSpan'),
    span: z.object({ id: idSchema, start: offsetSchema, end: offsetSchema, label: labelNameSchema }).strict(),
  }).strict(),
  z.object({ type: z.literal('deleteSpan'), spanId: idSchema }).strict(),
  z.object({ type: z.literal('relabelSpan'), spanId: idSchema, label: labelNameSchema }).strict(),
  z.object({ type: z.literal('setStatus'), status: documentStatusSchema }).strict(),
]);
export type DocumentOperation = z.infer<typeof operationSchema>;

export interface OperationContext {
  /** Stamped on new and changed spans and on the document. */
  annotator: string;
  /** ISO time of the change. */
  now: string;
  /** Label names the library knows; spans may carry only these. */
  labels: readonly string[];
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

/** Removes spans by id, with the relations that point at them. */
export function withoutSpans(document: NewsDocument, ids: ReadonlySet<string>): Pick<NewsDocument, 'spans' | 'relations'> {
  return {
    spans: document.spans.filter((span) => !ids.has(span.id)),
    relations: document.relations.filter((relation) => !ids.has(relation.headId) && !ids.has(relation.childId)),
  };
}

/**
 * Applies one operation, returning the changed document (the input is not modified), the same
 * document object when the operation changes nothing, or an error naming what is wrong.
 *
 * - createSpan: the range must fit the text (see rangeProblem); a span with the same label and
 *   range as an existing one is the existing one (nothing is added). The first span on a "todo"
 *   document moves it to "in progress".
 * - deleteSpan: removes the span and its relations; deleting a missing span changes nothing.
 * - relabelSpan: changes the label; if another span already has that label and range, the two
 *   are one span and the relabelled one is removed.
 * - setStatus: sets the document's status.
 */
export function applyOperation(
  document: NewsDocument,
  operation: DocumentOperation,
  context: OperationContext,
): Result<NewsDocument> {
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
      const span: Span = { id, start, end, label, createdAt: context.now, updatedAt: context.now, annotator: context.annotator };
      const spans = [...document.spans, span].sort(compareSpans);
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
      if (!target) return fail('not_found', `span "${operation.spanId}" is not in document "${document.id}"`);
      if (target.label === operation.label) return ok(document);
      const relabelled = { ...target, label: operation.label };
      if (document.spans.some((span) => span.id !== target.id && sameRangeAndLabel(span, relabelled))) {
        return ok(touch(document, context, withoutSpans(document, new Set([target.id]))));
      }
      const spans = document.spans
        .map((span) => (span.id === target.id ? { ...relabelled, updatedAt: context.now, annotator: context.annotator } : span))
        .sort(compareSpans);
      return ok(touch(document, context, { spans }));
    }
    case 'setStatus': {
      if (document.status === operation.status) return ok(document);
      return ok(touch(document, context, { status: operation.status }));
    }
  }
}
