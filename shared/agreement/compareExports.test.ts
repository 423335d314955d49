import { describe, expect, test } from 'vitest';
import type { ExportRecord } from '../exportRecord';
import { compareExports } from './compareExports';

// "😀 " is two UTF-16 code units but one code point: code point offsets are one less after it.
const TEXT = '😀 “We will win,” she said.';

function record(id: string, annotator: string, spans: ExportRecord['spans'], relations: ExportRecord['relations'] = [], text = TEXT): ExportRecord {
  return { id, text, meta: { title: id }, status: 'done', annotator, updated_at: '2026-01-01T00:00:00.000Z', offset_unit: 'codepoint', spans, relations };
}

// Code points: 😀 0, space 1, “ 2, We 3-5, … win 11-14, ',' 14, ” 15, she 17-20, said 21-25.
const quote = (id: string, annotator: string, start = 3, end = 14) => ({ id, start, end, label: 'quote', text: [...TEXT].slice(start, end).join(''), annotator });
const attribution = (id: string, annotator: string) => ({ id, start: 17, end: 25, label: 'attribution', text: 'she said', speaker: 'Jen Psaki', annotator });
const link = (head: string, child: string) => ({ id: `${head}-${child}`, label: 'attributed_to', head_id: head, child_id: child, head_span: { start: 3, end: 14, label: 'quote' }, child_span: { start: 17, end: 25, label: 'attribution' } });

describe('compareExports', () => {
  test('pairs articles by text whatever their ids, converts code points, and pools the figures', () => {
    const a = [record('ann-1', 'ann', [quote('q', 'ann'), attribution('a', 'ann')], [link('q', 'a')]), record('only-a', 'ann', [], [], 'Another text.')];
    const b = [record('bob-7', 'bob', [quote('q', 'bob', 3, 13), attribution('a', 'bob')], [link('q', 'a')])];
    const report = compareExports(a, b);
    expect(report.documents).toEqual({ compared: 1, only_a: ['only-a'], only_b: [] });
    expect(report.annotators).toEqual({ a: ['ann'], b: ['bob'] });
    // Quote: A "We will win" vs B "We will wi" — not exact, overlapping.
    expect(report.labels.quote!.exact).toMatchObject({ matched: 0, f1: 0 });
    expect(report.labels.quote!.overlap).toMatchObject({ matched: 1, f1: 1 });
    expect(report.labels.attribution!.exact).toMatchObject({ matched: 1, f1: 1 });
    // The link's head differs in range, so the links do not match.
    expect(report.relations).toMatchObject({ a: 1, b: 1, matched: 0 });
    const boundary = report.disagreements.find((each) => each.kind === 'boundary')!;
    // Report offsets are UTF-16: one more than the code points after the emoji.
    expect([boundary.a!.start, boundary.a!.end, boundary.a!.text, boundary.b!.text]).toEqual([4, 15, 'We will win', 'We will wi']);
    expect(boundary.document_id).toBe('ann-1');
    expect(boundary.document_id_b).toBe('bob-7');
  });

  test('an export compared with itself agrees fully', () => {
    const a = [record('d', 'ann', [quote('q', 'ann'), attribution('a', 'ann')], [link('q', 'a')])];
    const report = compareExports(a, a);
    expect(report.all.exact.f1).toBe(1);
    expect(report.all.kappa).toBe(1);
    expect(report.relations.f1).toBe(1);
    expect(report.disagreements).toEqual([]);
  });
});
