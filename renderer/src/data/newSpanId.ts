/** A new id: a letter and 16 random hex digits (ids are file-name safe; see ID_PATTERN). */
export function newId(prefix: 's' | 'r'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** A new span id: "s" and 16 random hex digits. */
export function newSpanId(): string {
  return newId('s');
}
