import type { AppError } from '../../../shared/result';

/**
 * Errors that retrying cannot fix: the document's unsent changes are dropped, the user told
 * why, and the document fetched again as stored. Anything else (a full disk, a host that
 * restarted and no longer knows this window's token) is retried with the change kept.
 */
export const PERMANENT: ReadonlySet<AppError['code']> = new Set(['invalid_request', 'invalid_span', 'invalid_operation', 'not_found', 'conflict']);
export const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

/** What the user is told of a change that could not be saved. */
export function describeFailure(error: AppError): string {
  if (error.code === 'unauthorized') {
    return 'the Newsmark host no longer accepts this window (was it restarted?). Open the address it printed; your changes are kept in this browser and sent when you do';
  }
  return error.message;
}
