import { describe, expect, test } from 'vitest';
import type { NewsDocument } from '../../shared/model';
import { StoryIndex } from './storyIndex';
import { storyMatchesIn } from './storyRequests';

/** The matching as the story view gets it, through the index: each retelling found is "article: kind | text". */
async function found(passage: string, articles: Record<string, string>): Promise<string[]> {
  const index = StoryIndex.empty();
  const now = '2026-01-01T00:00:00.000Z';
  for (const [id, text] of Object.entries(articles)) {
    const document: NewsDocument = { id, text, meta: { title: id }, status: 'todo', spans: [], relations: [], createdAt: now, updatedAt: now, annotator: 'a', revision: 0 };
    index.put(document);
  }
  return (await storyMatchesIn(index, { documentId: null, text: passage, start: 0, end: passage.length })).matches.map((match) => `${match.documentId}: ${match.kind} | ${match.text}`);
}

const FILLER = 'Markets were calm on Monday. The weather stayed mild across the region.\n\n';

describe('story matches through the index', () => {
  test('a quote split across a paragraph break in the other article is found whole', async () => {
    expect(await found('the sanctions would stay in place until the troops withdraw from the border', { split: `${FILLER}The minister said the sanctions would stay in place\n\nuntil the troops withdraw from the border, officials added.`, other: FILLER })).toEqual([
      'split: exact | the sanctions would stay in place\n\nuntil the troops withdraw from the border',
    ]);
  });

  test('retellings in Cyrillic, Arabic and Chinese are found among unrelated articles, best first', async () => {
    const articles = {
      ru: `${FILLER}Песков заявил: «Мы открыты к диалогу на уровне министров».`,
      ruExact: 'ПЕСКОВ: МЫ ГОТОВЫ К ДИАЛОГУ НА УРОВНЕ МИНИСТРОВ!',
      ar: 'قال المتحدث: نَحْنُ مستعدون دائما للدبلوماسية.',
      zh: '他说：“我们始终准备进行外交。”',
      unrelated: FILLER,
    };
    expect(await found('Мы готовы к диалогу на уровне министров', articles)).toEqual(['ruExact: exact | МЫ ГОТОВЫ К ДИАЛОГУ НА УРОВНЕ МИНИСТРОВ', 'ru: near | Мы открыты к диалогу на уровне министров']);
    expect(await found('نحن مستعدون دائما للدبلوماسية', articles)).toEqual(['ar: exact | نَحْنُ مستعدون دائما للدبلوماسية']);
    expect(await found('我们随时准备进行外交', articles)).toEqual(['zh: near | 我们始终准备进行外交']);
  });
});
