import { existsSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus, writeLibraryFolder } from './corpus';

/** The corpus of the store, export and start benchmarks: about 5 kB of text and 30 spans per document. */
export const DOCUMENT_SHAPE = { textLength: 5_000, spansPerDocument: 30, seed: 2026 } as const;

/**
 * Data folders of generated documents by size, each written once per run and then shared, in
 * `temporaryFolder`; or kept in `keptFolder` (`--corpora DIR`) and reused by later runs, since
 * writing 100,000 articles takes minutes. A kept folder is used as it is found once its index
 * exists (the last thing written); the store benchmark's saves stay in it.
 */
export function documentCorpusFolders(temporaryFolder: string, keptFolder?: string): { folder(documents: number): Promise<string> } {
  const written = new Map<number, Promise<string>>();
  return {
    folder(documents) {
      let folder = written.get(documents);
      if (!folder) {
        const target = path.join(keptFolder ?? temporaryFolder, `library-${documents}`);
        folder = keptFolder && existsSync(path.join(target, 'index.json')) ? Promise.resolve(target) : writeLibraryFolder(target, generateCorpus({ ...DOCUMENT_SHAPE, documents })).then(() => target);
        written.set(documents, folder);
      }
      return folder;
    },
  };
}
