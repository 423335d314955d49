import { Node, Schema } from '@tiptap/pm/model';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TextPositionMap, toEditorDocument } from './editorPositions';
import { SAMPLE_CORPUS } from './testing/sampleCorpus';

/** The editor's document shape, and nothing else: doc > paragraph+ > text*. */
const schema = new Schema({
  nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*' }, text: {} },
});

function proseMirrorDocument(text: string): Node {
  const document = Node.fromJSON(schema, toEditorDocument(text));
  document.check();
  return document;
}

const ARTICLES: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(SAMPLE_CORPUS.map(([name, text]) => [name.slice(0, 3), text])));
const ARTICLE_NAMES = Object.keys(ARTICLES);

function article(name: string): string {
  const text = ARTICLES[name];
  if (text === undefined) throw new Error(`no article ${name} in data/`);
  return text;
}

/** Text with many line breaks (blank lines, leading and trailing ones) and some emoji. */
const linedText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('a', 'b', ' ', '.', '“', 'é') },
    { weight: 2, arbitrary: fc.constant('\n') },
    { weight: 1, arbitrary: fc.constantFrom('\n\n', '😀', '👩\u200d💻', 'שלום') },
  ),
  maxLength: 40,
});
const textAndRange = linedText.chain((text) =>
  fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length)).map(([t, a, b]) => [t, Math.min(a, b), Math.max(a, b)] as const),
);
const numRuns = 300;

describe('toEditorDocument', () => {
  test('makes one paragraph per line, an empty line an empty paragraph without content', () => {
    expect(toEditorDocument('Biden\n\nPutin')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Biden' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Putin' }] },
      ],
    });
  });

  test('an empty text is one empty paragraph', () => {
    expect(toEditorDocument('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  test('keeps markup-like text as text, never as HTML', () => {
    expect(toEditorDocument('<i>Getty</i><br/>').content[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '<i>Getty</i><br/>' }] });
  });

  test.each(ARTICLE_NAMES)('article %s: paragraphs joined by "\\n" reproduce the text exactly', (name) => {
    const text = article(name);
    const lines = toEditorDocument(text).content.map((paragraph) => paragraph.content?.[0].text ?? '');
    expect(lines.join('\n')).toBe(text);
  });

  test.each(ARTICLE_NAMES)('article %s: ProseMirror accepts the document and reads back the whole text', (name) => {
    const text = article(name);
    const document = proseMirrorDocument(text);
    expect(document.textBetween(0, document.content.size, '\n')).toBe(text);
  });

  test('generated text: paragraphs joined by "\\n" reproduce the text exactly', () => {
    fc.assert(
      fc.property(linedText, (text) => {
        const lines = toEditorDocument(text).content.map((paragraph) => paragraph.content?.[0].text ?? '');
        expect(lines.join('\n')).toBe(text);
        expect(proseMirrorDocument(text).childCount).toBe(text.split('\n').length);
      }),
      { numRuns },
    );
  });
});

