import { useState } from 'react';
import type { ImportMappingInput, LabelChoice, RelationTypeChoice } from '../../../shared/importMapping';
import type { ImportPlan } from '../../../shared/importReport';
import type { LabelDefinition, RelationTypeDefinition } from '../../../shared/model';

interface ImportMappingStepProps {
  plan: ImportPlan;
  labels: readonly LabelDefinition[];
  relationTypes: readonly RelationTypeDefinition[];
  /** Why the last attempt was refused (a taken key), shown above the choices. */
  error: string | null;
  onImport(mapping: ImportMappingInput, duplicates: 'skip' | 'import'): void;
  onCancel(): void;
}

/** A row's choice as its select holds it: "add", "skip" or "map:NAME". */
type Choice = string;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Step 2 of an import, before anything is written: each label and relation type the files bring
 * that the library lacks, with its counts, to map onto one the library has, add (with the
 * proposed key, editable) or leave out; the articles the library already holds (skipped unless
 * the user asks for copies); the files that are not articles.
 */
export function ImportMappingStep({ plan, labels, relationTypes, error, onImport, onCancel }: ImportMappingStepProps) {
  const [labelChoices, setLabelChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(plan.labels.map((label) => [label.name, 'add'])));
  const [keys, setKeys] = useState<Record<string, string>>(() => Object.fromEntries(plan.labels.map((label) => [label.name, label.proposedKey])));
  const [typeChoices, setTypeChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(plan.relationTypes.map((type) => [type.name, 'add'])));
  const [duplicates, setDuplicates] = useState<'skip' | 'import'>('skip');

  const submit = () => {
    const mapping: Required<Pick<ImportMappingInput, 'labels' | 'relationTypes'>> = { labels: {}, relationTypes: {} };
    for (const label of plan.labels) {
      const choice = labelChoices[label.name] ?? 'add';
      const key = keys[label.name] ?? '';
      mapping.labels[label.name] = choice === 'add' ? { action: 'add', ...(key ? { key } : {}), color: label.proposedColor } : labelChoiceOf(choice);
    }
    for (const type of plan.relationTypes) {
      const choice = typeChoices[type.name] ?? 'add';
      mapping.relationTypes[type.name] = choice === 'add' ? { action: 'add', color: type.proposedColor } : (labelChoiceOf(choice) as RelationTypeChoice);
    }
    onImport(mapping, duplicates);
  };

  return (
    <form
      className="import-mapping"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p>
        Nothing is written yet. The files hold {plural(plan.documents, 'article')}, {plural(plan.spans, 'span')} and {plural(plan.relations, 'relation')}.
      </p>
      {error && (
        <p className="import-outcome error" role="alert">
          {error}
        </p>
      )}
      {plan.labels.length > 0 && (
        <fieldset>
          <legend>Labels the library does not have</legend>
          <table className="mapping-table">
            <tbody>
              {plan.labels.map((label) => (
                <tr key={label.name}>
                  <th scope="row">
                    <span className="label-swatch" style={{ background: label.proposedColor }} />
                    {label.name}
                  </th>
                  <td className="mapping-counts">
                    {plural(label.spans, 'span')} in {plural(label.documents, 'article')}
                  </td>
                  <td>
                    <select aria-label={`Label ${label.name}`} value={labelChoices[label.name]} onChange={(event) => setLabelChoices({ ...labelChoices, [label.name]: event.target.value })}>
                      {labels.map((known) => (
                        <option key={known.name} value={`map:${known.name}`}>
                          Map to {known.name}
                        </option>
                      ))}
                      <option value="add">Add as a new label</option>
                      <option value="skip">Leave its spans out</option>
                    </select>
                  </td>
                  <td>
                    {labelChoices[label.name] === 'add' && (
                      <label className="mapping-key">
                        key{' '}
                        <input aria-label={`Key for ${label.name}`} value={keys[label.name] ?? ''} maxLength={1} size={2} onChange={(event) => setKeys({ ...keys, [label.name]: event.target.value })} />
                      </label>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      )}
      {plan.relationTypes.length > 0 && (
        <fieldset>
          <legend>Relation types the library does not have</legend>
          <table className="mapping-table">
            <tbody>
              {plan.relationTypes.map((type) => (
                <tr key={type.name}>
                  <th scope="row">
                    <span className="label-swatch" style={{ background: type.proposedColor }} />
                    {type.name}
                  </th>
                  <td className="mapping-counts">
                    {plural(type.relations, 'relation')} in {plural(type.documents, 'article')}
                  </td>
                  <td>
                    <select aria-label={`Relation type ${type.name}`} value={typeChoices[type.name]} onChange={(event) => setTypeChoices({ ...typeChoices, [type.name]: event.target.value })}>
                      {relationTypes.map((known) => (
                        <option key={known.name} value={`map:${known.name}`}>
                          Map to {known.name}
                        </option>
                      ))}
                      <option value="add">Add as a new type</option>
                      <option value="skip">Leave these relations out</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      )}
      {plan.duplicates.length > 0 && (
        <fieldset>
          <legend>{plural(plan.duplicates.length, 'article')} the library already has</legend>
          <ul className="mapping-duplicates">
            {plan.duplicates.slice(0, 50).map((duplicate, index) => (
              <li key={index}>
                {duplicate.title} <span className="mapping-counts">({duplicate.file})</span>
              </li>
            ))}
            {plan.duplicates.length > 50 && <li>and {plan.duplicates.length - 50} more</li>}
          </ul>
          <label>
            <input type="radio" name="duplicates" checked={duplicates === 'skip'} onChange={() => setDuplicates('skip')} /> Skip them
          </label>{' '}
          <label>
            <input type="radio" name="duplicates" checked={duplicates === 'import'} onChange={() => setDuplicates('import')} /> Import copies anyway
          </label>
        </fieldset>
      )}
      {plan.notArticles.length > 0 && (
        <ul className="import-notes">
          {plan.notArticles.map((skipped) => (
            <li key={skipped.file}>
              {skipped.file}: not an article, skipped ({skipped.reason})
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Import
        </button>
      </div>
    </form>
  );
}

/** A "map:NAME" or "skip" choice as the mapping takes it. */
function labelChoiceOf(choice: Choice): LabelChoice {
  return choice.startsWith('map:') ? { action: 'map', to: choice.slice('map:'.length) } : { action: 'skip' };
}
