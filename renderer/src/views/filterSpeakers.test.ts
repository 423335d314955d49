import { describe, expect, test } from 'vitest';
import type { SpeakerEntry } from '../../../shared/storyContract';
import { filterSpeakers, proposedName } from './filterSpeakers';

function entry(speaker: string, count: number, originals: string[] = []): SpeakerEntry {
  const quotes = [...originals, undefined].map((original, index) => ({
    documentId: `d${index}`, title: 't', spanId: `s${index}`, label: 'quote', start: 0, end: 1, text: 'x',
    ...(original !== undefined ? { speakerOriginal: original } : {}),
  }));
  return { speaker, count, documents: 1, groups: [quotes] };
}

const ENTRIES = [entry('Jen Psaki', 3, ['Psaki']), entry('White House spokeswoman Jen Psaki', 2), entry('Dmitry Peskov', 2), entry('Psaki', 1), entry('Zoë Ångström', 1)];
const names = (list: readonly SpeakerEntry[]) => list.map((item) => item.speaker).join(' | ');

describe('filtering the speaker index as one types', () => {
  test('every word must appear, in any order, ignoring case', () => {
    expect(names(filterSpeakers(ENTRIES, 'psaki'))).toBe('Jen Psaki | White House spokeswoman Jen Psaki | Psaki');
    expect(names(filterSpeakers(ENTRIES, 'PSAKI jen'))).toBe('Jen Psaki | White House spokeswoman Jen Psaki');
    expect(names(filterSpeakers(ENTRIES, 'peskov psaki'))).toBe('');
  });

  test('accents are ignored both ways, and an empty query keeps every speaker in order', () => {
    expect(names(filterSpeakers(ENTRIES, 'zoe angstrom'))).toBe('Zoë Ångström');
    expect(filterSpeakers(ENTRIES, '  ')).toBe(ENTRIES);
  });

  test('a spelling merged away still finds the speaker it became', () => {
    const renamed = [entry('Jen Psaki', 2, ['White House spokeswoman Jen Psaki'])];
    expect(names(filterSpeakers(renamed, 'spokeswoman'))).toBe('Jen Psaki');
  });

  test('a merge proposes the selected name with the most spans', () => {
    expect(proposedName(ENTRIES, new Set(['Psaki', 'White House spokeswoman Jen Psaki']))).toBe('White House spokeswoman Jen Psaki');
    expect(proposedName(ENTRIES, new Set())).toBe('');
  });
});
