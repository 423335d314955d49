import type { NewsDocument } from '../../../shared/model';
import type { CaretUnit } from '../../../shared/textBoundaries';
import type { CommandId } from '../keyMap';
import { currentDocument, type CommandContext, type ReviewHandle } from './commandContext';
import { acceptParagraphSuggestions, acceptSuggestion, rejectSuggestion } from './suggestionCommands';
import { change, doneAndNext, link, moveDocument, moveSpanEnd, selectedSpan, startLinking, stepSpan, toggleStatus } from './editing';
import { canToggleStoryView, carryLabelOver, hasMatches, hideStoryView, moveMatch, toggleStoryView } from './storyCommands';

/**
 * One command: whether it applies now, and what it does. A key whose command does not apply
 * keeps its usual meaning (Tab moves focus, Enter presses a button); a menu greys it out.
 */
export interface CommandHandler {
  applies(context: CommandContext): boolean;
  run(context: CommandContext): void;
}

/**
 * The open article, while it is shown (not a library-wide view in its place) and the list of
 * keys is not in the way; else null. So `d`, Delete or Ctrl+Z in the drift view, say, do not
 * change an article the user does not see.
 */
function articleInReach(context: CommandContext): NewsDocument | null {
  const { helpOpen, view } = context.getState();
  return helpOpen || view !== 'article' ? null : currentDocument(context);
}

/** A command on the open article, applying whenever it is in reach (and `also` holds). */
function onArticle(run: (context: CommandContext, document: NewsDocument) => void, also: (context: CommandContext, document: NewsDocument) => boolean = () => true): CommandHandler {
  return {
    applies: (context) => {
      const document = articleInReach(context);
      return document !== null && also(context, document);
    },
    run: (context) => {
      const document = articleInReach(context);
      if (document) run(context, document);
    },
  };
}

/** Moves the keyboard caret; a plain move (not extending) lets go of the selected span. */
function caretMove(unit: CaretUnit, direction: 1 | -1, extend: boolean): CommandHandler {
  return onArticle((context) => {
    if (!extend) context.dispatch({ type: 'selectSpan', spanId: null });
    context.article?.moveCaret(unit, direction, extend);
  });
}

/** Shift+←/→: moves the selected span's end, unless text is being selected. */
function extendOrMoveEnd(direction: 1 | -1): CommandHandler {
  return onArticle((context) => {
    const span = selectedSpan(context);
    if (span && !context.article?.hasSelection()) moveSpanEnd(context, span, 'end', direction);
    else context.article?.moveCaret('character', direction, true);
  });
}

function moveStart(direction: 1 | -1): CommandHandler {
  return onArticle(
    (context) => {
      const span = selectedSpan(context);
      if (span) moveSpanEnd(context, span, 'start', direction);
    },
    (context) => selectedSpan(context) !== null,
  );
}

function documentStep(step: 1 | -1): CommandHandler {
  return { applies: (context) => !context.getState().helpOpen, run: (context) => moveDocument(context, step) };
}

/** Esc undoes the innermost thing going on: the list of keys, link mode, the text selection, the selected span, the story view. */
const escape: CommandHandler = {
  applies: (context) => {
    const { helpOpen, linking, selectedSpanId } = context.getState();
    return helpOpen || linking !== null || context.article?.hasSelection() === true || selectedSpanId !== null || context.story?.get() != null;
  },
  run: (context) => {
    const { helpOpen, linking, selectedSpanId } = context.getState();
    if (helpOpen) context.dispatch({ type: 'setHelp', open: false });
    else if (linking) context.dispatch({ type: 'cancelLinking' });
    else if (context.article?.hasSelection()) context.article.clearSelection();
    else if (selectedSpanId) context.dispatch({ type: 'selectSpan', spanId: null });
    else hideStoryView(context);
  },
};

/** Enter: makes the link in link mode, else goes to the selected span's fields. */
const confirm = onArticle(
  (context) => {
    const { linking } = context.getState();
    if (linking?.targetId) link(context, linking.sourceId, linking.targetId);
    else context.panel?.editDetails();
  },
  (context) => {
    const { linking, selectedSpanId } = context.getState();
    return linking ? linking.targetId !== null : selectedSpanId !== null;
  },
);

/** The review view's list, while it is shown and the list of keys is not in the way; else null. */
function reviewInReach(context: CommandContext): ReviewHandle | null {
  const { view, helpOpen } = context.getState();
  return view === 'review' && !helpOpen ? (context.review ?? null) : null;
}

