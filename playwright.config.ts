import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Which Chromium: ONEWINDOW_CHROMIUM (a path) wins; else Debian's /usr/bin/chromium
 * when present (no browser download is possible on our build machines); else
 * Playwright's own browser (after `npx playwright install chromium`).
 */
const executablePath = process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const PORT = Number(process.env.ONEWINDOW_E2E_PORT ?? 5180);

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `ONEWINDOW_BENCH_HOOKS=1 npm run build:web && npx vite preview --config vite.web.config.ts --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
  },
});
