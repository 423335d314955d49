import { useEffect, useMemo, useRef, useState } from 'react';
import { LABEL_PALETTE } from '../../../shared/labelPalette';
import { RESERVED_KEYS, annotatorProblem as problemOfAnnotator, keyProblem, labelChangesProblem, labelChangesSchema, nameProblem } from '../../../shared/labelSet';
import type { DocumentSummary, Settings } from '../../../shared/model';
import { describeSchemaError } from '../../../shared/schemaError';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useWorkbench } from '../session/workbench';
import { DeleteConfirmation, LabelRow } from './LabelSettingsRow';
import { RelationTypeSettings } from './RelationTypeSettings';
import { draftOf, labelUse, requestOf, type Draft, type DraftLabel } from '../ui/settingsDraft';
import { trapFocus } from '../ui/trapFocus';

interface SettingsDialogProps {
  settings: Settings;
  summaries: readonly DocumentSummary[];
  /** Changes not yet saved; the panel waits for them, since a label change reloads documents. */
  pendingSaves: number;
  onClose(): void;
}

/**
 * The "Labels & settings" dialog (SettingsButton.tsx opens it, loading this module on first
 * use), over the settings, the list and the saving status as they are now: the annotator's
 * name, word snapping, and the label set — add, rename, recolour (from a colour-blind-safe
 * palette, with contrast shown), rebind keys (collisions shown), delete (after a confirmation
 * that says how many spans carry the label). Nothing changes until Save, which sends one request.
 */
export function LiveSettingsDialog({ onClose }: { onClose(): void }) {
  const { client } = useWorkbench();
  const settings = useLibrarySlice(client, 'status', () => client.getStatus().settings);
  const summaries = useLibrarySlice(client, 'summaries', client.getSummaries);
  const pendingSaves = useLibrarySlice(client, 'save', () => client.getSave().pending);
  return settings && <SettingsDialog settings={settings} summaries={summaries} pendingSaves={pendingSaves} onClose={onClose} />;
}

