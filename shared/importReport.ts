import type { PlannedLabel, PlannedRelationType } from './importMapping';

/**
 * What an import did (or, for a plan, would do), beside its problems and notes: the articles it
 * added (so the user can open them), the ones it skipped because the library has them, and the
 * files it passed over because they are not articles.
 */
export interface ImportedArticle {
  id: string;
  title: string;
  /** The file it came from, as the import names it. */
  file: string;
}

/** An article of a file that the library already holds: same title and same text. */
export interface DuplicateArticle {
  file: string;
  title: string;
  /**
   * The library's article with that title and text; null in a plan when the first copy is in an
   * earlier file of the same import (step 2 imports that one and skips this).
   */
  existingId: string | null;
}

/** A file passed over as not an article (empty, a SOURCES.md of tables and links). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ImportReport {
  added: ImportedArticle[];
  /** Skipped as already in the library (unless the import was told to add copies). */
  duplicates: DuplicateArticle[];
  notArticles: SkippedFile[];
  addedLabels: string[];
  addedRelationTypes: string[];
}

export function emptyImportReport(): ImportReport {
  return { added: [], duplicates: [], notArticles: [], addedLabels: [], addedRelationTypes: [] };
}

/** Appends `more` to `report`, keeping at most `limit` entries per list. */
export function mergeImportReport(report: ImportReport, more: ImportReport, limit = 5_000): void {
  const take = <T>(into: T[], from: readonly T[]) => into.push(...from.slice(0, Math.max(0, limit - into.length)));
  take(report.added, more.added);
  take(report.duplicates, more.duplicates);
  take(report.notArticles, more.notArticles);
  for (const name of more.addedLabels) if (!report.addedLabels.includes(name)) report.addedLabels.push(name);
  for (const name of more.addedRelationTypes) if (!report.addedRelationTypes.includes(name)) report.addedRelationTypes.push(name);
}

/**
 * Step 1 of an import: what the files hold that needs the user's say, found without writing.
 * `labels` and `relationTypes` are the ones the library lacks (choose map, add or skip for each,
 * see ImportMapping); `duplicates` the articles the library (or an earlier file of the same
 * selection) already holds, which step 2 skips unless told to import copies.
 */
export interface ImportPlan {
  files: number;
  /** Articles the files hold (duplicates included). */
  documents: number;
  spans: number;
  relations: number;
  labels: PlannedLabel[];
  relationTypes: PlannedRelationType[];
  duplicates: DuplicateArticle[];
  notArticles: SkippedFile[];
}
