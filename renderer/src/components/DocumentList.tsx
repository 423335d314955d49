import type { DocumentSummary, LabelDefinition } from '../../../shared/model';
import { STATUS_NAMES } from '../../../shared/model';
import { labelClass } from './labelStyles';

interface DocumentListProps {
  summaries: readonly DocumentSummary[];
  labels: readonly LabelDefinition[];
  currentId: string | null;
  onOpen(id: string): void;
}

/** The library: each article's title, status and spans per label, and overall progress. */
export function DocumentList({ summaries, labels, currentId, onOpen }: DocumentListProps) {
  const done = summaries.filter((summary) => summary.status === 'done' || summary.status === 'skipped').length;
  return (
    <nav className="document-list" aria-label="Articles">
      <div className="document-list-header">
        <h2>Articles</h2>
        <div className="progress" aria-label={`${done} of ${summaries.length} articles done or skipped`}>
          <progress max={Math.max(summaries.length, 1)} value={done} />
          <span>
            {done} / {summaries.length} done
          </span>
        </div>
      </div>
      <ol>
        {summaries.map((summary) => (
          <li key={summary.id}>
            <button
              type="button"
              className={`document-item${summary.id === currentId ? ' current' : ''}`}
              aria-current={summary.id === currentId ? 'true' : undefined}
              data-document-id={summary.id}
              onClick={() => onOpen(summary.id)}
            >
              <span className="document-title">{summary.title}</span>
              <span className="document-meta">
                <span className={`status-badge status-${summary.status}`}>{STATUS_NAMES[summary.status]}</span>
                {labels.map((label) => (
                  <span key={label.name} className={`count-chip ${labelClass(labels, label.name)}`} data-label={label.name} title={`${label.name}: ${summary.counts[label.name] ?? 0}`}>
                    {label.name} {summary.counts[label.name] ?? 0}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
