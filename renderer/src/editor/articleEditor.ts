import { Editor } from '@tiptap/core';
import type { PluginKey } from '@tiptap/pm/state';
import { toEditorDocument } from '../../../shared/editorPositions';
import type { TextRange } from '../../../shared/spans';
import { articleExtensions } from './articleExtensions';
import { articleTextOf, type ArticleText } from './articleText';
import { drawWhenIdle } from './drawWhenIdle';
import { selectionAidsKey, type SelectionAids } from './selectionAids';
import { DRAW_ALL_UP_TO, DRAW_WINDOW_META, nextWindow, spanHighlightsKey, VISIBLE_RANGE_META, type HighlightInput } from './spanHighlights';
import { suggestionLayerKey, type SuggestionLayerInput } from './suggestionLayer';
import { trackVisibleRange } from './visibleRange';

/**
 * A long article's paragraphs go in sections of this many: ProseMirror's view update then walks
 * ~40 sections per change on a 2,000-paragraph article (the walk over every paragraph was ~1 ms
 * a transaction), going into the one or two whose decorations changed.
 */
const PARAGRAPHS_PER_SECTION = 48;

/** What the article shows over its text: the spans and the selection aids. */
export interface ArticleLayers {
  highlights: HighlightInput;
  aids: SelectionAids;
}

/**
 * The article editor's imperative life: a read-only TipTap editor over one article, created when
 * the article view mounts and destroyed when it unmounts. It owns the one text model (the
 * ArticleText extension) that every layer reads, draws all layers in one transaction, follows
 * what is on screen, and answers the view's questions (what is selected, what is under the
 * mouse) in text offsets.
 */
export class ArticleEditor {
  readonly editor: Editor;
  /** Whether only the text near the screen is drawn (a long article). */
  readonly long: boolean;
  private readonly stops: (() => void)[] = [];

  /**
   * Mounts the article `text` (UTF-16, paragraphs separated by "\n") into `mount`, inside the
   * scrolling element `scroller`, with `highlights` drawn from the first paint.
   */
  constructor(mount: HTMLElement, scroller: HTMLElement, text: string, highlights: HighlightInput) {
    this.long = text.length > DRAW_ALL_UP_TO;
    this.editor = new Editor({
      element: mount,
      extensions: articleExtensions(highlights, text),
      // As JSON paragraphs of text nodes: HTML parsing would shift offsets and interpret the text.
      content: toEditorDocument(text, this.long ? PARAGRAPHS_PER_SECTION : 0),
      editable: false,
      injectCSS: false,
      editorProps: {
        // A long article lays out only the paragraphs near the screen (article.css: .long-article).
        attributes: { class: this.long ? 'article-text long-article' : 'article-text', 'aria-label': 'Article text', role: 'document' },
      },
    });
    this.stops.push(this.holdWhileSelecting());
    if (this.long) {
      // The first screen is drawn from the article's start; what is on screen is measured, and
      // more is drawn around it, only after that first paint.
      let visible: TextRange | null = null;
      const idle = drawWhenIdle({
        drawn: () => spanHighlightsKey.getState(this.editor.state)?.window ?? null,
        visible: () => visible,
        textLength: text.length,
        draw: (window) => this.dispatch([[DRAW_WINDOW_META, window]]),
      });
      // A scroll redraws only when the screen nears the window's edge (nextWindow): no
      // transaction for the other frames of a scroll.
      const onVisible = (shown: TextRange) => {
        visible = shown;
        const window = spanHighlightsKey.getState(this.editor.state)?.window ?? null;
        if (window && nextWindow(window, shown, text.length)) this.dispatch([[VISIBLE_RANGE_META, shown]]);
        idle.wake();
      };
      this.stops.push(trackVisibleRange(this.editor.view, scroller, () => this.article.positions, onVisible), idle.stop);
    }
  }

  get article(): ArticleText {
    return articleTextOf(this.editor.state);
  }

  get alive(): boolean {
    return !this.editor.isDestroyed;
  }

  /** Draws the spans and the selection aids: one transaction, and only what changed is redrawn. */
  draw(layers: ArticleLayers): void {
    this.dispatch([
      [spanHighlightsKey, layers.highlights],
      [selectionAidsKey, layers.aids],
    ]);
  }

