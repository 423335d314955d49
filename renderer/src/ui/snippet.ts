/** A span's text on one line, cut to `length` characters with an ellipsis. */
export function snippet(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
