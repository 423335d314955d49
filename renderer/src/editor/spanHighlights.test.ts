import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { Decoration } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { TextPositionMap, toEditorDocument } from '../../../shared/editorPositions';
import type { TextRange } from '../../../shared/spans';
import { createArticleTextPlugin, textOfDocument } from './articleText';
import { createSpanHighlightsPlugin, DRAW_ALL_UP_TO, nextWindow, spanHighlightsKey, DRAW_WINDOW_META, type HighlightInput, type HighlightSpan } from './spanHighlights';

const LABELS = ['claim', 'quote', 'attribution'];
const TEXT = 'Psaki said: “We are ready.”\n\nRussia has 150,000 troops 🪖 near Ukraine.\nDone.';

const schema = getSchema([Document, Paragraph, Text]);

/** The plugin headless: a ProseMirror state, no view, no DOM; `draw` applies what the command would. */
class Drawing {
  state: EditorState;
  constructor(text = TEXT, initial: HighlightInput | null = null) {
    this.state = EditorState.create({ schema, doc: ProseMirrorNode.fromJSON(schema, toEditorDocument(text)), plugins: [createArticleTextPlugin(), createSpanHighlightsPlugin(initial)] });
  }
  draw(input: HighlightInput): this {
    this.state = this.state.apply(this.state.tr.setMeta(spanHighlightsKey, input));
    return this;
  }
  /** What the showVisibleRange command does. */
  show(visible: TextRange): this {
    this.state = this.state.apply(this.state.tr.setMeta('spanHighlights.visibleRange', visible));
    return this;
  }
  get window(): TextRange | null {
    return spanHighlightsKey.getState(this.state)!.window;
  }
}

function makeEditor(text = TEXT): Drawing {
  return new Drawing(text);
}

function span(text: string, piece: string, label: string, id = `${label}-${piece.length}`): HighlightSpan {
  const start = text.indexOf(piece);
  if (start < 0) throw new Error(`${piece} not in text`);
  return { id, start, end: start + piece.length, label };
}

function decorations(current: Drawing): Decoration[] {
  return spanHighlightsKey.getState(current.state)!.decorations.find();
}

