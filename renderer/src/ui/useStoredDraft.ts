import { useState } from 'react';

/**
 * A field's draft of a stored value belonging to `owner` (a span's id). The draft follows the
 * stored value whenever that changes (an undo, a redo, a change from another window, a reload),
 * and starts again from the stored value when the field is reused for another owner (another
 * span selected), so a draft typed for one span is never shown, nor saved, as another's. In
 * between, the user's typing is kept until saved or reset.
 */
export function useStoredDraft(stored: string, owner: string): [draft: string, setDraft: (value: string) => void, reset: () => void] {
  const [state, setState] = useState({ owner, stored, draft: stored });
  let current = state;
  if (state.stored !== stored || state.owner !== owner) {
    current = { owner, stored, draft: stored };
    setState(current);
  }
  return [current.draft, (draft) => setState({ owner, stored, draft }), () => setState({ owner, stored, draft: stored })];
}
