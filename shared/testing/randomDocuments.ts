import fc from 'fast-check';
import type { NewsDocument, Relation, Span } from '../model';
import { compareSpans } from '../spans';

/**
 * Random labelled documents for property tests of the export formats: prose with emoji (pairs,
 * ZWJ sequences, flags), combining marks, right-to-left scripts, quotes, commas, CR/LF and
 * cells a spreadsheet would run as formulas; spans on code point boundaries (never splitting a
 * character), unique per range and label, overlapping and nested; speakers, notes and
 * links of two relation types (attributed_to and another) between them.
 */

const STAMP = '2026-03-01T10:00:00.000Z';
const LABELS = ['claim', 'quote', 'attribution', 'ORG'] as const;
export const RANDOM_RELATION_TYPES = ['attributed_to', 'founded_by'] as const;

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('The minister', ' said', ' ', '.', ',', '\n', '\r\n', '"', '“We are ready.”', '=SUM(A1)', '-3', '@home', '+1', '\t') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '👍🏽', '👨‍👩‍👧', '🇺🇦', '𝕏', 'e\u0301', 'עברית', 'مرحبا', '中文', 'Café') },
);

const optionalText = fc.option(fc.oneof(fc.constantFrom('Jen Psaki', '=cmd', 'a "quoted", note', 'line\nbreak', '😀'), fc.string({ maxLength: 6 })), { nil: undefined });

export const documentArbitrary: fc.Arbitrary<NewsDocument> = fc
  .record({
    id: fc.constantFrom('doc-1', 'news_2.en', 'A'),
    text: fc.array(piece, { minLength: 1, maxLength: 14 }).map((pieces) => pieces.join('')),
    title: fc.constantFrom('Title', 'Psaki: “ready”', '=HYPERLINK("x")'),
    status: fc.constantFrom('todo' as const, 'in_progress' as const, 'done' as const, 'skipped' as const),
    spans: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), label: fc.constantFrom(...LABELS), speaker: optionalText, note: optionalText }), { maxLength: 7 }),
    relations: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...RANDOM_RELATION_TYPES)), { maxLength: 4 }),
  })
  .map(({ id, text, title, status, spans: raw, relations: rawRelations }): NewsDocument => {
    const boundaries = [0];
    for (const character of text) boundaries.push(boundaries[boundaries.length - 1]! + character.length);
    const spans: Span[] = raw
      .map(({ a, b, label, speaker, note }, index) => {
        const first = boundaries[a % boundaries.length]!;
        const second = boundaries[b % boundaries.length]!;
        return {
          id: `s${index + 1}`,
          start: Math.min(first, second),
          end: Math.max(first, second),
          label,
          ...(speaker !== undefined ? { speaker } : {}),
          ...(note !== undefined ? { note } : {}),
          createdAt: STAMP,
          updatedAt: STAMP,
          annotator: 'ana',
        };
      })
      .filter((span, index, all) => span.start < span.end && all.findIndex((other) => other.start === span.start && other.end === span.end && other.label === span.label) === index)
      .sort(compareSpans);
    const relations: Relation[] = (spans.length === 0 ? [] : rawRelations.map(([head, child, type], index) => ({ id: `r${index + 1}`, label: type, headId: spans[head % spans.length]!.id, childId: spans[child % spans.length]!.id })))
      .filter((relation, index, all) => all.findIndex((other) => other.headId === relation.headId && other.childId === relation.childId && other.label === relation.label) === index);
    return { id, text, meta: { title, source: `${id}.txt` }, status, spans, relations, createdAt: STAMP, updatedAt: STAMP, annotator: 'ana', revision: 1 };
  });
