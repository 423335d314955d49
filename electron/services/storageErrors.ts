import type { AppError } from '../../shared/result';

/** A person-readable error for a failed disk operation; the change it carried was not saved. */
export function describeStorageError(error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return { code: 'storage_failed', message: 'The disk is full: the change was not saved. Free some space; Newsmark will try again.' };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { code: 'storage_failed', message: 'The data folder cannot be written (read-only or no permission): the change was not saved.' };
    case 'EIO':
      return { code: 'storage_failed', message: 'The disk reported an input/output error: the change was not saved.' };
    default:
      return {
        code: 'internal',
        message: `Something went wrong: ${describeThrown(error)}. The change was not saved.`,
      };
  }
}

/** What was thrown, as text; some values (an object without a prototype) have no String(). */
function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
