import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { TextRange } from '../../../shared/spans';
import type { SuggestedSpan, Suggestions } from '../../../shared/suggestions/suggest';
import { articleTextOf, type ArticleText } from './articleText';
import { spanHighlightsKey } from './spanHighlights';
import { layerCommand } from './layerCommand';

/** What the layer draws: suggested spans by text offset (UTF-16, end exclusive), never by position. */
export interface SuggestionLayerInput {
  /** The open suggestions (a real span of their label covers none of them). */
  suggestions: Suggestions;
  /** Label names in settings order; a label's index picks its CSS class (`nm-label-<index>`), as for real spans. */
  labels: readonly string[];
  /** The suggestion pointed at (hovered, clicked): it is marked, and so are the ends suggested as linked to it. */
  activeKey: string | null;
}

interface SuggestionLayerState {
  input: SuggestionLayerInput;
  byKey: Map<string, SuggestedSpan>;
  /** The keys drawn as active or as the active one's linked partners. */
  marked: Map<string, 'active' | 'partner'>;
  decorations: DecorationSet;
  article: ArticleText;
  /** The part of a long article the span layer draws (its window), followed here; null: all. */
  window: TextRange | null;
}

interface SuggestionSpec {
  suggestionKey: string;
}

export const suggestionLayerKey = new PluginKey<SuggestionLayerState>('suggestionLayer');

const EMPTY: SuggestionLayerInput = { suggestions: { spans: [], links: [] }, labels: [], activeKey: null };

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestionLayer: {
      /** Replaces the suggestions drawn; only those that changed (or were marked or unmarked) are redrawn. */
      setSuggestions: (input: SuggestionLayerInput) => ReturnType;
    };
  }
}

/** The active suggestion and the suggestions linked to it (either way round). */
function markedKeys(input: SuggestionLayerInput): Map<string, 'active' | 'partner'> {
  const marked = new Map<string, 'active' | 'partner'>();
  const active = input.activeKey;
  if (!active) return marked;
  for (const link of input.suggestions.links) {
    if (link.headKey === active) marked.set(link.childKey, 'partner');
    else if (link.childKey === active) marked.set(link.headKey, 'partner');
  }
  marked.set(active, 'active');
  return marked;
}

function meetsWindow(span: SuggestedSpan, window: TextRange | null): boolean {
  return window === null || (span.start < window.end && span.end > window.start);
}

/** The decoration of one suggestion: a dashed outline in its label's colour, named in its title. */
function decorationFor(span: SuggestedSpan, state: Pick<SuggestionLayerState, 'input' | 'article' | 'marked'>): Decoration[] {
  const { positions } = state.article;
  if (span.start < 0 || span.end > positions.textLength || span.start >= span.end) return [];
  const labelIndex = state.input.labels.indexOf(span.label);
  const mark = state.marked.get(span.key);
  const attributes = {
    nodeName: 'span',
    class: `nm-sugg ${labelIndex >= 0 ? `nm-label-${labelIndex}` : 'nm-label-unknown'}${mark ? ` nm-sugg-${mark}` : ''}`,
    'data-suggestion-key': span.key,
    'data-label': span.label,
    title: `Suggested ${span.label}${span.speaker ? ` (${span.speaker})` : ''}: a accepts, r rejects`,
  };
  const spec: SuggestionSpec = { suggestionKey: span.key };
  return [Decoration.inline(positions.toPosition(span.start), positions.toPosition(span.end), attributes, spec)];
}

function build(doc: ProseMirrorNode, article: ArticleText, input: SuggestionLayerInput, window: TextRange | null): SuggestionLayerState {
  const base = { input, article, window, marked: markedKeys(input), byKey: new Map(input.suggestions.spans.map((span) => [span.key, span])) };
  const drawn = input.suggestions.spans.filter((span) => meetsWindow(span, window)).flatMap((span) => decorationFor(span, base));
  return { ...base, decorations: DecorationSet.create(doc, drawn) };
}

function sameSpan(a: SuggestedSpan | undefined, b: SuggestedSpan | undefined): boolean {
  return !!a && !!b && a.start === b.start && a.end === b.end && a.label === b.label && a.speaker === b.speaker;
}