/** "start-end class" per decoration, in text offsets, sorted: one line per assertion. */
function drawn(current: Drawing, text = TEXT): string {
  const positions = new TextPositionMap(text);
  return decorations(current)
    .map((decoration) => {
      const attrs = (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      return `${positions.toOffset(decoration.from)}-${positions.toOffset(decoration.to)} ${attrs.class}`;
    })
    .sort()
    .join(' | ');
}

describe('SpanHighlights', () => {
  it('reads back the article text exactly from the editor document', () => {
    expect(textOfDocument(makeEditor().state.doc)).toBe(TEXT);
  });

  it('draws each span as a highlight named by its label plus start and end caps, at the right text offsets', () => {
    const current = makeEditor();
    current.draw({ spans: [span(TEXT, 'We are ready.', 'quote')], labels: LABELS, selectedId: null });
    expect(drawn(current)).toBe('13-14 nm-cap-start nm-label-1 | 13-26 nm-hl nm-label-1 | 25-26 nm-cap-end nm-label-1');
    const [highlight] = decorations(current).filter((decoration) => (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs.title);
    expect((highlight as unknown as { type: { attrs: Record<string, string> } }).type.attrs).toMatchObject({ title: 'quote', 'data-label': 'quote', nodeName: 'span' });
  });

  it('draws the spans it starts with (the first paint) exactly as it would draw them later', () => {
    const input = { spans: [span(TEXT, 'We are ready.', 'quote'), span(TEXT, 'Psaki said', 'attribution')], labels: LABELS, selectedId: null };
    expect(drawn(new Drawing(TEXT, input))).toBe(drawn(makeEditor().draw(input)));
    expect(drawn(new Drawing(TEXT, input))).toContain('0-10 nm-hl nm-label-2');
  });

  it('draws spans across paragraph boundaries and after an emoji at the right offsets, caps covering whole characters', () => {
    const current = makeEditor();
    const across = span(TEXT, 'ready.”\n\nRussia', 'claim', 'across');
    const soldier = span(TEXT, '🪖 near', 'attribution', 'emoji');
    current.draw({ spans: [across, soldier], labels: LABELS, selectedId: null });
    const text = drawn(current);
    expect(text).toContain(`${across.start}-${across.end} nm-hl nm-label-0`);
    expect(text).toContain(`${soldier.start}-${soldier.start + 2} nm-cap-start nm-label-2`);
    expect(text).toContain(`${soldier.start}-${soldier.end} nm-hl nm-label-2`);
  });

  it('keeps overlapping and nested spans as separate highlights', () => {
    const current = makeEditor();
    current.draw({
      spans: [span(TEXT, 'Psaki said: “We are ready.”', 'claim'), span(TEXT, 'We are ready.', 'quote'), span(TEXT, 'said: “We', 'attribution')],
      labels: LABELS,
      selectedId: null,
    });
    expect(decorations(current).filter((decoration) => decoration.spec.spanId).length).toBe(9);
  });

  it('redraws only the spans that changed: the untouched span keeps its decorations (same attribute objects)', () => {
    const current = makeEditor();
    const quote = span(TEXT, 'We are ready.', 'quote', 'q');
    const claim = span(TEXT, 'Russia has 150,000 troops', 'claim', 'c');
    current.draw({ spans: [quote, claim], labels: LABELS, selectedId: null });
    // find() hands out positioned copies; the attribute-holding type is shared by a copy.
    const typeOf = (decoration: Decoration) => (decoration as unknown as { type: object }).type;
    const before = decorations(current).filter((decoration) => decoration.spec.spanId === 'q').map(typeOf);
    current.draw({ spans: [quote, { ...claim, label: 'attribution' }], labels: LABELS, selectedId: 'c' });
    const after = decorations(current).filter((decoration) => decoration.spec.spanId === 'q');
    expect(after).toHaveLength(3);
    for (const decoration of after) expect(before).toContain(typeOf(decoration));
    const claimBefore = decorations(current).filter((decoration) => decoration.spec.spanId === 'c').map(typeOf);
    expect(claimBefore.some((type) => (type as { attrs: { class?: string } }).attrs.class?.includes('nm-label-2'))).toBe(true);
    expect(drawn(current)).toContain('nm-hl nm-label-2 nm-selected');
    current.draw({ spans: [quote], labels: LABELS, selectedId: null });
    expect(decorations(current).filter((decoration) => decoration.spec.spanId === 'c')).toHaveLength(0);
  });

  it('redraws everything when the label order changes', () => {
    const current = makeEditor();
    const quote = span(TEXT, 'We are ready.', 'quote', 'q');
    current.draw({ spans: [quote], labels: LABELS, selectedId: null });
    current.draw({ spans: [quote], labels: ['quote', 'claim', 'attribution'], selectedId: null });
    expect(drawn(current)).toContain('13-26 nm-hl nm-label-0');
  });

  it('ignores a span that does not fit the article instead of drawing it somewhere wrong', () => {
    const current = makeEditor();
    current.draw({ spans: [{ id: 'x', start: 5, end: TEXT.length + 10, label: 'claim' }], labels: LABELS, selectedId: null });
    expect(decorations(current)).toHaveLength(0);
  });
});

describe('SpanHighlights incremental updates (property)', () => {
  it('after any sequence of span sets and selections, what is drawn equals a fresh drawing of the last one', async () => {
    const fc = await import('fast-check');
    const length = TEXT.length;
    const spanArbitrary = fc
      .record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), start: fc.nat(length - 1), size: fc.integer({ min: 1, max: 30 }), label: fc.constantFrom(...LABELS) })
      .map(({ id, start, size, label }) => ({ id, start, end: Math.min(length, start + size), label }))
      // Spans never split an emoji, as the store guarantees.
      .filter(({ start, end }) => ![start, end].some((offset) => offset > 0 && offset < length && /[\uDC00-\uDFFF]/.test(TEXT[offset]!)));
    const inputArbitrary = fc.record({
      spans: fc.uniqueArray(spanArbitrary, { selector: (span) => span.id, maxLength: 6 }),
      selected: fc.constantFrom(null, 'a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(inputArbitrary, { minLength: 1, maxLength: 8 }), (inputs) => {
        const incremental = new Drawing();
        for (const input of inputs) incremental.draw({ spans: input.spans, labels: LABELS, selectedId: input.selected });
        const last = inputs[inputs.length - 1]!;
        const fresh = new Drawing().draw({ spans: last.spans, labels: LABELS, selectedId: last.selected });
        expect(drawn(incremental)).toBe(drawn(fresh));
      }),
      { numRuns: 300 },
    );
  });
});

/** An article longer than DRAW_ALL_UP_TO: the sample paragraphs over and over. */
const LONG_TEXT = Array.from({ length: Math.ceil((DRAW_ALL_UP_TO * 1.5) / TEXT.length) }, () => TEXT).join('\n');

function spanAt(id: string, start: number, label = 'claim'): HighlightSpan {
  return { id, start, end: start + 12, label };
}

function drawnIds(current: Drawing): string {
  return [...new Set(decorations(current).map((decoration) => decoration.spec.spanId as string))].sort().join(' ');
}

