import { useEffect, useRef } from 'react';
import type { LabelDefinition } from '../../shared/model';

export interface ShortcutHandlers {
  labels: readonly LabelDefinition[];
  onLabel(label: string): void;
  onDelete(): void;
  onNext(): void;
  onPrevious(): void;
  onEscape(): void;
}

/** Keys typed into a field belong to the field. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The window's keys: a label's key applies it, Delete/Backspace removes the selected span,
 * n/p move to the next/previous article, Escape deselects.
 */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const current = latest.current;
      const label = current.labels.find((candidate) => candidate.key !== '' && candidate.key === event.key);
      if (label) current.onLabel(label.name);
      else if (event.key === 'Delete' || event.key === 'Backspace') current.onDelete();
      else if (event.key === 'n') current.onNext();
      else if (event.key === 'p') current.onPrevious();
      else if (event.key === 'Escape') current.onEscape();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
