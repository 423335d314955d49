/** The IPC channels between Electron's preload and main process. */
export const IPC_CHANNELS = {
  request: 'newsmark:request',
  export: 'newsmark:export',
  importFile: 'newsmark:importFile',
  /** Main → renderer: a menu command (File → Import…, Export…). */
  menu: 'newsmark:menu',
  /** Main → renderer: Edit → Undo / Redo from the menu. */
  edit: 'newsmark:edit',
} as const;
