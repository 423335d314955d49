import type { LabelDefinition } from '../../../shared/model';
import { labelClass } from '../ui/labelStyles';

interface LabelToolbarProps {
  labels: readonly LabelDefinition[];
  onApply(label: string): void;
}

/** One button per label with its key; applies the label to the selection or selected span. */
export function LabelToolbar({ labels, onApply }: LabelToolbarProps) {
  return (
    <div className="label-toolbar" role="toolbar" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.name}
          type="button"
          className={`label-button ${labelClass(labels, label.name)}`}
          data-label={label.name}
          title={label.key ? `Label the selection "${label.name}" (key ${label.key})` : `Label the selection "${label.name}"`}
          // Keep the text selection: a mouse-down on a button would otherwise clear it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onApply(label.name)}
        >
          {label.key && <kbd>{label.key}</kbd>}
          <span className="swatch" aria-hidden="true" />
          {label.name}
        </button>
      ))}
    </div>
  );
}
