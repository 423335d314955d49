import { describe, expect, test } from 'vitest';
import { matchPassage } from '../../../shared/storyMatch';
import { tokensOf } from '../../../shared/storyText';
import { diffSegments } from './storyDiffSegments';

/** The telling of `source` in `target` as the story view writes it: [-deleted-] and {+inserted+}. */
function written(source: string, target: string): string {
  const match = matchPassage(source, tokensOf(source), target, tokensOf(target))!;
  const segments = diffSegments({ ...match, text: target.slice(match.start, match.end) });
  return segments.map((segment) => (segment.kind === 'same' ? segment.text : segment.kind === 'insert' ? `{+${segment.text}+}` : `[-${segment.text}-]`)).join('');
}

describe('diffSegments', () => {
  test('the sample corpus: substitutions as a deletion then an insertion, the telling written exactly', () => {
    expect(written('We are also ready to impose swift and severe consequences should Russia instead choose war', 'He said: “We are also prepared to impose rapid and severe consequences if Russia chooses war.”')).toBe(
      'We are also [-ready-]{+prepared+} to impose [-swift-]{+rapid+} and severe consequences [-should-]{+if+} Russia [-instead choose-]{+chooses+} war',
    );
  });

  test('deleted words are put where they were; inserted ones keep their punctuation', () => {
    expect(written('the talks will continue next week in Geneva', 'the talks, officials said, will continue next week')).toBe('the talks, {+officials said+}, will continue next week[-in Geneva-]');
    expect(written('Officials said the talks will continue next week in Geneva', 'Officials said the talks will continue in Geneva.')).toBe('Officials said the talks will continue[-next week-] in Geneva');
  });

  test('text the telling has is never lost: joined, its same and inserted segments are its text', () => {
    const target = 'Песков: «Мы открыты к диалогу — на уровне министров».';
    const match = matchPassage('Мы готовы к диалогу на уровне министров', tokensOf('Мы готовы к диалогу на уровне министров'), target, tokensOf(target))!;
    const text = target.slice(match.start, match.end);
    const kept = diffSegments({ ...match, text }).filter((segment) => segment.kind !== 'delete').map((segment) => segment.text).join('');
    expect(kept).toBe(text);
  });
});
