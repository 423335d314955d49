import { describe, expect, test } from 'vitest';
import type { AnnotatedVersion } from '../agreement/compareDocuments';
import { toExportRecord } from '../exportRecord';
import type { NewsDocument } from '../model';
import { applyOperation, type DocumentOperation } from '../operations';
import { reviewDisagreements, resolveDisagreement } from './reviewMerge';

const TEXT = 'Biden will meet Putin, Psaki said. Talks resume Monday.';
const LABELS = ['attribution', 'claim', 'quote'];
const CONTEXT = { annotator: 'ann', now: '2026-02-01T00:00:00.000Z', labels: LABELS };

function document(): NewsDocument {
  const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', annotator: 'ann' };
  return {
    id: 'doc',
    text: TEXT,
    meta: { title: 'doc' },
    status: 'in_progress',
    spans: [
      { id: 'q', start: 0, end: 21, label: 'quote', ...stamp },
      { id: 'a', start: 23, end: 33, label: 'attribution', speaker: 'Psaki', ...stamp },
    ],
    relations: [],
    createdAt: stamp.createdAt,
    updatedAt: stamp.updatedAt,
    annotator: 'ann',
    revision: 3,
  };
}

// Bob: the quote one character shorter, the same attribution with its full name, a claim Ann has not, and the link.
const BOB: AnnotatedVersion = {
  spans: [
    { id: 'bq', start: 0, end: 20, label: 'quote', annotator: 'bob' },
    { id: 'ba', start: 23, end: 33, label: 'attribution', speaker: 'Jen Psaki', annotator: 'bob' },
    { id: 'bc', start: 35, end: 55, label: 'claim', annotator: 'bob' },
  ],
  relations: [{ id: 'br', label: 'attributed_to', headId: 'bq', childId: 'ba' }],
};

function apply(start: NewsDocument, operations: DocumentOperation[]): NewsDocument {
  return operations.reduce((current, operation) => {
    const result = applyOperation(current, operation, CONTEXT);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }, start);
}

let counter = 0;
const newId = () => `m${++counter}`;

describe('review merge', () => {
  test('lists each disagreement with both versions', () => {
    expect(reviewDisagreements(document(), BOB, LABELS).map((each) => `${each.kind} ${each.a?.text ?? '-'} / ${each.b?.text ?? '-'}`)).toEqual([
      'boundary Biden will meet Putin / Biden will meet Puti',
      'speaker Psaki said / Psaki said',
      'only_b - / Talks resume Monday.',
      'relation_only_b - / -',
    ]);
  });

  test('taking B’s claim and editing the speaker give a merged article whose export names both annotators', () => {
    let merged = document();
    const disagreements = reviewDisagreements(merged, BOB, LABELS);
    const find = (kind: string) => disagreements.find((each) => each.kind === kind)!;
    merged = apply(merged, resolveDisagreement(merged, find('only_b'), { kind: 'take_b' }, newId));
    merged = apply(merged, resolveDisagreement(merged, find('speaker'), { kind: 'edit', start: 23, end: 33, label: 'attribution', speaker: 'Jen Psaki' }, newId));
    merged = apply(merged, resolveDisagreement(merged, find('boundary'), { kind: 'take_a' }, newId));
    const exported = toExportRecord(merged, { offsetUnit: 'codepoint' });
    expect(exported.spans.map((span) => `${span.label} "${span.text}" ${span.annotator}${span.speaker ? ` ${span.speaker}` : ''}`)).toEqual([
      'quote "Biden will meet Putin" ann',
      'attribution "Psaki said" ann Jen Psaki',
      'claim "Talks resume Monday." bob',
    ]);
    // What is left to settle: the boundary was kept as Ann's; the link is still only Bob's.
    expect(reviewDisagreements(merged, BOB, LABELS).map((each) => each.kind)).toEqual(['boundary', 'relation_only_b']);
  });

  test('taking B’s link after B’s quote links B’s quote to the attribution both share', () => {
    let merged = document();
    const boundary = reviewDisagreements(merged, BOB, LABELS).find((each) => each.kind === 'boundary')!;
    merged = apply(merged, resolveDisagreement(merged, boundary, { kind: 'take_b' }, newId));
    const link = reviewDisagreements(merged, BOB, LABELS).find((each) => each.kind === 'relation_only_b')!;
    const operations = resolveDisagreement(merged, link, { kind: 'take_b' }, newId);
    expect(operations.map((operation) => operation.type)).toEqual(['linkSpans']);
    merged = apply(merged, operations);
    const exported = toExportRecord(merged, { offsetUnit: 'utf16' });
    expect(exported.relations.map((relation) => `${relation.head_span.start}-${relation.head_span.end} → ${relation.child_span.start}-${relation.child_span.end}`)).toEqual(['0-20 → 23-33']);
    expect(exported.spans.find((span) => span.label === 'quote')!.annotator).toBe('bob');
  });

  test('a link cannot be edited', () => {
    const link = reviewDisagreements(document(), BOB, LABELS).find((each) => each.kind === 'relation_only_b')!;
    expect(() => resolveDisagreement(document(), link, { kind: 'edit', start: 0, end: 1, label: 'quote' }, newId)).toThrow(RangeError);
  });
});
