import { promises as fs } from 'node:fs';
import path from 'node:path';
import { documentFilter, effectiveOffsetUnit, exportOptionsSchema, toExportRecord, type ExportOptions } from '../../shared/exportRecord';
import type { ExportOutcome } from '../../shared/contract';
import { exportWriter } from '../../shared/formats/exportWriter';
import type { LibraryStore } from '../store/libraryStore';

export interface ExportCounts {
  documents: number;
  spans: number;
}

/**
 * The export in the options' format, as text pieces produced one document at a time so memory
 * stays flat in the size of the library (for JSONL, one piece per line, with its "\\n").
 * `counts` fills in as documents are produced.
 */
export async function* exportChunks(store: LibraryStore, options: ExportOptions, counts: ExportCounts = { documents: 0, spans: 0 }): AsyncGenerator<string> {
  const resolved = exportOptionsSchema.parse(options);
  const included = documentFilter(resolved);
  const recordOptions = { offsetUnit: effectiveOffsetUnit(resolved), ...(resolved.labels ? { labels: resolved.labels } : {}) };
  const writer = exportWriter(resolved.format, { csvBom: resolved.csvBom });
  const begin = writer.begin();
  if (begin) yield begin;
  for (const summary of store.listDocuments()) {
    if (!included(summary)) continue;
    const document = await store.getDocument(summary.id);
    // A document found damaged while exporting is set aside and reported by the store.
    if (!document) continue;
    const record = toExportRecord(document, recordOptions);
    counts.documents++;
    counts.spans += record.spans.length;
    const piece = writer.document(record);
    if (piece) yield piece;
  }
  const end = writer.end();
  if (end) yield end;
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
    for await (const piece of exportChunks(store, options, counts)) await handle.write(piece);
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
