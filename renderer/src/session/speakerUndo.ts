import type { CommandContext } from './commandContext';

/** A command handler (commands.ts's CommandHandler, restated so the two files do not import each other). */
interface Handler {
  applies(context: CommandContext): boolean;
  run(context: CommandContext): void;
}

/**
 * Undo or redo that, while the speaker index is shown, steps through the library-wide speaker
 * renames (context.speakerChanges) instead of the hidden article's changes; elsewhere it is
 * `otherwise`. With no rename to undo there, it does not apply: the hidden article is not undone
 * behind the user's back.
 */
export function inSpeakerIndex(direction: 'undo' | 'redo', otherwise: Handler): Handler {
  const shown = (context: CommandContext) => context.getState().view === 'speakers' && !context.getState().helpOpen;
  return {
    applies: (context) => {
      if (!shown(context)) return otherwise.applies(context);
      const history = context.speakerChanges;
      return !!history && (direction === 'undo' ? history.canUndo() : history.canRedo());
    },
    run: (context) => {
      if (!shown(context)) return otherwise.run(context);
      void context.speakerChanges?.[direction]();
    },
  };
}
