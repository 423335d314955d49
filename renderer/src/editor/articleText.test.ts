// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toEditorDocument } from '../../../shared/editorPositions';
import { articleExtensions } from './articleExtensions';
import { articleTextOf } from './articleText';
import { findHighlightsKey } from './findHighlights';
import { selectionAidsKey } from './selectionAids';
import { spanHighlightsKey } from './spanHighlights';

const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/editorPositions', async (original) => {
  const actual = await original<typeof import('../../../shared/editorPositions')>();
  class CountedTextPositionMap extends actual.TextPositionMap {
    constructor(text: string, paragraphsPerSection?: number) {
      super(text, paragraphsPerSection);
      built.count += 1;
    }
  }
  return { ...actual, TextPositionMap: CountedTextPositionMap };
});

const TEXT = 'Psaki said: “We are ready.”\n\nRussia has 150,000 troops 🪖 near Ukraine.\nRussia’s move.';
const LABELS = ['claim', 'quote', 'attribution'];

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

/** The article editor's extensions in a TipTap editor mounted in jsdom (plugins exist only once mounted). */
function open(text: string, paragraphsPerSection = 0): Editor {
  editor = new Editor({ element: document.createElement('div'), extensions: articleExtensions(), content: toEditorDocument(text, paragraphsPerSection), editable: false });
  return editor;
}

describe('the article text model', () => {
  it('holds the article text exactly, with its position map', () => {
    const { text, positions } = articleTextOf(open(TEXT).state);
    expect(text).toBe(TEXT);
    expect(positions.toOffset(positions.toPosition(TEXT.indexOf('Russia')))).toBe(TEXT.indexOf('Russia'));
  });

  it('builds the position map once per article, whatever the layers draw, and again only for a new article', () => {
    built.count = 0;
    const current = open(TEXT);
    expect(built.count).toBe(1);
    const spans = [{ id: 'a', start: 0, end: 5, label: 'attribution' }];
    const send = (key: Parameters<typeof current.state.tr.setMeta>[0], value: unknown) => current.view.dispatch(current.state.tr.setMeta(key, value));
    send(spanHighlightsKey, { spans, labels: LABELS, selectedId: 'a' });
    send(selectionAidsKey, { caret: { anchor: 3, head: 9 }, handles: { start: 0, end: 5 }, preview: null });
    send(findHighlightsKey, { query: 'russia' });
    send(findHighlightsKey, { active: 1 });
    send(findHighlightsKey, { active: 2 });
    send(spanHighlightsKey, { spans: [...spans, { id: 'b', start: 12, end: 26, label: 'quote' }], labels: LABELS, selectedId: 'b' });
    expect(spanHighlightsKey.getState(current.state)!.decorations.find().length).toBe(6);
    expect(findHighlightsKey.getState(current.state)!.matches.length).toBe(2);
    expect(built.count).toBe(1);
    current.commands.setContent(toEditorDocument('Another article.\nTwo lines.'));
    expect(articleTextOf(current.state).text).toBe('Another article.\nTwo lines.');
    expect(built.count).toBe(2);
  });

  it('in a long article grouped in sections, keeps the text and draws each span over exactly its text', () => {
    const text = Array.from({ length: 7 }, (_, index) => (index === 3 ? '' : `Line ${index}: “quoted” 🪖 words.`)).join('\n');
    const current = open(text, 2);
    expect(current.state.doc.childCount).toBe(4);
    expect(current.view.dom.querySelectorAll('[data-article-section]').length).toBe(4);
    const { text: held, positions } = articleTextOf(current.state);
    expect(held).toBe(text);
    expect(positions.documentSize).toBe(current.state.doc.content.size);
    const at = (phrase: string, from = 0) => ({ start: text.indexOf(phrase, from), end: text.indexOf(phrase, from) + phrase.length });
    const spans = [
      { id: 'first', ...at('Line 0'), label: 'claim' },
      { id: 'across', start: at('words.', text.indexOf('Line 1')).start, end: at('Line 2').end, label: 'quote' },
      { id: 'later', ...at('🪖 words', text.indexOf('Line 6')), label: 'attribution' },
    ];
    current.view.dispatch(current.state.tr.setMeta(spanHighlightsKey, { spans, labels: LABELS, selectedId: null }));
    for (const span of spans) {
      // A highlight is drawn in pieces (at its end caps, and per paragraph).
      const drawn = [...current.view.dom.querySelectorAll(`.nm-hl[data-span-id="${span.id}"]`)].map((element) => element.textContent).join('');
      expect(drawn).toBe(text.slice(span.start, span.end).replaceAll('\n', ''));
    }
  });
});
