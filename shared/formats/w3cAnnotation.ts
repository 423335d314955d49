import type { ExportRecord, ExportSpan } from '../exportRecord';
import { createOffsetConverter } from '../offsets';

/**
 * W3C Web Annotation Data Model (JSON-LD): one annotation per span. Its target is the article,
 * selected by a TextPositionSelector (code points, as the model requires) and a
 * TextQuoteSelector (the exact text with up to 32 characters of context each side, so the span
 * can be re-anchored if offsets drift). Bodies: the label (purpose "tagging"), the speaker
 * ("identifying"), the note ("commenting"), and each relation to another span's annotation
 * ("linking"), its relation type in `label` (rdfs:label in the annotation context).
 */

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const QUOTE_CONTEXT = 32;

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'identifying' | 'commenting';
  value: string;
}

export interface LinkBody {
  type: 'SpecificResource';
  purpose: 'linking';
  /** The linked span's annotation. */
  source: string;
  /** The relation type ("attributed_to", …). */
  label: string;
}

export interface WebAnnotation {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'tagging';
  creator?: { type: 'Person'; name: string };
  body: (TextualBody | LinkBody)[];
  target: {
    source: string;
    selector: [{ type: 'TextPositionSelector'; start: number; end: number }, { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }];
  };
}

/** An IRI for a Newsmark document or span: a URN, since the article has no address of its own. */
function newsmarkUrn(documentId: string, spanId?: string): string {
  return `urn:newsmark:${encodeURIComponent(documentId)}${spanId === undefined ? '' : `:${encodeURIComponent(spanId)}`}`;
}

/** The article's IRI: its http(s) URL when the import recorded one, else a Newsmark URN. */
function documentIri(record: ExportRecord): string {
  const url = record.meta.url;
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : newsmarkUrn(record.id);
}

/**
 * The annotations of one exported document. Expects `record` with code point offsets (what
 * the W3C model counts); throws RangeError otherwise.
 */
export function webAnnotationsFrom(record: ExportRecord): WebAnnotation[] {
  if (record.offset_unit !== 'codepoint') throw new RangeError('W3C annotations count code points; export the record with offsetUnit "codepoint"');
  const converter = createOffsetConverter(record.text);
  const links = new Map<string, { childId: string; type: string }[]>();
  for (const relation of record.relations) links.set(relation.head_id, [...(links.get(relation.head_id) ?? []), { childId: relation.child_id, type: relation.label }]);
  const source = documentIri(record);
  const quote = (span: ExportSpan) => {
    const start = converter.toUtf16(span.start);
    const end = converter.toUtf16(span.end);
    const before = Array.from(record.text.slice(Math.max(0, start - QUOTE_CONTEXT * 2), start));
    const after = Array.from(record.text.slice(end, end + QUOTE_CONTEXT * 2));
    return { exact: span.text, prefix: before.slice(-QUOTE_CONTEXT).join(''), suffix: after.slice(0, QUOTE_CONTEXT).join('') };
  };
  return record.spans.map((span) => ({
    '@context': ANNOTATION_CONTEXT,
    id: newsmarkUrn(record.id, span.id),
    type: 'Annotation',
    motivation: 'tagging',
    ...(span.annotator ? { creator: { type: 'Person' as const, name: span.annotator } } : {}),
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: span.label },
      ...(span.speaker !== undefined ? [{ type: 'TextualBody' as const, purpose: 'identifying' as const, value: span.speaker }] : []),
      ...(span.note !== undefined ? [{ type: 'TextualBody' as const, purpose: 'commenting' as const, value: span.note }] : []),
      ...(links.get(span.id) ?? []).map(({ childId, type }) => ({ type: 'SpecificResource' as const, purpose: 'linking' as const, source: newsmarkUrn(record.id, childId), label: type })),
    ],
    target: {
      source,
      selector: [
        { type: 'TextPositionSelector', start: span.start, end: span.end },
        { type: 'TextQuoteSelector', ...quote(span) },
      ],
    },
  }));
}
