import { describe, expect, test } from 'vitest';
import type { Span } from './model';
import { speakerIndexOf, type SpeakerSource } from './speakerIndex';

const NOW = '2026-01-01T00:00:00.000Z';

/** An article whose spans are whole sentences of `sentences`, each with [speaker, label]. */
function article(id: string, sentences: [string, string, string][]): SpeakerSource {
  let text = '';
  const spans: Span[] = [];
  for (const [index, [sentence, speaker, label]] of sentences.entries()) {
    if (text) text += ' ';
    spans.push({ id: `${id}-${index}`, start: text.length, end: text.length + sentence.length, label, speaker, createdAt: NOW, updatedAt: NOW, annotator: 'a' });
    text += sentence;
  }
  return { id, title: id, text, spans };
}

/** The index in one line per speaker: "Jen Psaki 3: [003 001] [001]" (each group's articles). */
function show(sources: SpeakerSource[]): string[] {
  return speakerIndexOf(sources).map((entry) => `${entry.speaker} ${entry.count}: ${entry.groups.map((group) => `[${group.map((quote) => quote.documentId).join(' ')}]`).join(' ')}`);
}

describe('the speaker index', () => {
  test('groups the tellings of one quote across articles, and keeps a short quote sharing a few words apart', () => {
    const sources = [
      article('001', [
        ['We are always ready for diplomacy.', 'Jen Psaki', 'quote'],
        ['We are also prepared to impose rapid and severe consequences if Russia chooses war.', 'Jen Psaki', 'quote'],
      ]),
      article('003', [
        ['We are also ready to impose swift and severe consequences should Russia instead choose war.', 'Jen Psaki', 'quote'],
        ['We are always ready for diplomacy.', 'Jen Psaki', 'quote'],
        ['Russia is ready for war, Peskov said.', 'Dmitry Peskov', 'attribution'],
      ]),
    ];
    expect(show(sources)).toEqual(['Jen Psaki 4: [001 003] [001 003]', 'Dmitry Peskov 1: [003]']);
  });

  test('speakers are as written (merging is a rename), ordered by count then name; the first wording is carried', () => {
    const renamed = article('002', [['We will respond decisively.', 'Jen Psaki', 'quote']]);
    renamed.spans = renamed.spans.map((span) => ({ ...span, speakerOriginal: 'Psaki' }));
    const sources = [renamed, article('004', [['Talks are possible.', 'Psaki', 'quote'], ['Talks are possible.', 'Antony Blinken', 'quote']])];
    const index = speakerIndexOf(sources);
    expect(index.map((entry) => entry.speaker)).toEqual(['Antony Blinken', 'Jen Psaki', 'Psaki']);
    expect(index[1]!.groups[0]![0]).toMatchObject({ speakerOriginal: 'Psaki', text: 'We will respond decisively.' });
  });
});
