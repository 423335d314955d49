import { useEffect, useRef } from 'react';
import type { LabelDefinition } from '../../shared/model';
import { commandFor, labelFor, type CommandId } from './keyMap';

export interface ShortcutHandlers {
  labels: readonly LabelDefinition[];
  onLabel(label: string): void;
  /** Runs a command; returns false when it did not apply, so the key keeps its usual meaning. */
  onCommand(command: CommandId): boolean;
}

/** Keys typed into a field belong to the field. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Keys that act on the article; elsewhere (a button, the list) they keep their usual meaning. */
const ARTICLE_COMMANDS: ReadonlySet<CommandId> = new Set<CommandId>([
  'caretLeft', 'caretRight', 'wordLeft', 'wordRight', 'sentenceBack', 'sentenceForward',
  'extendLeft', 'extendRight', 'extendWordLeft', 'extendWordRight', 'extendSentenceBack', 'extendSentenceForward',
  'startLeft', 'startRight', 'nextSpan', 'previousSpan', 'confirm',
]);

/** Tab, Enter and the arrows move focus and press buttons everywhere but in the article itself. */
function keepsNativeMeaning(command: CommandId, target: EventTarget | null): boolean {
  if (!ARTICLE_COMMANDS.has(command)) return false;
  return target instanceof HTMLElement && target !== document.body && !target.classList.contains('article-scroll');
}

/** The window's keys, from the key map (keyMap.ts) and the label keys of settings. */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || event.isComposing) return;
      const label = labelFor(event, latest.current.labels);
      if (label) {
        latest.current.onLabel(label.name);
        event.preventDefault();
        return;
      }
      const command = commandFor(event);
      if (!command || keepsNativeMeaning(command, event.target)) return;
      if (latest.current.onCommand(command)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
