import { useEffect, useRef } from 'react';
import type { LabelDefinition } from '../../../shared/model';
import { chordLabel, COMMANDS } from '../keyMap';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { useLabels } from '../ui/useLabels';
import { FIND_KEYS } from '../ui/findKeys';
import { labelClass } from '../ui/labelStyles';

interface HelpOverlayProps {
  labels: readonly LabelDefinition[];
  onClose(): void;
}

/** The list of keys while the session has it open (`?`, the Keys button). */
export function HelpLayer() {
  const { session } = useWorkbench();
  const open = useSessionState(session, (state) => state.helpOpen);
  const labels = useLabels();
  return open ? <HelpOverlay labels={labels} onClose={() => session.dispatch({ type: 'setHelp', open: false })} /> : null;
}

/** Every key of the window, read from the live key map and the label set (`?` opens it). */
export function HelpOverlay({ labels, onClose }: HelpOverlayProps) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="overlay" onClick={onClose}>
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(event) => event.stopPropagation()}>
        <header>
          <h2 id="help-title">Keys</h2>
          <button ref={closeButton} type="button" onClick={onClose} aria-label="Close the list of keys">
            ×
          </button>
        </header>
        <table className="key-table">
          <tbody>
            {labels.map((label) => (
              <tr key={`label-${label.name}`} data-key-action={`label:${label.name}`}>
                <td>{label.key ? <kbd>{label.key}</kbd> : <span className="hint">no key</span>}</td>
                <td>
                  Label the selection <span className={`label-name ${labelClass(labels, label.name)}`}>{label.name}</span> (or relabel the selected span)
                </td>
              </tr>
            ))}
            {COMMANDS.map((command) => (
              <tr key={command.id} data-key-action={command.id}>
                <td>
                  {command.chords.map((chord, index) => (
                    <span key={index}>
                      {index > 0 && ' or '}
                      <kbd>{chordLabel(chord)}</kbd>
                    </span>
                  ))}
                </td>
                <td>{command.description}</td>
              </tr>
            ))}
            {FIND_KEYS.map((entry) => (
              <tr key={`find-${entry.keys}`} data-key-action={`find:${entry.keys}`}>
                <td>
                  <kbd>{entry.keys}</kbd>
                </td>
                <td>{entry.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
