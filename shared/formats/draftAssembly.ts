import { DEFAULT_RELATION_TYPE, metaSchema, relationTypeNameSchema, type DocumentMeta, type DocumentStatus } from '../model';
import type { ImportProblem } from '../importProblem';
import type { DocumentDraft } from '../jsonlImport';
import { createOffsetConverter, type OffsetUnit } from '../offsets';
import { describeSchemaError } from '../schemaError';
import { rangeProblem } from '../spans';
import { titleFromText } from '../title';
import { MAX_ARTICLE_CHARS } from './importLimits';


/** Where a record came from, for problem reports. */
export interface RecordPlace {
  file: string;
  /** 1-based line the record starts on; absent for a whole file (an HTML page). */
  line?: number;
  /** How to name the record in a report when a line is not precise enough ("record 3"). */
  label?: string;
  /** The document title when the record gives none and its text has no usable first line. */
  fallbackTitle: string;
}

/** A span as a source format gives it: offsets in the format's own unit. */
export interface SourceSpan {
  /** The source's id for the span (kept when free); null when it has none. */
  id: string | null;
  /** What the source's relations call this span; `id` when absent. */
  ref?: string;
  start: number;
  end: number;
  label: string;
  /** The text the source says the span covers, checked against the slice when given. */
  text?: string;
  speaker?: string;
  note?: string;
  annotator?: string;
  /** How to name this span in a report ("spans.3", "entities.0"). */
  where: string;
}

/** A relation as a source format gives it: its ends named by the source's span ids. */
export interface SourceRelation {
  id: string | null;
  /** The source's relation type ("attributed_to", "foundedBy", …). */
  label: string | undefined;
  headId: string;
  childId: string;
  where: string;
}

export interface SourceDocument {
  id: string | null;
  text: string;
  /** The source's metadata; nested values are kept as JSON text. */
  meta: Record<string, unknown>;
  status?: DocumentStatus;
  annotator?: string;
  /** What the spans' offsets count. */
  unit: OffsetUnit;
  spans: SourceSpan[];
  relations: SourceRelation[];
}

/**
 * The relation type a draft keeps for a source relation's type: the type as the source wrote it
 * (trimmed), "attributed_to" when the source gives none; null when it cannot name a relation
 * type (empty, or too long). Which types the library takes is the import's mapping step's call.
 */
function relationTypeFor(sourceLabel: string | undefined): string | null {
  if (sourceLabel === undefined) return DEFAULT_RELATION_TYPE;
  const trimmed = sourceLabel.trim();
  return relationTypeNameSchema.safeParse(trimmed).success ? trimmed : null;
}

function describePlace(place: RecordPlace): Pick<ImportProblem, 'file' | 'line'> {
  return { file: place.file, ...(place.line !== undefined ? { line: place.line } : {}) };
}

/** Reports a problem about one record, prefixed with the record's name when it has one. */
export function reportAt(problems: ImportProblem[], place: RecordPlace, message: string, severity?: 'note'): void {
  problems.push({ ...describePlace(place), message: place.label ? `${place.label}: ${message}` : message, ...(severity ? { severity } : {}) });
}

function metaFromSource(raw: Record<string, unknown>, fallbackTitle: string): ReturnType<typeof metaSchema.safeParse> {
  const meta: DocumentMeta = { title: fallbackTitle };
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // Nested values are kept as JSON text, so nothing the source said is dropped.
    meta[key] = value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as string) : JSON.stringify(value);
  }
  if (typeof meta.title !== 'string' || meta.title.trim() === '') meta.title = fallbackTitle;
  // Safe: a title too long for the model is the record's fault, reported with its line.
  return metaSchema.safeParse(meta);
}

function spanKey(span: { start: number; end: number; label: string }): string {
  return `${span.start}:${span.end}:${span.label}`;
}

/**
 * Turns a source document into a draft: offsets converted from the source's unit to UTF-16,
 * each span checked against the text (inside it, not splitting a character, its given text
 * equal to the slice). A bad span is reported and left out, never stored wrong; a span equal
 * to an earlier one (same range and label) is merged into it and reported; a relation whose
 * ends are missing is reported and left out; every relation keeps its type (the import's
 * mapping step decides which types the library takes).
 * Returns null, with the reason reported, when the record as a whole cannot be a document.
 */
