import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportOptionsSchema, toExportRecord } from '../exportRecord';
import { documentArbitrary } from '../testing/randomDocuments';
import { pythonSlice } from '../testing/codePoints';
import { realWorldAvailable } from '../testing/realWorld';
import { annotationMustCount, loadAnnotationMusts, w3cSamples } from '../testing/w3cMusts';
import { exportWriter } from './exportWriter';
import { webAnnotationsFrom, type WebAnnotation } from './w3cAnnotation';

const CODE_POINTS = exportOptionsSchema.parse({ format: 'w3c' });

describe('W3C annotations: selectors that re-anchor in Python', () => {
  test('TextPositionSelector slices the exact text by code points; TextQuoteSelector’s context surrounds it', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const record = toExportRecord(document, CODE_POINTS);
        const annotations = webAnnotationsFrom(record);
        expect(annotations).toHaveLength(document.spans.length);
        for (const annotation of annotations) {
          const [position, quote] = annotation.target.selector;
          expect(pythonSlice(record.text, position.start, position.end)).toBe(quote.exact);
          expect(pythonSlice(record.text, Math.max(0, position.start - Array.from(quote.prefix).length), position.start)).toBe(quote.prefix);
          expect(pythonSlice(record.text, position.end, position.end + Array.from(quote.suffix).length)).toBe(quote.suffix);
          expect(Array.from(quote.prefix).length).toBeLessThanOrEqual(32);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('label, speaker, note and links (each with its relation type) become bodies with their purposes', () => {
    const record = {
      id: 'doc',
      text: 'Psaki said “yes” 😀.',
      meta: { title: 'T', url: 'https://example.com/story' },
      status: 'done' as const,
      annotator: 'ana',
      updated_at: '2026-01-01T00:00:00.000Z',
      offset_unit: 'codepoint' as const,
      spans: [
        { id: 'a', start: 0, end: 5, label: 'attribution', text: 'Psaki', speaker: 'Jen Psaki', annotator: 'ana' },
        { id: 'q', start: 11, end: 16, label: 'quote', text: '“yes”', note: 'short', annotator: 'ana' },
      ],
      relations: [
        { id: 'r', label: 'attributed_to', head_id: 'q', child_id: 'a', head_span: { start: 11, end: 16, label: 'quote' }, child_span: { start: 0, end: 5, label: 'attribution' } },
        { id: 'r2', label: 'paraphrases', head_id: 'q', child_id: 'a', head_span: { start: 11, end: 16, label: 'quote' }, child_span: { start: 0, end: 5, label: 'attribution' } },
      ],
    };
    const [attribution, quote] = webAnnotationsFrom(record) as [WebAnnotation, WebAnnotation];
    expect(attribution.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'attribution' },
      { type: 'TextualBody', purpose: 'identifying', value: 'Jen Psaki' },
    ]);
    expect(quote.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'quote' },
      { type: 'TextualBody', purpose: 'commenting', value: 'short' },
      { type: 'SpecificResource', purpose: 'linking', source: 'urn:newsmark:doc:a', label: 'attributed_to' },
      { type: 'SpecificResource', purpose: 'linking', source: 'urn:newsmark:doc:a', label: 'paraphrases' },
    ]);
    expect(quote.target.source).toBe('https://example.com/story');
    expect(quote.target.selector[1]).toEqual({ type: 'TextQuoteSelector', exact: '“yes”', prefix: 'Psaki said ', suffix: ' 😀.' });
  });

  test('a record in UTF-16 offsets is refused (the model counts code points)', () => {
    expect(() => webAnnotationsFrom({ ...toExportRecord({ id: 'd', text: 'x', meta: { title: 't' }, status: 'todo', spans: [], relations: [], createdAt: '', updatedAt: '', annotator: '', revision: 0 }, { offsetUnit: 'utf16' }) })).toThrow(RangeError);
  });
});

describe.skipIf(!realWorldAvailable())('the W3C Working Group’s MUST assertions (../shared/real-world/w3c-annotation-tests)', () => {
  // Loaded before the tests, not while they are collected: a skipped suite's body still runs,
  // and without the real-world folder there is nothing to load.
  let musts: ReturnType<typeof loadAnnotationMusts>;
  beforeAll(() => {
    musts = loadAnnotationMusts();
  });

  test('the harness judges the Working Group’s samples as the W3C does', () => {
    expect(annotationMustCount()).toBe(54);
    // anno11-13 use Composite/List/Independents, dropped from the final Recommendation; the
    // collection and example41-43 are collections, not annotations (SOURCES.md).
    const notSingleAnnotations = new Set(['anno11.json', 'anno12.json', 'anno13.json', 'collection1.json', 'example41.json', 'example42.json', 'example43.json']);
    const correct = [...w3cSamples('correct')].filter(([name]) => !notSingleAnnotations.has(name));
    expect(correct.length).toBeGreaterThanOrEqual(30);
    for (const [name, annotation] of correct) expect([name, musts(annotation)]).toEqual([name, []]);
    const incorrect = [...w3cSamples('incorrect')];
    expect(incorrect.length).toBeGreaterThanOrEqual(30);
    for (const [name, annotation] of incorrect) expect([name, annotation === null || musts(annotation).length > 0]).toEqual([name, true]);
  });

  test('every annotation we export passes all 54 MUST assertions', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        for (const annotation of webAnnotationsFrom(toExportRecord(document, CODE_POINTS))) expect(musts(annotation)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  test('the whole W3C export is one AnnotationCollection whose items each pass', () => {
    const writer = exportWriter('w3c', { exportedAt: '2026-01-01T00:00:00.000Z' });
    const documents = fc.sample(documentArbitrary, { numRuns: 20, seed: 7 });
    const text = writer.begin() + documents.map((document) => writer.document(toExportRecord(document, CODE_POINTS))).join('') + writer.end();
    const collection = JSON.parse(text);
    expect(collection).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(collection.first.items).toHaveLength(documents.reduce((total, document) => total + document.spans.length, 0));
    for (const item of collection.first.items) expect(musts(item)).toEqual([]);
  });
});
