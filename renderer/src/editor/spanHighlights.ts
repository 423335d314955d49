import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextRange } from '../../../shared/spans';
import { articleTextOf, type ArticleText } from './articleText';
import { layerCommand } from './layerCommand';
import { scrolledWindow } from './drawWhenIdle';

/** What the extension draws: spans by text offset (UTF-16, end exclusive), never by position. */
export interface HighlightSpan {
  id: string;
  start: number;
  end: number;
  label: string;
}

export interface HighlightInput {
  spans: readonly HighlightSpan[];
  /** Label names in settings order; a label's index picks its CSS class (`nm-label-<index>`). */
  labels: readonly string[];
  selectedId: string | null;
}

interface HighlightState extends HighlightInput {
  decorations: DecorationSet;
  byId: Map<string, HighlightSpan>;
  /** The article's text and position map, from the ArticleText plugin. */
  article: ArticleText;
  /**
   * The part of a long article whose spans are drawn (text offsets); null draws every span.
   * A long article's highlights are thousands of nested elements; drawing only those near
   * what is on screen keeps opening, labelling and scrolling within a frame or so.
   */
  window: TextRange | null;
}

/** Articles up to this length (UTF-16 units) have every span drawn, whatever is on screen. */
export const DRAW_ALL_UP_TO = 30_000;
/** A long article draws this much text from its start until it reports what is on screen. */
const FIRST_WINDOW_LENGTH = 12_000;
/** Text drawn beyond each edge of what is on screen, in screens. */
const WINDOW_MARGIN_SCREENS = 2;
/** The window moves when what is on screen comes closer than this (in screens) to its edge. */
const WINDOW_SLACK_SCREENS = 0.5;
/** The meta naming what is on screen (a TextRange), set by the `showVisibleRange` command. */
export const VISIBLE_RANGE_META = 'spanHighlights.visibleRange';
/**
 * The meta that sets a long article's window outright (a TextRange, clipped to the text): idle
 * time uses it to draw ahead of the screen (editor/drawWhenIdle.ts), so that scrolling seldom
 * has anything left to draw.
 */
export const DRAW_WINDOW_META = 'spanHighlights.drawWindow';

interface HighlightSpec {
  spanId: string;
}

export const spanHighlightsKey = new PluginKey<HighlightState>('spanHighlights');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    spanHighlights: {
      /** Replaces what is drawn; only spans that changed are redrawn. */
      setHighlights: (input: HighlightInput) => ReturnType;
      /**
       * Tells the extension which text is on screen (text offsets); in a long article it
       * draws the spans near it and drops those far from it.
       */
      showVisibleRange: (visible: TextRange) => ReturnType;
    };
  }
}

/** Length in UTF-16 units of the character starting at `offset` (2 for an emoji, say). */
function characterLength(text: string, offset: number): number {
  const code = text.codePointAt(offset);
  return code !== undefined && code > 0xffff ? 2 : 1;
}

/**
 * The decorations for one span: the highlight itself (coloured by label, named in its title),
 * plus a one-character cap at each end that draws a bar, so that where spans overlap, nest or
 * touch, each one's start and end stay visible.
 */
function decorationsFor(span: HighlightSpan, state: Pick<HighlightState, 'labels' | 'selectedId' | 'article'>): Decoration[] {
  const { positions, text } = state.article;
  if (span.start < 0 || span.end > positions.textLength || span.start >= span.end) return [];
  const labelIndex = state.labels.indexOf(span.label);
  const labelClass = labelIndex >= 0 ? `nm-label-${labelIndex}` : 'nm-label-unknown';
  const spec: HighlightSpec = { spanId: span.id };
  const selected = span.id === state.selectedId;
  const from = positions.toPosition(span.start);
  const to = positions.toPosition(span.end);
  const result = [
    Decoration.inline(
      from,
      to,
      {
        nodeName: 'span',
        class: `nm-hl ${labelClass}${selected ? ' nm-selected' : ''}`,
        'data-span-id': span.id,
        'data-label': span.label,
        title: span.label,
      },
      spec,
    ),
  ];
  const firstEnd = span.start + characterLength(text, span.start);
  result.push(Decoration.inline(from, positions.toPosition(Math.min(firstEnd, span.end)), { nodeName: 'span', class: `nm-cap-start ${labelClass}` }, spec));
  const lastStart = span.end - (span.end >= 2 && characterLength(text, span.end - 2) === 2 ? 2 : 1);
  result.push(Decoration.inline(positions.toPosition(Math.max(lastStart, span.start)), to, { nodeName: 'span', class: `nm-cap-end ${labelClass}` }, spec));
  return result;
}

