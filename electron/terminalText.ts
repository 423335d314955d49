/**
 * Text from the library or an imported file (titles, ids, labels, file names, problem
 * messages) as the command line prints it: every control character shown escaped, so a title
 * holding an escape sequence, a NUL, a line break or a bidirectional override is printed as
 * text and never acts on the terminal or splits one line of output into two.
 *
 * Escaped: C0 controls and DEL (`\n`, `\r`, `\t`, else `\x1b`), C1 controls (`\x9b`), the
 * line and paragraph separators and the bidirectional controls (`\u202e`). Everything else,
 * backslashes included, is printed as it is.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(character: string): string {
  const code = character.charCodeAt(0);
  return NAMED[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** `text` with its control characters escaped (see above). */
export function terminalText(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** `value` as JSON on one line, its control characters written as JSON's `\u` escapes. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(CONTROL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
