import type { NewsmarkApi } from '../../../shared/contract';
import { COMPARISON_CHUNK_CHARS, type ComparisonReport, type TheirVersions } from '../../../shared/agreement/comparisonContract';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../../shared/formats/importLimits';
import type { ImportProblem } from '../../../shared/importProblem';
import type { Result } from '../../../shared/result';

/** The compared export as the agreement and review views show it. */
export interface ComparisonState {
  phase: 'none' | 'sending' | 'ready' | 'failed';
  /** The file's name. */
  name: string | null;
  comparisonId: string | null;
  /** The library against the file, as of the last fetch (refresh after changes). */
  report: ComparisonReport | null;
  /** Every problem of a file that is not a valid export. */
  problems: readonly ImportProblem[];
  /** Why the file could not be sent or compared. */
  error: string | null;
  /** Characters sent of the file's. */
  sent: number;
  total: number;
}

const NONE: ComparisonState = { phase: 'none', name: null, comparisonId: null, report: null, problems: [], error: null, sent: 0, total: 0 };

/**
 * Another annotator's export, picked in the agreement or review view: sent to the host in pieces
 * (uploadComparison), then compared with the library (comparisonReport). One at a time per
 * window; both views follow the same one. With the client, only code of data/ calls the host.
 */
export class ComparisonService {
  private state: ComparisonState = NONE;
  private readonly listeners = new Set<() => void>();
  /** Counts picks, so an older file still sending does not overwrite a newer one. */
  private generation = 0;

  constructor(private readonly host: NewsmarkApi) {}

  get = (): ComparisonState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(changes: Partial<ComparisonState>, generation: number): void {
    if (generation !== this.generation) return;
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  /** Sends `file` and compares it with the library. */
  async load(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void> {
    const generation = ++this.generation;
    this.set({ ...NONE, phase: 'sending', name: file.name, total: file.size }, generation);
    if (file.size > MAX_IMPORT_FILE_BYTES) return this.set({ phase: 'failed', error: `${file.name}: ${fileTooLargeMessage(file.size)}` }, generation);
    let content: string;
    try {
      content = await file.text();
    } catch (error) {
      return this.set({ phase: 'failed', error: `${file.name} cannot be read (${error instanceof Error ? error.message : String(error)}).` }, generation);
    }
    this.set({ total: content.length }, generation);
    let comparisonId: string | undefined;
    for (let offset = 0; ; offset += COMPARISON_CHUNK_CHARS) {
      const last = offset + COMPARISON_CHUNK_CHARS >= content.length;
      const answer = await this.host.request('uploadComparison', { ...(comparisonId ? { comparisonId } : {}), name: file.name, chunk: content.slice(offset, offset + COMPARISON_CHUNK_CHARS), last });
      if (!answer.ok) return this.set({ phase: 'failed', error: answer.error.message }, generation);
      comparisonId = answer.value.comparisonId;
      this.set({ sent: Math.min(content.length, offset + COMPARISON_CHUNK_CHARS) }, generation);
      if (!last) continue;
      if (!answer.value.ready) return this.set({ phase: 'failed', problems: answer.value.problems, error: `${file.name} is not a Newsmark JSONL export (${answer.value.problems.length} problems)` }, generation);
      break;
    }
    this.set({ comparisonId }, generation);
    await this.refresh();
  }

  /** Fetches the figures again (the library changed: a review decision, an edit). */
  async refresh(): Promise<void> {
    const generation = this.generation;
    const { comparisonId } = this.state;
    if (!comparisonId) return;
    const report = await this.host.request('comparisonReport', { comparisonId });
    if (!report.ok) this.set({ phase: 'failed', error: report.error.message }, generation);
    else this.set({ phase: 'ready', report: report.value, error: null }, generation);
  }

  /** The compared file's version of these articles (paired by text). */
  async theirVersions(documentIds: readonly string[]): Promise<Result<TheirVersions>> {
    const { comparisonId } = this.state;
    if (!comparisonId) return { ok: false, error: { code: 'invalid_request', message: 'No export is being compared.' } };
    const versions: TheirVersions = {};
    // The request takes up to 1,000 articles.
    for (let start = 0; start < documentIds.length; start += 1000) {
      const answer = await this.host.request('theirVersions', { comparisonId, documentIds: documentIds.slice(start, start + 1000) });
      if (!answer.ok) return answer;
      Object.assign(versions, answer.value);
    }
    return { ok: true, value: versions };
  }

  /** Forgets the compared file (the views then ask for one). */
  clear(): void {
    this.set(NONE, ++this.generation);
  }
}
