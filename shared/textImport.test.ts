import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ID_PATTERN } from './model';
import { draftFromTextFile, idFromFileName, normaliseImportedText } from './textImport';

describe('normaliseImportedText', () => {
  const CASES = [
    { name: 'drops a leading byte order mark', raw: '\ufeffBiden', text: 'Biden' },
    { name: 'keeps a byte order mark that is not at the start', raw: 'a\ufeffb', text: 'a\ufeffb' },
    { name: 'turns Windows line endings into "\\n"', raw: 'a\r\nb\r\n', text: 'a\nb\n' },
    { name: 'turns old Mac line endings into "\\n"', raw: 'a\rb\r\rc', text: 'a\nb\n\nc' },
    { name: 'handles mixed endings and keeps "\\n\\r" as two breaks', raw: 'a\n\rb\r\n\nc', text: 'a\n\nb\n\nc' },
    { name: 'leaves emoji, RTL and combining marks alone', raw: '😀 שלום e\u0301', text: '😀 שלום e\u0301' },
  ];
  for (const { name, raw, text } of CASES) {
    test(`${name}: ${JSON.stringify(raw)} → ${JSON.stringify(text)}`, () => {
      expect(normaliseImportedText(raw)).toBe(text);
    });
  }

  test('the result never holds a CR and normalising twice changes nothing more', () => {
    const raw = fc.string({ unit: fc.constantFrom('a', '\r', '\n', '\ufeff', '😀'), maxLength: 30 });
    fc.assert(
      fc.property(raw, (value) => {
        const text = normaliseImportedText(value);
        expect(text).not.toContain('\r');
        expect(normaliseImportedText(text)).toBe(text.replace(/^\ufeff/, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('idFromFileName', () => {
  const CASES = [
    { fileName: '000_79e066461c61ce09.txt', id: '000_79e066461c61ce09' },
    { fileName: '/home/ana/news/biden-putin.md', id: 'biden-putin' },
    { fileName: 'C:\\Users\\ana\\news\\report.v2.txt', id: 'report.v2' },
    { fileName: 'My Article (final).txt', id: 'My-Article-final-' },
    { fileName: '__draft.txt', id: 'draft' },
    { fileName: 'Привет.txt', id: 'document' },
    { fileName: '.hidden', id: 'document' },
    { fileName: 'folder/', id: 'document' },
    { fileName: 'noextension', id: 'noextension' },
  ];
  for (const { fileName, id } of CASES) {
    test(`${JSON.stringify(fileName)} → "${id}"`, () => {
      expect(idFromFileName(fileName)).toBe(id);
    });
  }

  test('cuts a long name to 100 characters', () => {
    expect(idFromFileName(`${'x'.repeat(150)}.txt`)).toBe('x'.repeat(100));
  });

  test('any file name gives an id the model accepts', () => {
    const name = fc.string({ unit: fc.oneof(fc.constantFrom('/', '\\', '.', '-', '_', ' ', 'é', '😀'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 200 });
    fc.assert(fc.property(name, (fileName) => ID_PATTERN.test(idFromFileName(fileName))), { numRuns: 500 });
  });
});

describe('draftFromTextFile', () => {
  test('reads data/003 whole, with its id, source name and the title after "Skip to Content"', () => {
    const raw = readFileSync(new URL('../data/003_37448910395a2621.txt', import.meta.url), 'utf8');
    const draft = draftFromTextFile('/somewhere/data/003_37448910395a2621.txt', raw);
    expect({ ...draft, text: draft.text === raw }).toEqual({
      id: '003_37448910395a2621',
      text: true,
      title: 'White House says Biden has agreed to meet with Putin ‘in principle’ as long as Russia does not invade Ukraine',
      source: '003_37448910395a2621.txt',
    });
  });

  test('takes a Markdown heading without its "#" as the title but keeps the "#" in the text', () => {
    expect(draftFromTextFile('notes.md', '\ufeff## Biden meets Putin\r\n\r\nBody')).toEqual({
      id: 'notes',
      text: '## Biden meets Putin\n\nBody',
      title: 'Biden meets Putin',
      source: 'notes.md',
    });
  });

  test('falls back to the id as the title for an empty file', () => {
    expect(draftFromTextFile('empty file.txt', '').title).toBe('empty-file');
  });
});
