import { useEffect, useRef } from 'react';
import type { EditCommand, NewsmarkApi } from '../../../shared/contract';
import type { CommandId } from '../keyMap';

/** Input types whose text can be typed, and so undone. */
const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

/**
 * Whether an element is a text field with its own native undo history: a text input, a
 * textarea, or editable content. The article is not one (its editor is read-only).
 */
export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element.tagName === 'TEXTAREA') return true;
  if (element.tagName === 'INPUT') return TEXT_INPUT_TYPES.has((element as HTMLInputElement).type);
  return (element as HTMLElement).isContentEditable === true;
}

/**
 * Where Edit → Undo / Redo from the desktop menu applies: the text field that has focus (its
 * native undo), else the app's own command — the same one ⌘/Ctrl+Z and the header's buttons run.
 * See electron/applicationMenu.ts for why the menu cannot decide this itself.
 */
export function runEditCommand(command: EditCommand, focused: Element | null, runCommand: (command: CommandId) => boolean): void {
  // execCommand is deprecated for rich editing, but it is the one way a page can ask Chromium
  // for a text field's native undo and redo (VS Code does the same for its inputs).
  if (isTextField(focused)) document.execCommand(command);
  else runCommand(command);
}

/** Subscribes, once, to the desktop menu's Edit → Undo / Redo (the browser host has no menu). */
export function useMenuEditCommands(api: NewsmarkApi, runCommand: (command: CommandId) => boolean): void {
  const latest = useRef(runCommand);
  latest.current = runCommand;
  useEffect(() => api.onEditCommand?.((command) => runEditCommand(command, document.activeElement, latest.current)), [api]);
}
