import { describe, expect, test } from 'vitest';
import type { NewsDocument } from '../model';
import { applyOperation } from '../operations';
import { acceptParagraphOperations, acceptSpanOperations, suggestionAt } from './acceptSuggestion';
import { suggest } from './suggest';

const TEXT = '“We are ready,” Psaki said.\n“Not yet,” Lavrov said.';
const CONTEXT = { annotator: 'ann', now: '2026-02-01T00:00:00.000Z', labels: ['claim', 'quote', 'attribution'] };

function document(): NewsDocument {
  const now = '2026-01-01T00:00:00.000Z';
  return { id: 'd', text: TEXT, meta: { title: 'd' }, status: 'todo', spans: [], relations: [], createdAt: now, updatedAt: now, annotator: 'ann', revision: 0 };
}

let counter = 0;
const newId = () => `x${++counter}`;

function applied(start: NewsDocument, operations: ReturnType<typeof acceptParagraphOperations>): NewsDocument {
  return operations.reduce((current, operation) => {
    const result = applyOperation(current, operation, CONTEXT);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }, start);
}

describe('accepting suggestions', () => {
  test('the suggestion under the caret is the shortest one holding it', () => {
    const suggestions = suggest(TEXT);
    expect(suggestionAt(suggestions, 3)!.key).toBe('quote:1-13');
    expect(suggestionAt(suggestions, 20)!.key).toBe('attribution:16-26');
    expect(suggestionAt(suggestions, 27)).toBeNull();
  });

  test('accept all in this paragraph: its spans and the links between them, nothing of the next paragraph', () => {
    const suggestions = suggest(TEXT);
    const result = applied(document(), acceptParagraphOperations(document(), suggestions, 5, newId));
    expect(result.spans.map((span) => `${span.label} ${TEXT.slice(span.start, span.end)}${span.speaker ? ` @${span.speaker}` : ''}`)).toEqual(['quote We are ready', 'attribution Psaki said @Psaki']);
    expect(result.relations).toHaveLength(1);
    // Accepted spans are real now: they are no longer suggested, and accepting again does nothing.
    const after = suggest(TEXT, { existing: result.spans });
    expect(after.spans.map((span) => span.key)).toEqual(['quote:29-36', 'attribution:39-50']);
    expect(acceptSpanOperations(result, suggestions, suggestions.spans[0]!, newId)).toEqual([]);
  });
});
