import { isReservedKey } from '../../shared/labelSet';
import type { LabelDefinition } from '../../shared/model';

/** Keys no label may take: the plain keys of the commands below (the test holds them to it). */
export { RESERVED_KEYS } from '../../shared/labelSet';

/** A key with its modifiers. `mod` is Ctrl, or ⌘ on a Mac. */
export interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export type CommandId =
  | 'undo'
  | 'redo'
  | 'deleteSpan'
  | 'nextDocument'
  | 'previousDocument'
  | 'markDone'
  | 'doneAndNext'
  | 'markSkipped'
  | 'link'
  | 'nextSpan'
  | 'previousSpan'
  | 'confirm'
  | 'escape'
  | 'help'
  | 'caretLeft'
  | 'caretRight'
  | 'wordLeft'
  | 'wordRight'
  | 'sentenceBack'
  | 'sentenceForward'
  | 'extendLeft'
  | 'extendRight'
  | 'extendWordLeft'
  | 'extendWordRight'
  | 'extendSentenceBack'
  | 'extendSentenceForward'
  | 'startLeft'
  | 'startRight'
  | 'storyView'
  | 'carryLabel'
  | 'nextMatch'
  | 'previousMatch'
  | 'keepMine'
  | 'takeTheirs'
  | 'acceptSuggestion'
  | 'rejectSuggestion'
  | 'acceptParagraphSuggestions';

export interface Command {
  id: CommandId;
  chords: readonly Chord[];
  /** What the help overlay says it does. */
  description: string;
}

/**
 * Every key of the window but the label keys (which come from settings), bound to the id of
 * its command (session/commands.ts runs it), in the order the help overlay lists them. The
 * keyboard handler matches against this same list, so the help is the key map itself.
 */
export const COMMANDS: readonly Command[] = [
  { id: 'caretLeft', chords: [{ key: 'ArrowLeft' }], description: 'Move the caret one character back' },
  { id: 'caretRight', chords: [{ key: 'ArrowRight' }], description: 'Move the caret one character on' },
  { id: 'wordLeft', chords: [{ key: 'ArrowLeft', mod: true }], description: 'Move the caret one word back' },
  { id: 'wordRight', chords: [{ key: 'ArrowRight', mod: true }], description: 'Move the caret one word on' },
  { id: 'sentenceBack', chords: [{ key: 'ArrowUp', mod: true }], description: 'Move the caret to the previous sentence' },
  { id: 'sentenceForward', chords: [{ key: 'ArrowDown', mod: true }], description: 'Move the caret to the next sentence' },
  { id: 'extendLeft', chords: [{ key: 'ArrowLeft', shift: true }], description: 'Extend the selection one character back — or, with a span selected, move its end' },
  { id: 'extendRight', chords: [{ key: 'ArrowRight', shift: true }], description: 'Extend the selection one character on — or, with a span selected, move its end' },
  { id: 'extendWordLeft', chords: [{ key: 'ArrowLeft', mod: true, shift: true }], description: 'Extend the selection one word back' },
  { id: 'extendWordRight', chords: [{ key: 'ArrowRight', mod: true, shift: true }], description: 'Extend the selection one word on' },
  { id: 'extendSentenceBack', chords: [{ key: 'ArrowUp', mod: true, shift: true }], description: 'Extend the selection one sentence back' },
  { id: 'extendSentenceForward', chords: [{ key: 'ArrowDown', mod: true, shift: true }], description: 'Extend the selection one sentence on' },
  { id: 'startLeft', chords: [{ key: 'ArrowLeft', alt: true, shift: true }], description: "Move the selected span's start one character back" },
  { id: 'startRight', chords: [{ key: 'ArrowRight', alt: true, shift: true }], description: "Move the selected span's start one character on" },
  { id: 'nextSpan', chords: [{ key: 'Tab' }], description: 'Select the next span (in link mode: the next candidate)' },
  { id: 'previousSpan', chords: [{ key: 'Tab', shift: true }], description: 'Select the previous span' },
  { id: 'link', chords: [{ key: 'l' }], description: 'Link the selected quote or claim to its attribution' },
  { id: 'confirm', chords: [{ key: 'Enter' }], description: "Make the link (in link mode); else edit the selected span's speaker and note" },
  { id: 'deleteSpan', chords: [{ key: 'Delete' }, { key: 'Backspace' }], description: 'Delete the selected span and its links' },
  { id: 'undo', chords: [{ key: 'z', mod: true }], description: 'Undo' },
  { id: 'redo', chords: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], description: 'Redo' },
  { id: 'markDone', chords: [{ key: 'd' }], description: 'Mark the article done (again: in progress)' },
  { id: 'doneAndNext', chords: [{ key: 'd', shift: true }], description: 'Mark the article done and open the next one of the list' },
  { id: 'markSkipped', chords: [{ key: 'x' }], description: 'Mark the article skipped (again: in progress)' },
  { id: 'nextDocument', chords: [{ key: 'n' }], description: 'Next article' },
  { id: 'previousDocument', chords: [{ key: 'p' }], description: 'Previous article' },
  { id: 'storyView', chords: [{ key: 's' }], description: 'Show the story view: the other tellings of the selected span or text (again: hide it)' },
  { id: 'nextMatch', chords: [{ key: 'ArrowDown', alt: true }], description: 'Story view: the next telling' },
  { id: 'previousMatch', chords: [{ key: 'ArrowUp', alt: true }], description: 'Story view: the previous telling' },
  { id: 'carryLabel', chords: [{ key: 'c' }], description: "Story view: label the telling with the span's label and speaker, linked to its attribution" },
  { id: 'keepMine', chords: [{ key: 'm' }], description: 'Review: keep your version of the focused disagreement' },
  { id: 'takeTheirs', chords: [{ key: 't' }], description: "Review: take the other annotator's version of the focused disagreement" },
  { id: 'acceptSuggestion', chords: [{ key: 'a' }], description: 'Accept the suggestion under the caret (or the one clicked): it becomes a span, with its speaker and links' },
  { id: 'rejectSuggestion', chords: [{ key: 'r' }], description: 'Reject the suggestion under the caret (or the one clicked)' },
  { id: 'acceptParagraphSuggestions', chords: [{ key: 'a', shift: true }], description: "Accept every suggestion in the caret's paragraph, as one undoable change" },
  { id: 'escape', chords: [{ key: 'Escape' }], description: 'Cancel: close, leave link mode, clear the selection, hide the story view' },
  { id: 'help', chords: [{ key: '?' }], description: 'Show or hide this list of keys' },
];

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', ' ': 'Space' };

