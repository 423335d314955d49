/** The IPC channels between Electron's preload and main process. */
export const IPC_CHANNELS = {
  request: 'newsmark:request',
  export: 'newsmark:export',
} as const;
