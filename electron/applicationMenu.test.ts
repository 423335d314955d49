import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { applicationMenuTemplate } from './applicationMenu';

// The renderer's key map, read at run time: its module is typed for the DOM, which the main
// process's TypeScript project does not include.
interface AppChord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}
const KEY_MAP_MODULE = '../renderer/src/keyMap';
const { COMMANDS } = (await import(/* @vite-ignore */ KEY_MAP_MODULE)) as { COMMANDS: readonly { id: string; chords: readonly AppChord[] }[] };

/** Electron 45's own accelerators for the roles the menu uses (lib/browser/api/menu-item-roles.ts). */
function roleAccelerator(role: string, platform: NodeJS.Platform): string | undefined {
  const isMac = platform === 'darwin';
  const table: Record<string, string | undefined> = {
    close: 'CommandOrControl+W',
    copy: 'CommandOrControl+C',
    cut: 'CommandOrControl+X',
    paste: 'CommandOrControl+V',
    selectAll: 'CommandOrControl+A',
    hide: 'Command+H',
    hideOthers: 'Command+Alt+H',
    minimize: 'CommandOrControl+M',
    quit: platform === 'win32' ? undefined : 'CommandOrControl+Q',
    reload: 'CmdOrCtrl+R',
    resetZoom: 'CommandOrControl+0',
    zoomIn: 'CommandOrControl+Plus',
    zoomOut: 'CommandOrControl+-',
    togglefullscreen: isMac ? 'Control+Command+F' : 'F11',
  };
  return table[role];
}

interface Entry {
  /** "Edit > Undo", or the role: "Edit > role:cut". */
  path: string;
  item: MenuItemConstructorOptions;
  accelerator: string | undefined;
}

function entries(template: MenuItemConstructorOptions[], platform: NodeJS.Platform, parent = ''): Entry[] {
  return template.flatMap((item) => {
    if (item.type === 'separator') return [];
    const name = item.label ?? `role:${item.role}`;
    const path = parent ? `${parent} > ${name}` : name;
    const own: Entry = { path, item, accelerator: (item.accelerator as string | undefined) ?? (item.role ? roleAccelerator(item.role, platform) : undefined) };
    return Array.isArray(item.submenu) ? [own, ...entries(item.submenu, platform, path)] : [own];
  });
}

/** Electron's names of keys (docs/api/accelerator.md) as KeyboardEvent.key, which the key map uses. */
const DOM_KEY_NAMES: Record<string, string> = { Plus: '+', Space: ' ', Left: 'ArrowLeft', Right: 'ArrowRight', Up: 'ArrowUp', Down: 'ArrowDown', Esc: 'Escape', Return: 'Enter' };

/** An accelerator as the app's key map would see its key press (Ctrl and ⌘ are both `mod`). */
function chordOf(accelerator: string): AppChord {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const modifiers = new Set(parts.map((part) => part.toLowerCase()));
  const has = (...names: string[]) => names.some((name) => modifiers.has(name));
  return {
    key: DOM_KEY_NAMES[key] ?? (key.length === 1 ? key.toLowerCase() : key),
    mod: has('command', 'cmd', 'commandorcontrol', 'cmdorctrl', 'control', 'ctrl'),
    shift: has('shift'),
    alt: has('alt', 'option'),
  };
}

function sameChord(a: AppChord, b: AppChord): boolean {
  return a.key.toLowerCase() === b.key.toLowerCase() && !!a.mod === !!b.mod && !!a.shift === !!b.shift && !!a.alt === !!b.alt;
}

/** The app command whose key this accelerator is, if any. */
function appCommandFor(accelerator: string): string | undefined {
  const chord = chordOf(accelerator);
  return COMMANDS.find((command) => command.chords.some((appChord) => sameChord(appChord, chord)))?.id;
}

function build(platform: NodeJS.Platform) {
  const sent: string[] = [];
  const template = applicationMenuTemplate(platform, { menuCommand: (command) => sent.push(`menu ${command}`), editCommand: (command) => sent.push(`edit ${command}`) }, 'Newsmark');
  return { template, sent, all: entries(template, platform) };
}