export function assembleDraft(source: SourceDocument, place: RecordPlace, problems: ImportProblem[]): DocumentDraft | null {
  const report = (message: string, severity?: 'note') => reportAt(problems, place, message, severity);
  if (source.text.length > MAX_ARTICLE_CHARS) {
    report(`the text is ${source.text.length.toLocaleString('en')} characters; the longest article Newsmark imports is ${MAX_ARTICLE_CHARS.toLocaleString('en')}`);
    return null;
  }
  const meta = metaFromSource(source.meta, titleFromText(source.text, place.fallbackTitle));
  if (!meta.success) {
    report(`meta.${describeSchemaError(meta.error)}`);
    return null;
  }
  const text = source.text;
  const converter = createOffsetConverter(text);
  const spans: DocumentDraft['spans'] = [];
  const indexBySourceId = new Map<string, number>();
  const indexByKey = new Map<string, number>();
  for (const raw of source.spans) {
    const reportSpan = (message: string, severity?: 'note') => report(`${raw.where} (${raw.start}–${raw.end} ${raw.label}): ${message}`, severity);
    let start: number;
    let end: number;
    try {
      start = source.unit === 'codepoint' ? converter.toUtf16(raw.start) : raw.start;
      end = source.unit === 'codepoint' ? converter.toUtf16(raw.end) : raw.end;
    } catch (error) {
      // A RangeError here is the record's fault: its offsets do not fit its text.
      reportSpan(error instanceof Error ? error.message : String(error));
      continue;
    }
    const problem = rangeProblem(text, start, end);
    if (problem) {
      reportSpan(problem);
      continue;
    }
    if (raw.text !== undefined && raw.text !== text.slice(start, end)) {
      reportSpan(`its text ${JSON.stringify(raw.text)} differs from the text at those offsets ${JSON.stringify(text.slice(start, end))}`);
      continue;
    }
    const key = spanKey({ start, end, label: raw.label });
    const ref = raw.ref ?? raw.id;
    const earlier = indexByKey.get(key);
    if (earlier !== undefined) {
      // Spans of the same label over the same range are one span (PRODUCT.md).
      reportSpan('the same range and label as an earlier span; merged into it', 'note');
      if (ref !== null) indexBySourceId.set(ref, earlier);
      continue;
    }
    indexByKey.set(key, spans.length);
    if (ref !== null) indexBySourceId.set(ref, spans.length);
    spans.push({
      id: raw.id,
      start,
      end,
      label: raw.label,
      ...(raw.speaker !== undefined ? { speaker: raw.speaker } : {}),
      ...(raw.note !== undefined ? { note: raw.note } : {}),
      ...(raw.annotator !== undefined ? { annotator: raw.annotator } : {}),
    });
  }
  const relations: DocumentDraft['relations'] = [];
  const relationKeys = new Set<string>();
  for (const raw of source.relations) {
    const head = indexBySourceId.get(raw.headId);
    const child = indexBySourceId.get(raw.childId);
    if (head === undefined || child === undefined) {
      report(`${raw.where}: span "${head === undefined ? raw.headId : raw.childId}" is not among the imported spans`);
      continue;
    }
    const label = relationTypeFor(raw.label);
    if (label === null) {
      report(`${raw.where}: ${JSON.stringify(raw.label)} cannot be a relation type (1–64 characters, not starting with white space); left out`);
      continue;
    }
    const key = `${head}:${child}:${label}`;
    if (relationKeys.has(key)) {
      report(`${raw.where}: the same link (and type) as an earlier relation; merged into it`, 'note');
      continue;
    }
    relationKeys.add(key);
    relations.push({ id: raw.id, label, head, child });
  }
  return {
    id: source.id,
    text,
    meta: meta.data,
    status: source.status ?? (spans.length > 0 ? 'in_progress' : 'todo'),
    ...(source.annotator !== undefined ? { annotator: source.annotator } : {}),
    spans,
    relations,
  };
}
