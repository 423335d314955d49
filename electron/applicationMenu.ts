import type { MenuItemConstructorOptions } from 'electron';
import type { EditCommand, MenuCommand } from '../shared/contract';

/** Where the menu's own items send their commands (to the renderer, in main.ts). */
export interface MenuTargets {
  /** File → Import… / Export…: the renderer opens its dialog. */
  menuCommand(command: MenuCommand): void;
  /** Edit → Undo / Redo: the renderer decides what they apply to (see below). */
  editCommand(command: EditCommand): void;
}

/**
 * The application menu, by the platform's conventions: on macOS the app menu first (About,
 * Services, Hide ⌘H, Hide Others, Quit ⌘Q), then File (Import… ⌘I, Export… ⌘E, Close Window ⌘W),
 * Edit, View and Window (Minimize ⌘M, Zoom, Bring All to Front); on Windows and Linux File (with
 * Exit / Quit), Edit and View. A pure function of the platform: main.ts builds it, tests read it.
 *
 * Edit. Cut, Copy, Paste and Select All are Electron's roles: they do the native thing wherever
 * focus is (on macOS nothing else makes ⌘X, ⌘C, ⌘V work in a text field). Undo and Redo cannot be
 * roles, because a role does only the native thing, and in the article they must run the app's
 * own undo history (a role would "undo" nothing there). So, as VS Code does, they are plain
 * items that send 'undo' / 'redo' to the renderer, which runs the native undo when focus is in a
 * text field (find, span panel, settings, dialogs) and the app's command everywhere else
 * (renderer/src/data/menuCommands.ts).
 *
 * Their keys stay with the page, so a key press runs one undo, never two: on Windows and Linux
 * the accelerator is shown but not registered (`registerAccelerator: false`), so ⌘/Ctrl+Z reaches
 * the page, where the app's key handler takes it in the article and the text field takes it
 * natively. On macOS a menu's key equivalent only fires when the page leaves the key unhandled:
 * the app's key handler handles it in the article, and in a text field, where macOS leaves undo
 * to the menu, the menu item sends it back to the renderer, which runs the native undo.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, targets: MenuTargets, appName: string): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  // Only macOS cannot leave an accelerator unregistered; it never needs to (see above).
  const keysStayWithThePage = isMac ? {} : { registerAccelerator: false };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => targets.menuCommand('import') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => targets.menuCommand('export') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', ...keysStayWithThePage, click: () => targets.editCommand('undo') },
      // Windows says Ctrl+Y; macOS and Linux say Shift+Z. The app takes both.
      { label: 'Redo', accelerator: platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z', ...keysStayWithThePage, click: () => targets.editCommand('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'reload' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  if (!isMac) return [file, edit, view];
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  // role 'window' makes macOS list the open windows in this menu.
  const window: MenuItemConstructorOptions = { label: 'Window', role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] };
  return [appMenu, file, edit, view, window];
}