function meetsWindow(span: HighlightSpan, window: TextRange | null): boolean {
  return window === null || (span.start < window.end && span.end > window.start);
}

function firstWindow(textLength: number): TextRange | null {
  return textLength <= DRAW_ALL_UP_TO ? null : { start: 0, end: FIRST_WINDOW_LENGTH };
}

/**
 * Where the window should be for what is on screen: null while the current window still holds
 * it with some slack (so scrolling redraws only now and then), else a new window around it.
 */
export function nextWindow(current: TextRange, visible: TextRange, textLength: number): TextRange | null {
  const screen = Math.max(visible.end - visible.start, 1_000);
  const slack = screen * WINDOW_SLACK_SCREENS;
  if (current.start <= Math.max(0, visible.start - slack) && current.end >= Math.min(textLength, visible.end + slack)) return null;
  const margin = screen * WINDOW_MARGIN_SCREENS;
  return { start: Math.max(0, Math.floor(visible.start - margin)), end: Math.min(textLength, Math.ceil(visible.end + margin)) };
}

function build(doc: ProseMirrorNode, article: ArticleText, input: HighlightInput, window?: TextRange | null): HighlightState {
  const base = { ...input, article, window: window === undefined ? firstWindow(article.text.length) : window };
  const decorations = DecorationSet.create(
    doc,
    input.spans.filter((span) => meetsWindow(span, base.window)).flatMap((span) => decorationsFor(span, base)),
  );
  return { ...base, decorations, byId: new Map(input.spans.map((span) => [span.id, span])) };
}

/** The drawn decorations of the spans with these ids. */
function decorationsOf(state: HighlightState, ids: Iterable<string>): Decoration[] {
  return [...ids].flatMap((id) => {
    const span = state.byId.get(id);
    if (!span || !meetsWindow(span, state.window)) return [];
    const { positions } = state.article;
    return state.decorations.find(positions.toPosition(span.start), positions.toPosition(span.end), (spec: HighlightSpec) => spec.spanId === id);
  });
}

function sameSpan(a: HighlightSpan | undefined, b: HighlightSpan | undefined): boolean {
  return !!a && !!b && a.start === b.start && a.end === b.end && a.label === b.label;
}

/**
 * The ids of the spans added, removed or changed (range, label) between two lists of unique ids,
 * and the map by id of `after`. Spans equal at the same place from either end are skipped
 * without a lookup: a labelling adds one span among thousands, and only it is looked up.
 */
function spanChanges(before: readonly HighlightSpan[], beforeById: Map<string, HighlightSpan>, after: readonly HighlightSpan[]): { changed: Set<string>; byId: Map<string, HighlightSpan> } {
  const same = (a: HighlightSpan, b: HighlightSpan) => a === b || (a.id === b.id && sameSpan(a, b));
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && same(before[head]!, after[head]!)) head++;
  let tail = 0;
  while (tail < shorter - head && same(before[before.length - 1 - tail]!, after[after.length - 1 - tail]!)) tail++;
  const changed = new Set<string>();
  if (head === before.length && head === after.length) return { changed, byId: beforeById };
  const gone = before.slice(head, before.length - tail);
  const come = after.slice(head, after.length - tail);
  const byId = new Map(beforeById);
  for (const span of gone) byId.delete(span.id);
  for (const span of come) byId.set(span.id, span);
  for (const span of gone) if (!sameSpan(span, byId.get(span.id))) changed.add(span.id);
  for (const span of come) if (!sameSpan(span, beforeById.get(span.id))) changed.add(span.id);
  return { changed, byId };
}

/**
 * Moves from one drawn state to the next, redrawing only the spans that were added, removed,
 * changed, or selected/deselected. A changed label order redraws everything.
 */
function update(state: HighlightState, doc: ProseMirrorNode, input: HighlightInput): HighlightState {
  const labelsChanged = state.labels.length !== input.labels.length || state.labels.some((label, index) => label !== input.labels[index]);
  if (labelsChanged) return build(doc, state.article, input, state.window);
  // Most updates change no span (a selection, a save that hands back equal spans): cheap
  // checks first, the diff by id only when something may differ.
  const { changed, byId } = input.spans === state.spans ? { changed: new Set<string>(), byId: state.byId } : spanChanges(state.spans, state.byId, input.spans);
  if (state.selectedId !== input.selectedId) {
    if (state.selectedId) changed.add(state.selectedId);
    if (input.selectedId) changed.add(input.selectedId);
  }
  if (changed.size === 0) return { ...state, spans: input.spans, selectedId: input.selectedId };
  if (changed.size > 200 && changed.size > input.spans.length / 2) return build(doc, state.article, input, state.window);

  const stale = decorationsOf(state, changed);
  const next = { ...state, ...input, byId };
  const fresh = [...changed].flatMap((id) => {
    const span = byId.get(id);
    return span && meetsWindow(span, next.window) ? decorationsFor(span, next) : [];
  });
  return { ...next, decorations: state.decorations.remove(stale).add(doc, fresh) };
}

