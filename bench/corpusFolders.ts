import path from 'node:path';
import { generateCorpus, writeLibraryFolder } from './corpus';

/** The corpus of the store, export and start benchmarks: about 5 kB of text and 30 spans per document. */
export const DOCUMENT_SHAPE = { textLength: 5_000, spansPerDocument: 30, seed: 2026 } as const;

/** Data folders of generated documents by size, each written once per run and then shared. */
export function documentCorpusFolders(temporaryFolder: string): { folder(documents: number): Promise<string> } {
  const written = new Map<number, Promise<string>>();
  return {
    folder(documents) {
      let folder = written.get(documents);
      if (!folder) {
        const target = path.join(temporaryFolder, `library-${documents}`);
        folder = writeLibraryFolder(target, generateCorpus({ ...DOCUMENT_SHAPE, documents })).then(() => target);
        written.set(documents, folder);
      }
      return folder;
    },
  };
}
