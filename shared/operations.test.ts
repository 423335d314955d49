import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DocumentStatus, NewsDocument, Relation, Span } from './model';
import { applyOperation, operationSchema, type DocumentOperation, type OperationContext } from './operations';
import { compareSpans, describeSpans, rangeProblem } from './spans';
import { operationArbitraries, PROPERTY_TEXT } from './testing/operationArbitraries';

const LABELS = ['claim', 'quote', 'attribution'] as const;
const CONTEXT: OperationContext = Object.freeze({ annotator: 'ana', now: '2024-03-01T10:00:00.000Z', labels: LABELS });
const EARLIER = '2024-01-01T00:00:00.000Z';
const TEXT = 'Biden 😀 said “we are ready”, Psaki told CNN.';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function span(id: string, start: number, end: number, label: string): Span {
  return { id, start, end, label, createdAt: EARLIER, updatedAt: EARLIER, annotator: 'bo' };
}

function relation(id: string, headId: string, childId: string): Relation {
  return { id, label: 'attributed_to', headId, childId };
}

/** A frozen document, so any change applyOperation made to its input would throw. */
function documentWith(spans: Span[] = [], relations: Relation[] = [], status: DocumentStatus = 'todo', text = TEXT): NewsDocument {
  return deepFreeze({
    id: 'doc-1',
    text,
    meta: { title: 'Biden' },
    status,
    spans: [...spans].sort(compareSpans),
    relations,
    createdAt: EARLIER,
    updatedAt: EARLIER,
    annotator: 'bo',
    revision: 7,
  });
}

function applied(document: NewsDocument, operation: DocumentOperation): NewsDocument {
  const result = applyOperation(document, operation, CONTEXT);
  if (!result.ok) throw new Error(`expected ${operation.type} to succeed: ${result.error.message}`);
  return result.value;
}

function create(id: string, start: number, end: number, label: string): DocumentOperation {
  return { type: 'createSpan', span: { id, start, end, label } };
}

/** "said" is 9–13 (the emoji before it is two units); the quote “we are ready” is 14–28. */
const QUOTED = documentWith(
  [span('q', 14, 28, 'quote'), span('a', 30, 35, 'attribution'), span('c', 0, 28, 'claim')],
  [relation('r1', 'q', 'a'), relation('r2', 'c', 'a')],
  'in_progress',
);

