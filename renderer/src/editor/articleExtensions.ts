import type { Extensions } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { ArticleSection } from './articleSection';
import { ArticleTextExtension } from './articleText';
import { FindHighlights } from './findHighlights';
import { ReadOnlySelection } from './readOnlySelection';
import { SelectionAidsExtension } from './selectionAids';
import { SpanHighlights, type HighlightInput } from './spanHighlights';
import { StoryMatchLayer } from './storyMatchLayer';
import { SuggestionLayer } from './suggestionLayer';

/**
 * The article editor's extensions: the plain article (paragraphs of text, in a long article
 * grouped in sections), its one text model (ArticleText, ordered before the layers that read
 * it; it keeps `text`, the article's text as the caller holds it, rather than a copy), and the
 * layers drawn over it, the spans starting with `highlights`. The suggestion layer reads the
 * span layer's window, so it comes after it.
 */
export function articleExtensions(highlights: HighlightInput | null = null, text: string | null = null): Extensions {
  return [ArticleTextExtension.configure({ text }), Document, ArticleSection, Paragraph, Text, ReadOnlySelection, SpanHighlights.configure({ initial: highlights }), SuggestionLayer, SelectionAidsExtension, FindHighlights, StoryMatchLayer];
}
