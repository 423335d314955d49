import { LABEL_PALETTE, colourName } from '../../../shared/labelPalette';
import { MAX_RELATION_TYPES } from '../../../shared/model';
import type { DraftRelationType } from '../ui/settingsDraft';

interface RelationTypeSettingsProps {
  types: readonly DraftRelationType[];
  onChange(types: DraftRelationType[]): void;
}

/**
 * The settings dialog's relation types: each with its name and colour; new ones can be added,
 * named and removed before Save. Saved types keep their names (links in articles carry them;
 * renaming or deleting across articles is not supported yet), but their colour can change.
 */
export function RelationTypeSettings({ types, onChange }: RelationTypeSettingsProps) {
  const update = (index: number, changes: Partial<DraftRelationType>) => onChange(types.map((type, at) => (at === index ? { ...type, ...changes } : type)));
  const add = () => {
    const used = new Set(types.map((type) => type.color.toLowerCase()));
    const color = LABEL_PALETTE.map((entry) => entry.color).find((each) => !used.has(each.toLowerCase())) ?? LABEL_PALETTE[0]!.color;
    onChange([...types, { name: '', color, saved: false, savedColor: null }]);
  };
  return (
    <section className="settings-section" aria-labelledby="relation-types-title">
      <h3 id="relation-types-title">Relation types</h3>
      <p className="hint">Link mode asks for one when there is more than one; the first is offered first.</p>
      <ul className="relation-type-rows">
        {types.map((type, index) => {
          const duplicate = type.name.trim() !== '' && types.some((other, at) => at !== index && other.name.trim() === type.name.trim());
          return (
            <li key={index} className="relation-type-row">
              <span className="label-swatch" style={{ background: type.color }} />
              {type.saved ? (
                <span className="relation-type-name">{type.name}</span>
              ) : (
                <input aria-label={`Relation type ${index + 1} name`} value={type.name} placeholder="e.g. contradicts" maxLength={60} onChange={(event) => update(index, { name: event.target.value })} />
              )}
              <select aria-label={`Colour of relation type ${type.name || index + 1}`} value={type.color} onChange={(event) => update(index, { color: event.target.value })}>
                {!LABEL_PALETTE.some((entry) => entry.color.toLowerCase() === type.color.toLowerCase()) && <option value={type.color}>{type.color}</option>}
                {LABEL_PALETTE.map((entry) => (
                  <option key={entry.color} value={entry.color}>
                    {colourName(entry.color)}
                  </option>
                ))}
              </select>
              {!type.saved && (
                <button type="button" onClick={() => onChange(types.filter((_, at) => at !== index))}>
                  Remove
                </button>
              )}
              {!type.saved && type.name.trim() === '' && <span className="field-problem">needs a name</span>}
              {duplicate && <span className="field-problem">another type has this name</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" className="add-relation-type" onClick={add} disabled={types.length >= MAX_RELATION_TYPES}>
        Add a relation type
      </button>
    </section>
  );
}
