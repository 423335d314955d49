import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { realWorldAvailable, realWorldPath } from '../testing/realWorld';
import { notAnArticleReason } from './notAnArticle';

describe('files that are not articles', () => {
  test('an empty or blank file, whatever its type', () => {
    for (const name of ['a.txt', 'b.md', 'c.jsonl', 'd.html']) {
      expect(notAnArticleReason(name, '')).toMatch(/empty/);
      expect(notAnArticleReason(name, '\uFEFF \n\t\r\n')).toMatch(/empty/);
    }
  });

  test('a Markdown notes file of headings, a table, lists and links is not an article', () => {
    const notes = [
      '# Sources',
      '',
      'Where each file comes from.',
      '',
      '| file | source |',
      '|---|---|',
      '| `bbc.html` | https://example.org/a-long-path/bbc |',
      '| `cnn.html` | https://example.org/a-long-path/cnn |',
      '',
      '## Licences',
      '- MIT: everything in this folder',
      '- [the repository](https://github.com/example/repo)',
    ].join('\n');
    expect(notAnArticleReason('news/SOURCES.md', notes)).toMatch(/not an article/);
  });

  test('a Markdown article with a heading, a list and prose paragraphs is one; so is a one-line text file', () => {
    const article = [
      '# Minister resigns',
      '',
      'The minister resigned on Tuesday after weeks of pressure, her office said in a statement.',
      '',
      '“I have done what I could,” she told reporters outside the ministry, declining to answer questions.',
      '',
      '- Parliament meets on Friday',
      '',
      'Her deputy will take over until a successor is named, the prime minister’s spokesman said.',
    ].join('\n');
    expect(notAnArticleReason('story.md', article)).toBeNull();
    expect(notAnArticleReason('story.md', '## The headline\n\nText.')).toBeNull();
    expect(notAnArticleReason('story.md', '# Headline\n\n> “We are ready,” she said.\n\nShort.')).toBeNull();
    expect(notAnArticleReason('short.txt', 'Hi')).toBeNull();
    expect(notAnArticleReason('list.txt', '- a\n- b\n| c |')).toBeNull();
  });
});

describe.skipIf(!realWorldAvailable())('the SOURCES.md files of ../shared/real-world', () => {
  test('both are notes, not articles', () => {
    for (const folder of ['peers', 'news-html']) {
      expect(notAnArticleReason(`${folder}/SOURCES.md`, readFileSync(realWorldPath(folder, 'SOURCES.md'), 'utf8'))).toMatch(/not an article/);
    }
  });

  test('the sample corpus articles (data/) are articles', () => {
    const data = path.join(__dirname, '../../data');
    for (const name of readdirSync(data).filter((entry) => /\.(txt|md)$/.test(entry))) {
      expect([name, notAnArticleReason(name, readFileSync(path.join(data, name), 'utf8'))]).toEqual([name, null]);
    }
  });
});
