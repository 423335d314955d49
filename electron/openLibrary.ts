import os from 'node:os';
import { loadSampleCorpus } from './services/sampleCorpus';
import type { DataFolderLock } from './store/dataFolderLock';
import { LibraryStore } from './store/libraryStore';

function currentUserName(): string {
  try {
    return os.userInfo().username || 'annotator';
  } catch {
    // Some containers have no user entry for the current uid.
    return 'annotator';
  }
}

export interface OpenLibraryOptions {
  /** Seed a new, empty folder with the sample corpus (the app's hosts do; the command line does not). */
  seedSampleCorpus: boolean;
  /**
   * Check the article files against the index after the first list is sent, not before
   * (the hosts, where the first screen waits for it); see LibraryStore's `deferFileCheck`.
   */
  deferFileCheck?: boolean;
  /** The folder's lock, when the caller took it already (to say early that the folder is taken). */
  lock?: DataFolderLock;
}

/**
 * Opens the library in `folder` for `holder` (named in the lock). The app's hosts seed a new,
 * empty folder with the sample corpus; the command line does not (a pipeline importing its
 * own files wants only those). Throws DataFolderLockedError when another process holds it.
 */
export function openLibrary(folder: string, holder: string, { seedSampleCorpus, deferFileCheck = false, lock }: OpenLibraryOptions): Promise<LibraryStore> {
  return LibraryStore.open(folder, {
    holder,
    defaultAnnotator: currentUserName(),
    deferFileCheck,
    ...(lock ? { lock } : {}),
    ...(seedSampleCorpus ? { seed: () => loadSampleCorpus() } : {}),
  });
}
