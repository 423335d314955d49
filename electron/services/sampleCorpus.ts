import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentDraft } from '../../shared/jsonlImport';
import { documentDraftFromTextFile } from '../../shared/textImport';

/**
 * The repo's data/ folder. Built code lives two folders below the repo (out/main/), as does the
 * source of this file (electron/services/), so one relative path serves both.
 */
export const SAMPLE_CORPUS_FOLDER = path.resolve(__dirname, '..', '..', 'data');

/** The sample articles (data/*.txt, in name order) as drafts, for a new, empty library. */
export async function loadSampleCorpus(folder = SAMPLE_CORPUS_FOLDER): Promise<DocumentDraft[]> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((name) => name.endsWith('.txt')).sort();
  } catch (error) {
    // A build without the sample corpus starts with an empty library; that is not an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const drafts: DocumentDraft[] = [];
  for (const name of names) {
    // The sample articles are short; one past the import limits is left out, as an import would.
    const draft = documentDraftFromTextFile(name, await fs.readFile(path.join(folder, name), 'utf8'), []);
    if (draft) drafts.push(draft);
  }
  return drafts;
}
