import type { DocumentDraft } from './jsonlImport';
import type { Span } from './model';

/**
 * A draft's span as the library stores it, under `id`, stamped with the time of the import and
 * the annotator it is credited to. Offsets are kept as the draft gives them (UTF-16, checked).
 */
export function spanOfDraft(span: DocumentDraft['spans'][number], id: string, now: string, annotator: string): Span {
  return {
    id,
    start: span.start,
    end: span.end,
    label: span.label,
    ...(span.note !== undefined ? { note: span.note } : {}),
    ...(span.speaker !== undefined ? { speaker: span.speaker } : {}),
    createdAt: now,
    updatedAt: now,
    annotator,
  };
}
