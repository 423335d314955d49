import { whenSettled } from './whenSettled';
import type { ExportOutcome, MenuCommand, NewsmarkApi } from '../../../shared/contract';
import type { ExportOptions } from '../../../shared/exportRecord';
import type { LabelChangeOutcome, LabelChangesInput } from '../../../shared/labelSet';
import type { DocumentFilter, SearchHit } from '../../../shared/librarySearch';
import type { Result } from '../../../shared/result';
import { runImport, type ImportOptions, type ImportSource, type ImportState } from './importRunner';
import type { LibraryClient } from './libraryClient';

/** How long an export waits for unconfirmed changes to land before it exports what is on disk. */
const EXPORT_WAIT_MS = 5_000;

/**
 * The host's services beyond the documents the client caches — search, import, export, the
 * label set, the desktop menu — each bringing the client up to date after it. With the client,
 * the only code of the renderer that calls the host.
 */
export class LibraryServices {
  constructor(
    private readonly host: NewsmarkApi,
    private readonly client: LibraryClient,
  ) {}

  /**
   * The articles whose text or title match `query`, among those passing `filter`, in library
   * order: `limit` of them from `offset`, with how many match in all.
   */
  async searchDocuments(query: string, filter: DocumentFilter, offset: number, limit: number): Promise<Result<{ hits: SearchHit[]; total: number }>> {
    const result = await this.host.request('searchDocuments', { query, ...filter, offset, limit });
    return result.ok ? { ok: true, value: { hits: result.value.hits, total: result.value.total ?? result.value.hits.length } } : result;
  }

  /** Plans or imports files (see importRunner.ts); after an import the list and settings are fetched again. */
  async importFiles(sources: readonly ImportSource[], onUpdate: (state: ImportState) => void, signal: AbortSignal, options: ImportOptions = {}): Promise<ImportState> {
    const final = await runImport(this.host, sources, onUpdate, signal, options);
    const changed = final.documentsAdded > 0 || final.report.addedLabels.length > 0 || final.report.addedRelationTypes.length > 0;
    if (final.mode === 'import' && changed) await this.client.load();
    return final;
  }

  /** Exports what is on disk, after waiting (a little) for unconfirmed changes to land. */
  async exportDocuments(options: ExportOptions): Promise<Result<ExportOutcome>> {
    if (!(await whenSettled((listener) => this.client.subscribe('save', listener), () => this.client.getSave().pending === 0, EXPORT_WAIT_MS))) {
      this.client.notices.tell({ level: 'error', text: 'Some changes are not saved yet; the export holds what is on disk.' });
    }
    const result = await this.host.exportDocuments(options);
    if (!result.ok) this.client.notices.tell({ level: 'error', text: `Export failed: ${result.error.message}` });
    else if (result.value.destination) {
      this.client.notices.tell({ level: 'info', text: `Exported ${result.value.documents} articles and ${result.value.spans} spans to ${result.value.destination}.` });
    }
    return result;
  }

  /**
   * Sends a change of the label set (and the other settings) and brings the window up to date:
   * the list and settings are fetched again, and the documents the store rewrote (a rename or
   * deletion with spans) are fetched afresh. Callers send this only when no change is waiting
   * to be saved, so nothing unsaved is built on the old labels.
   */
  async applyLabelChanges(changes: LabelChangesInput): Promise<Result<LabelChangeOutcome>> {
    const result = await this.host.request('applyLabelChanges', changes);
    if (!result.ok) return result;
    await this.client.reloadDocuments(result.value.changedDocumentIds);
    return result;
  }

  /** The desktop menu's File → Import… / Export…; a no-op in the browser. Returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    return this.host.onMenuCommand?.(listener) ?? (() => {});
  }
}
