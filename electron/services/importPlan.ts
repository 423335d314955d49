import type { ImportProblem } from '../../shared/importProblem';
import { countUnknownNames, emptyUnknownNames, plannedNames, type UnknownNames } from '../../shared/importMapping';
import type { ImportPlan } from '../../shared/importReport';
import type { LibraryStore } from '../store/libraryStore';
import { articleFingerprint, existingArticleIds } from './importDuplicates';
import { listImportSources, readImportPath, type FileReading } from './importFiles';

/** Most duplicates and skipped files a plan lists; the rest are counted in `documents`. */
const MAX_LISTED = 5_000;

/**
 * Step 1 of an import, file by file: gathers the labels and relation types the files bring
 * that the library lacks, the articles it already holds and the files that are not articles,
 * and writes nothing. An article repeated in a later file of the same selection counts as a
 * duplicate too, since step 2 will have added it by then.
 */
export class ImportPlanner {
  private readonly unknown: UnknownNames = emptyUnknownNames();
  private readonly seen = new Set<string>();
  private readonly totals = { files: 0, documents: 0, spans: 0, relations: 0 };
  private readonly duplicates: ImportPlan['duplicates'] = [];
  private readonly notArticles: ImportPlan['notArticles'] = [];

  constructor(private readonly store: LibraryStore) {}

  /** Takes one file's reading into the plan. */
  async addFile(file: string, reading: FileReading): Promise<void> {
    this.totals.files++;
    if (reading.notAnArticle && this.notArticles.length < MAX_LISTED) this.notArticles.push({ file, reason: reading.notAnArticle });
    const fingerprints = reading.drafts.map((draft) => articleFingerprint(draft.meta.title, draft.text));
    const existing = await existingArticleIds(this.store, reading.drafts);
    reading.drafts.forEach((draft, index) => {
      const existingId = existing[index] ?? (this.seen.has(fingerprints[index]!) ? null : undefined);
      if (existingId !== undefined && this.duplicates.length < MAX_LISTED) this.duplicates.push({ file, title: draft.meta.title, existingId });
    });
    for (const fingerprint of fingerprints) this.seen.add(fingerprint);
    this.totals.documents += reading.drafts.length;
    for (const draft of reading.drafts) {
      this.totals.spans += draft.spans.length;
      this.totals.relations += draft.relations.length;
    }
    countUnknownNames(this.unknown, reading.drafts, this.store.settings);
  }

  /** The plan so far, with a free key and colour proposed for each new label and type. */
  plan(): ImportPlan {
    return { ...this.totals, ...plannedNames(this.unknown, this.store.settings), duplicates: [...this.duplicates], notArticles: [...this.notArticles] };
  }
}

/** Step 1 for files and folders on disk (the command line): the plan and every problem found. */
export async function planImportFiles(store: LibraryStore, paths: readonly string[]): Promise<{ plan: ImportPlan; problems: ImportProblem[] }> {
  const planner = new ImportPlanner(store);
  const problems: ImportProblem[] = [];
  for (const source of await listImportSources(paths)) {
    let reading: FileReading = { drafts: [], format: null };
    try {
      reading = await readImportPath(source.path, problems, source.name);
    } catch (error) {
      problems.push({ file: source.name, message: `cannot be read (${(error as Error).message})` });
    }
    await planner.addFile(source.name, reading);
  }
  return { plan: planner.plan(), problems };
}