  /**
   * Draws the suggestions (their own layer, apart from the spans); only what changed is redrawn.
   * They come from the host a moment after the article opens: while text is being selected in
   * the article (the mouse button down, or a selection made and not yet labelled) they wait,
   * since redrawing the text under a selection moves its ends, and a label key would then label
   * other text than the user chose.
   */
  drawSuggestions(input: SuggestionLayerInput): void {
    if (this.drawsSuggestions(input)) this.heldSuggestions = null;
    else if (this.selectingText()) this.heldSuggestions = input;
    else this.dispatch([[suggestionLayerKey, input]]);
  }

  /**
   * Whether the suggestion layer draws `input` already: then nothing is dispatched, since even a
   * transaction that changes no decoration costs ProseMirror a view update.
   */
  private drawsSuggestions(input: SuggestionLayerInput): boolean {
    const drawn = suggestionLayerKey.getState(this.editor.state)?.input;
    if (!drawn) return false;
    const sameLabels = drawn.labels === input.labels || (drawn.labels.length === input.labels.length && drawn.labels.every((label, index) => label === input.labels[index]));
    return drawn.suggestions === input.suggestions && drawn.activeKey === input.activeKey && sameLabels;
  }

  private mouseDown = false;
  private heldSuggestions: SuggestionLayerInput | null = null;

  /** Whether the primary mouse button went down in the article and is not yet up (a selection being made). */
  get pointerDown(): boolean {
    return this.mouseDown;
  }

  private selectingText(): boolean {
    if (this.mouseDown) return true;
    const selection = window.getSelection();
    return !!selection && !selection.isCollapsed && this.editor.view.dom.contains(selection.anchorNode);
  }

  /** Follows the mouse button and the page selection in the text (see drawSuggestions); returns the stop. */
  private holdWhileSelecting(): () => void {
    const dom = this.editor.view.dom;
    const release = () => {
      if (!this.heldSuggestions || this.selectingText() || !this.alive) return;
      const held = this.heldSuggestions;
      this.heldSuggestions = null;
      if (!this.drawsSuggestions(held)) this.dispatch([[suggestionLayerKey, held]]);
    };
    const down = (event: MouseEvent) => {
      if (event.button === 0) this.mouseDown = true;
    };
    const up = () => {
      this.mouseDown = false;
      release();
    };
    dom.addEventListener('mousedown', down);
    window.addEventListener('mouseup', up);
    document.addEventListener('selectionchange', release);
    return () => {
      dom.removeEventListener('mousedown', down);
      window.removeEventListener('mouseup', up);
      document.removeEventListener('selectionchange', release);
    };
  }

  /** One transaction carrying each layer's input as a meta under the layer's key. */
  private dispatch(metas: readonly (readonly [PluginKey | string, unknown])[]): void {
    if (!this.alive) return;
    const tr = this.editor.state.tr.setMeta('addToHistory', false);
    for (const [key, value] of metas) tr.setMeta(key, value);
    this.editor.view.dispatch(tr);
  }

  /** The text offset under a point of the window, or null where there is no text. */
  offsetAt(x: number, y: number): number | null {
    if (!this.alive) return null;
    const found = this.editor.view.posAtCoords({ left: x, top: y });
    return found ? this.article.positions.toOffset(found.pos) : null;
  }

  /** The page selection inside the article as text offsets, exactly as made; null when there is none. */
  pageSelection(): TextRange | null {
    if (!this.alive) return null;
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const view = this.editor.view;
    if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
    try {
      const { positions } = this.article;
      const start = positions.toOffset(view.posAtDOM(range.startContainer, range.startOffset));
      const end = positions.toOffset(view.posAtDOM(range.endContainer, range.endOffset));
      return start < end ? { start, end } : null;
    } catch {
      // posAtDOM throws for DOM points ProseMirror does not own (a widget's inside, say): no selection.
      return null;
    }
  }

  /** The top and bottom (window coordinates) of the line holding text offset `offset`. */
  lineAt(offset: number): { top: number; bottom: number } | null {
    if (!this.alive) return null;
    const { top, bottom } = this.editor.view.coordsAtPos(this.article.positions.toPosition(offset));
    return { top, bottom };
  }

  destroy(): void {
    for (const stop of this.stops) stop();
    this.editor.destroy();
  }
}
