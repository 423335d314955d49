import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { DecorationSet } from '@tiptap/pm/view';
import { describe, expect, test } from 'vitest';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import { suggest, type Suggestions } from '../../../shared/suggestions/suggest';
import { createArticleTextPlugin } from './articleText';
import { createSpanHighlightsPlugin, DRAW_ALL_UP_TO, DRAW_WINDOW_META } from './spanHighlights';
import { createSuggestionLayerPlugin, suggestionLayerKey, type SuggestionLayerInput } from './suggestionLayer';

const LABELS = ['claim', 'quote', 'attribution'];
const TEXT = '“We are ready,” Psaki said in a statement.\nThe minister said that taxes would fall. 🪖';
const schema = getSchema([Document, Paragraph, Text]);

/** The layer headless (no view, no DOM), after the text model and the span layer, as in the editor. */
function layer(text = TEXT) {
  let state = EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, toEditorDocument(text)), plugins: [createArticleTextPlugin(), createSpanHighlightsPlugin(), createSuggestionLayerPlugin()] });
  const positions = new TextPositionMap(text);
  return {
    draw(input: Partial<SuggestionLayerInput> & { suggestions: Suggestions }) {
      state = state.apply(state.tr.setMeta(suggestionLayerKey, { labels: LABELS, activeKey: null, ...input }));
      return this;
    },
    meta(key: string, value: unknown) {
      state = state.apply(state.tr.setMeta(key, value));
      return this;
    },
    get decorations(): DecorationSet {
      return suggestionLayerKey.getState(state)!.decorations;
    },
    /** `"text" class` per decoration, in reading order. */
    drawn(): string[] {
      return this.decorations.find().map((decoration) => {
        const attrs = (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
        return `${JSON.stringify(text.slice(positions.toOffset(decoration.from), positions.toOffset(decoration.to)))} ${attrs.class}`;
      });
    },
  };
}

describe('the suggestion layer', () => {
  const suggestions = suggest(TEXT);

  test('draws each open suggestion as a dashed outline of its label, by text offset', () => {
    expect(layer().draw({ suggestions }).drawn()).toEqual([
      '"We are ready" nm-sugg nm-label-1',
      '"Psaki said in a statement" nm-sugg nm-label-2',
      '"The minister said" nm-sugg nm-label-2',
      '"taxes would fall" nm-sugg nm-label-1',
    ]);
  });

  test('marks the active suggestion and the ends suggested as linked to it, redrawing only those', () => {
    const drawing = layer().draw({ suggestions });
    const untouched = drawing.decorations.find().find((decoration) => (decoration.spec as { suggestionKey: string }).suggestionKey.startsWith('quote:'))!;
    const quote = suggestions.spans.find((span) => TEXT.slice(span.start, span.end) === 'taxes would fall')!;
    drawing.draw({ suggestions, activeKey: quote.key });
    expect(drawing.drawn()).toEqual([
      '"We are ready" nm-sugg nm-label-1',
      '"Psaki said in a statement" nm-sugg nm-label-2',
      '"The minister said" nm-sugg nm-label-2 nm-sugg-partner',
      '"taxes would fall" nm-sugg nm-label-1 nm-sugg-active',
    ]);
    // The first quote was not redrawn: the very same decoration (its type object) is still there.
    const typeOf = (decoration: unknown) => (decoration as { type: object }).type;
    expect(drawing.decorations.find().map(typeOf)).toContain(typeOf(untouched));
    expect(drawing.draw({ suggestions, activeKey: null }).drawn().every((line) => !line.includes('nm-sugg-'))).toBe(true);
  });

  test('a suggestion that goes (accepted, rejected) is removed and the rest stay', () => {
    const drawing = layer().draw({ suggestions });
    const rest = { spans: suggestions.spans.slice(1), links: [] };
    expect(drawing.draw({ suggestions: rest }).drawn()).toHaveLength(3);
    expect(drawing.drawn()[0]).toBe('"Psaki said in a statement" nm-sugg nm-label-2');
    expect(drawing.draw({ suggestions }).drawn()).toHaveLength(4);
  });

  test('in a long article it draws only what the span layer draws, and follows its window', () => {
    const long = `${'Filler words here. '.repeat(Math.ceil(DRAW_ALL_UP_TO / 19))}\n${TEXT}`;
    const far = suggest(long);
    const drawing = layer(long).draw({ suggestions: far });
    expect(far.spans).toHaveLength(4);
    expect(drawing.drawn()).toEqual([]);
    drawing.meta(DRAW_WINDOW_META, { start: long.length - 200, end: long.length });
    expect(drawing.drawn()).toHaveLength(4);
  });
});
