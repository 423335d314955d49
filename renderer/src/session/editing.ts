import type { DocumentStatus, NewsDocument, Span } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import { trimRange, type TextRange } from '../../../shared/spans';
import { nextBoundary } from '../../../shared/textBoundaries';
import { linkBetween, linkCandidates } from '../data/links';
import { newSpanId } from '../data/newSpanId';
import { currentDocument, type CommandContext } from './commandContext';

/**
 * What the user does to the open article, by key (the command table), by click or in the span
 * panel: each reads the session and the article from the context, changes the library through
 * the client, and moves the session on.
 */

/** Applies a change to the open article; false when there is none or the change cannot apply. */
export function change(context: CommandContext, operation: DocumentOperation): boolean {
  const document = currentDocument(context);
  return document !== null && context.client.apply(document.id, operation) === null;
}

/** Selects a span (null: none) and brings it into view. */
export function selectSpan(context: CommandContext, spanId: string | null): void {
  context.dispatch({ type: 'selectSpan', spanId });
  if (spanId) context.article?.scrollToSpan(spanId);
}

export function selectedSpan(context: CommandContext): Span | null {
  const { selectedSpanId } = context.getState();
  return currentDocument(context)?.spans.find((span) => span.id === selectedSpanId) ?? null;
}

/**
 * A label key or button: labels the text selected in the article (trimmed of white space) and
 * selects the new span, or relabels the selected span. Nothing in link mode.
 */
export function applyLabel(context: CommandContext, label: string): void {
  const document = currentDocument(context);
  const { linking, selectedSpanId } = context.getState();
  if (!document || linking) return;
  const article = context.article;
  if (article?.hasSelection()) {
    const selection = article.readSelection();
    const range = selection && trimRange(document.text, selection.start, selection.end);
    if (!range) return;
    if (context.client.apply(document.id, { type: 'createSpan', span: { id: newSpanId(), ...range, label } }) !== null) return;
    article.clearSelection();
    // The same label over the same range is one span: the one there may be older than this id.
    const created = context.client.getDocument(document.id)?.spans.find((span) => span.start === range.start && span.end === range.end && span.label === label);
    context.dispatch({ type: 'selectSpan', spanId: created?.id ?? null });
    return;
  }
  if (context.textSelectedElsewhere()) return;
  if (selectedSpanId) change(context, { type: 'relabelSpan', spanId: selectedSpanId, label });
}

export function resizeSpan(context: CommandContext, spanId: string, range: TextRange): void {
  change(context, { type: 'resizeSpan', spanId, ...range });
}

/** Moves one end of a span by a character, never onto or past the other end. */
export function moveSpanEnd(context: CommandContext, span: Span, side: 'start' | 'end', direction: 1 | -1): void {
  const text = currentDocument(context)?.text ?? '';
  const moved = nextBoundary(text, span[side], 'character', direction);
  const range = side === 'start' ? { start: moved, end: span.end } : { start: span.start, end: moved };
  if (range.start < range.end) resizeSpan(context, span.id, range);
}

/** Link mode from the selected span, proposing the nearest candidate; false without a selected span. */
export function startLinking(context: CommandContext): boolean {
  const document = currentDocument(context);
  const { selectedSpanId } = context.getState();
  if (!document || !selectedSpanId) return false;
  const first = linkCandidates(document, selectedSpanId)[0] ?? null;
  context.dispatch({ type: 'startLinking', sourceId: selectedSpanId, targetId: first?.id ?? null });
  if (first) context.article?.scrollToSpan(first.id);
  return true;
}

/**
 * Links two spans (see linkBetween) with relation type `type` and leaves link mode with the
 * source selected. Without a type, when the library has more than one, asks for it first
 * (LinkTypeChooser calls back with the choice).
 */
export function link(context: CommandContext, sourceId: string, targetId: string, type?: string): void {
  const document = currentDocument(context);
  if (!document) return;
  const types = context.client.relationTypes?.() ?? [];
  if (type === undefined && types.length > 1) {
    context.dispatch({ type: 'chooseLinkType', targetId });
    return;
  }
  const relation = linkBetween(document, sourceId, targetId, type ?? types[0]);
  if (relation) change(context, { type: 'linkSpans', relation });
  context.dispatch({ type: 'linked', sourceId });
}

/** Tab: the next span (in link mode, the next candidate), round to the first after the last. */
export function stepSpan(context: CommandContext, document: NewsDocument, direction: 1 | -1): void {
  const { linking, selectedSpanId } = context.getState();
  if (linking) {
    const candidates = linkCandidates(document, linking.sourceId);
    if (candidates.length === 0) return;
    const index = candidates.findIndex((span) => span.id === linking.targetId);
    const next = candidates[(index + direction + candidates.length) % candidates.length]!;
    context.dispatch({ type: 'moveLinkTarget', targetId: next.id });
    context.article?.scrollToSpan(next.id);
    return;
  }
  const spans = document.spans;
  if (spans.length === 0) return;
  const index = spans.findIndex((span) => span.id === selectedSpanId);
  const next = index === -1 ? spans[direction === 1 ? 0 : spans.length - 1]! : spans[(index + direction + spans.length) % spans.length]!;
  selectSpan(context, next.id);
  context.article?.placeCaret(next.start);
}

/** Sets a status, or back to in progress when the article has it already. */
export function toggleStatus(context: CommandContext, document: NewsDocument, status: DocumentStatus): void {
  change(context, { type: 'setStatus', status: document.status === status ? 'in_progress' : status });
}

/**
 * The next (or previous) article of the list as shown, narrowed by its search and filters. An
 * open article the list no longer shows (marked done under a "to do" filter) counts from where
 * it is in the library: the nearest shown one after (or before) it.
 */
export function moveDocument(context: CommandContext, step: 1 | -1): void {
  const { documentId, listOrder } = context.getState();
  const library = context.client.getSummaries().map((summary) => summary.id);
  const order = listOrder ?? library;
  let next: string | undefined = order[order.indexOf(documentId ?? '') + step];
  if (documentId && listOrder && !listOrder.includes(documentId)) {
    const shown = new Set(listOrder);
    const from = library.indexOf(documentId);
    next = undefined;
    for (let index = from + step; index >= 0 && index < library.length && next === undefined; index += step) {
      if (shown.has(library[index]!)) next = library[index];
    }
  }
  if (next) context.dispatch({ type: 'openDocument', documentId: next });
}

/** Marks the article done (done already: it stays done) and opens the next one of the list. */
export function doneAndNext(context: CommandContext, document: NewsDocument): void {
  if (document.status !== 'done' && !change(context, { type: 'setStatus', status: 'done' })) return;
  moveDocument(context, 1);
}