function SettingsDialog({ settings, summaries, pendingSaves, onClose }: SettingsDialogProps) {
  const { services } = useWorkbench();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [confirming, setConfirming] = useState<DraftLabel | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextRow = useRef(settings.labels.length);
  const deleteButtons = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal <dialog> makes the rest of the window inert and is announced as a dialog.
    if (!element.open) element.showModal();
    element.querySelector<HTMLInputElement>('input')?.focus();
    return () => element.close();
  }, []);

  const labelNames = draft.labels.map((label) => label.name);
  const savedNames = new Set(settings.labels.map((label) => label.name));
  const rowProblems = draft.labels.map((label, index) => ({
    name:
      nameProblem(label.name, index, draft.labels) ??
      (label.original !== label.name && savedNames.has(label.name) ? `“${label.name}” is a saved label's name; rename in two steps` : null),
    key: keyProblem(label.key, label.name, draft.labels),
  }));
  const annotatorIssue = problemOfAnnotator(draft.annotator);
  const annotatorProblem = annotatorIssue && `Your name ${annotatorIssue}`;
  const request = useMemo(() => requestOf(draft), [draft]);
  const formProblem = useMemo(() => {
    const parsed = labelChangesSchema.safeParse(request);
    if (!parsed.success) return describeSchemaError(parsed.error);
    return labelChangesProblem(settings, parsed.data);
  }, [request, settings]);
  const hasProblems = annotatorProblem !== null || rowProblems.some((problem) => problem.name || problem.key) || formProblem !== null;

  const updateLabel = (row: number, changes: Partial<DraftLabel>) =>
    setDraft((current) => ({ ...current, labels: current.labels.map((label) => (label.row === row ? { ...label, ...changes } : label)) }));

  const addLabel = () => {
    const used = new Set(draft.labels.map((label) => label.color));
    const color = LABEL_PALETTE.find((entry) => !used.has(entry.color))?.color ?? LABEL_PALETTE[0]!.color;
    let name = 'new label';
    for (let number = 2; labelNames.includes(name); number++) name = `new label ${number}`;
    const row = nextRow.current++;
    setDraft((current) => ({ ...current, labels: [...current.labels, { row, original: null, name, color, key: '' }] }));
    // Focus the new label's name, ready to be typed over.
    requestAnimationFrame(() => {
      const input = dialog.current?.querySelector<HTMLInputElement>(`[data-row="${row}"] .label-name-input`);
      input?.focus();
      input?.select();
    });
  };

  const removeLabel = (label: DraftLabel) => {
    setDraft((current) => ({
      ...current,
      labels: current.labels.filter((existing) => existing.row !== label.row),
      deleted: label.original !== null ? [...current.deleted, label.original] : current.deleted,
    }));
    setConfirming(null);
    requestAnimationFrame(() => dialog.current?.querySelector<HTMLButtonElement>('.add-label')?.focus());
  };

  const cancelConfirmation = () => {
    const row = confirming?.row;
    setConfirming(null);
    if (row !== undefined) requestAnimationFrame(() => deleteButtons.current.get(row)?.focus());
  };

  const save = async () => {
    if (hasProblems || saving || pendingSaves > 0) return;
    setSaving(true);
    setError(null);
    const result = await services.applyLabelChanges(request);
    setSaving(false);
    if (!result.ok) setError(result.error.message);
    else onClose();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    // The window's keys (labels, n/p, Delete …) must not act on the article behind the dialog.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      if (confirming) cancelConfirmation();
      else onClose();
      return;
    }
    if (dialog.current) trapFocus(event, dialog.current);
  };

  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby="settings-title"
      aria-modal="true"
      onKeyDown={onKeyDown}
      // The dialog's own Escape handling (above) closes it; the browser's would skip returning focus.
      onCancel={(event) => event.preventDefault()}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="settings-title">Labels &amp; settings</h2>

        <section className="settings-section">
          <label className="settings-field">
            <span>Your name (stamped on new spans and on exports)</span>
            <input
              type="text"
              value={draft.annotator}
              aria-invalid={annotatorProblem !== null}
              aria-describedby={annotatorProblem ? 'annotator-problem' : undefined}
              onChange={(event) => setDraft({ ...draft, annotator: event.target.value })}
            />
          </label>
          {annotatorProblem && (
            <p id="annotator-problem" className="field-problem">
              {annotatorProblem}
            </p>
          )}
          <label className="settings-check">
            <input type="checkbox" checked={draft.snapToWords} onChange={(event) => setDraft({ ...draft, snapToWords: event.target.checked })} />
            <span>Snap selections to whole words (hold Alt while selecting to turn it off once)</span>
          </label>
        </section>

        <section className="settings-section" aria-labelledby="labels-title">
          <h3 id="labels-title">Labels</h3>
          <p className="hint">
            A key is one character; {RESERVED_KEYS.join(' ')} are Newsmark's own. Renaming a label renames its spans in every article; colours come from the Okabe–Ito palette and
            Paul Tol's muted scheme, both safe for colour-blind readers.
          </p>
          <ul className="label-rows">
            {draft.labels.map((label, index) => (
              <LabelRow
                key={label.row}
                label={label}
                index={index}
                problems={rowProblems[index]!}
                sameColourAs={draft.labels.find((other) => other.row !== label.row && other.color === label.color)?.name ?? null}
                use={label.original !== null ? labelUse(summaries, label.original) : null}
                canDelete={draft.labels.length > 1}
                onChange={(changes) => updateLabel(label.row, changes)}
                onDelete={() => setConfirming(label)}
                deleteButton={(element) => {
                  if (element) deleteButtons.current.set(label.row, element);
                  else deleteButtons.current.delete(label.row);
                }}
              />
            ))}
          </ul>
          <button type="button" className="add-label" onClick={addLabel} disabled={draft.labels.length >= 50}>
            Add a label
          </button>
          {draft.deleted.length > 0 && (
            <p className="pending-deletions">
              Deleted on save, with their spans and links: {draft.deleted.map((name) => `“${name}” (${labelUse(summaries, name).spans})`).join(', ')}
            </p>
          )}
        </section>

        <RelationTypeSettings types={draft.relationTypes} onChange={(relationTypes) => setDraft((current) => ({ ...current, relationTypes }))} />

        {confirming && (
          <DeleteConfirmation
            label={confirming}
            use={confirming.original !== null ? labelUse(summaries, confirming.original) : { spans: 0, documents: 0 }}
            onConfirm={() => removeLabel(confirming)}
            onCancel={cancelConfirmation}
          />
        )}

        {formProblem && !rowProblems.some((problem) => problem.name || problem.key) && !annotatorProblem && <p className="field-problem">{formProblem}</p>}
        {error && (
          <p className="field-problem" role="alert">
            Not saved: {error}
          </p>
        )}
        {pendingSaves > 0 && <p className="hint">Waiting for the last changes to be saved…</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={hasProblems || saving || pendingSaves > 0}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