describe('applyOperation createSpan', () => {
  test('adds the span stamped with the annotator and time, and bumps the revision', () => {
    const after = applied(documentWith(), create('s1', 9, 13, 'claim'));
    expect(after.spans).toEqual([{ id: 's1', start: 9, end: 13, label: 'claim', createdAt: CONTEXT.now, updatedAt: CONTEXT.now, annotator: 'ana' }]);
    expect([after.revision, after.updatedAt, after.annotator]).toEqual([8, CONTEXT.now, 'ana']);
    expect(after.text.slice(9, 13)).toBe('said');
  });

  test('keeps spans in reading order', () => {
    const after = applied(QUOTED, create('s1', 14, 20, 'claim'));
    expect(describeSpans(after.spans)).toBe('0-28 claim | 14-28 quote | 14-20 claim | 30-35 attribution');
    expect(after.spans.map((each) => each.id)).toEqual(['c', 'q', 's1', 'a']);
  });

  test('the first span moves a "todo" document to "in_progress"', () => {
    expect(applied(documentWith(), create('s1', 0, 5, 'claim')).status).toBe('in_progress');
  });

  test('a new span leaves a "done" or "skipped" document as it was', () => {
    expect(applied(documentWith([], [], 'done'), create('s1', 0, 5, 'claim')).status).toBe('done');
    expect(applied(documentWith([], [], 'skipped'), create('s1', 0, 5, 'claim')).status).toBe('skipped');
  });

  test('a span with the same label and range as an existing one adds nothing and returns the same document', () => {
    const result = applyOperation(QUOTED, create('other-id', 14, 28, 'quote'), CONTEXT);
    expect(result).toEqual({ ok: true, value: QUOTED });
    expect(result.ok && result.value).toBe(QUOTED);
  });

  test('the same range with another label is a second span', () => {
    expect(describeSpans(applied(QUOTED, create('s1', 14, 28, 'claim')).spans)).toBe('0-28 claim | 14-28 claim | 14-28 quote | 30-35 attribution');
  });

  test('reusing an id for a different range or label is refused as invalid_span', () => {
    expect(applyOperation(QUOTED, create('q', 14, 20, 'quote'), CONTEXT)).toEqual({
      ok: false,
      error: { code: 'invalid_span', message: 'span id "q" is already used by another span' },
    });
    expect(applyOperation(QUOTED, create('q', 14, 28, 'claim'), CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_span' } });
  });

  test('an unknown label is refused as invalid_span', () => {
    expect(applyOperation(documentWith(), create('s1', 0, 5, 'opinion'), CONTEXT)).toEqual({
      ok: false,
      error: { code: 'invalid_span', message: 'label "opinion" is not in the label set' },
    });
  });

  const MISFITS = [
    { start: 7, end: 13, problem: 'start 7 splits a character in two' },
    { start: 0, end: 7, problem: 'end 7 splits a character in two' },
    { start: 5, end: 5, problem: 'span 5–5 is empty or reversed' },
    { start: 40, end: 99, problem: 'offsets 40–99 are outside the text (0–45)' },
  ];
  for (const { start, end, problem } of MISFITS) {
    test(`a range ${start}–${end} that does not fit the text is refused: ${problem}`, () => {
      expect(applyOperation(documentWith(), create('s1', start, end, 'claim'), CONTEXT)).toEqual({ ok: false, error: { code: 'invalid_span', message: problem } });
    });
  }
});

describe('applyOperation deleteSpan', () => {
  test('removes the span and every relation it is head or child of', () => {
    const after = applied(QUOTED, { type: 'deleteSpan', spanId: 'a' });
    expect(describeSpans(after.spans)).toBe('0-28 claim | 14-28 quote');
    expect(after.relations).toEqual([]);
    expect(after.revision).toBe(8);
  });

  test('removing a head keeps the relations of other spans', () => {
    const after = applied(QUOTED, { type: 'deleteSpan', spanId: 'q' });
    expect(after.relations.map((each) => each.id)).toEqual(['r2']);
  });

  test('deleting a span that is not there returns the same document', () => {
    const once = applied(QUOTED, { type: 'deleteSpan', spanId: 'q' });
    expect(applied(once, { type: 'deleteSpan', spanId: 'q' })).toBe(once);
  });
});

describe('applyOperation relabelSpan', () => {
  test('changes the label, stamps the span and keeps reading order', () => {
    const after = applied(QUOTED, { type: 'relabelSpan', spanId: 'a', label: 'claim' });
    expect(describeSpans(after.spans)).toBe('0-28 claim | 14-28 quote | 30-35 claim');
    expect(after.spans.find((each) => each.id === 'a')).toMatchObject({ label: 'claim', updatedAt: CONTEXT.now, annotator: 'ana', createdAt: EARLIER });
    expect(after.relations).toEqual(QUOTED.relations);
  });

  test('relabelling onto a span with the same range and new label merges them: the relabelled one goes, with its relations', () => {
    const document = documentWith(
      [span('q', 14, 28, 'quote'), span('c', 14, 28, 'claim'), span('a', 30, 35, 'attribution')],
      [relation('r1', 'q', 'a'), relation('r2', 'c', 'a')],
      'in_progress',
    );
    const after = applied(document, { type: 'relabelSpan', spanId: 'c', label: 'quote' });
    expect(describeSpans(after.spans)).toBe('14-28 quote | 30-35 attribution');
    expect(after.spans.map((each) => each.id)).toEqual(['q', 'a']);
    expect(after.relations.map((each) => each.id)).toEqual(['r1']);
  });

  test('relabelling to the label it already has returns the same document', () => {
    expect(applied(QUOTED, { type: 'relabelSpan', spanId: 'q', label: 'quote' })).toBe(QUOTED);
  });

  test('relabelling a span that is gone changes nothing (a retried merge); an unknown label is invalid_span', () => {
    expect(applied(QUOTED, { type: 'relabelSpan', spanId: 'zz', label: 'claim' })).toBe(QUOTED);
    expect(applyOperation(QUOTED, { type: 'relabelSpan', spanId: 'q', label: 'opinion' }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_span' } });
  });
});

describe('applyOperation setStatus', () => {
  test('sets the status and bumps the revision', () => {
    const after = applied(QUOTED, { type: 'setStatus', status: 'done' });
    expect([after.status, after.revision, after.updatedAt]).toEqual(['done', 8, CONTEXT.now]);
    expect(after.spans).toBe(QUOTED.spans);
  });

  test('setting the status it already has returns the same document', () => {
    expect(applied(QUOTED, { type: 'setStatus', status: 'in_progress' })).toBe(QUOTED);
  });
});

describe('operationSchema', () => {
  test('accepts each operation and refuses extra fields, unknown types and bad ids', () => {
    expect(operationSchema.safeParse(create('s1', 0, 5, 'claim')).success).toBe(true);
    expect(operationSchema.safeParse({ type: 'setStatus', status: 'done' }).success).toBe(true);
    expect(operationSchema.safeParse({ type: 'setStatus', status: 'done', extra: 1 }).success).toBe(false);
    expect(operationSchema.safeParse({ type: 'createSpan', span: { id: 's1', start: 0, end: 5, label: 'claim', createdAt: 'x' } }).success).toBe(false);
    expect(operationSchema.safeParse({ type: 'deleteSpan', spanId: '../etc/passwd' }).success).toBe(false);
    expect(operationSchema.safeParse({ type: 'renameDocument', title: 'x' }).success).toBe(false);
    expect(operationSchema.safeParse(create('s1', -1, 5, 'claim')).success).toBe(false);
  });
});

describe('applyOperation properties', () => {
  const { createOperation, operation } = operationArbitraries(LABELS);
  /** A document reached by a random history, with a relation between each pair of spans made in a row. */
  const history = fc.array(operation, { maxLength: 20 }).map((operations) => {
    let document = documentWith([], [], 'todo', PROPERTY_TEXT);
    for (const each of operations) {
      const result = applyOperation(document, each, CONTEXT);
      if (!result.ok) continue;
      const spans = result.value.spans;
      const relations = spans.length >= 2 && each.type === 'createSpan' ? [...result.value.relations, relation(`r${result.value.revision}`, spans[0]!.id, spans[spans.length - 1]!.id)] : result.value.relations;
      document = deepFreeze({ ...result.value, relations });
    }
    return document;
  });
  const numRuns = 300;

  test('applying the same createSpan twice equals applying it once', () => {
    fc.assert(
      fc.property(history, createOperation, (document, each) => {
        const once = applyOperation(document, each, CONTEXT);
        if (!once.ok) return;
        expect(applyOperation(once.value, each, CONTEXT)).toEqual(once);
        expect(applied(once.value, each)).toBe(once.value);
      }),
      { numRuns },
    );
  });

  test('applying any operation a second time changes nothing: the same document, or for a span merged away not_found', () => {
    fc.assert(
      fc.property(history, operation, (document, each) => {
        const once = applyOperation(document, each, CONTEXT);
        if (!once.ok) return;
        const twice = applyOperation(once.value, each, CONTEXT);
        if (twice.ok) expect(twice.value).toBe(once.value);
        else expect([twice.error.code, ['resizeSpan', 'setSpanNote', 'setSpanSpeaker'].includes(each.type)]).toEqual(['not_found', true]);
      }),
      { numRuns },
    );
  });

  test('after any history spans fit the text, are in reading order, have unique ids and unique label+range, and relations point at spans', () => {
    fc.assert(
      fc.property(history, operation, (document, each) => {
        const result = applyOperation(document, each, CONTEXT);
        if (!result.ok) {
          expect(['invalid_span', 'not_found', 'invalid_operation']).toContain(result.error.code);
          return;
        }
        const after = result.value;
        const ids = new Set(after.spans.map((one) => one.id));
        expect(ids.size).toBe(after.spans.length);
        expect(new Set(after.spans.map((one) => `${one.start}-${one.end} ${one.label}`)).size).toBe(after.spans.length);
        for (const one of after.spans) expect(rangeProblem(after.text, one.start, one.end)).toBeNull();
        for (const one of after.spans) expect(LABELS as readonly string[]).toContain(one.label);
        expect(after.spans).toEqual([...after.spans].sort(compareSpans));
        for (const one of after.relations) expect(ids.has(one.headId) && ids.has(one.childId) && one.headId !== one.childId).toBe(true);
        expect(after.revision).toBe(after === document ? document.revision : document.revision + 1);
      }),
      { numRuns },
    );
  });
});

describe('applyOperation resizeSpan', () => {
  test('moves the ends, stamps the span and keeps reading order', () => {
    const after = applied(QUOTED, { type: 'resizeSpan', spanId: 'q', start: 15, end: 27 });
    expect(describeSpans(after.spans)).toBe('0-28 claim | 15-27 quote | 30-35 attribution');
    expect(after.spans.find((each) => each.id === 'q')).toMatchObject({ updatedAt: CONTEXT.now, annotator: 'ana', createdAt: EARLIER });
    expect(after.relations).toEqual(QUOTED.relations);
  });

  test('refuses a range that does not fit or splits the emoji; a missing span is not_found', () => {
    expect(applyOperation(QUOTED, { type: 'resizeSpan', spanId: 'q', start: 7, end: 20 }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_span' } });
    expect(applyOperation(QUOTED, { type: 'resizeSpan', spanId: 'q', start: 20, end: 20 }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_span' } });
    expect(applyOperation(QUOTED, { type: 'resizeSpan', spanId: 'zz', start: 1, end: 2 }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('resizing onto a span of the same label and range merges them, moving the links to the one kept', () => {
    const document = documentWith([span('q', 14, 28, 'quote'), span('q2', 15, 27, 'quote'), span('a', 30, 35, 'attribution')], [relation('r1', 'q2', 'a')], 'in_progress');
    const after = applied(document, { type: 'resizeSpan', spanId: 'q2', start: 14, end: 28 });
    expect(after.spans.map((each) => each.id)).toEqual(['q', 'a']);
    expect(after.relations).toEqual([relation('r1', 'q', 'a')]);
  });
});

describe('applyOperation notes and speakers', () => {
  test('sets a trimmed note and speaker, and "" removes them', () => {
    const noted = applied(QUOTED, { type: 'setSpanNote', spanId: 'q', note: '  check the date ' });
    const spoken = applied(noted, { type: 'setSpanSpeaker', spanId: 'a', speaker: 'Jen Psaki' });
    expect(spoken.spans.find((each) => each.id === 'q')?.note).toBe('check the date');
    expect(spoken.spans.find((each) => each.id === 'a')?.speaker).toBe('Jen Psaki');
    const cleared = applied(spoken, { type: 'setSpanNote', spanId: 'q', note: '' });
    expect('note' in cleared.spans.find((each) => each.id === 'q')!).toBe(false);
    expect(applied(cleared, { type: 'setSpanNote', spanId: 'q', note: '   ' })).toBe(cleared);
  });
});

describe('applyOperation links', () => {
  const link = (id: string, headId: string, childId: string): DocumentOperation => ({ type: 'linkSpans', relation: relation(id, headId, childId) });

  test('links two spans once; the same link again or under its id changes nothing', () => {
    const document = documentWith([span('q', 14, 28, 'quote'), span('a', 30, 35, 'attribution')], [], 'in_progress');
    const linked = applied(document, link('r1', 'q', 'a'));
    expect(linked.relations).toEqual([relation('r1', 'q', 'a')]);
    expect(applied(linked, link('r1', 'q', 'a'))).toBe(linked);
    expect(applied(linked, link('r9', 'q', 'a'))).toBe(linked);
  });

  test('refuses self links, missing ends and a reused id', () => {
    expect(applyOperation(QUOTED, link('r9', 'q', 'q'), CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_operation' } });
    expect(applyOperation(QUOTED, link('r9', 'q', 'zz'), CONTEXT)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(applyOperation(QUOTED, link('r1', 'c', 'q'), CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_operation' } });
  });

  test('unlinks; unlinking a missing link changes nothing; deleting a span removes its links', () => {
    expect(applied(QUOTED, { type: 'unlinkSpans', relationId: 'r1' }).relations).toEqual([relation('r2', 'c', 'a')]);
    expect(applied(QUOTED, { type: 'unlinkSpans', relationId: 'zz' })).toBe(QUOTED);
    expect(applied(QUOTED, { type: 'deleteSpan', spanId: 'a' }).relations).toEqual([]);
  });
});

describe('applyOperation links of several relation types', () => {
  const TYPED: OperationContext = Object.freeze({ ...CONTEXT, relationTypes: ['attributed_to', 'paraphrases'] });
  const typed = (id: string, label: string): DocumentOperation => ({ type: 'linkSpans', relation: { id, label, headId: 'q', childId: 'a' } });
  const document = documentWith([span('q', 14, 28, 'quote'), span('a', 30, 35, 'attribution')], [], 'in_progress');

  test('a link carries its type; two types may link the same pair; the same type twice is one link', () => {
    const first = applyOperation(document, typed('r1', 'attributed_to'), TYPED);
    if (!first.ok) throw new Error(first.error.message);
    const second = applyOperation(first.value, typed('r2', 'paraphrases'), TYPED);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.relations.map((each) => [each.id, each.label])).toEqual([['r1', 'attributed_to'], ['r2', 'paraphrases']]);
    const again = applyOperation(second.value, typed('r3', 'paraphrases'), TYPED);
    expect(again.ok && again.value).toBe(second.value);
  });

  test('a type the library does not have is refused, in a link and in a restored state', () => {
    expect(applyOperation(document, typed('r1', 'contradicts'), TYPED)).toMatchObject({ ok: false, error: { code: 'invalid_operation', message: expect.stringContaining('"contradicts"') } });
    const state = { status: document.status, spans: document.spans, relations: [{ id: 'r1', label: 'contradicts', headId: 'q', childId: 'a' }], updatedAt: document.updatedAt, annotator: document.annotator };
    expect(applyOperation(document, { type: 'restore', revision: document.revision, state }, TYPED)).toMatchObject({ ok: false, error: { code: 'invalid_operation' } });
  });

  test('the operation schema requires a relation type name', () => {
    expect(operationSchema.safeParse({ type: 'linkSpans', relation: { id: 'r', label: 'paraphrases', headId: 'q', childId: 'a' } }).success).toBe(true);
    expect(operationSchema.safeParse({ type: 'linkSpans', relation: { id: 'r', label: '', headId: 'q', childId: 'a' } }).success).toBe(false);
    expect(operationSchema.safeParse({ type: 'linkSpans', relation: { id: 'r', headId: 'q', childId: 'a' } }).success).toBe(false);
  });
});

describe('applyOperation restore', () => {
  const state = (document: NewsDocument) => ({ status: document.status, spans: document.spans, relations: document.relations, updatedAt: document.updatedAt, annotator: document.annotator });

  test('puts back an earlier state with its stamps, once', () => {
    const changed = applied(QUOTED, { type: 'deleteSpan', spanId: 'a' });
    const restored = applied(changed, { type: 'restore', revision: changed.revision, state: state(QUOTED) });
    expect({ ...restored, revision: QUOTED.revision }).toEqual(QUOTED);
    expect(restored.revision).toBe(changed.revision + 1);
    expect(applied(restored, { type: 'restore', revision: changed.revision, state: state(QUOTED) })).toBe(restored);
  });

  test('is refused when the document changed since (conflict) or the state does not fit it', () => {
    const changed = applied(QUOTED, { type: 'deleteSpan', spanId: 'a' });
    expect(applyOperation(changed, { type: 'restore', revision: QUOTED.revision, state: state(QUOTED) }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const badSpan = { ...state(QUOTED), spans: [span('x', 8, 12, 'claim')] };
    expect(applyOperation(changed, { type: 'restore', revision: changed.revision, state: badSpan }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_operation' } });
    const badLabel = { ...state(QUOTED), spans: [span('x', 0, 5, 'opinion')], relations: [] };
    expect(applyOperation(changed, { type: 'restore', revision: changed.revision, state: badLabel }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'invalid_operation' } });
  });
});
