import { describe, expect, test } from 'vitest';
import { DEFAULT_LABELS, type DocumentSummary } from '../../../shared/model';
import { draftOf, labelUse, requestOf, spansPhrase, typedKey } from './settingsDraft';

const SETTINGS = { annotator: 'ana', snapToWords: true, labels: [...DEFAULT_LABELS] };

function summary(counts: Record<string, number>): DocumentSummary {
  return { id: 'd', title: 'd', status: 'todo', counts, speakers: [], length: 1, updatedAt: '' };
}

describe('the settings draft', () => {
  test('unchanged, it sends the settings as they are, with no renames or deletions', () => {
    expect(requestOf(draftOf(SETTINGS))).toEqual({ settings: SETTINGS, renames: [], deletions: [] });
  });

  test('relation types are sent when one is added or recoloured, saved ones first, names trimmed', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.relationTypes).toEqual([{ name: 'attributed_to', color: '#555555', saved: true, savedColor: '#555555' }]);
    draft.relationTypes.push({ name: ' paraphrases ', color: '#cc79a7', saved: false, savedColor: null });
    expect(requestOf(draft).settings.relationTypes).toEqual([
      { name: 'attributed_to', color: '#555555' },
      { name: 'paraphrases', color: '#cc79a7' },
    ]);
    const recoloured = draftOf({ ...SETTINGS, relationTypes: [{ name: 'attributed_to', color: '#555555' }] });
    recoloured.relationTypes[0]!.color = '#0072b2';
    expect(requestOf(recoloured).settings.relationTypes).toEqual([{ name: 'attributed_to', color: '#0072b2' }]);
  });

  test('a renamed row is a rename from its saved name; a new row is an addition; deleted saved labels are deletions', () => {
    const draft = draftOf(SETTINGS);
    draft.labels[0]!.name = 'assertion';
    draft.labels = draft.labels.filter((label) => label.original !== 'attribution');
    draft.deleted = ['attribution'];
    draft.labels.push({ row: 9, original: null, name: 'stance', color: '#d55e00', key: '4' });
    draft.annotator = '  Grace  ';
    expect(requestOf(draft)).toEqual({
      settings: {
        annotator: 'Grace',
        snapToWords: true,
        labels: [{ ...DEFAULT_LABELS[0], name: 'assertion' }, DEFAULT_LABELS[1], { name: 'stance', color: '#d55e00', key: '4' }],
      },
      renames: [{ from: 'claim', to: 'assertion' }],
      deletions: ['attribution'],
    });
  });

  test('a key field keeps the character just typed, wherever the caret was, and may be cleared', () => {
    expect(typedKey('1', '14')).toBe('4');
    expect(typedKey('1', '41')).toBe('4');
    expect(typedKey('1', '4')).toBe('4');
    expect(typedKey('1', '')).toBe('');
    expect(typedKey('', 'é')).toBe('é');
    expect(typedKey('1', '1😀')).toBe('😀');
  });

  test('counts the spans and articles that carry a label, in words', () => {
    const use = labelUse([summary({ quote: 2 }), summary({ quote: 1, claim: 4 }), summary({})], 'quote');
    expect(use).toEqual({ spans: 3, documents: 2 });
    expect(spansPhrase(use)).toBe('3 spans in 2 articles carry it');
    expect(spansPhrase({ spans: 1, documents: 1 })).toBe('1 span in 1 article carries it');
    expect(spansPhrase({ spans: 0, documents: 0 })).toBe('No span in the library carries it');
  });
});
