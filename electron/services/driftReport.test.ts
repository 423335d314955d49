import { describe, expect, test } from 'vitest';
import type { NewsDocument } from '../../shared/model';
import { driftReportOf } from './driftReport';
import { StoryIndex } from './storyIndex';

function article(id: string, text: string): NewsDocument {
  const now = '2026-01-01T00:00:00.000Z';
  return { id, text, meta: { title: id }, status: 'todo', spans: [], relations: [], createdAt: now, updatedAt: now, annotator: 'ana', revision: 0 };
}

describe('driftReportOf', () => {
  test('the same words told twice in one article (a headline repeated in the body) make one entry, not two', async () => {
    const index = StoryIndex.empty();
    index.put(article('a', 'Biden will meet Putin if Russia “does not invade Ukraine,” the White House said.'));
    const repeated = 'Biden agreed to meet as long as Russia does not further invade Ukraine';
    index.put(article('b', `${repeated}.\n\nMore talks followed.\n\nPresident ${repeated}, the White House said late Sunday.`));
    const entries = (await driftReportOf(index)).entries.map((entry) => `${entry.source.documentId}:${entry.source.text} → ${entry.target.documentId}:${entry.target.text}`);
    expect(entries).toEqual(['a:does not invade Ukraine, → b:does not further invade Ukraine']);
  });
});
