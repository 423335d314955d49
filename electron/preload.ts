import { contextBridge, ipcRenderer } from 'electron';
import type { NewsmarkApi } from '../shared/contract';
import { IPC_CHANNELS } from '../shared/ipcChannels';

/**
 * The renderer's only door to the main process (sandboxed, context-isolated): two invoke
 * channels, each validated and sender-checked on the other side.
 */
const api = {
  host: 'electron',
  request: (name, args) => ipcRenderer.invoke(IPC_CHANNELS.request, name, args),
  exportDocuments: (options) => ipcRenderer.invoke(IPC_CHANNELS.export, options),
} satisfies NewsmarkApi;

contextBridge.exposeInMainWorld('newsmark', api);
