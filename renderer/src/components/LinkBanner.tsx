import type { LabelDefinition, NewsDocument } from '../../../shared/model';
import { labelClass } from '../ui/labelStyles';
import { snippet } from '../ui/snippet';

interface LinkBannerProps {
  document: NewsDocument;
  linking: { sourceId: string; targetId: string | null };
  labels: readonly LabelDefinition[];
  onLink(): void;
  onCancel(): void;
}

/** Link mode's prompt: what is being linked, to what, and the keys that finish it. */
export function LinkBanner({ document: article, linking, labels, onLink, onCancel }: LinkBannerProps) {
  const source = article.spans.find((span) => span.id === linking.sourceId);
  const target = article.spans.find((span) => span.id === linking.targetId);
  if (!source) return null;
  const describe = (span: typeof source) => (
    <>
      <span className={`label-name ${labelClass(labels, span.label)}`}>{span.label}</span> “{snippet(article.text.slice(span.start, span.end), 60)}”
    </>
  );
  return (
    <div className="link-banner" role="status" aria-live="polite">
      <span>
        Link {describe(source)} → {target ? describe(target) : <em>click a highlight</em>}
      </span>
      <span className="hint">
        <kbd>Tab</kbd> next candidate · <kbd>Enter</kbd> or click to link · <kbd>Esc</kbd> cancel
      </span>
      <button type="button" onClick={onLink} disabled={!target}>
        Link
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
