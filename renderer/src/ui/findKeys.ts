/** The keys of find, for the key list (apart from FindBar, so the key list does not load the editor). */
export const FIND_KEYS: readonly { keys: string; action: string }[] = [
  { keys: 'Ctrl/Cmd+F', action: 'Find in the article' },
  { keys: 'Enter', action: 'Next match (in the find bar)' },
  { keys: 'Shift+Enter', action: 'Previous match (in the find bar)' },
  { keys: 'Escape', action: 'Close the find bar' },
];
