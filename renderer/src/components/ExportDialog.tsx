import { useMemo, useState } from 'react';
import { CODE_POINT_FORMATS, countExport, EXPORT_FORMATS, type ExportFormat, type ExportOptions } from '../../../shared/exportRecord';
import { EXPORT_FILE_TYPES } from '../../../shared/formats/exportFileTypes';
import { DOCUMENT_STATUSES, STATUS_NAMES, type DocumentStatus, type DocumentSummary, type LabelDefinition } from '../../../shared/model';
import { Modal } from './Modal';

interface ExportDialogProps {
  summaries: readonly DocumentSummary[];
  labels: readonly LabelDefinition[];
  onExport(options: ExportOptions): Promise<unknown>;
  onClose(): void;
}

/** Toggles one value in a set kept as an array. */
function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((each) => each !== value) : [...values, value];
}

/**
 * File → Export…: the format, the offset unit (where the format lets one choose), filters by
 * status, label and chosen documents, and for CSV a byte order mark. Shows what the export will
 * hold before it is written.
 */
export function ExportDialog({ summaries, labels, onExport, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [offsetUnit, setOffsetUnit] = useState<'codepoint' | 'utf16'>('codepoint');
  const [statuses, setStatuses] = useState<DocumentStatus[]>([...DOCUMENT_STATUSES]);
  const [chosenLabels, setChosenLabels] = useState<string[]>(() => labels.map((label) => label.name));
  const [onlyChosen, setOnlyChosen] = useState(false);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [titleFilter, setTitleFilter] = useState('');
  const [csvBom, setCsvBom] = useState(true);
  const [busy, setBusy] = useState(false);

  const options: ExportOptions = useMemo(
    () => ({
      format,
      offsetUnit,
      ...(statuses.length < DOCUMENT_STATUSES.length ? { statuses } : {}),
      ...(chosenLabels.length < labels.length ? { labels: chosenLabels } : {}),
      ...(onlyChosen ? { documentIds } : {}),
      csvBom: format === 'csv' && csvBom,
    }),
    [format, offsetUnit, statuses, chosenLabels, labels.length, onlyChosen, documentIds, csvBom],
  );
  const counts = useMemo(() => countExport(summaries, options), [summaries, options]);
  // The chosen documents first, then the titles matching the filter, at most 200 at a time.
  const listed = useMemo(() => {
    const wanted = titleFilter.trim().toLocaleLowerCase();
    const chosen = new Set(documentIds);
    const matching = summaries.filter((summary) => !chosen.has(summary.id) && summary.title.toLocaleLowerCase().includes(wanted));
    return [...summaries.filter((summary) => chosen.has(summary.id)), ...matching.slice(0, 200)];
  }, [summaries, documentIds, titleFilter]);
  const fixedUnit = CODE_POINT_FORMATS.has(format);

  const submit = async () => {
    setBusy(true);
    try {
      await onExport(options);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Export" onClose={onClose} className="export-dialog">
      <div className="export-form">
        <label className="field">
          Format
          <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {EXPORT_FILE_TYPES[candidate].name}
              </option>
            ))}
          </select>
        </label>
        <fieldset disabled={fixedUnit}>
          <legend>Offsets</legend>
          <label>
            <input type="radio" name="offsets" checked={fixedUnit || offsetUnit === 'codepoint'} onChange={() => setOffsetUnit('codepoint')} /> Code points (Python, spaCy, Prodigy)
          </label>
          <label>
            <input type="radio" name="offsets" checked={!fixedUnit && offsetUnit === 'utf16'} onChange={() => setOffsetUnit('utf16')} /> UTF-16 (JavaScript)
          </label>
          {fixedUnit && <p className="hint">This format always counts code points.</p>}
        </fieldset>
        <fieldset>
          <legend>Statuses</legend>
          {DOCUMENT_STATUSES.map((status) => (
            <label key={status}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => setStatuses(toggled(statuses, status))} /> {STATUS_NAMES[status]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Labels</legend>
          {labels.map((label) => (
            <label key={label.name}>
              <input type="checkbox" checked={chosenLabels.includes(label.name)} onChange={() => setChosenLabels(toggled(chosenLabels, label.name))} /> {label.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Documents</legend>
          <label>
            <input type="checkbox" checked={onlyChosen} onChange={() => setOnlyChosen(!onlyChosen)} /> Only the documents chosen below
          </label>
          {onlyChosen && (
            <input type="search" className="export-title-filter" placeholder="Find documents by title" aria-label="Find documents by title" value={titleFilter} onChange={(event) => setTitleFilter(event.target.value)} />
          )}
          {onlyChosen && (
            <ul className="export-documents">
              {listed.map((summary) => (
                <li key={summary.id}>
                  <label>
                    <input type="checkbox" checked={documentIds.includes(summary.id)} onChange={() => setDocumentIds(toggled(documentIds, summary.id))} /> {summary.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        {format === 'csv' && (
          <label>
            <input type="checkbox" checked={csvBom} onChange={() => setCsvBom(!csvBom)} /> Begin with a UTF-8 byte order mark (Excel reads accents and emoji right)
          </label>
        )}
      </div>
      <p className="export-summary" role="status">
        {counts.documents} {counts.documents === 1 ? 'document' : 'documents'}, {counts.spans} {counts.spans === 1 ? 'span' : 'spans'} will be exported as {EXPORT_FILE_TYPES[format].name}.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || counts.documents === 0} onClick={() => void submit()}>
          Export
        </button>
      </div>
    </Modal>
  );
}
