import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds: the main-process entries (Electron's main, the browser host, `npm start`'s
 * launcher and the `newsmark` command line, all CommonJS), the sandboxed preload (CommonJS,
 * self-contained), and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // lowdb and steno are ESM-only; bundling them keeps the CommonJS output loadable anywhere.
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/main.ts'),
          web: resolve(__dirname, 'electron/web.ts'),
          start: resolve(__dirname, 'electron/start.ts'),
          cli: resolve(__dirname, 'electron/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: { preload: resolve(__dirname, 'electron/preload.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      // One bundle, loaded from disk, never over a network: its size is not a concern here.
      chunkSizeWarningLimit: 2048,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