const PLATFORMS = [
  {
    platform: 'darwin',
    menus: ['Newsmark', 'File', 'Edit', 'View', 'Window'],
    roles: ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit', 'close', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'zoom', 'front'],
    absentRoles: [],
    redo: 'Shift+CmdOrCtrl+Z',
    registerAccelerator: undefined,
  },
  {
    platform: 'win32',
    menus: ['File', 'Edit', 'View'],
    roles: ['quit', 'cut', 'copy', 'paste', 'selectAll'],
    absentRoles: ['about', 'services', 'hide', 'hideOthers', 'close', 'minimize'],
    redo: 'Ctrl+Y',
    registerAccelerator: false,
  },
  {
    platform: 'linux',
    menus: ['File', 'Edit', 'View'],
    roles: ['quit', 'cut', 'copy', 'paste', 'selectAll'],
    absentRoles: ['about', 'services', 'hide', 'hideOthers', 'close', 'minimize'],
    redo: 'Shift+CmdOrCtrl+Z',
    registerAccelerator: false,
  },
] as const;

describe.each(PLATFORMS)('the application menu on $platform', ({ platform, menus, roles, absentRoles, redo, registerAccelerator }) => {
  const { template, sent, all } = build(platform);
  const roleNames = all.map((entry) => entry.item.role).filter(Boolean);

  test(`menus: ${menus.join(', ')}`, () => {
    expect(template.map((menu) => menu.label)).toEqual(menus);
  });

  test('the platform’s roles are there, and no other platform’s', () => {
    for (const role of roles) expect(roleNames, role).toContain(role);
    for (const role of absentRoles) expect(roleNames, role).not.toContain(role);
  });

  test('Edit: Undo and Redo send the app’s command, with the app’s keys; Cut, Copy, Paste, Select All are native roles', () => {
    const edit = all.filter((entry) => entry.path.startsWith('Edit > ')).map((entry) => entry.path.slice('Edit > '.length));
    expect(edit).toEqual(['Undo', 'Redo', 'role:cut', 'role:copy', 'role:paste', 'role:selectAll']);
    const undo = all.find((entry) => entry.path === 'Edit > Undo')!;
    const redoItem = all.find((entry) => entry.path === 'Edit > Redo')!;
    expect(undo.item.role).toBeUndefined();
    expect(undo.accelerator).toBe('CmdOrCtrl+Z');
    expect(redoItem.accelerator).toBe(redo);
    expect(appCommandFor(undo.accelerator!)).toBe('undo');
    expect(appCommandFor(redoItem.accelerator!)).toBe('redo');
    // On Windows and Linux the page keeps the keys (one undo per press); macOS cannot, nor needs to.
    expect(undo.item.registerAccelerator).toBe(registerAccelerator);
    expect(redoItem.item.registerAccelerator).toBe(registerAccelerator);
  });

  test('clicks reach the renderer as commands', () => {
    sent.length = 0;
    for (const path of ['Edit > Undo', 'Edit > Redo', 'File > Import…', 'File > Export…']) {
      const click = all.find((entry) => entry.path === path)!.item.click as () => void;
      click();
    }
    expect(sent).toEqual(['edit undo', 'edit redo', 'menu import', 'menu export']);
  });

  test('no accelerator takes a key of the app’s, but Undo and Redo, which are those keys', () => {
    const clashes = all
      .filter((entry) => entry.accelerator && !['Edit > Undo', 'Edit > Redo'].includes(entry.path))
      .map((entry) => `${entry.path} ${entry.accelerator} → ${appCommandFor(entry.accelerator!)}`)
      .filter((line) => !line.endsWith('→ undefined'));
    expect(clashes).toEqual([]);
  });

  test('every accelerator has a modifier (or is a function key), so no label key is ever taken', () => {
    const bare = all.filter((entry) => entry.accelerator).filter((entry) => !chordOf(entry.accelerator!).mod && !/^F\d+$/.test(chordOf(entry.accelerator!).key));
    expect(bare.map((entry) => entry.path)).toEqual([]);
  });

  test('no two items share an accelerator', () => {
    const chords = all.filter((entry) => entry.accelerator).map((entry) => JSON.stringify(chordOf(entry.accelerator!)));
    expect(new Set(chords).size).toBe(chords.length);
  });
});