/** Moves to the next input, redrawing only the suggestions added, removed, changed, marked or unmarked. */
function update(state: SuggestionLayerState, doc: ProseMirrorNode, input: SuggestionLayerInput): SuggestionLayerState {
  const labelsChanged = state.input.labels.length !== input.labels.length || state.input.labels.some((label, index) => label !== input.labels[index]);
  if (labelsChanged) return build(doc, state.article, input, state.window);
  const sameSuggestions = state.input.suggestions === input.suggestions;
  const byKey = sameSuggestions ? state.byKey : new Map(input.suggestions.spans.map((span) => [span.key, span]));
  const marked = sameSuggestions && state.input.activeKey === input.activeKey ? state.marked : markedKeys(input);
  const changed = new Set<string>();
  if (!sameSuggestions) {
    for (const [key, span] of state.byKey) if (!sameSpan(span, byKey.get(key))) changed.add(key);
    for (const [key, span] of byKey) if (!sameSpan(span, state.byKey.get(key))) changed.add(key);
  }
  for (const [key, mark] of state.marked) if (marked.get(key) !== mark) changed.add(key);
  for (const [key, mark] of marked) if (state.marked.get(key) !== mark) changed.add(key);
  const next = { ...state, input, byKey, marked };
  if (changed.size === 0) return next;
  const { positions } = state.article;
  const stale = [...changed].flatMap((key) => {
    const span = state.byKey.get(key);
    if (!span || !meetsWindow(span, state.window)) return [];
    return state.decorations.find(positions.toPosition(span.start), positions.toPosition(span.end), (spec: SuggestionSpec) => spec.suggestionKey === key);
  });
  const fresh = [...changed].flatMap((key) => {
    const span = byKey.get(key);
    return span && meetsWindow(span, next.window) ? decorationFor(span, next) : [];
  });
  return { ...next, decorations: state.decorations.remove(stale).add(doc, fresh) };
}

/**
 * The ProseMirror plugin behind the extension; set what it draws with the meta
 * `suggestionLayerKey`. It reads the article from the ArticleText plugin and, in a long
 * article, the window of text drawn from the span layer: both must come before it.
 */
export function createSuggestionLayerPlugin(): Plugin<SuggestionLayerState> {
  const windowOf = (state: EditorState) => spanHighlightsKey.getState(state)?.window ?? null;
  return new Plugin<SuggestionLayerState>({
    key: suggestionLayerKey,
    state: {
      init: (_config, state) => build(state.doc, articleTextOf(state), EMPTY, windowOf(state)),
      apply(tr, value, _oldState, newState) {
        const input = tr.getMeta(suggestionLayerKey) as SuggestionLayerInput | undefined;
        // The article never changes; a new article (setContent) starts with no suggestions.
        if (tr.docChanged) return build(newState.doc, articleTextOf(newState), input ?? { ...EMPTY, labels: value.input.labels }, windowOf(newState));
        const window = windowOf(newState);
        // The span layer's window moved (scrolling a long article): the suggestions follow it.
        if (window !== value.window) return build(newState.doc, value.article, input ?? value.input, window);
        return input ? update(value, newState.doc, input) : value;
      },
    },
    props: {
      decorations(state) {
        return suggestionLayerKey.getState(state)?.decorations ?? DecorationSet.empty;
      },
    },
  });
}

/**
 * Draws suggested spans (shared/suggestions) over the read-only article as decorations held in
 * plugin state, apart from the real spans: `<span class="nm-sugg nm-label-N"
 * data-suggestion-key>`, a dashed outline, never selectable as a span, never counted.
 */
export const SuggestionLayer = Extension.create({
  name: 'suggestionLayer',

  addCommands() {
    return {
      setSuggestions: layerCommand<SuggestionLayerInput>(suggestionLayerKey),
    };
  },

  addProseMirrorPlugins() {
    return [createSuggestionLayerPlugin()];
  },
});

/** The suggestion key of the innermost suggestion drawn around an element of the article, or null. */
export function suggestionKeyUnder(target: EventTarget | null): string | null {
  return target instanceof Element ? (target.closest<HTMLElement>('.nm-sugg')?.dataset.suggestionKey ?? null) : null;
}
