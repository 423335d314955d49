import type { ExportFormat, ExportRecord } from '../exportRecord';
import { csvHeader, csvRowsFrom } from './csvRows';
import { doccanoEntitiesFrom, doccanoLabelsFrom } from './doccano';
import { labelStudioTaskFrom } from './labelStudio';
import { prodigyTaskFrom } from './prodigy';
import { ANNOTATION_CONTEXT, webAnnotationsFrom } from './w3cAnnotation';

/**
 * Writes an export as a stream of text pieces: `begin()`, then `document()` for each document
 * in order, then `end()`. Each piece is small, so an export of any size is written with flat
 * memory.
 */
export interface ExportWriter {
  begin(): string;
  document(record: ExportRecord): string;
  end(): string;
}

function jsonLines(toValue: (record: ExportRecord) => unknown): ExportWriter {
  return { begin: () => '', document: (record) => `${JSON.stringify(toValue(record))}\n`, end: () => '' };
}

/** A JSON document `opening [items…] closing`, items joined by commas across documents. */
function jsonList(opening: string, items: (record: ExportRecord) => unknown[], closing: string): ExportWriter {
  let first = true;
  return {
    begin: () => opening,
    document(record) {
      return items(record)
        .map((item) => {
          const separator = first ? '\n' : ',\n';
          first = false;
          return `${separator}${JSON.stringify(item)}`;
        })
        .join('');
    },
    end: () => `\n${closing}`,
  };
}

/** The writer for one export format. The records it is given carry the format's offset unit. */
export function exportWriter(format: ExportFormat, { csvBom = false, exportedAt = new Date().toISOString() } = {}): ExportWriter {
  switch (format) {
    case 'jsonl':
      return jsonLines((record) => record);
    case 'prodigy':
      return jsonLines(prodigyTaskFrom);
    case 'doccano':
      return jsonLines(doccanoEntitiesFrom);
    case 'doccano-label':
      return jsonLines(doccanoLabelsFrom);
    case 'label-studio':
      return jsonList('[', (record) => [labelStudioTaskFrom(record)], ']\n');
    case 'w3c': {
      // An AnnotationCollection with every annotation on its one embedded page.
      const collection = `urn:newsmark:export:${exportedAt}`;
      const opening = `{"@context": ${JSON.stringify(ANNOTATION_CONTEXT)}, "id": ${JSON.stringify(collection)}, "type": "AnnotationCollection", "label": "Newsmark export", "first": {"id": ${JSON.stringify(`${collection}:page1`)}, "type": "AnnotationPage", "startIndex": 0, "items": [`;
      return jsonList(opening, webAnnotationsFrom, ']}}\n');
    }
    case 'csv':
      return { begin: () => `${csvBom ? '\ufeff' : ''}${csvHeader()}`, document: csvRowsFrom, end: () => '' };
  }
}
