import type { ExportFormat } from '../exportRecord';

/** The file extension and MIME type of each format, for downloads and save dialogs. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; mime: string; name: string }> = {
  jsonl: { extension: 'jsonl', mime: 'application/x-ndjson', name: 'Newsmark JSONL' },
  prodigy: { extension: 'jsonl', mime: 'application/x-ndjson', name: 'Prodigy JSONL' },
  doccano: { extension: 'jsonl', mime: 'application/x-ndjson', name: 'doccano JSONL (entities and relations)' },
  'doccano-label': { extension: 'jsonl', mime: 'application/x-ndjson', name: 'doccano JSONL (label)' },
  'label-studio': { extension: 'json', mime: 'application/json', name: 'Label Studio JSON' },
  w3c: { extension: 'jsonld', mime: 'application/ld+json', name: 'W3C Web Annotation (JSON-LD)' },
  csv: { extension: 'csv', mime: 'text/csv', name: 'CSV (one row per span)' },
};

/** The name an export is offered under: "newsmark-export-2026-11-23.jsonl". */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `newsmark-export-${now.toISOString().slice(0, 10)}.${EXPORT_FILE_TYPES[format].extension}`;
}
