import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exportOptionsSchema, includesDocument, toExportRecord, type ExportOptions } from '../../shared/exportRecord';
import type { ExportOutcome } from '../../shared/contract';
import type { LibraryStore } from '../store/libraryStore';

export interface ExportCounts {
  documents: number;
  spans: number;
}

/**
 * The JSONL export, one line (with its "\n") per document, produced one document at a time so
 * memory stays flat in the size of the library. `counts` fills in as lines are produced.
 */
export async function* exportLines(store: LibraryStore, options: ExportOptions, counts: ExportCounts = { documents: 0, spans: 0 }): AsyncGenerator<string> {
  const resolved = exportOptionsSchema.parse(options);
  for (const summary of store.listDocuments()) {
    if (!includesDocument(resolved, summary.status)) continue;
    const document = await store.getDocument(summary.id);
    // A document found damaged while exporting is set aside and reported by the store.
    if (!document) continue;
    const record = toExportRecord(document, resolved);
    counts.documents++;
    counts.spans += record.spans.length;
    yield `${JSON.stringify(record)}\n`;
  }
}

/**
 * Writes the export to `filePath`: to a temporary file beside it first, flushed and renamed, so
 * a failed export never leaves half a file under the final name.
 */
export async function exportToFile(store: LibraryStore, options: ExportOptions, filePath: string): Promise<ExportOutcome> {
  const target = path.resolve(filePath);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.export.tmp`);
  const counts: ExportCounts = { documents: 0, spans: 0 };
  const handle = await fs.open(temporary, 'w', 0o644);
  try {
    for await (const line of exportLines(store, options, counts)) await handle.write(line);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await fs.rename(temporary, target);
  return { destination: target, ...counts };
}
