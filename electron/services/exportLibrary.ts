import { promises as fs } from 'node:fs';
import path from 'node:path';
import { documentFilter, effectiveOffsetUnit, exportOptionsSchema, toExportRecord, type ExportOptions } from '../../shared/exportRecord';
import type { ExportOutcome } from '../../shared/contract';
import type { NewsDocument } from '../../shared/model';
import { exportWriter } from '../../shared/formats/exportWriter';
import type { LibraryStore } from '../store/libraryStore';

/** Documents read ahead of the one being written: the file system works while we format. */
const READ_AHEAD = 8;
/** Pieces are written to the file in batches of about this many characters. */
const WRITE_BATCH = 1 << 20;

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
  const ids = store.listDocuments().filter(included).map((summary) => summary.id);
  // A few reads in flight at a time: memory stays flat, and the disk is never idle.
  const reading: Promise<NewsDocument | null>[] = [];
  let next = 0;
  const readAhead = () => {
    while (reading.length < READ_AHEAD && next < ids.length) {
      const read = store.getDocument(ids[next++]!);
      // A read that fails is reported when its turn comes; if the export stops before that (an
      // earlier failure), its failure is not an unhandled rejection.
      read.catch(() => undefined);
      reading.push(read);
    }
  };
  readAhead();
  while (reading.length > 0) {
    const document = await reading.shift()!;
    readAhead();
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
    let batch = '';
    for await (const piece of exportChunks(store, options, counts)) {
      batch += piece;
      if (batch.length >= WRITE_BATCH) {
        await handle.write(batch);
        batch = '';
      }
    }
    if (batch) await handle.write(batch);
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
