import { DOCUMENT_STATUSES, STATUS_NAMES, type DocumentStatus, type LabelDefinition } from '../../../shared/model';
import type { DocumentFilter } from '../../../shared/librarySearch';
import { labelClass } from '../ui/labelStyles';

interface LibraryFilterBarProps {
  query: string;
  onQueryChange(query: string): void;
  filter: DocumentFilter;
  onFilterChange(filter: DocumentFilter): void;
  labels: readonly LabelDefinition[];
  /** "3 of 120 articles", "Searching…"; announced politely. */
  summary: string;
}

function toggled<T>(values: readonly T[] | undefined, value: T): T[] {
  const current = values ?? [];
  return current.includes(value) ? current.filter((existing) => existing !== value) : [...current, value];
}

/**
 * The search box and the filters above the document list. Statuses and labels are toggle
 * buttons: none pressed shows every article; pressed ones narrow the list to articles with
 * any of those statuses and a span of any of those labels.
 */
export function LibraryFilterBar({ query, onQueryChange, filter, onFilterChange, labels, summary }: LibraryFilterBarProps) {
  const toggleStatus = (status: DocumentStatus) => onFilterChange({ ...filter, statuses: toggled(filter.statuses, status) });
  const toggleLabel = (label: string) => onFilterChange({ ...filter, labels: toggled(filter.labels, label) });
  return (
    <div className="library-filter">
      <input
        type="search"
        className="library-search"
        aria-label="Search articles (titles and text)"
        placeholder="Search titles and text"
        value={query}
        onChange={(event) => onQueryChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            onQueryChange('');
            event.stopPropagation();
          }
        }}
      />
      <div className="filter-group" role="group" aria-label="Filter by status">
        {DOCUMENT_STATUSES.map((status) => (
          <button key={status} type="button" className="filter-toggle" aria-pressed={filter.statuses?.includes(status) ?? false} onClick={() => toggleStatus(status)}>
            {STATUS_NAMES[status]}
          </button>
        ))}
      </div>
      <div className="filter-group" role="group" aria-label="Filter by label">
        {labels.map((label) => (
          <button
            key={label.name}
            type="button"
            className={`filter-toggle label-filter ${labelClass(labels, label.name)}`}
            data-label={label.name}
            aria-pressed={filter.labels?.includes(label.name) ?? false}
            title={`Articles with a “${label.name}” span`}
            onClick={() => toggleLabel(label.name)}
          >
            <span className="swatch" aria-hidden="true" />
            {label.name}
          </button>
        ))}
      </div>
      <p className="filter-summary" role="status" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
