import { describe, expect, test } from 'vitest';
import { COMMANDS, commandFor, labelFor, RESERVED_KEYS } from './keyMap';

describe('key map', () => {
  test('every key a command takes without Ctrl or Alt is reserved, so no label can take it', () => {
    // Label keys are one printable character, so only those can collide (arrows cannot).
    const plain = COMMANDS.flatMap((command) => command.chords.filter((chord) => !chord.mod && !chord.alt && chord.key.length === 1).map((chord) => chord.key));
    expect(plain.length).toBeGreaterThan(5);
    for (const key of plain) expect(RESERVED_KEYS, key).toContain(key);
  });

  test('no two commands share a chord', () => {
    const chords = COMMANDS.flatMap((command) => command.chords.map((chord) => JSON.stringify({ key: chord.key.toLowerCase(), mod: !!chord.mod, shift: !!chord.shift, alt: !!chord.alt })));
    expect(new Set(chords).size).toBe(chords.length);
  });

  test('events find their command: Shift picks the extending one, "?" matches with Shift held, Ctrl+Shift+Z is redo', () => {
    const press = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers });
    expect(commandFor(press('ArrowRight'))).toBe('caretRight');
    expect(commandFor(press('ArrowRight', { shiftKey: true }))).toBe('extendRight');
    expect(commandFor(press('ArrowRight', { shiftKey: true, altKey: true }))).toBe('startRight');
    expect(commandFor(press('ArrowDown', { metaKey: true, shiftKey: true }))).toBe('extendSentenceForward');
    expect(commandFor(press('?', { shiftKey: true }))).toBe('help');
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(commandFor(press('q'))).toBeNull();
    const labels = [{ name: 'claim', color: '#0072b2', key: '1' }];
    expect(labelFor(press('1'), labels)?.name).toBe('claim');
    expect(labelFor(press('1', { ctrlKey: true }), labels)).toBeNull();
  });

  test('a label bound to a reserved key (saved before the rules) never takes the key from its command', () => {
    const press = (key: string) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false });
    const labels = [{ name: 'claim', color: '#0072b2', key: 'n' }];
    expect(labelFor(press('n'), labels)).toBeNull();
    expect(commandFor(press('n'))).toBe('nextDocument');
  });
});
