import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * Development only (`npm run dev`): vite's dev server injects React Refresh's preamble as an
 * inline script and each stylesheet as a <style> element, both of which the app's policy
 * (renderer/index.html) forbids. The served page gets them allowed; the build keeps the policy.
 */
function developmentContentSecurityPolicy(): Plugin {
  const relax = (html: string, directive: string): string => {
    if (!html.includes(`${directive} 'self';`)) throw new Error(`renderer/index.html: its Content-Security-Policy has no "${directive} 'self';" to relax for development.`);
    return html.replace(`${directive} 'self';`, `${directive} 'self' 'unsafe-inline';`);
  };
  return {
    name: 'newsmark:development-content-security-policy',
    apply: 'serve',
    transformIndexHtml: (html) => relax(relax(html, 'script-src'), 'style-src'),
  };
}

/**
 * Three builds: the main-process entries (Electron's main, the browser host, `npm start`'s
 * launcher, the `newsmark` command line and the story index's worker thread, all CommonJS), the sandboxed preload (CommonJS,
 * self-contained), and the renderer. `npm run dev` (electron-vite dev --watch) serves the renderer
 * with hot reload, at the address main.ts reads from ELECTRON_RENDERER_URL.
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
          // The story index's full-text half reader runs on a worker thread from its own file (workerReading.ts).
          storyIndexWorker: resolve(__dirname, 'electron/services/storyIndexWorker.ts'),
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
    plugins: [react(), developmentContentSecurityPolicy()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      // One bundle, loaded from disk, never over a network: its size is not a concern here.
      chunkSizeWarningLimit: 2048,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
