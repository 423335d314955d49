import { contextBridge, ipcRenderer } from 'electron';
import type { EditCommand, MenuCommand, NewsmarkApi } from '../shared/contract';
import { IPC_CHANNELS } from '../shared/ipcChannels';

/**
 * The renderer's only door to the main process (sandboxed, context-isolated): three invoke
 * channels, each validated and sender-checked on the other side, and the menu's commands
 * (File → Import…/Export…, Edit → Undo/Redo).
 */
const api = {
  host: 'electron',
  request: (name, args) => ipcRenderer.invoke(IPC_CHANNELS.request, name, args),
  exportDocuments: (options) => ipcRenderer.invoke(IPC_CHANNELS.export, options),
  importFile: (jobId, name, bytes) => ipcRenderer.invoke(IPC_CHANNELS.importFile, jobId, name, bytes),
  onMenuCommand: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(IPC_CHANNELS.menu, forward);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.menu, forward);
  },
  onEditCommand: (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, command: EditCommand) => listener(command);
    ipcRenderer.on(IPC_CHANNELS.edit, forward);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.edit, forward);
  },
} satisfies NewsmarkApi;

contextBridge.exposeInMainWorld('newsmark', api);
