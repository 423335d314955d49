import os from 'node:os';
import { loadSampleCorpus } from './services/sampleCorpus';
import { LibraryStore } from './store/libraryStore';

function currentUserName(): string {
  try {
    return os.userInfo().username || 'annotator';
  } catch {
    // Some containers have no user entry for the current uid.
    return 'annotator';
  }
}

/**
 * Opens the library in `folder` for `holder` (named in the lock). The app's hosts seed a new,
 * empty folder with the sample corpus; the command line does not (a pipeline importing its
 * own files wants only those). Throws DataFolderLockedError when another process holds it.
 */
export function openLibrary(folder: string, holder: string, { seedSampleCorpus }: { seedSampleCorpus: boolean }): Promise<LibraryStore> {
  return LibraryStore.open(folder, {
    holder,
    defaultAnnotator: currentUserName(),
    ...(seedSampleCorpus ? { seed: () => loadSampleCorpus() } : {}),
  });
}
