/**
 * What kind of file an import was given, from its name and, where the name does not say, its
 * first characters. Decides which reader gets it.
 */
export type FileKind = 'text' | 'html' | 'records';

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'records',
  '.ndjson': 'records',
  '.json': 'records',
};

/** The extensions the import reads, for file pickers and messages. */
export const IMPORT_EXTENSIONS = Object.keys(KIND_BY_EXTENSION);

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The kind a file name promises, or null when its extension is not one we read. */
export function kindFromName(fileName: string): FileKind | null {
  return KIND_BY_EXTENSION[extensionOf(fileName)] ?? null;
}

/**
 * The kind of a file from its name, or for a name without a known extension from its content:
 * markup that opens like a page is HTML, a first `{` or `[` is records; null otherwise.
 */
export function detectFileKind(fileName: string, content: string): FileKind | null {
  const byName = kindFromName(fileName);
  if (byName) return byName;
  if (extensionOf(fileName) !== '') return null;
  const head = content.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (head.startsWith('{') || head.startsWith('[')) return 'records';
  return null;
}

/** Why a file is not read, for a file whose kind is null. */
export function unsupportedTypeMessage(fileName: string): string {
  return `unsupported file type "${extensionOf(fileName) || '(none)'}"; use ${IMPORT_EXTENSIONS.join(', ')}`;
}
