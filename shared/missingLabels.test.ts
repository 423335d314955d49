import { describe, expect, test } from 'vitest';
import { isReservedKey, settingsIssues } from './labelSet';
import { MAX_LABELS, withMissingLabels } from './missingLabels';
import { DEFAULT_LABELS } from './model';

describe('withMissingLabels', () => {
  test('adds each missing name once, at the end, with the first free allowed key and an unused palette colour', () => {
    const result = withMissingLabels([...DEFAULT_LABELS, { name: 'stance', color: '#d55e00', key: '4' }], ['quote', 'topic', 'source', 'topic']);
    expect(result.added).toEqual(['topic', 'source']);
    expect(result.labels.slice(4)).toEqual([
      { name: 'topic', color: '#cc79a7', key: '5' },
      { name: 'source', color: '#56b4e9', key: '6' },
    ]);
    expect(settingsIssues({ annotator: 'a', labels: result.labels })).toEqual([]);
  });

  test('past the digits, keys are letters no command reserves; a full set refuses the rest', () => {
    const names = Array.from({ length: MAX_LABELS + 2 }, (_, index) => `label ${index}`);
    const result = withMissingLabels([], names);
    expect(result.labels).toHaveLength(MAX_LABELS);
    expect(result.refused).toEqual([`label ${MAX_LABELS}`, `label ${MAX_LABELS + 1}`]);
    expect(result.labels.slice(8, 14).map((label) => label.key)).toEqual([...'90abcdefghij'].filter((key) => !isReservedKey(key)).slice(0, 6));
    // Every key given is allowed; once every candidate is taken, a label gets none.
    expect(settingsIssues({ annotator: 'a', labels: result.labels })).toEqual([]);
    expect(result.labels.at(-1)!.key).toBe('');
  });

  test('nothing missing: the same labels, nothing added', () => {
    expect(withMissingLabels(DEFAULT_LABELS, ['claim'])).toEqual({ labels: [...DEFAULT_LABELS], added: [], refused: [] });
  });
});
