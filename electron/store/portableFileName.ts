/**
 * Document ids become file names (`documents/<id>.json`), and a library folder may be copied to
 * macOS or Windows, whose usual file systems ignore case and reserve some names. These rules
 * keep every id a file of its own there too.
 */

/** Names Windows reserves for devices, whatever follows the first dot ("con.json", "NUL.x.json"). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** True for ids Windows cannot use as a file name (CON, PRN, AUX, NUL, COM1–9, LPT1–9). */
export function isWindowsReservedName(id: string): boolean {
  return WINDOWS_RESERVED.test(id.split('.')[0]!);
}

/**
 * The form of an id two case-insensitive file systems agree on: ids that differ only by case
 * ("Report" and "report") are the same file there. Ids are ASCII (ID_PATTERN), so lower case
 * is enough.
 */
export function foldIdCase(id: string): string {
  return id.toLowerCase();
}
