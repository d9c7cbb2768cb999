/**
 * The browser build of the same renderer (the host contract's browser
 * implementation is chosen at run time when no Electron preload is present).
 * This is how this machine and the end-to-end tests run the app.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The benchmark and end-to-end hooks (`?bench=1`: synthetic cases, clearCases, a sign-in without
 * password) are compiled in only when ONEWINDOW_BENCH_HOOKS=1 at build time (the bench and the
 * Playwright web server set it); otherwise `__BENCH_HOOKS__` is false and the bundler drops them.
 */
const benchHooks = process.env.ONEWINDOW_BENCH_HOOKS === '1';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: { alias: { '@core': fileURLToPath(new URL('./src/core', import.meta.url)) } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __BENCH_HOOKS__: JSON.stringify(benchHooks) },
  build: {
    outDir: fileURLToPath(new URL('./dist-web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