/** Moves a long article's window to what is on screen: draws the spans it now meets, drops the rest. */
function moveWindow(state: HighlightState, doc: ProseMirrorNode, visible: TextRange): HighlightState {
  if (state.window === null) return state;
  const textLength = state.article.text.length;
  const next = nextWindow(state.window, visible, textLength);
  // What idle time drew behind the screen stays, within its band (see scrolledWindow).
  return next ? setWindow(state, doc, scrolledWindow(state.window, next, visible, textLength)) : state;
}

/** Sets a long article's window to `range` (clipped to the text). */
function drawWindow(state: HighlightState, doc: ProseMirrorNode, range: TextRange): HighlightState {
  if (state.window === null) return state;
  const window = { start: Math.max(0, range.start), end: Math.min(state.article.text.length, range.end) };
  const same = window.start === state.window.start && window.end === state.window.end;
  return same || window.start >= window.end ? state : setWindow(state, doc, window);
}

function setWindow(state: HighlightState, doc: ProseMirrorNode, window: TextRange): HighlightState {
  const leaving = state.spans.filter((span) => meetsWindow(span, state.window) && !meetsWindow(span, window));
  const next = { ...state, window };
  const entering = state.spans.filter((span) => meetsWindow(span, window) && !meetsWindow(span, state.window));
  const stale = decorationsOf(state, new Set(leaving.map((span) => span.id)));
  const fresh = entering.flatMap((span) => decorationsFor(span, next));
  return { ...next, decorations: state.decorations.remove(stale).add(doc, fresh) };
}

/**
 * The ProseMirror plugin behind the extension; set what it draws with the meta `spanHighlightsKey`.
 * It reads the article from the ArticleText plugin, which must come before it.
 */
export function createSpanHighlightsPlugin(initial: HighlightInput | null = null): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: spanHighlightsKey,
    state: {
      init: (_config, state: EditorState) => build(state.doc, articleTextOf(state), initial ?? { spans: [], labels: [], selectedId: null }),
      apply(tr, value, _oldState, newState) {
        const input = tr.getMeta(spanHighlightsKey) as HighlightInput | undefined;
        const visible = tr.getMeta(VISIBLE_RANGE_META) as TextRange | undefined;
        // The article never changes; a new article (setContent) rebuilds from scratch.
        if (tr.docChanged) return build(newState.doc, articleTextOf(newState), input ?? { spans: [], labels: value.labels, selectedId: null });
        const window = tr.getMeta(DRAW_WINDOW_META) as TextRange | undefined;
        const updated = input ? update(value, newState.doc, input) : value;
        const moved = visible ? moveWindow(updated, newState.doc, visible) : updated;
        return window ? drawWindow(moved, newState.doc, window) : moved;
      },
    },
    props: {
      decorations(state) {
        return spanHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty;
      },
    },
  });
}

/**
 * Draws labelled spans over a read-only article as ProseMirror decorations held in plugin
 * state (the document itself stays the plain article). Overlapping spans nest as separate
 * `<span class="nm-hl nm-label-N">` elements, each named by its `title`. In an article longer
 * than DRAW_ALL_UP_TO only the spans near what `showVisibleRange` reports are drawn.
 */
export interface SpanHighlightsOptions {
  /**
   * What to draw from the start (default: nothing): the editor's first drawing then already
   * holds the spans, instead of drawing the plain article and then the spans over it.
   */
  initial: HighlightInput | null;
}

export const SpanHighlights = Extension.create<SpanHighlightsOptions>({
  name: 'spanHighlights',

  addOptions() {
    return { initial: null };
  },

  addCommands() {
    return {
      setHighlights: layerCommand<HighlightInput>(spanHighlightsKey),
      showVisibleRange: layerCommand<TextRange>(VISIBLE_RANGE_META),
    };
  },

  addProseMirrorPlugins() {
    return [createSpanHighlightsPlugin(this.options.initial)];
  },
});
