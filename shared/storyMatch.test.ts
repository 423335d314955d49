import { describe, expect, test } from 'vitest';
import { matchPassage, type PassageMatch } from './storyMatch';
import { tokensOf } from './storyText';

/** The match of all of `source` in `target`, as "kind | matched text | changes". */
function described(source: string, target: string): string {
  const match = matchPassage(source, tokensOf(source), target, tokensOf(target));
  return match ? describe_(match, target) : 'none';
}

function describe_(match: PassageMatch, target: string): string {
  const changes = match.changes.filter((change) => change.type !== 'equal').map((change) => `${change.source}>${change.target}`);
  return `${match.kind} | ${target.slice(match.start, match.end)} | ${changes.join(', ')}`;
}

describe('matchPassage', () => {
  test('a reworded quote: substitutions word by word, offsets in the target', () => {
    const source = 'We are also ready to impose swift and severe consequences should Russia instead choose war';
    const target = 'Psaki said: “We are always ready for diplomacy. We are also prepared to impose rapid and severe consequences if Russia chooses war.”';
    expect(described(source, target)).toBe(
      'reworded | We are also prepared to impose rapid and severe consequences if Russia chooses war | ready>prepared, swift>rapid, should>if, instead choose>chooses',
    );
  });

  test('the other way round: the longer telling is matched to its shared last word', () => {
    // Before: a region stopping at "choose" tied with the one reaching "war", and was kept.
    const source = 'We are also prepared to impose rapid and severe consequences if Russia chooses war';
    const target = 'Psaki added: “We are also ready to impose swift and severe consequences should Russia instead choose war.” Talks go on.';
    expect(described(source, target)).toBe(
      'reworded | We are also ready to impose swift and severe consequences should Russia instead choose war | prepared>ready, rapid>swift, if>should, chooses>instead choose',
    );
  });

  test('a trimmed quote matches the part it keeps', () => {
    expect(described('the talks will continue next week in Geneva', 'Officials said the talks will continue next week in Geneva, after a pause.')).toBe('exact | the talks will continue next week in Geneva | ');
    expect(described('Officials said the talks will continue next week in Geneva after a pause', 'the talks will continue next week')).toBe('reworded | the talks will continue next week | Officials said>, in Geneva after a pause>');
  });

  test('re-punctuated and re-cased: the same words, an exact copy', () => {
    expect(described('"We are ready," he said — "ready for anything."', 'WE ARE READY he said: ready for anything')).toBe('exact | WE ARE READY he said: ready for anything | ');
  });

  test('Unicode forms: composed, decomposed and full-width letters are the same words', () => {
    expect(described('Café society is over', 'Cafe\u0301 society is ｏｖｅｒ')).toBe('exact | Cafe\u0301 society is ｏｖｅｒ | ');
  });

  test('Cyrillic', () => {
    expect(described('Мы готовы к диалогу на уровне министров', 'Песков: «Мы открыты к диалогу на уровне министров».')).toBe('near | Мы открыты к диалогу на уровне министров | готовы>открыты');
  });

  test('Arabic, with and without diacritics', () => {
    expect(described('نحن مستعدون دائما للدبلوماسية', 'قال: نَحْنُ مستعدون دائما للحوار')).toBe('reworded | نَحْنُ مستعدون دائما للحوار | للدبلوماسية>للحوار');
  });

  test('CJK: each character is a word, changes marked character by character', () => {
    expect(described('我们随时准备进行外交', '他说：“我们始终准备进行外交。”')).toBe('near | 我们始终准备进行外交 | 随时>始终');
  });

  test('a quote split across a paragraph break still matches whole', () => {
    const target = 'He said the talks were over.\n\nThe minister added that the sanctions would stay\nin place until the troops withdraw.';
    expect(described('the sanctions would stay in place until the troops withdraw', target)).toBe('exact | the sanctions would stay\nin place until the troops withdraw | ');
  });

  test('a changed first or last word is a substitution, up to the end of the sentence', () => {
    expect(described('Officials warned Russia would choose war soon', 'Analysts say Russia would choose peace. Later, talks began.')).toBe('reworded | Analysts say Russia would choose peace | Officials warned>Analysts say, war soon>peace');
  });

  test('unrelated text and a few shared common words are no match', () => {
    expect(described('the markets rallied on the news of the deal', 'Rain is expected in the north of the country.')).toBe('none');
  });
});

describe('matchPassage: more retellings', () => {
  test('a passage selected across a paragraph break matches the same words in one paragraph', () => {
    expect(described('the sanctions would stay\n\nin place until the troops withdraw', 'Officials said the sanctions would stay in place until the troops withdraw.')).toBe('exact | the sanctions would stay in place until the troops withdraw | ');
  });

  test('a quote trimmed at both ends and cut in the middle', () => {
    expect(described('We are always ready for diplomacy. We are also ready to impose swift and severe consequences should Russia instead choose war', 'She said they were “also ready to impose … severe consequences should Russia instead choose war”.')).toBe(
      'reworded | also ready to impose … severe consequences should Russia instead choose war | We are always ready for diplomacy. We are>, swift and>',
    );
  });

  test('Cyrillic re-cased and re-punctuated, with ё written as е', () => {
    expect(described('МЫ ГОТОВЫ К ДИАЛОГУ, НО ВСЁ ЗАВИСИТ ОТ ВАШИНГТОНА!', '«Мы готовы к диалогу — но все зависит от Вашингтона», — сказал он.')).toBe('exact | Мы готовы к диалогу — но все зависит от Вашингтона | ');
  });

  test('Greek re-cased: accents and final sigma fold away', () => {
    expect(described('ΟΙ ΔΙΑΠΡΑΓΜΑΤΕΥΣΕΙΣ ΣΥΝΕΧΙΖΟΝΤΑΙ ΚΑΝΟΝΙΚΑ', 'Είπε ότι οι διαπραγματεύσεις συνεχίζονται κανονικά.')).toBe('exact | οι διαπραγματεύσεις συνεχίζονται κανονικά | ');
  });

  test('Arabic re-punctuated (Arabic comma and question mark) and with a word changed', () => {
    expect(described('هل نحن مستعدون، دائما، للدبلوماسية؟', 'وقال: هل نحن مستعدون دائما للحوار?')).toBe('near | هل نحن مستعدون دائما للحوار | للدبلوماسية>للحوار');
  });

  test('CJK with full-width and half-width punctuation alike; Japanese kana and kanji', () => {
    expect(described('我们随时准备进行外交，也准备好实施制裁。', '他说:“我们随时准备进行外交,也准备好实施制裁”')).toBe('exact | 我们随时准备进行外交,也准备好实施制裁 | ');
    expect(described('私たちは外交の準備ができている', '報道官は「私たちは常に外交の準備ができている」と述べた。')).toBe('near | 私たちは常に外交の準備ができている | >常に');
  });

  test('Devanagari: vowel signs are part of their word', () => {
    expect(described('हम बातचीत के लिए तैयार हैं', 'मंत्री ने कहा कि हम बातचीत के लिए हमेशा तैयार हैं।')).toBe('near | हम बातचीत के लिए हमेशा तैयार हैं | >हमेशा');
  });
});
