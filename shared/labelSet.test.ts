import { describe, expect, test } from 'vitest';
import { annotatorProblem, checkedSettingsSchema, labelChangesProblem, labelChangesSchema, keyProblem, relabelDocument, RESERVED_KEYS, settingsIssues } from './labelSet';
import { DEFAULT_LABELS, settingsSchema, type NewsDocument, type Settings } from './model';
import { describeSpans } from './spans';

const LABELS = [...DEFAULT_LABELS];
const SETTINGS: Settings = { annotator: 'ana', labels: LABELS, snapToWords: true };
const CONTEXT = { annotator: 'ben', now: '2026-01-02T00:00:00.000Z', labels: ['claim', 'quote', 'attribution'] };

function withLabels(...changes: [name: string, key: string][]) {
  return changes.map(([name, key], index) => ({ name, key, color: LABELS[index % LABELS.length]!.color }));
}

describe('keyProblem', () => {
  test('a free printable character is allowed, as is no key', () => {
    expect(keyProblem('4', 'new', LABELS)).toBeNull();
    expect(keyProblem('é', 'new', LABELS)).toBeNull();
    expect(keyProblem('', 'new', LABELS)).toBeNull();
  });

  test('a key of another label collides, named, without regard to case', () => {
    expect(keyProblem('2', 'new', LABELS)).toBe('“2” is already the key of “quote”');
    expect(keyProblem('Q', 'new', withLabels(['quote', 'q']))).toBe('“Q” is already the key of “quote”');
    // A label keeping its own key is no collision.
    expect(keyProblem('2', 'quote', LABELS)).toBeNull();
  });

  test('command keys are reserved, upper case too', () => {
    for (const key of ['n', 'p', 'l', 'd', 'x', 'z', '?', '/', 'N', 'Z']) expect(keyProblem(key, 'new', LABELS)).toMatch(/is reserved for a command/);
    for (const key of ['Tab', 'Delete', 'Backspace', 'Escape', 'Enter']) expect(keyProblem(key, 'new', LABELS)).toMatch(/is reserved/);
  });

  test('white space, control characters, combining marks and two characters are not keys', () => {
    for (const key of [' ', '\t', '\u0000', '\u0301', '\u200d', 'ab', '😀']) expect(keyProblem(key, 'new', LABELS)).toMatch(/one printable character/);
  });
});

describe('settingsIssues', () => {
  test('the default set has none', () => {
    expect(settingsIssues(SETTINGS)).toEqual([]);
  });

  test('duplicate names and keys, reserved keys, empty names and control characters are each named by their field', () => {
    const issues = settingsIssues({ annotator: ' \t', labels: withLabels(['claim', '1'], ['claim', '2'], ['stance', '1'], ['topic', 'n'], ['', '5'], ['bell\u0007', '6']) });
    expect(issues.map(({ path, message }) => `${path.join('.')}: ${message}`)).toEqual([
      "annotator: the annotator's name must not be empty",
      'labels.0.key: “1” is already the key of “stance”',
      'labels.1.name: “claim” names another label too',
      'labels.2.key: “1” is already the key of “claim”',
      `labels.3.key: “n” is reserved for a command (${RESERVED_KEYS.join(' ')})`,
      'labels.4.name: a label name must not be empty',
      'labels.5.name: a label name must not contain control characters',
    ]);
    expect(annotatorProblem('Ana\u0000')).toBe('must not contain control characters');
    expect(annotatorProblem('Chloé 🇫🇷')).toBeNull();
  });

  test('the request schemas refuse what the dialog refuses, at the field', () => {
    const colliding = { ...SETTINGS, labels: withLabels(['claim', '1'], ['quote', '1']) };
    const changes = labelChangesSchema.safeParse({ settings: colliding, renames: [], deletions: [] });
    expect(changes.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['settings.labels.0.key', '“1” is already the key of “quote”'],
      ['settings.labels.1.key', '“1” is already the key of “claim”'],
    ]);
    const reserved = checkedSettingsSchema.safeParse({ ...SETTINGS, labels: withLabels(['claim', 'N']) });
    expect(reserved.error?.issues[0]).toMatchObject({ path: ['labels', 0, 'key'], message: expect.stringMatching(/^“N” is reserved for a command/) });
    // Stored settings are read with the plain schema, so an older library with such a set opens.
    expect(settingsSchema.safeParse({ ...SETTINGS, labels: withLabels(['claim', 'N']) }).success).toBe(true);
  });
});

