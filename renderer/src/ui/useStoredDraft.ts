import { useState } from 'react';

/**
 * A field's draft of a stored value. The draft follows the stored value whenever that changes
 * (an undo, a redo, a change from another window, a reload), so the field always shows what is
 * stored once it changes; in between, the user's typing is kept until saved or reset.
 */
export function useStoredDraft(stored: string): [draft: string, setDraft: (value: string) => void, reset: () => void] {
  const [state, setState] = useState({ stored, draft: stored });
  let current = state;
  if (state.stored !== stored) {
    current = { stored, draft: stored };
    setState(current);
  }
  return [current.draft, (draft) => setState({ stored, draft }), () => setState({ stored, draft: stored })];
}
