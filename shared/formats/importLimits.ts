/**
 * The import's documented limits (README "Import"), shared by the main process, the command
 * line and the renderer (which checks sizes before uploading).
 */

/** Largest file we read, in any format. */
export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;

/** Longest article text we import, in UTF-16 code units (about 2 million characters). */
export const MAX_ARTICLE_CHARS = 2_000_000;

/** Most files one import from the app takes. */
export const MAX_IMPORT_JOB_FILES = 100_000;

/** Why a file of `bytes` bytes (larger than the limit) is not imported. */
export function fileTooLargeMessage(bytes: number): string {
  return `the file is ${Math.ceil(bytes / 1024 / 1024)} MB; the largest file Newsmark imports is ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`;
}