/** How a chord is written in the help: "Ctrl+Shift+Z" (or "⌘+Shift+Z" on a Mac). */
export function chordLabel(chord: Chord): string {
  const parts = [chord.mod ? (IS_MAC ? '⌘' : 'Ctrl') : null, chord.alt ? (IS_MAC ? '⌥' : 'Alt') : null, chord.shift ? 'Shift' : null];
  const key = KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [...parts.filter(Boolean), chord.mod || chord.alt || chord.shift ? key : (KEY_NAMES[chord.key] ?? chord.key)].join('+');
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Whether an event is this chord. Shift is ignored for symbols that need it ("?"). */
export function matchesChord(event: KeyEventLike, chord: Chord): boolean {
  const letterOrNamed = /^[a-z]$/i.test(chord.key) || chord.key.length > 1;
  if (event.key.toLowerCase() !== chord.key.toLowerCase()) return false;
  if ((event.ctrlKey || event.metaKey) !== !!chord.mod || event.altKey !== !!chord.alt) return false;
  return !letterOrNamed || event.shiftKey === !!chord.shift;
}

export function commandFor(event: KeyEventLike): CommandId | null {
  return COMMANDS.find((command) => command.chords.some((chord) => matchesChord(event, chord)))?.id ?? null;
}

/**
 * The label a plain key press applies, if any. A key reserved for a command (shared/labelSet.ts
 * RESERVED_KEYS, which the settings' rules refuse) never applies a label, even in a label set
 * saved before the rules, so "n" always moves to the next article.
 */
export function labelFor(event: KeyEventLike, labels: readonly LabelDefinition[]): LabelDefinition | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isReservedKey(event.key)) return null;
  return labels.find((label) => label.key !== '' && label.key === event.key) ?? null;
}
