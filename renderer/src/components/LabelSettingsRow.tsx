import { useEffect, useRef } from 'react';
import { LABEL_PALETTE, MARKS_MINIMUM, TEXT_MINIMUM, colourName, contrastReport, formatRatio } from '../../../shared/labelPalette';
import { spansPhrase, typedKey, type DraftLabel, type LabelUse } from '../ui/settingsDraft';

interface LabelRowProps {
  label: DraftLabel;
  index: number;
  problems: { name: string | null; key: string | null };
  sameColourAs: string | null;
  use: LabelUse | null;
  canDelete: boolean;
  onChange(changes: Partial<DraftLabel>): void;
  onDelete(): void;
  deleteButton(element: HTMLButtonElement | null): void;
}

export function LabelRow({ label, index, problems, sameColourAs, use, canDelete, onChange, onDelete, deleteButton }: LabelRowProps) {
  const id = `label-row-${label.row}`;
  const report = contrastReport(label.color);
  const faint = report.marks < MARKS_MINIMUM;
  const unreadable = report.textOnTint < TEXT_MINIMUM || report.name < TEXT_MINIMUM;
  const shownName = label.name || `label ${index + 1}`;
  return (
    <li className="label-row" data-row={label.row} data-label={label.original ?? ''}>
      <div className="label-row-fields">
        <label className="settings-field label-name-field">
          <span>Name</span>
          <input
            type="text"
            className="label-name-input"
            value={label.name}
            aria-invalid={problems.name !== null}
            aria-describedby={problems.name ? `${id}-name-problem` : undefined}
            onChange={(event) => onChange({ name: event.target.value })}
          />
        </label>
        <label className="settings-field label-key-field">
          <span>Key</span>
          <input
            type="text"
            className="label-key-input"
            value={label.key}
            aria-label={`Key for “${shownName}”`}
            aria-invalid={problems.key !== null}
            aria-describedby={problems.key ? `${id}-key-problem` : undefined}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChange({ key: typedKey(label.key, event.target.value) })}
          />
        </label>
        <button type="button" ref={deleteButton} className="delete-label" disabled={!canDelete} onClick={onDelete} aria-label={`Delete label “${shownName}”`}>
          Delete
        </button>
      </div>
      {problems.name && (
        <p id={`${id}-name-problem`} className="field-problem">
          {problems.name}
        </p>
      )}
      {problems.key && (
        <p id={`${id}-key-problem`} className="field-problem key-problem">
          {problems.key}
        </p>
      )}
      {label.original !== null && label.original !== label.name && label.name !== '' && (
        <p className="hint">
          Renames “{label.original}” {use && use.spans > 0 ? `on ${use.spans} ${use.spans === 1 ? 'span' : 'spans'}` : ''}
        </p>
      )}
      <fieldset className="colour-picker">
        <legend>Colour of “{shownName}”</legend>
        {LABEL_PALETTE.map((entry) => (
          <label key={entry.color} className="colour-option" title={`${entry.name} ${entry.color}`}>
            <input type="radio" name={`${id}-colour`} value={entry.color} checked={label.color === entry.color} onChange={() => onChange({ color: entry.color })} />
            <span className="colour-swatch" style={{ background: entry.color }} aria-hidden="true" />
            <span className="visually-hidden">{entry.name}</span>
          </label>
        ))}
      </fieldset>
      <p className={`contrast-report${faint || unreadable ? ' warn' : ''}`}>
        {colourName(label.color)}: marks on the page {formatRatio(report.marks)}
        {faint ? ' — faint (under 3:1)' : ''}; text on the highlight {formatRatio(report.textOnTint)}; name chip {formatRatio(report.name)}
        {unreadable ? ' — hard to read' : ''}
        {sameColourAs ? `. Same colour as “${sameColourAs}”: the two are told apart only by their names and underlines.` : ''}
      </p>
    </li>
  );
}

interface DeleteConfirmationProps {
  label: DraftLabel;
  use: LabelUse;
  onConfirm(): void;
  onCancel(): void;
}

export function DeleteConfirmation({ label, use, onConfirm, onCancel }: DeleteConfirmationProps) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const saved = label.original !== null;
  return (
    <div className="delete-confirmation" role="alertdialog" aria-modal="false" aria-labelledby="delete-title" aria-describedby="delete-description">
      <h3 id="delete-title">Delete the label “{label.original ?? label.name}”?</h3>
      <p id="delete-description">
        {saved ? `${spansPhrase(use)}. ` : ''}
        {saved && use.spans > 0 ? 'Those spans, and their links, will be removed from every article when you save.' : 'It is removed when you save.'}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Keep it
        </button>
        <button type="button" ref={confirm} className="danger" onClick={onConfirm}>
          Delete label{saved && use.spans > 0 ? ` and ${use.spans} ${use.spans === 1 ? 'span' : 'spans'}` : ''}
        </button>
      </div>
    </div>
  );
}
