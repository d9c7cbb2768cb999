/**
 * electron-vite build for the desktop app: main (ESM), preload (one CommonJS
 * file, so the renderer can run with sandbox: true) and the React renderer.
 *
 * Every package is a devDependency, so nothing needs to be installed next to
 * the built app: `externalizeDeps: false` makes that explicit and bundles zod
 * and src/core into main and preload. Only `electron` and Node built-ins stay
 * external (electron-vite's preset already marks those external).
 *
 * The browser build of the same renderer lives in vite.web.config.ts; keep
 * the renderer's alias and defines in step with it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const alias = { '@core': resolve(root, 'src/core') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'src/main/index.ts') },
        // package.json has "type": "module", so out/main/index.js is ESM.
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // The preload needs only channel names from the contract, not its zod
        // schemas: declare the schema builders pure so zod is shaken out.
        treeshake: { manualPureFunctions: ['z'] },
        // A sandboxed preload can load nothing but 'electron' (and a few
        // polyfilled modules): it must be one self-contained CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // In Electron the main process sends the CSP as a header (with the configured sync
    // origin); a <meta> CSP would be enforced as well and block that origin, so drop it here.
    plugins: [react(), { name: 'onewindow-drop-meta-csp', transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/i, '') }],
    resolve: { alias },
    // never the bench hooks in the desktop app (see vite.web.config.ts)
    define: { __APP_VERSION__: JSON.stringify(pkg.version), __BENCH_HOOKS__: 'false' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; the app loads it from disk at every start.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: {
        input: resolve(root, 'src/renderer/index.html'),
      },
    },
  },
});