describe('TextPositionMap on real prose', () => {
  // Offsets and positions computed independently (Python): position = offset + 1 + line.
  const PHRASES = [
    { name: '000', phrase: 'US President Joe Biden', offset: 0, paragraph: 0, position: 1 },
    { name: '000', phrase: 'Jen Psaki', offset: 139, paragraph: 0, position: 140 },
    { name: '000', phrase: 'США Джо Байден', offset: 425, paragraph: 2, position: 428 },
    { name: '001', phrase: 'The meeting will take place', offset: 108, paragraph: 2, position: 111 },
    { name: '001', phrase: 'We are always ready for diplomacy', offset: 523, paragraph: 6, position: 530 },
    { name: '002', phrase: 'Antony Blinken', offset: 57, paragraph: 0, position: 58 },
    { name: '002', phrase: 'Amid Ukrainian border tensions', offset: 73, paragraph: 2, position: 76 },
    { name: '003', phrase: 'Skip to Content', offset: 0, paragraph: 0, position: 1 },
    { name: '003', phrase: 'White House says Biden', offset: 17, paragraph: 2, position: 20 },
    { name: '003', phrase: '<i>Getty</i>', offset: 128, paragraph: 4, position: 133 },
    { name: '003', phrase: 'Ivana Kottasová', offset: 393, paragraph: 7, position: 401 },
    { name: '004', phrase: 'Biden Tentatively Agrees', offset: 63, paragraph: 2, position: 66 },
    { name: '004', phrase: 'WASHINGTON —', offset: 156, paragraph: 5, position: 162 },
  ];
  for (const { name, phrase, offset, paragraph, position } of PHRASES) {
    test(`article ${name}: "${phrase}" at offset ${offset} is position ${position} in paragraph ${paragraph}`, () => {
      const text = article(name);
      const map = new TextPositionMap(text);
      const document = proseMirrorDocument(text);
      expect(text.indexOf(phrase)).toBe(offset);
      expect(map.toPosition(offset)).toBe(position);
      const resolved = document.resolve(position);
      expect([resolved.parent.type.name, resolved.index(0), resolved.parentOffset]).toEqual(['paragraph', paragraph, offset - text.lastIndexOf('\n', offset - 1) - 1]);
      expect(document.textBetween(position, map.toPosition(offset + phrase.length), '\n')).toBe(phrase);
      expect(map.toOffset(position)).toBe(offset);
    });
  }

  test.each(ARTICLE_NAMES)('article %s: toOffset(toPosition(o)) === o for every offset', (name) => {
    const text = article(name);
    const map = new TextPositionMap(text);
    for (let offset = 0; offset <= text.length; offset++) expect(map.toOffset(map.toPosition(offset))).toBe(offset);
  });

  test.each(ARTICLE_NAMES)('article %s: each line\'s start and end land at its paragraph\'s content start and end in ProseMirror', (name) => {
    const text = article(name);
    const map = new TextPositionMap(text);
    const document = proseMirrorDocument(text);
    let lineStart = 0;
    document.forEach((paragraph, before, index) => {
      const lineEnd = lineStart + paragraph.content.size;
      expect([index, map.toPosition(lineStart), map.toPosition(lineEnd)]).toEqual([index, before + 1, before + 1 + paragraph.content.size]);
      lineStart = lineEnd + 1;
    });
  });

  test.each(ARTICLE_NAMES)('article %s: documentSize is the ProseMirror content size', (name) => {
    const text = article(name);
    expect(new TextPositionMap(text).documentSize).toBe(proseMirrorDocument(text).content.size);
  });
});

describe('TextPositionMap tables', () => {
  const POSITIONS = [
    { text: '', offsets: [0], positions: [1] },
    { text: 'ab', offsets: [0, 1, 2], positions: [1, 2, 3] },
    { text: 'a\nb', offsets: [0, 1, 2, 3], positions: [1, 2, 4, 5] },
    { text: 'a\n\nb', offsets: [0, 1, 2, 3, 4], positions: [1, 2, 4, 6, 7] },
    { text: '\n', offsets: [0, 1], positions: [1, 3] },
    { text: '😀\nx', offsets: [0, 2, 3, 4], positions: [1, 3, 5, 6] },
  ];
  for (const { text, offsets, positions } of POSITIONS) {
    test(`in ${JSON.stringify(text)} offsets [${offsets}] are positions [${positions}] and back`, () => {
      const map = new TextPositionMap(text);
      expect(offsets.map((offset) => map.toPosition(offset))).toEqual(positions);
      expect(positions.map((position) => map.toOffset(position))).toEqual(offsets);
    });
  }

  const SIZES = [
    { text: '', size: 2 },
    { text: 'ab', size: 4 },
    { text: 'a\nb', size: 6 },
    { text: 'a\n\nb\n', size: 10 },
  ];
  for (const { text, size } of SIZES) {
    test(`documentSize of ${JSON.stringify(text)} is ${size}`, () => {
      expect(new TextPositionMap(text).documentSize).toBe(size);
    });
  }

  test.each([-1, 4, 0.5, Number.NaN])('toPosition(%s) outside "a\\nb" throws a RangeError', (offset) => {
    expect(() => new TextPositionMap('a\nb').toPosition(offset)).toThrow(RangeError);
  });

  test('in "ab\\ncd" the position between the paragraphs clamps to the end of the first line', () => {
    // Positions: 0 <p> 1 a 2 b 3 </p> 4 <p> 5 c 6 d 7 </p> 8
    expect(new TextPositionMap('ab\ncd').toOffset(4)).toBe(2);
  });

  test('positions before the first paragraph and after the last clamp to the ends of the text', () => {
    const map = new TextPositionMap('ab\ncd');
    expect([-5, 0, 8, 9, 100].map((position) => map.toOffset(position))).toEqual([0, 0, 5, 5, 5]);
  });
});

