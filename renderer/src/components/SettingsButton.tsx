import { lazy, Suspense, useRef, useState } from 'react';

/** The dialog's code (and the label editor's) is loaded when the dialog is first opened. */
const LiveSettingsDialog = lazy(() => import('./SettingsPanel').then((module) => ({ default: module.LiveSettingsDialog })));

/** The header's "Labels & settings" button and the dialog it opens (SettingsPanel.tsx). */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Once the modal dialog is gone: until then the rest of the window is inert.
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <>
      <button ref={opener} type="button" className="settings-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Labels &amp; settings
      </button>
      {open && (
        <Suspense fallback={null}>
          <LiveSettingsDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
