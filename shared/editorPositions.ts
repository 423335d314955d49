/**
 * Mapping between plain-text offsets and editor (ProseMirror) positions.
 *
 * The editor shows an article as one paragraph per line of its text: the text is split on
 * "\n", and each line becomes a paragraph (an empty line, an empty paragraph). In ProseMirror
 * a paragraph's content starts one position after its opening token, and each boundary
 * between two paragraphs costs two positions (close + open) where the text has one "\n".
 * So text offset `o` on line `i` sits at position `o + 1 + i`.
 *
 * A long article may group its paragraphs in sections of `paragraphsPerSection` each (the
 * last holds the rest), so that the editor's view update walks a few dozen sections, not
 * thousands of paragraphs, per change. A section costs two positions more (open + close):
 * line `i`'s content then starts `2 * floor(i / n) + 1` positions later.
 *
 * Nothing here knows about the DOM or ProseMirror; it works on the numbers alone.
 */

export interface EditorParagraph {
  type: 'paragraph';
  content?: [{ type: 'text'; text: string }];
}

export interface EditorSection {
  type: 'articleSection';
  content: EditorParagraph[];
}

export interface EditorDocument {
  type: 'doc';
  content: EditorParagraph[];
}

export interface SectionedEditorDocument {
  type: 'doc';
  content: EditorSection[];
}

/** The TipTap/ProseMirror JSON document for an article: text as text nodes, never as HTML. */
export function toEditorDocument(text: string): EditorDocument;
/** With `paragraphsPerSection` > 0, the paragraphs in sections of that many (the last holds the rest). */
export function toEditorDocument(text: string, paragraphsPerSection: number): EditorDocument | SectionedEditorDocument;
export function toEditorDocument(text: string, paragraphsPerSection = 0): EditorDocument | SectionedEditorDocument {
  const paragraphs = text.split('\n').map((line): EditorParagraph =>
    line.length > 0 ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' },
  );
  if (paragraphsPerSection <= 0) return { type: 'doc', content: paragraphs };
  const sections: EditorSection[] = [];
  for (let first = 0; first < paragraphs.length; first += paragraphsPerSection) {
    sections.push({ type: 'articleSection', content: paragraphs.slice(first, first + paragraphsPerSection) });
  }
  return { type: 'doc', content: sections };
}

export class TextPositionMap {
  /** Offset at which each line starts, ascending; the first is always 0. */
  private readonly lineStarts: number[];
  readonly textLength: number;

  /** `paragraphsPerSection` as toEditorDocument was given it (0: no sections). */
  constructor(
    text: string,
    private readonly paragraphsPerSection = 0,
  ) {
    this.textLength = text.length;
    this.lineStarts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      this.lineStarts.push(index + 1);
    }
  }

  /** Size of the editor document's content (the position just after the last paragraph). */
  get documentSize(): number {
    // Each line's text plus two tokens per paragraph (and section); the text's "\n"s are not in the document.
    const lines = this.lineStarts.length;
    const sections = this.paragraphsPerSection > 0 ? Math.ceil(lines / this.paragraphsPerSection) : 0;
    return this.textLength - (lines - 1) + 2 * lines + 2 * sections;
  }

  /** Line number (0-based) holding text offset `offset`. */
  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * Text offset (0..textLength) → editor position inside the paragraph that holds it.
   * An offset at the end of a line maps to the end of that line's paragraph.
   * Throws RangeError for an offset outside the text.
   */
  toPosition(offset: number): number {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.textLength) {
      throw new RangeError(`text offset ${offset} is outside the text (0–${this.textLength})`);
    }
    const line = this.lineOf(offset);
    return offset + 1 + line + this.sectionTokens(line);
  }

  /** Section tokens before line `line`'s content: two for each section before its own, one for its own. */
  private sectionTokens(line: number): number {
    return this.paragraphsPerSection > 0 ? 2 * Math.floor(line / this.paragraphsPerSection) + 1 : 0;
  }

  /**
   * Editor position → text offset. Positions between paragraphs or outside the content
   * (which a DOM selection can produce) clamp to the nearest text offset.
   */
  toOffset(position: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    // The last paragraph whose content starts at or before `position`.
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.paragraphStart(middle) <= position) low = middle;
      else high = middle - 1;
    }
    const line = low;
    const lineStart = this.lineStarts[line]!;
    const lineEnd = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.textLength;
    const within = Math.max(0, position - this.paragraphStart(line));
    return Math.min(lineStart + within, lineEnd);
  }

  private paragraphStart(line: number): number {
    return this.lineStarts[line]! + 1 + line + this.sectionTokens(line);
  }
}
