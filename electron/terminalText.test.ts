import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { terminalJson, terminalText } from './terminalText';

describe('terminalText', () => {
  test.each([
    ['Plain title: “quoted” 😀 עברית', 'Plain title: “quoted” 😀 עברית'],
    ['\u001b[2J\u001b[31mRed', '\\x1b[2J\\x1b[31mRed'],
    ['NUL\u0000BEL\u0007DEL\u007f', 'NUL\\x00BEL\\x07DEL\\x7f'],
    ['two\nlines\r\tand', 'two\\nlines\\r\\tand'],
    ['C1 CSI \u009b2J', 'C1 CSI \\x9b2J'],
    ['bidi \u202eevil\u202c \u2066x\u2069', 'bidi \\u202eevil\\u202c \\u2066x\\u2069'],
    ['sep\u2028arator', 'sep\\u2028arator'],
    ['C:\\path\\n', 'C:\\path\\n'],
  ])('%j → %j', (text, expected) => {
    expect(terminalText(text)).toBe(expected);
  });

  test('no control character survives, and text without any is unchanged (random text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const shown = terminalText(text);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        if (!/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text)) expect(shown).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  test('terminalJson escapes them as JSON does, so the line still parses to the same value', () => {
    const value = { title: '\u001b[31mRed\u0000 \u009b \u202e', count: 1 };
    const line = terminalJson(value);
    expect(line).toBe('{"title":"\\u001b[31mRed\\u0000 \\u009b \\u202e","count":1}');
    expect(JSON.parse(line)).toEqual(value);
  });
});
