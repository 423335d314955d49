import { z } from 'zod';
import { idSchema } from '../model';
import type { ImportProblem } from '../importProblem';
import type { AnnotatedVersion } from './compareDocuments';
import type { AgreementReport } from './compareExports';

/**
 * The agreement and review requests (see shared/contract.ts). Another annotator's export is
 * sent to the host in pieces of at most COMPARISON_CHUNK_CHARS characters (so each request stays
 * under the browser host's 1 MB body, JSON escapes included), kept there as a "comparison", and
 * compared with the library as it is whenever asked: after review decisions the figures follow.
 */

/** Characters per piece: 128 Ki, at most 768 KB of JSON even if every one is escaped (\u0001). */
export const COMPARISON_CHUNK_CHARS = 128 * 1024;

export const uploadComparisonSchema = z
  .object({
    /** Absent for the first piece; then the id the first answer gave. */
    comparisonId: z.uuid().optional(),
    /** The file's name as the user sees it, for problems. */
    name: z.string().min(1).max(1000),
    chunk: z.string().max(COMPARISON_CHUNK_CHARS),
    /** The file's last piece: the host then reads and checks the whole file. */
    last: z.boolean(),
  })
  .strict();

export const comparisonIdSchema = z.object({ comparisonId: z.uuid() }).strict();

export const theirVersionsSchema = z.object({ comparisonId: z.uuid(), documentIds: z.array(idSchema).min(1).max(1000) }).strict();

export interface ComparisonUpload {
  comparisonId: string;
  /** True once the last piece came and the file was read and found valid. */
  ready: boolean;
  /** Every problem of the file (only after its last piece); the comparison is then dropped. */
  problems: ImportProblem[];
}

/** The agreement of the library (A, yours) with the file (B, theirs); B is the reference. */
export interface ComparisonReport extends AgreementReport {
  /** The file's name. */
  name: string;
  /** Articles in the file. */
  records: number;
  /** The title of each library article compared. */
  titles: Record<string, string>;
}

/**
 * The other annotator's version of library articles, paired by text (UTF-16 offsets); an
 * article the file does not hold is absent.
 */
export type TheirVersions = Record<string, AnnotatedVersion>;
