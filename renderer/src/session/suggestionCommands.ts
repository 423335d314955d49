import { suggestionAt } from '../../../shared/suggestions/acceptSuggestion';
import type { SuggestedSpan } from '../../../shared/suggestions/suggest';
import { currentDocument, type CommandContext } from './commandContext';
import type { CommandHandler } from './commands';

/**
 * The suggestion keys' commands (`a`, `r`, Shift+A). They act on the suggestion the user points
 * at: the one clicked in the article, else the innermost one under the caret (or the mouse
 * selection's start). None applies without an open suggestion there, so the key does nothing.
 */

/** The open article's id and the suggestion pointed at, or null. */
function pointed(context: CommandContext): { documentId: string; suggestion: SuggestedSpan } | null {
  const document = context.getState().helpOpen || context.getState().linking ? null : currentDocument(context);
  const suggestions = document && context.suggestions?.get(document.id);
  if (!document || !suggestions) return null;
  const clicked = context.article?.pointedSuggestion();
  const byClick = clicked ? suggestions.spans.find((span) => span.key === clicked) : undefined;
  const offset = context.article?.caretOffset() ?? null;
  const suggestion = byClick ?? (offset === null ? null : suggestionAt(suggestions, offset));
  return suggestion ? { documentId: document.id, suggestion } : null;
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
  applies: (context) => pointed(context) !== null,
  run: (context) => {
    const found = pointed(context);
    if (found) context.suggestions?.acceptParagraph(found.documentId, found.suggestion.start);
  },
};
