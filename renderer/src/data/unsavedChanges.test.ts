import { describe, expect, test } from 'vitest';
import { memoryStorage } from './testing/fakeHost';
import { UNSAVED_KEY, UnsavedChanges } from './unsavedChanges';

const status = (value: 'done' | 'skipped') => ({ type: 'setStatus', status: value }) as const;

describe('UnsavedChanges', () => {
  test('each change is mirrored to storage under newsmark.unsaved, and the key goes once all are confirmed', () => {
    const storage = memoryStorage();
    const unsaved = new UnsavedChanges(storage);
    unsaved.add('a', status('done'));
    unsaved.add('a', status('skipped'));
    unsaved.add('b', status('done'));
    expect(UNSAVED_KEY).toBe('newsmark.unsaved');
    expect(JSON.parse(storage.getItem(UNSAVED_KEY)!)).toEqual({ a: [status('done'), status('skipped')], b: [status('done')] });
    expect(unsaved.count).toBe(3);
    unsaved.confirmFirst('a');
    expect(unsaved.of('a')).toEqual([status('skipped')]);
    expect(unsaved.drop('a')).toBe(1);
    unsaved.confirmFirst('b');
    expect(storage.getItem(UNSAVED_KEY)).toBeNull();
    expect(unsaved.documentIds()).toEqual([]);
  });

  test('a new window (a reload) starts with what the last one left', () => {
    const storage = memoryStorage();
    new UnsavedChanges(storage).add('a', status('done'));
    const again = new UnsavedChanges(storage);
    expect(again.documentIds()).toEqual(['a']);
    expect(again.of('a')).toEqual([status('done')]);
  });

  test('garbage in storage, storage that refuses, or none at all, never stop the work', () => {
    const garbage = memoryStorage();
    garbage.setItem(UNSAVED_KEY, '{not json');
    expect(new UnsavedChanges(garbage).count).toBe(0);
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    const unsaved = new UnsavedChanges(full);
    unsaved.add('a', status('done'));
    expect(unsaved.count).toBe(1);
    const none = new UnsavedChanges(null);
    none.add('a', status('done'));
    expect(none.of('a')).toHaveLength(1);
  });
});
