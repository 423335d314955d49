import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { titleFromText } from './title';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function readArticle(name: string): string {
  return readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8');
}

describe('titleFromText on the articles in data/', () => {
  const TITLES = [
    {
      file: '000_79e066461c61ce09.txt',
      title: 'US President Joe Biden agreed to meet with Russian counterpart Vladimir Putin if Russia “does not invade Ukraine,” White House spokeswoman Jen Psaki said on February 20.',
    },
    { file: '001_eb02124ce0597417.txt', title: 'The White House says Biden has agreed to meet with Putin “on policy grounds” until Russia invades Ukraine.' },
    { file: '002_dcf635e621369bb0.txt', title: 'US ‘fully prepared’ for another Biden-Putin summit, says Antony Blinken' },
    // The first line, "Skip to Content", is site navigation.
    { file: '003_37448910395a2621.txt', title: 'White House says Biden has agreed to meet with Putin ‘in principle’ as long as Russia does not invade Ukraine' },
    { file: '004_8a97344ee3f0862c.txt', title: 'U.S. President Joe Biden and Russian President Vladimir Putin' },
  ];
  for (const { file, title } of TITLES) {
    test(`${file} is titled "${title.slice(0, 40)}…"`, () => {
      expect(titleFromText(readArticle(file), 'fallback')).toBe(title);
    });
  }
});

describe('titleFromText', () => {
  const CASES = [
    { name: 'skips blank and white-space-only lines', text: '\n  \n\t\nHeadline\nBody', title: 'Headline' },
    { name: 'trims the line, including a trailing CR', text: '  Headline here \r\nBody', title: 'Headline here' },
    { name: 'skips several chrome lines in any case', text: 'SKIP TO MAIN CONTENT\nMenu\n  Search  \nSign in\nAdvertisement\nReal title', title: 'Real title' },
    { name: 'keeps a line that only starts like chrome', text: 'Search for survivors continues\nBody', title: 'Search for survivors continues' },
    { name: 'keeps an RTL title as written', text: '\nשלום עולם\n', title: 'שלום עולם' },
    { name: 'falls back for an empty text', text: '', title: 'file-name' },
    { name: 'falls back when every line is blank or chrome', text: '\n \nSkip to content\nShare this article\n', title: 'file-name' },
  ];
  for (const { name, text, title } of CASES) {
    test(`${name}: ${JSON.stringify(text)} → "${title}"`, () => {
      expect(titleFromText(text, 'file-name')).toBe(title);
    });
  }

  test('cuts a long line to its first 299 characters plus an ellipsis, dropping a space before the ellipsis', () => {
    // The 299th character is a space, so the cut keeps 298 characters.
    const title = titleFromText(`xxxx${'word '.repeat(100)}`, 'x');
    expect(title).toBe(`xxxx${'word '.repeat(59).trimEnd()}…`);
    expect(title.length).toBe(299);
  });

  test('a long line cut where no space falls is exactly 300 characters', () => {
    expect(titleFromText('y'.repeat(400), 'x')).toBe(`${'y'.repeat(299)}…`);
  });

  test('keeps a line of exactly 300 characters whole', () => {
    const line = 'a'.repeat(300);
    expect(titleFromText(line, 'x')).toBe(line);
  });

  test('does not cut an emoji in half when shortening a long line', () => {
    const title = titleFromText(`${'a'.repeat(298)}😀${'b'.repeat(10)}`, 'x');
    expect(title).toBe(`${'a'.repeat(298)}…`);
  });

  test('any shortened title is well-formed UTF-16, at most 300 units, and a prefix of the line', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '😀', 'ש', 'é'), minLength: 290, maxLength: 330 });
    fc.assert(
      fc.property(line, (value) => {
        const expectedLine = value.trim();
        const title = titleFromText(value, 'x');
        if (expectedLine === '') {
          expect(title).toBe('x');
          return;
        }
        expect(title.length).toBeLessThanOrEqual(300);
        expect(title).not.toMatch(LONE_SURROGATE);
        if (expectedLine.length <= 300) expect(title).toBe(expectedLine);
        else expect(expectedLine.startsWith(title.slice(0, -1)) && title.endsWith('…')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
