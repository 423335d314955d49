import { describe, expect, test } from 'vitest';
import { applyMapping, countUnknownNames, emptyUnknownNames, importMappingSchema, mappingProblem, plannedNames, proposeKey } from './importMapping';
import type { DocumentDraft } from './jsonlImport';
import { DEFAULT_LABELS, type Settings } from './model';

const SETTINGS: Settings = { annotator: 'ana', labels: [...DEFAULT_LABELS], snapToWords: true };

function draft(spans: [number, number, string][], relations: [number, number, string][] = []): DocumentDraft {
  return {
    id: null,
    text: 'Larry Page founded Google in 1998.',
    meta: { title: 't' },
    status: 'todo',
    spans: spans.map(([start, end, label]) => ({ id: null, start, end, label })),
    relations: relations.map(([head, child, label]) => ({ id: null, label, head, child })),
  };
}

describe('proposing keys', () => {
  test('the first letter when free, else a digit or letter no label or command uses', () => {
    expect(proposeKey('ORG', DEFAULT_LABELS)).toBe('o');
    expect(proposeKey('PERSON', DEFAULT_LABELS)).toBe('4'); // p is "previous article"
    expect(proposeKey('2nd', DEFAULT_LABELS)).toBe('4'); // 2 is quote's
    expect(proposeKey('武器名称', DEFAULT_LABELS)).toBe('武');
  });

  test('the plan proposes distinct keys and colours, in name order', () => {
    const unknown = emptyUnknownNames();
    countUnknownNames(unknown, [draft([[0, 10, 'PERSON'], [19, 25, 'ORG'], [29, 33, 'PER']], [[0, 1, 'founded']])], SETTINGS);
    const { labels, relationTypes } = plannedNames(unknown, SETTINGS);
    expect(labels.map((label) => [label.name, label.spans, label.proposedKey])).toEqual([['ORG', 1, 'o'], ['PER', 1, '4'], ['PERSON', 1, '5']]);
    expect(new Set([...labels.map((label) => label.proposedColor), ...DEFAULT_LABELS.map((label) => label.color)]).size).toBe(6);
    expect(relationTypes).toEqual([{ name: 'founded', relations: 1, documents: 1, proposedColor: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
  });
});

describe('applying a mapping', () => {
  test('spans that become equal once mapped are one span, their links moved to it; a skipped label takes its links along', () => {
    const mapping = importMappingSchema.parse({ labels: { PER: { action: 'map', to: 'attribution' }, PERSON: { action: 'map', to: 'attribution' }, ORG: { action: 'skip' } }, otherRelationTypes: 'add' });
    const mapped = applyMapping([draft([[0, 10, 'PER'], [0, 10, 'PERSON'], [19, 25, 'ORG'], [29, 33, 'quote']], [[1, 3, 'said'], [0, 3, 'said'], [2, 3, 'founded']])], mapping, SETTINGS);
    expect(mapped.drafts[0]!.spans.map((span) => span.label)).toEqual(['attribution', 'quote']);
    expect(mapped.drafts[0]!.relations).toEqual([{ id: null, label: 'said', head: 0, child: 1 }]);
    expect([mapped.mergedSpans, mapped.mergedRelations]).toEqual([1, 1]);
    expect(Object.fromEntries(mapped.skippedLabels)).toEqual({ ORG: 1 });
    expect(mapped.newRelationTypes.map((type) => type.name)).toEqual(['said']);
    expect(mapped.newLabels).toEqual([]);
  });

  test('an unknown label without a choice follows otherLabels; an added one takes its chosen key', () => {
    const skip = applyMapping([draft([[0, 10, 'PERSON']])], importMappingSchema.parse({}), SETTINGS);
    expect([skip.drafts[0]!.spans, Object.fromEntries(skip.skippedLabels)]).toEqual([[], { PERSON: 1 }]);
    const add = applyMapping([draft([[0, 10, 'PERSON'], [19, 25, 'ORG']])], importMappingSchema.parse({ labels: { PERSON: { action: 'add', key: 'w', color: '#123456' } }, otherLabels: 'add' }), SETTINGS);
    expect(add.newLabels).toEqual([{ name: 'PERSON', key: 'w', color: '#123456' }, { name: 'ORG', key: 'o', color: expect.any(String) }]);
  });

  test('a label named like an Object.prototype member follows the choices, not the prototype', () => {
    const mapped = applyMapping([draft([[0, 10, 'constructor'], [19, 25, 'toString']])], importMappingSchema.parse({ labels: { toString: { action: 'map', to: 'claim' } } }), SETTINGS);
    expect(mapped.drafts[0]!.spans.map((span) => span.label)).toEqual(['claim']);
    expect(Object.fromEntries(mapped.skippedLabels)).toEqual({ constructor: 1 });
  });

  test('a mapping onto a label the library lacks, or with a taken key, is refused', () => {
    expect(mappingProblem(importMappingSchema.parse({ labels: { PER: { action: 'map', to: 'speaker' } } }), SETTINGS)).toMatch(/"speaker", which is not a label/);
    expect(mappingProblem(importMappingSchema.parse({ labels: { PER: { action: 'add', key: '1' } } }), SETTINGS)).toMatch(/already the key of “claim”/);
    expect(mappingProblem(importMappingSchema.parse({ labels: { PER: { action: 'add' }, PERSON: { action: 'map', to: 'PER' } }, relationTypes: { x: { action: 'map', to: 'attributed_to' } } }), SETTINGS)).toBeNull();
    expect(mappingProblem(importMappingSchema.parse({ relationTypes: { x: { action: 'map', to: 'y' } } }), SETTINGS)).toMatch(/not a relation type/);
  });
});
