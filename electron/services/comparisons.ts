import { randomUUID } from 'node:crypto';
import type { ComparisonReport, ComparisonUpload, TheirVersions } from '../../shared/agreement/comparisonContract';
import { compareExports, versionOfRecord } from '../../shared/agreement/compareExports';
import { parseExport } from '../../shared/agreement/parseExport';
import { toExportRecord, type ExportRecord } from '../../shared/exportRecord';
import { fileTooLargeMessage, MAX_IMPORT_FILE_BYTES } from '../../shared/formats/importLimits';
import { fail, ok, type Result } from '../../shared/result';
import type { LibraryStore } from '../store/libraryStore';

/** Comparisons held at once; starting another forgets the one used longest ago. */
const MAX_HELD = 4;

interface Comparison {
  name: string;
  /** The file's pieces as they come; null once it is read. */
  pieces: string[] | null;
  size: number;
  records: ExportRecord[] | null;
  lastUsed: number;
}

/**
 * Other annotators' exports held for the agreement and review views: received in pieces
 * (uploadComparison), read and checked when the last one comes, and compared with the library
 * as it is at each request. Held in memory only: a host restarted forgets them, and the view
 * asks for the file again.
 */
export class Comparisons {
  private readonly held = new Map<string, Comparison>();

  constructor(private readonly store: LibraryStore) {}

  upload({ comparisonId, name, chunk, last }: { comparisonId?: string | undefined; name: string; chunk: string; last: boolean }): Result<ComparisonUpload> {
    let id = comparisonId;
    let comparison: Comparison | undefined;
    if (id === undefined) {
      id = randomUUID();
      comparison = { name, pieces: [], size: 0, records: null, lastUsed: Date.now() };
      this.held.set(id, comparison);
      this.forgetOldest();
    } else {
      comparison = this.held.get(id);
      if (!comparison) return fail('not_found', 'This comparison is over or unknown; pick the file again.');
      if (!comparison.pieces) return fail('invalid_request', `${comparison.name} was sent whole already.`);
    }
    comparison.lastUsed = Date.now();
    comparison.size += chunk.length;
    if (comparison.size > MAX_IMPORT_FILE_BYTES) {
      this.held.delete(id);
      return fail('invalid_request', `${name}: ${fileTooLargeMessage(comparison.size)}`);
    }
    comparison.pieces!.push(chunk);
    if (!last) return ok({ comparisonId: id, ready: false, problems: [] });
    const { records, problems } = parseExport(name, comparison.pieces!.join(''));
    comparison.pieces = null;
    if (!records) {
      this.held.delete(id);
      return ok({ comparisonId: id, ready: false, problems });
    }
    comparison.records = records;
    return ok({ comparisonId: id, ready: true, problems: [] });
  }

  /** The library (A) against the file (B), per label, with every disagreement; UTF-16 offsets. */
  async report(comparisonId: string): Promise<Result<ComparisonReport>> {
    const found = this.ready(comparisonId);
    if (!found.ok) return found;
    const theirs = found.value.records!;
    const texts = new Set(theirs.map((record) => record.text));
    const lengths = new Set(theirs.map((record) => record.text.length));
    // Only articles whose text the file may hold are read; the others are only in A.
    const mine: ExportRecord[] = [];
    const unread: string[] = [];
    for (const summary of this.store.listDocuments()) {
      const document = lengths.has(summary.length) ? await this.store.getDocument(summary.id) : null;
      if (document && texts.has(document.text)) mine.push(toExportRecord(document, { offsetUnit: 'utf16' }));
      else unread.push(summary.id);
    }
    const report = compareExports(mine, theirs);
    report.documents.only_a.push(...unread);
    const titles = Object.fromEntries(mine.map((record) => [record.id, record.meta.title]));
    return ok({ ...report, name: found.value.name, records: theirs.length, titles });
  }

  /** The file's version of each of these articles, paired by text (the record with the same id first). */
  async theirVersions(comparisonId: string, documentIds: readonly string[]): Promise<Result<TheirVersions>> {
    const found = this.ready(comparisonId);
    if (!found.ok) return found;
    const versions: TheirVersions = {};
    for (const id of documentIds) {
      const document = await this.store.getDocument(id);
      if (!document) continue;
      const candidates = found.value.records!.filter((record) => record.text === document.text);
      const record = candidates.find((each) => each.id === id) ?? candidates[0];
      if (record) versions[id] = versionOfRecord(record);
    }
    return ok(versions);
  }

  private ready(comparisonId: string): Result<Comparison> {
    const comparison = this.held.get(comparisonId);
    if (!comparison) return fail('not_found', 'This comparison is over or unknown (the host may have restarted); pick the file again.');
    if (!comparison.records) return fail('invalid_request', `${comparison.name} has not been sent whole yet.`);
    comparison.lastUsed = Date.now();
    return ok(comparison);
  }

  private forgetOldest(): void {
    while (this.held.size > MAX_HELD) {
      const oldest = [...this.held].sort((x, y) => x[1].lastUsed - y[1].lastUsed)[0]!;
      this.held.delete(oldest[0]);
    }
  }
}