/** A review choice on the focused disagreement (m, t): only in the review view. */
function reviewChoice(choice: 'take_a' | 'take_b'): CommandHandler {
  return {
    applies: (context) => reviewInReach(context)?.hasFocus() === true,
    run: (context) => void reviewInReach(context)?.decide(choice),
  };
}

/** An undo history of a library-wide view's own (LibraryWideHistory's undo and redo are async, review's are not). */
interface ViewHistory {
  canUndo(): boolean;
  canRedo(): boolean;
  undo(): unknown;
  redo(): unknown;
}

/**
 * The history undo and redo reach while a view with one of its own is shown (the speaker
 * index: the speaker renames; review: its choices) and the list of keys is not in the way;
 * null in any other view.
 */
function viewHistory(context: CommandContext): ViewHistory | null {
  const { view, helpOpen } = context.getState();
  if (helpOpen) return null;
  if (view === 'speakers') return context.speakerChanges ?? null;
  if (view === 'review') return context.review ?? null;
  return null;
}

/**
 * Undo and redo: a view's own history while it is shown, else the open article's (its own latest
 * change, or one made from it to another article: see UndoHistories). With no view history and no
 * article shown, they do not apply: an article the user does not see is not changed.
 */
function undoOrRedo(direction: 'undo' | 'redo'): CommandHandler {
  const article = onArticle(
    (context, document) => context.client[direction](document.id),
    (context, document) => (direction === 'undo' ? context.client.canUndo(document.id) : context.client.canRedo(document.id)),
  );
  return {
    applies: (context) => {
      const history = viewHistory(context);
      if (history) return direction === 'undo' ? history.canUndo() : history.canRedo();
      return article.applies(context);
    },
    run: (context) => {
      const history = viewHistory(context);
      if (history) void history[direction]();
      else article.run(context);
    },
  };
}

/** Every command of the window by id; the key map (keyMap.ts) binds keys to these ids. */
export const COMMAND_HANDLERS: Record<CommandId, CommandHandler> = {
  caretLeft: caretMove('character', -1, false),
  caretRight: caretMove('character', 1, false),
  wordLeft: caretMove('word', -1, false),
  wordRight: caretMove('word', 1, false),
  sentenceBack: caretMove('sentence', -1, false),
  sentenceForward: caretMove('sentence', 1, false),
  extendLeft: extendOrMoveEnd(-1),
  extendRight: extendOrMoveEnd(1),
  extendWordLeft: caretMove('word', -1, true),
  extendWordRight: caretMove('word', 1, true),
  extendSentenceBack: caretMove('sentence', -1, true),
  extendSentenceForward: caretMove('sentence', 1, true),
  startLeft: moveStart(-1),
  startRight: moveStart(1),
  nextSpan: onArticle((context, document) => stepSpan(context, document, 1)),
  previousSpan: onArticle((context, document) => stepSpan(context, document, -1)),
  link: onArticle(startLinking, (context) => context.getState().selectedSpanId !== null),
  confirm,
  deleteSpan: onArticle(
    (context) => {
      const { selectedSpanId } = context.getState();
      if (selectedSpanId && change(context, { type: 'deleteSpan', spanId: selectedSpanId })) context.dispatch({ type: 'selectSpan', spanId: null });
    },
    (context) => context.getState().selectedSpanId !== null,
  ),
  undo: undoOrRedo('undo'),
  redo: undoOrRedo('redo'),
  keepMine: reviewChoice('take_a'),
  takeTheirs: reviewChoice('take_b'),
  markDone: onArticle((context, document) => toggleStatus(context, document, 'done')),
  doneAndNext: onArticle(doneAndNext),
  markSkipped: onArticle((context, document) => toggleStatus(context, document, 'skipped')),
  nextDocument: documentStep(1),
  previousDocument: documentStep(-1),
  storyView: onArticle(toggleStoryView, canToggleStoryView),
  nextMatch: onArticle((context) => moveMatch(context, 1), hasMatches),
  previousMatch: onArticle((context) => moveMatch(context, -1), hasMatches),
  carryLabel: onArticle((context, document) => void carryLabelOver(context, document), (context) => !!context.story?.focusedMatch()),
  escape,
  acceptSuggestion,
  rejectSuggestion,
  acceptParagraphSuggestions,
  help: { applies: () => true, run: (context) => context.dispatch({ type: 'setHelp', open: !context.getState().helpOpen }) },
};

/** Runs a command if it applies now; returns whether it did (a key press is then consumed). */
export function runCommand(command: CommandId, context: CommandContext): boolean {
  const handler = COMMAND_HANDLERS[command];
  if (!handler.applies(context)) return false;
  handler.run(context);
  return true;
}
