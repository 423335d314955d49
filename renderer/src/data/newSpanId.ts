/** A new span id: "s" and 16 random hex digits (ids are file-name safe; see ID_PATTERN). */
export function newSpanId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `s${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
