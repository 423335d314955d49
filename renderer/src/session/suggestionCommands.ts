import { paragraphAround, suggestionAt } from '../../../shared/suggestions/acceptSuggestion';
import type { SuggestedSpan } from '../../../shared/suggestions/suggest';
import { currentDocument, type CommandContext } from './commandContext';
import type { CommandHandler } from './commands';

/**
 * The suggestion keys' commands (`a`, `r`, Shift+A). They act on the suggestion the user points
 * at: the one clicked in the article, else the innermost one under the caret (or the mouse
 * selection's start). None applies without an open suggestion there, so the key does nothing.
 */

/** Where the user points: the open article, its open suggestions, the one clicked, the caret's offset; null without an article in reach. */
function pointing(context: CommandContext) {
  const document = context.getState().helpOpen || context.getState().linking ? null : currentDocument(context);
  const suggestions = document && context.suggestions?.get(document.id);
  if (!document || !suggestions) return null;
  const clicked = context.article?.pointedSuggestion();
  return { document, suggestions, clicked: clicked ? suggestions.spans.find((span) => span.key === clicked) : undefined, offset: context.article?.caretOffset() ?? null };
}

/** The open article's id and the suggestion pointed at, or null. */
function pointed(context: CommandContext): { documentId: string; suggestion: SuggestedSpan } | null {
  const found = pointing(context);
  const suggestion = found && (found.clicked ?? (found.offset === null ? null : suggestionAt(found.suggestions, found.offset)));
  return found && suggestion ? { documentId: found.document.id, suggestion } : null;
}

/** The paragraph pointed at (the clicked suggestion's, else the caret's) when a suggestion starts in it, as an offset in it. */
function pointedParagraph(context: CommandContext): { documentId: string; offset: number } | null {
  const found = pointing(context);
  const offset = found && (found.clicked?.start ?? found.offset);
  if (!found || offset === null || offset === undefined) return null;
  const paragraph = paragraphAround(found.document.text, offset);
  const any = found.suggestions.spans.some((span) => span.start >= paragraph.start && span.start <= paragraph.end);
  return any ? { documentId: found.document.id, offset } : null;
}

/** `a`: the suggestion becomes a normal span (with its speaker, linked to suggested partners already real), then selected. */
export const acceptSuggestion: CommandHandler = {
  applies: (context) => pointed(context) !== null,
  run: (context) => {
    const found = pointed(context);
    if (!found || !context.suggestions?.accept(found.documentId, found.suggestion.key)) return;
    const { start, end, label } = found.suggestion;
    const created = currentDocument(context)?.spans.find((span) => span.start === start && span.end === end && span.label === label);
    if (created) context.dispatch({ type: 'selectSpan', spanId: created.id });
  },
};

/** `r`: the suggestion is hidden, and the rejection recorded (it stays hidden in this library). */
export const rejectSuggestion: CommandHandler = {
  applies: (context) => pointed(context) !== null,
  run: (context) => {
    const found = pointed(context);
    if (found) context.suggestions?.reject(found.documentId, found.suggestion.key);
  },
};

/** Shift+A: every suggestion of the paragraph pointed at, with the links among them, as one undo step. */
export const acceptParagraphSuggestions: CommandHandler = {
  applies: (context) => pointedParagraph(context) !== null,
  run: (context) => {
    const found = pointedParagraph(context);
    if (found) context.suggestions?.acceptParagraph(found.documentId, found.offset);
  },
};