describe('labelChangesProblem', () => {
  const changes = (labels: [string, string][], renames: { from: string; to: string }[] = [], deletions: string[] = []) =>
    labelChangesSchema.parse({ settings: { ...SETTINGS, labels: withLabels(...labels) }, renames, deletions });

  test('keeping, renaming, deleting and adding labels together is fine', () => {
    expect(labelChangesProblem(SETTINGS, changes([['assertion', '1'], ['quote', '2'], ['stance', '4']], [{ from: 'claim', to: 'assertion' }], ['attribution']))).toBeNull();
  });

  test('a label dropped without being renamed or deleted is refused', () => {
    expect(labelChangesProblem(SETTINGS, changes([['claim', '1'], ['quote', '2']]))).toBe('“attribution” is missing from the new label set without being renamed or deleted');
  });

  test('renaming onto a current name (a swap or merge) is refused', () => {
    expect(
      labelChangesProblem(SETTINGS, changes([['quote', '1'], ['claim', '2'], ['attribution', '3']], [{ from: 'claim', to: 'quote' }, { from: 'quote', to: 'claim' }])),
    ).toBe('renames: “quote” is already a label\'s name; rename in two steps');
  });

  test('renames and deletions must name current labels, once', () => {
    expect(labelChangesProblem(SETTINGS, changes([['claim', '1'], ['quote', '2'], ['attribution', '3'], ['b', '']], [{ from: 'a', to: 'b' }]))).toBe('renames: there is no label “a” to rename');
    expect(labelChangesProblem(SETTINGS, changes([['claim', '1'], ['quote', '2'], ['attribution', '3']], [], ['stance']))).toBe('deletions: there is no label “stance” to delete');
    expect(labelChangesProblem(SETTINGS, changes([['claim', '1'], ['quote', '2'], ['attribution', '3']], [], ['claim']))).toBe('deletions: “claim” is both deleted and kept');
    expect(labelChangesProblem(SETTINGS, changes([['x1', '1'], ['quote', '2'], ['attribution', '3']], [{ from: 'claim', to: 'x1' }], ['claim']))).toBe('deletions: “claim” is both deleted and kept');
  });
});

describe('relabelDocument', () => {
  const document: NewsDocument = Object.freeze({
    id: 'd',
    text: 'Psaki said: “We are ready.” Troops massed.',
    meta: { title: 'd' },
    status: 'in_progress',
    spans: [
      { id: 'a', start: 0, end: 10, label: 'attribution', createdAt: 't0', updatedAt: 't0', annotator: 'ana' },
      { id: 'q', start: 12, end: 27, label: 'quote', createdAt: 't0', updatedAt: 't0', annotator: 'ana' },
      { id: 'c', start: 28, end: 42, label: 'claim', createdAt: 't0', updatedAt: 't0', annotator: 'ana' },
    ],
    relations: [{ id: 'r', label: 'attributed_to', headId: 'q', childId: 'a' }],
    createdAt: 't0',
    updatedAt: 't0',
    annotator: 'ana',
    revision: 4,
  }) as NewsDocument;

  test('renames relabel spans, keeping their times, annotator and relations; the document gets a new revision', () => {
    const outcome = relabelDocument(document, { renames: [{ from: 'quote', to: 'speech' }], deletions: [] }, CONTEXT);
    expect(describeSpans(outcome.document.spans)).toBe('0-10 attribution | 12-27 speech | 28-42 claim');
    expect(outcome.document.spans[1]).toMatchObject({ id: 'q', updatedAt: 't0', annotator: 'ana' });
    expect(outcome.document.relations).toEqual(document.relations);
    expect(outcome.document).toMatchObject({ revision: 5, updatedAt: CONTEXT.now, annotator: 'ben' });
    expect(outcome).toMatchObject({ renamedSpans: 1, removedSpans: 0 });
  });

  test('deletions remove the spans and the relations that point at them', () => {
    const outcome = relabelDocument(document, { renames: [], deletions: ['attribution'] }, CONTEXT);
    expect(describeSpans(outcome.document.spans)).toBe('12-27 quote | 28-42 claim');
    expect(outcome.document.relations).toEqual([]);
    expect(outcome).toMatchObject({ renamedSpans: 0, removedSpans: 1 });
  });

  test('a document without the labels is returned as it is, and applying twice changes nothing more', () => {
    expect(relabelDocument(document, { renames: [{ from: 'stance', to: 'view' }], deletions: ['topic'] }, CONTEXT).document).toBe(document);
    const once = relabelDocument(document, { renames: [{ from: 'claim', to: 'assertion' }], deletions: ['quote'] }, CONTEXT).document;
    expect(relabelDocument(once, { renames: [{ from: 'claim', to: 'assertion' }], deletions: ['quote'] }, CONTEXT).document).toBe(once);
  });
});
