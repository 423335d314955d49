import { useEffect, useRef } from 'react';
import { relationTypesOf } from '../../../shared/model';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { link } from '../session/editing';
import { useSessionState } from '../session/sessionStore';
import { useWorkbench } from '../session/workbench';
import { Modal } from './Modal';

/**
 * Link mode's question when the library has more than one relation type: which type the new
 * link is. The default comes first and has the focus; ↑/↓ move, Enter or a digit chooses,
 * Escape goes back to picking the target.
 */
export function LinkTypeChooser() {
  const workbench = useWorkbench();
  const { client, session } = workbench;
  const linking = useSessionState(session, (state) => state.linking);
  const settings = useLibrarySlice(client, 'status', () => client.getStatus().settings, 'now');
  const list = useRef<HTMLUListElement>(null);
  const open = linking?.choosingType === true && linking.targetId !== null;

  useEffect(() => {
    // After the dialog has focused itself: the first (default) type takes the focus.
    if (!open) return;
    const frame = requestAnimationFrame(() => list.current?.querySelector('button')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [open]);

  if (!open || !settings || !linking?.targetId) return null;
  const types = relationTypesOf(settings);
  const choose = (name: string) => link(workbench.commandContext(), linking.sourceId, linking.targetId!, name);
  const buttons = () => Array.from(list.current?.querySelectorAll('button') ?? []);

  return (
    <Modal title="Link type" className="link-type-chooser" onClose={() => session.dispatch({ type: 'chooseLinkType', targetId: null })}>
      <p>What kind of link is this?</p>
      <ul
        ref={list}
        className="link-types"
        onKeyDown={(event) => {
          const all = buttons();
          const index = all.indexOf(document.activeElement as HTMLButtonElement);
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            all[(index + (event.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
          } else if (/^[1-9]$/.test(event.key) && types[Number(event.key) - 1]) {
            event.preventDefault();
            choose(types[Number(event.key) - 1]!.name);
          }
        }}
      >
        {types.map((type, index) => (
          <li key={type.name}>
            <button type="button" onClick={() => choose(type.name)}>
              <span className="label-swatch" style={{ background: type.color }} />
              {type.name}
              {index < 9 && <kbd>{index + 1}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
