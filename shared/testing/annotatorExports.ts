// One annotator's Newsmark export line of a short article (code point offsets: "😀 " shifts UTF-16 by one):
// "We will win" 3–14 (a quote, its end as given) and "she said" 17–25 (its attribution, speaker Jen Psaki), linked.
export const ANNOTATED_TEXT = '😀 “We will win,” she said.';

/** The JSONL line of article `id` as `annotator` exported it, the quote ending at code point `quoteEnd`; `padding` makes it long. */
export function annotatorExportLine({ id = 'win', annotator, quoteEnd, padding }: { id?: string; annotator: string; quoteEnd: number; padding?: string }): string {
  const slice = (start: number, end: number) => [...ANNOTATED_TEXT].slice(start, end).join('');
  return JSON.stringify({
    id,
    text: ANNOTATED_TEXT,
    meta: padding === undefined ? { title: 'Win' } : { title: 'Win', padding },
    status: 'done',
    annotator,
    updated_at: '2026-01-01T00:00:00.000Z',
    offset_unit: 'codepoint',
    spans: [
      { id: 'q', start: 3, end: quoteEnd, label: 'quote', text: slice(3, quoteEnd), annotator },
      { id: 'a', start: 17, end: 25, label: 'attribution', text: slice(17, 25), speaker: 'Jen Psaki', annotator },
    ],
    relations: [{ id: 'r', label: 'attributed_to', head_id: 'q', child_id: 'a', head_span: { start: 3, end: quoteEnd, label: 'quote' }, child_span: { start: 17, end: 25, label: 'attribution' } }],
  });
}