describe('TextPositionMap properties against a ProseMirror document', () => {
  test('toOffset(toPosition(o)) === o for all o, and positions strictly increase', () => {
    fc.assert(
      fc.property(linedText, (text) => {
        const map = new TextPositionMap(text);
        for (let offset = 0; offset <= text.length; offset++) {
          expect(map.toOffset(map.toPosition(offset))).toBe(offset);
          if (offset > 0) expect(map.toPosition(offset)).toBeGreaterThan(map.toPosition(offset - 1));
        }
      }),
      { numRuns },
    );
  });

  test('textBetween(toPosition(a), toPosition(b), "\\n") === text.slice(a, b)', () => {
    fc.assert(
      fc.property(textAndRange, ([text, start, end]) => {
        const map = new TextPositionMap(text);
        expect(proseMirrorDocument(text).textBetween(map.toPosition(start), map.toPosition(end), '\n')).toBe(text.slice(start, end));
      }),
      { numRuns },
    );
  });

  test('every position inside a paragraph maps to an offset that maps back to it', () => {
    fc.assert(
      fc.property(linedText, (text) => {
        const map = new TextPositionMap(text);
        const document = proseMirrorDocument(text);
        for (let position = 0; position <= document.content.size; position++) {
          if (document.resolve(position).parent.type.name === 'paragraph') expect(map.toPosition(map.toOffset(position))).toBe(position);
        }
      }),
      { numRuns },
    );
  });

  test('a position between two paragraphs clamps to the end of the earlier line', () => {
    fc.assert(
      fc.property(linedText, (text) => {
        const map = new TextPositionMap(text);
        const document = proseMirrorDocument(text);
        let lineEnd = -1;
        document.forEach((paragraph, before, index) => {
          expect(map.toOffset(before)).toBe(index === 0 ? 0 : lineEnd);
          lineEnd = (index === 0 ? 0 : lineEnd + 1) + paragraph.content.size;
        });
        expect(map.toOffset(document.content.size)).toBe(text.length);
      }),
      { numRuns },
    );
  });

  test('documentSize equals the ProseMirror content size', () => {
    fc.assert(
      fc.property(linedText, (text) => new TextPositionMap(text).documentSize === proseMirrorDocument(text).content.size),
      { numRuns },
    );
  });
});

describe('TextPositionMap over paragraphs grouped in sections, against a ProseMirror document', () => {
  const sectioned = new Schema({ nodes: { doc: { content: 'articleSection+' }, articleSection: { content: 'paragraph+' }, paragraph: { content: 'text*' }, text: {} } });
  const sectionedDocument = (text: string, size: number): Node => {
    const document = Node.fromJSON(sectioned, toEditorDocument(text, size));
    document.check();
    return document;
  };
  const sized = fc.tuple(linedText, fc.integer({ min: 1, max: 4 }));

  test('every line is in the section its number says, in order, and the text is kept', () => {
    fc.assert(
      fc.property(sized, ([text, size]) => {
        const document = sectionedDocument(text, size);
        const lines = text.split('\n');
        expect(document.childCount).toBe(Math.ceil(lines.length / size));
        document.forEach((section, _offset, index) => expect(section.childCount).toBe(Math.min(size, lines.length - index * size)));
        expect(document.textBetween(0, document.content.size, '\n')).toBe(text);
      }),
      { numRuns },
    );
  });

  test('toOffset(toPosition(o)) === o, positions strictly increase, and each sits in a paragraph at its text', () => {
    fc.assert(
      fc.property(sized, ([text, size]) => {
        const map = new TextPositionMap(text, size);
        const document = sectionedDocument(text, size);
        expect(map.documentSize).toBe(document.content.size);
        for (let offset = 0; offset <= text.length; offset++) {
          const position = map.toPosition(offset);
          expect(map.toOffset(position)).toBe(offset);
          expect(document.resolve(position).parent.type.name).toBe('paragraph');
          expect(document.textBetween(0, position, '\n')).toBe(text.slice(0, offset));
          if (offset > 0) expect(position).toBeGreaterThan(map.toPosition(offset - 1));
        }
      }),
      { numRuns },
    );
  });

  test('every position inside a paragraph maps back to itself; any other clamps to the nearest line end before it', () => {
    fc.assert(
      fc.property(sized, ([text, size]) => {
        const map = new TextPositionMap(text, size);
        const document = sectionedDocument(text, size);
        for (let position = 0; position <= document.content.size; position++) {
          const offset = map.toOffset(position);
          if (document.resolve(position).parent.type.name === 'paragraph') expect(map.toPosition(offset)).toBe(position);
          else expect(document.textBetween(0, position, '\n').length === offset || offset === 0).toBe(true);
        }
      }),
      { numRuns },
    );
  });
});
