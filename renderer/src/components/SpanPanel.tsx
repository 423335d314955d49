import type { LabelDefinition, NewsDocument } from '../../../shared/model';
import { labelClass } from './labelStyles';

interface SpanPanelProps {
  document: NewsDocument;
  labels: readonly LabelDefinition[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
}

const SNIPPET_LENGTH = 160;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH - 1)}…` : flat;
}

/** The article's spans grouped by label, and the selected span's details. */
export function SpanPanel({ document: article, labels, selectedSpanId, onSelectSpan }: SpanPanelProps) {
  const selected = article.spans.find((span) => span.id === selectedSpanId) ?? null;
  const known = new Set(labels.map((label) => label.name));
  const groups = [...labels.map((label) => label.name), ...new Set(article.spans.map((span) => span.label).filter((label) => !known.has(label)))];
  return (
    <aside className="span-panel" aria-label="Spans">
      <section className="span-details" aria-label="Selected span">
        <h2>Selected span</h2>
        {selected ? (
          <dl>
            <dt>Label</dt>
            <dd>
              <span className={`label-name ${labelClass(labels, selected.label)}`}>{selected.label}</span>
            </dd>
            <dt>Text</dt>
            <dd className="span-text">{article.text.slice(selected.start, selected.end)}</dd>
            <dt>Offsets</dt>
            <dd>
              {selected.start}–{selected.end}
            </dd>
            <dt>By</dt>
            <dd>{selected.annotator}</dd>
          </dl>
        ) : (
          <p className="hint">Select text and press a label key, or click a highlight.</p>
        )}
      </section>
      {groups.map((label) => {
        const spans = article.spans.filter((span) => span.label === label);
        return (
          <section key={label} className="span-group" data-label={label}>
            <h3>
              <span className={`label-name ${labelClass(labels, label)}`}>{label}</span> <span className="count">{spans.length}</span>
            </h3>
            {spans.length > 0 && (
              <ul>
                {spans.map((span) => (
                  <li key={span.id}>
                    <button
                      type="button"
                      className={`span-item ${labelClass(labels, label)}${span.id === selectedSpanId ? ' selected' : ''}`}
                      data-span-id={span.id}
                      aria-pressed={span.id === selectedSpanId}
                      onClick={() => onSelectSpan(span.id)}
                    >
                      {snippet(article.text.slice(span.start, span.end))}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </aside>
  );
}
