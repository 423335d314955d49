import { randomUUID } from 'node:crypto';
import type { ImportFileOutcome, ImportProgress } from '../../shared/contract';
import type { ImportProblem } from '../../shared/importProblem';
import { fail, ok, type Result } from '../../shared/result';
import type { LibraryStore } from '../store/libraryStore';
import { addDrafts, readImportBytes } from './importFiles';

/** Most problems a job keeps for its report; the rest are counted. */
const MAX_REPORTED_PROBLEMS = 5_000;
/** A job nobody asks about for this long is forgotten. */
const JOB_IDLE_MS = 30 * 60 * 1000;

interface Job {
  progress: ImportProgress;
  /** Every problem so far, up to MAX_REPORTED_PROBLEMS. */
  problems: ImportProblem[];
  lastUsed: number;
}

/**
 * Import jobs for the app's Import dialog: the renderer starts a job with the number of files
 * it will send, sends them one at a time (each read, checked and stored before the answer, so
 * the answer is the progress), and may cancel between files. Files already imported stay; the
 * ones not sent are not imported. One file at a time per job, in the order sent.
 */
const jobsByStore = new WeakMap<LibraryStore, ImportJobs>();

/** The import jobs of one open library (one set, shared by its request handlers and upload route). */
export function importJobsFor(store: LibraryStore): ImportJobs {
  let jobs = jobsByStore.get(store);
  if (!jobs) {
    jobs = new ImportJobs(store);
    jobsByStore.set(store, jobs);
  }
  return jobs;
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: LibraryStore) {}

  start(files: number): ImportProgress {
    this.forgetIdle();
    const progress: ImportProgress = { jobId: randomUUID(), state: 'running', filesTotal: files, filesDone: 0, documentsAdded: 0, problemsFound: 0 };
    this.jobs.set(progress.jobId, { progress, problems: [], lastUsed: Date.now() });
    return { ...progress };
  }

  /** The job's progress and every problem so far (the first 5,000). */
  status(jobId: string): Result<ImportFileOutcome> {
    const job = this.jobs.get(jobId);
    if (!job) return fail('not_found', 'This import is over or unknown; start it again.');
    job.lastUsed = Date.now();
    return ok({ progress: { ...job.progress }, problems: [...job.problems] });
  }

  /** Stops the job: files sent after this are refused. */
  cancel(jobId: string): Result<ImportProgress> {
    const job = this.jobs.get(jobId);
    if (!job) return fail('not_found', 'This import is over or unknown.');
    if (job.progress.state === 'running') job.progress.state = 'cancelled';
    return ok({ ...job.progress });
  }

  /**
   * Why the job takes no more files (unknown, over, or every file announced sent), or null when
   * it takes one now. A file sent may still be refused: the job can end before its turn.
   */
  refusal(jobId: string): Result<never> | null {
    const job = this.jobs.get(jobId);
    if (!job) return fail('not_found', 'This import is over or unknown; start it again.');
    job.lastUsed = Date.now();
    const progress = job.progress;
    if (progress.state !== 'running') return fail('invalid_request', `This import was ${progress.state}.`);
    if (progress.filesDone >= progress.filesTotal) return fail('invalid_request', `This import expected ${progress.filesTotal} files.`);
    return null;
  }

  /**
   * Reads one file of the job (bytes as sent, or a reader of them called on the file's turn, so
   * that files waiting for their turn are not held in memory) and adds its documents; answers
   * with the job's progress and this file's problems.
   */
  importFile(jobId: string, name: string, bytes: Uint8Array | (() => Promise<Uint8Array>)): Promise<Result<ImportFileOutcome>> {
    const run = async (): Promise<Result<ImportFileOutcome>> => {
      const refused = this.refusal(jobId);
      if (refused) return refused;
      const job = this.jobs.get(jobId)!;
      const progress = job.progress;
      const found: ImportProblem[] = [];
      const { drafts } = await readImportBytes(name, typeof bytes === 'function' ? await bytes() : bytes, found);
      try {
        const { added } = await addDrafts(this.store, name, drafts, found);
        progress.documentsAdded += added.length;
      } finally {
        // A storage failure is the answer's error; the file still counts as done (not retried).
        progress.filesDone++;
        if (progress.filesDone === progress.filesTotal) progress.state = 'finished';
        progress.problemsFound += found.length;
        job.problems.push(...found.slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - job.problems.length)));
      }
      return ok({ progress: { ...progress }, problems: found });
    };
    // One file at a time across jobs, so label additions never race.
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }

  private forgetIdle(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (now - job.lastUsed > JOB_IDLE_MS) this.jobs.delete(id);
  }
}
