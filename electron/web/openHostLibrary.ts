import { openLibrary } from '../openLibrary';
import { createLibraryHandlers } from '../services/libraryHandlers';
import type { DataFolderLock } from '../store/dataFolderLock';
import type { LibraryServices } from './browserHostApi';

/**
 * Opens the browser host's library in `folder`, whose lock the host took already, with the
 * per-file check after the first list (see LibraryStore's `deferFileCheck`). Loaded by the host
 * once it listens, since this brings in the store and the contract.
 */
export async function openHostLibrary(folder: string, lock: DataFolderLock): Promise<LibraryServices> {
  const store = await openLibrary(folder, 'browser host', { seedSampleCorpus: true, deferFileCheck: true, lock });
  return { store, handlers: createLibraryHandlers(store) };
}
