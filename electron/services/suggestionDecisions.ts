import path from 'node:path';
import { countDecisions, EMPTY_DECISIONS, decisionsFileSchema, rejectedKeys, withDecision, type DecisionsFile, type SuggestionCounts, type SuggestionDecision } from '../../shared/suggestions/decisions';
import { DurableJsonFile } from '../store/durableJsonFile';

export const DECISIONS_FILE_NAME = 'suggestion-decisions.json';

/**
 * The library's suggestion decisions (shared/suggestions/decisions.ts) in its data folder. Read
 * once, then changed one decision at a time in order; `record` resolves once the file is on disk
 * (temp file, fsync, rename, fsync of the folder). A damaged file is never overwritten: reading
 * it throws DamagedFileError (named by the request's error), and the file stays as it was.
 */
export class SuggestionDecisions {
  private file: DecisionsFile | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly adapter: DurableJsonFile<DecisionsFile>;

  constructor(folder: string) {
    this.adapter = new DurableJsonFile(path.join(folder, DECISIONS_FILE_NAME), decisionsFileSchema);
  }

  private async current(): Promise<DecisionsFile> {
    this.file ??= (await this.adapter.read()) ?? EMPTY_DECISIONS;
    return this.file;
  }

  /** Stores one decision (idempotent) and answers the counts per rule after it. */
  record(decision: SuggestionDecision): Promise<SuggestionCounts> {
    const next = this.queue.then(async () => {
      const before = await this.current();
      const after = withDecision(before, decision);
      if (after !== before) {
        await this.adapter.write(after);
        this.file = after;
      }
      return countDecisions(after);
    });
    // A failed write must not stop the decisions after it.
    this.queue = next.catch(() => undefined);
    return next;
  }

  async counts(): Promise<SuggestionCounts> {
    return countDecisions(await this.current());
  }

  async rejected(documentId: string): Promise<Set<string>> {
    return rejectedKeys(await this.current(), documentId);
  }
}
