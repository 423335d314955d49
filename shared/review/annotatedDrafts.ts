/**
 * Importing several annotators' exports of the same articles: one article per text, each
 * annotator's spans kept apart (a span is the same span only with the same label, range and
 * annotator), never duplicated. Offsets are UTF-16, as in drafts and documents.
 */
import type { DocumentDraft } from '../jsonlImport';
import type { NewsDocument, Relation, Span } from '../model';
import { compareSpans } from '../spans';
import { spanOfDraft } from '../draftSpan';

/** A draft whose spans say who made them (a Newsmark export, Label Studio's…): merged by text, not copied. */
export function isAnnotatedDraft(draft: DocumentDraft): boolean {
  return draft.spans.length > 0 && (draft.annotator !== undefined || draft.spans.some((span) => span.annotator !== undefined));
}

function spanKey(span: { label: string; start: number; end: number }, annotator: string): string {
  return `${span.label}\u0000${span.start}\u0000${span.end}\u0000${annotator}`;
}

function draftAnnotator(draft: DocumentDraft, span: DocumentDraft['spans'][number], fallback: string): string {
  return span.annotator ?? draft.annotator ?? fallback;
}

/** Drafts of one file with the same text and annotations become one draft (spans and links without repeats). */
export function combineSameText(drafts: readonly DocumentDraft[]): DocumentDraft[] {
  const combined: DocumentDraft[] = [];
  const byText = new Map<string, DocumentDraft>();
  for (const draft of drafts) {
    const first = isAnnotatedDraft(draft) ? byText.get(draft.text) : undefined;
    if (!first) {
      // A span without its own annotator takes its draft's, so that drafts merged into this one keep theirs apart.
      const copy = { ...draft, spans: draft.spans.map((span) => (span.annotator === undefined && draft.annotator !== undefined ? { ...span, annotator: draft.annotator } : span)), relations: [...draft.relations] };
      if (isAnnotatedDraft(draft)) byText.set(draft.text, copy);
      combined.push(copy);
      continue;
    }
    const indexOf = new Map(first.spans.map((span, index) => [spanKey(span, span.annotator ?? '\u0001'), index]));
    const mapped = draft.spans.map((span) => {
      const annotator = span.annotator ?? draft.annotator;
      const key = spanKey(span, annotator ?? '\u0001');
      const existing = indexOf.get(key);
      if (existing !== undefined) return existing;
      first.spans.push(annotator === undefined ? { ...span, id: null } : { ...span, id: null, annotator });
      indexOf.set(key, first.spans.length - 1);
      return first.spans.length - 1;
    });
    for (const relation of draft.relations) {
      const head = mapped[relation.head]!;
      const child = mapped[relation.child]!;
      if (!first.relations.some((each) => each.head === head && each.child === child && each.label === relation.label)) first.relations.push({ id: null, label: relation.label, head, child });
    }
  }
  return combined;
}

function freshId(base: string, taken: Set<string>): string {
  let id = base;
  for (let suffix = 2; taken.has(id); suffix++) id = `${base}-${suffix}`;
  taken.add(id);
  return id;
}

export interface DraftMerge {
  spans: Span[];
  relations: Relation[];
  /** Spans added, and spans of the draft the document already had. */
  added: number;
  present: number;
}

/**
 * The document's spans and relations with an annotated draft of the same text merged in. A
 * span without an annotator of its own takes the draft's, else `importer`. New ids never clash
 * with the document's.
 */
export function mergeDraftInto(document: Pick<NewsDocument, 'spans' | 'relations'>, draft: DocumentDraft, importer: string, now: string): DraftMerge {
  const spans = [...document.spans];
  const relations = [...document.relations];
  const byKey = new Map(spans.map((span) => [spanKey(span, span.annotator), span.id]));
  const spanIds = new Set(spans.map((span) => span.id));
  const relationIds = new Set(relations.map((relation) => relation.id));
  let added = 0;
  let present = 0;
  const ids = draft.spans.map((span, order) => {
    const annotator = draftAnnotator(draft, span, importer);
    const existing = byKey.get(spanKey(span, annotator));
    if (existing) {
      present++;
      return existing;
    }
    const id = freshId(span.id ?? `s${order + 1}`, spanIds);
    spans.push(spanOfDraft(span, id, now, annotator));
    byKey.set(spanKey(span, annotator), id);
    added++;
    return id;
  });
  for (const relation of draft.relations) {
    const headId = ids[relation.head]!;
    const childId = ids[relation.child]!;
    if (relations.some((each) => each.headId === headId && each.childId === childId && each.label === relation.label)) continue;
    relations.push({ id: freshId(relation.id ?? `r${relations.length + 1}`, relationIds), label: relation.label, headId, childId });
  }
  return { spans: spans.sort(compareSpans), relations, added, present };
}
