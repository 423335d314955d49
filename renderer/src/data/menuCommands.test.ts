// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EditCommand } from '../../../shared/contract';
import { runEditCommand } from './menuCommands';

/** What Edit → Undo / Redo did: "native undo" (the field's own) or "app undo" (the app's command). */
function outcome(command: EditCommand, focused: Element | null): string {
  const done: string[] = [];
  // jsdom has no editing commands; the spy stands for Chromium's.
  document.execCommand = vi.fn((name: string) => done.push(`native ${name}`) > 0);
  runEditCommand(command, focused, (id) => done.push(`app ${id}`) > 0);
  return done.join(', ');
}

function element(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Edit → Undo / Redo from the desktop menu', () => {
  test.each([
    ['<input type="text">', 'undo', 'native undo'],
    ['<input>', 'redo', 'native redo'],
    ['<input type="search">', 'undo', 'native undo'],
    ['<textarea></textarea>', 'redo', 'native redo'],
    ['<input type="checkbox">', 'undo', 'app undo'],
    ['<input type="color">', 'undo', 'app undo'],
    ['<button>Undo</button>', 'undo', 'app undo'],
    ['<select><option>a</option></select>', 'redo', 'app redo'],
    ['<div class="article-scroll" tabindex="0"></div>', 'undo', 'app undo'],
  ] as const)('focus on %s: %s → %s', (html, command, expected) => {
    expect(outcome(command, element(html))).toBe(expected);
  });

  test('nothing focused (the page itself) → the app’s command', () => {
    expect(outcome('undo', null)).toBe('app undo');
    expect(outcome('redo', document.body)).toBe('app redo');
  });

  test('editable content (jsdom lacks isContentEditable; Chromium sets it) → native', () => {
    const editable = Object.assign(element('<div contenteditable="true"></div>'), { isContentEditable: true });
    expect(outcome('undo', editable)).toBe('native undo');
  });
});
