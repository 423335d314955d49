import { DOCUMENT_STATUSES, STATUS_NAMES, type DocumentStatus } from '../../../shared/model';

interface StatusPickerProps {
  status: DocumentStatus;
  onChange(status: DocumentStatus): void;
}

/** The article's status as a group of radio buttons. */
export function StatusPicker({ status, onChange }: StatusPickerProps) {
  return (
    <div className="status-picker" role="radiogroup" aria-label="Status">
      {DOCUMENT_STATUSES.map((candidate) => (
        <button
          key={candidate}
          type="button"
          role="radio"
          aria-checked={candidate === status}
          className={`status-option status-${candidate}${candidate === status ? ' active' : ''}`}
          onClick={() => onChange(candidate)}
        >
          {STATUS_NAMES[candidate]}
        </button>
      ))}
    </div>
  );
}
