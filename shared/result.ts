/**
 * Errors that cross a process boundary travel as values, never as thrown exceptions:
 * every request answers with a Result whose error has a stable code and a message a
 * person can read (it names the field, file or line that is wrong).
 */
export const ERROR_CODES = [
  'invalid_request',
  'not_found',
  'invalid_span',
  'invalid_operation',
  /** The document changed since the client last saw it (another window, say). */
  'conflict',
  'storage_failed',
  'locked',
  'unauthorized',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