describe('SpanHighlights on a long article', () => {
  it('draws only the spans near what is on screen, and follows it when the screen moves far enough', () => {
    const current = new Drawing(LONG_TEXT);
    const spans = [spanAt('top', 100), spanAt('middle', 20_000), spanAt('end', LONG_TEXT.length - 50)];
    current.draw({ spans, labels: LABELS, selectedId: null });
    expect(drawnIds(current)).toBe('top');
    current.show({ start: 19_500, end: 21_000 });
    expect(drawnIds(current)).toBe('middle');
    const before = spanHighlightsKey.getState(current.state)!.decorations;
    current.show({ start: 19_700, end: 21_200 });
    // A small scroll inside the window's slack redraws nothing.
    expect(spanHighlightsKey.getState(current.state)!.decorations).toBe(before);
    current.show({ start: LONG_TEXT.length - 1_000, end: LONG_TEXT.length });
    expect(drawnIds(current)).toBe('end');
  });

  it('draws a new span in the window at once and leaves one outside it for later', () => {
    const current = new Drawing(LONG_TEXT);
    current.draw({ spans: [spanAt('a', 100)], labels: LABELS, selectedId: null });
    current.draw({ spans: [spanAt('a', 100), spanAt('near', 2_000), spanAt('far', 40_000)], labels: LABELS, selectedId: 'far' });
    expect(drawnIds(current)).toBe('a near');
    current.show({ start: 39_000, end: 40_500 });
    expect(drawn(current, LONG_TEXT)).toContain('40000-40012 nm-hl nm-label-0 nm-selected');
  });

  it('draws exactly the window it is given (idle drawing ahead of the screen), within the text; scrolling inside it moves nothing', () => {
    const current = new Drawing(LONG_TEXT);
    const spans = [spanAt('top', 100), spanAt('middle', 20_000), spanAt('end', LONG_TEXT.length - 50)];
    current.draw({ spans, labels: LABELS, selectedId: null });
    const drawWindow = (window: TextRange) => (current.state = current.state.apply(current.state.tr.setMeta(DRAW_WINDOW_META, window)));
    drawWindow({ start: -5, end: 22_000 });
    expect(current.window).toEqual({ start: 0, end: 22_000 });
    expect(drawnIds(current)).toBe('middle top');
    drawWindow({ start: 15_000, end: LONG_TEXT.length + 100 });
    expect(drawnIds(current)).toBe('end middle');
    const before = spanHighlightsKey.getState(current.state)!.decorations;
    current.show({ start: 30_000, end: 31_500 });
    expect(spanHighlightsKey.getState(current.state)!.decorations).toBe(before);
  });

  it('draws every span of a short article whatever is on screen', () => {
    const current = makeEditor();
    current.draw({ spans: [span(TEXT, 'Psaki', 'claim'), span(TEXT, 'Done.', 'quote')], labels: LABELS, selectedId: null });
    current.show({ start: 0, end: 5 });
    expect(decorations(current)).toHaveLength(6);
    expect(current.window).toBeNull();
  });

  it('moves the window only when what is shown nears its edge, keeping margins within the text', () => {
    expect(nextWindow({ start: 0, end: 12_000 }, { start: 1_000, end: 3_000 }, 50_000)).toBeNull();
    expect(nextWindow({ start: 0, end: 12_000 }, { start: 10_500, end: 12_000 }, 50_000)).toEqual({ start: 7_500, end: 15_000 });
    expect(nextWindow({ start: 30_000, end: 40_000 }, { start: 49_000, end: 50_000 }, 50_000)).toEqual({ start: 47_000, end: 50_000 });
  });

  it('after any sequence of span sets and screen moves, draws exactly the spans that meet its window (property)', async () => {
    const fc = await import('fast-check');
    const length = LONG_TEXT.length;
    const spanArbitrary = fc
      .record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), start: fc.nat(length - 2), size: fc.integer({ min: 1, max: 6_000 }), label: fc.constantFrom(...LABELS) })
      .map(({ id, start, size, label }) => ({ id, start, end: Math.min(length, start + size), label }))
      .filter(({ start, end }) => ![start, end].some((offset) => offset > 0 && offset < length && /[\uDC00-\uDFFF]/.test(LONG_TEXT[offset]!)));
    const stepArbitrary = fc.oneof(
      fc.record({ spans: fc.uniqueArray(spanArbitrary, { selector: (span) => span.id, maxLength: 6 }), selected: fc.constantFrom(null, 'a', 'b') }),
      fc.record({ visibleStart: fc.nat(length - 1_500) }),
    );
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 10 }), (steps) => {
        const incremental = new Drawing(LONG_TEXT);
        let last: HighlightInput = { spans: [], labels: LABELS, selectedId: null };
        for (const step of steps) {
          if ('spans' in step) incremental.draw((last = { spans: step.spans, labels: LABELS, selectedId: step.selected }));
          else incremental.show({ start: step.visibleStart, end: step.visibleStart + 1_500 });
        }
        const window = incremental.window!;
        const meeting = last.spans.filter((span) => span.start < window.end && span.end > window.start);
        // A drawing whose window is the whole text, of just those spans.
        const fresh = new Drawing(LONG_TEXT).show({ start: 0, end: length }).draw({ ...last, spans: meeting });
        expect(drawn(incremental, LONG_TEXT)).toBe(drawn(fresh, LONG_TEXT));
      }),
      { numRuns: 150 },
    );
  });
});
