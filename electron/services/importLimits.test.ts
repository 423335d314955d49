import { describe, expect, test } from 'vitest';
import { MAX_ARTICLE_CHARS } from '../../shared/formats/importLimits';
import { formatProblem, type ImportProblem } from '../../shared/importProblem';
import { readImportBytes } from './importFiles';

/**
 * The article limit (README "Import": 2,000,000 characters) holds whatever the file's format.
 * (An HTML page's article goes through the same check as a record's; a page that size takes
 * Readability seconds, so it is not read here.)
 */

const LIMIT = MAX_ARTICLE_CHARS.toLocaleString('en');

function sentences(length: number): string {
  return 'The minister said more. '.repeat(Math.ceil(length / 24)).slice(0, length);
}

async function read(file: string, content: string): Promise<{ texts: number[]; problems: string[] }> {
  const problems: ImportProblem[] = [];
  const { drafts } = await readImportBytes(file, new TextEncoder().encode(content), problems);
  return { texts: drafts.map((draft) => draft.text.length), problems: problems.map(formatProblem) };
}

describe('the longest article', () => {
  const over = sentences(MAX_ARTICLE_CHARS + 1);
  const tooLong = (file: string, line?: number) => `${file}${line ? `:${line}` : ''}: the text is ${(MAX_ARTICLE_CHARS + 1).toLocaleString('en')} characters; the longest article Newsmark imports is ${LIMIT}`;

  test.each([
    ['story.txt', over, tooLong('story.txt')],
    ['story.md', `# Title\n${over.slice(8)}`, tooLong('story.md')],
    ['batch.jsonl', `${JSON.stringify({ id: 'a', text: over })}\n`, tooLong('batch.jsonl', 1)],
    ['prodigy.jsonl', `${JSON.stringify({ text: over, spans: [], answer: 'accept' })}\n`, tooLong('prodigy.jsonl', 1)],
  ])('%s one character past it is refused, named by file', async (file, content, message) => {
    expect(await read(file, content)).toEqual({ texts: [], problems: [message] });
  });

  test('a text file of exactly the limit is imported whole', async () => {
    expect(await read('story.txt', sentences(MAX_ARTICLE_CHARS))).toEqual({ texts: [MAX_ARTICLE_CHARS], problems: [] });
  });
});
