import { promises as fs } from 'node:fs';
import path from 'node:path';
import { documentFilter, effectiveOffsetUnit, exportOptionsSchema, toExportRecord, type ExportOptions } from '../../shared/exportRecord';
import type { ExportOutcome } from '../../shared/contract';
import { exportWriter } from '../../shared/formats/exportWriter';
import type { LibraryStore } from '../store/libraryStore';

/** Documents read in one step (LibraryStore.readDocuments): about a megabyte of files. */
const READ_BATCH = 64;
/** The export is handed on in pieces of about this many characters. */
const PIECE_CHARS = 1 << 20;

export interface ExportCounts {
  documents: number;
  spans: number;
}

/**
 * The export in the options' format, as text pieces of about a megabyte, produced a batch of
 * documents at a time so memory stays flat in the size of the library (never more than a batch
 * of documents and a piece are held). `counts` fills in as documents are produced. A document
 * found damaged on the way is set aside and reported by the store, and left out.
 */
export async function* exportChunks(store: LibraryStore, options: ExportOptions, counts: ExportCounts = { documents: 0, spans: 0 }): AsyncGenerator<string> {
  const resolved = exportOptionsSchema.parse(options);
  const included = documentFilter(resolved);
  const recordOptions = { offsetUnit: effectiveOffsetUnit(resolved), ...(resolved.labels ? { labels: resolved.labels } : {}) };
  const writer = exportWriter(resolved.format, { csvBom: resolved.csvBom });
  const ids = store.listDocuments().filter(included).map((summary) => summary.id);
  let piece = writer.begin();
  for (let first = 0; first < ids.length; first += READ_BATCH) {
    for (const document of await store.readDocuments(ids.slice(first, first + READ_BATCH))) {
      if (!document) continue;
      const record = toExportRecord(document, recordOptions);
      counts.documents++;
      counts.spans += record.spans.length;
      piece += writer.document(record);
    }
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  piece += writer.end();
  if (piece) yield piece;
}

/**
 * Writes the export to `filePath`, streamed: to a temporary file beside it first, flushed
 * (fsync) and renamed at the end, so a failed export never leaves half a file under the final
 * name.
 */
export async function exportToFile(store: LibraryStore, options: ExportOptions, filePath: string): Promise<ExportOutcome> {
  const target = path.resolve(filePath);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.export.tmp`);
  const counts: ExportCounts = { documents: 0, spans: 0 };
  const handle = await fs.open(temporary, 'w', 0o644);
  try {
    // One write in flight while the next piece is made: the disk works while we format.
    let writing: Promise<unknown> = Promise.resolve();
    for await (const piece of exportChunks(store, options, counts)) {
      await writing;
      writing = handle.write(piece);
      // Its failure is taken at the next await; until then it is not unhandled.
      writing.catch(() => undefined);
    }
    await writing;
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
