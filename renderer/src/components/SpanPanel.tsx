import { forwardRef, useImperativeHandle, useRef } from 'react';
import type { DocumentSummary, LabelDefinition, NewsDocument } from '../../../shared/model';
import type { DocumentOperation } from '../../../shared/operations';
import { SpanDetails } from './SpanDetails';
import { SpanList } from './SpanList';
import './SpanPanel.css';

export interface SpanPanelHandle {
  /** Moves focus to the selected span's first field (speaker or note). */
  editDetails(): void;
}

interface SpanPanelProps {
  document: NewsDocument;
  labels: readonly LabelDefinition[];
  /** The library's documents, whose speakers complete the speaker field. */
  speakers: readonly DocumentSummary[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
  onChange(operation: DocumentOperation): void;
  onStartLinking(): void;
  onLink(sourceId: string, targetId: string): void;
  /** Enter or Escape in a field: back to the article. */
  onDoneEditing(): void;
}

/**
 * The selected span's details, note, speaker and links, above the article's spans grouped by
 * label. It follows the article a moment later than the article itself: a change is drawn in
 * the article first (the frame after the key press) and the panel after that paint (its parent
 * hears of changes then: SpanSidebar), in one render per change.
 */
export const SpanPanel = forwardRef<SpanPanelHandle, SpanPanelProps>(function SpanPanel(
  { document: article, labels, speakers, selectedSpanId, onSelectSpan, onChange, onStartLinking, onLink, onDoneEditing },
  ref,
) {
  const selected = article.spans.find((span) => span.id === selectedSpanId) ?? null;
  const details = useRef<HTMLElement>(null);

  useImperativeHandle(ref, () => ({
    editDetails() {
      details.current?.querySelector<HTMLElement>('input:not([role="combobox"]), textarea')?.focus();
    },
  }));

  return (
    <aside className="span-panel" aria-label="Spans">
      <section ref={details} className="span-details" aria-label="Selected span">
        <h2>Selected span</h2>
        {selected ? (
          <SpanDetails
            article={article}
            span={selected}
            labels={labels}
            speakers={speakers}
            onChange={onChange}
            onSelectSpan={onSelectSpan}
            onStartLinking={onStartLinking}
            onLink={onLink}
            onDoneEditing={onDoneEditing}
          />
        ) : (
          <p className="hint">Select text and press a label key, or click a highlight. Press ? for every key.</p>
        )}
      </section>
      <SpanList spans={article.spans} text={article.text} labels={labels} selectedSpanId={selectedSpanId} onSelectSpan={onSelectSpan} />
    </aside>
  );
});
