#!/usr/bin/env node
// Takes the README's screenshots from the browser build (run `npm run build:web` first).
// Usage: node scripts/screenshots.mjs   (ONEWINDOW_CHROMIUM picks the browser)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 5199;
const server = spawn('npx', ['vite', 'preview', '--config', 'vite.web.config.ts', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
const base = `http://127.0.0.1:${PORT}/`;
for (let i = 0; i < 50; i++) {
  try { if ((await fetch(base)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 200));
}
const executablePath = process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
const shot = async (name) => { await page.waitForTimeout(300); await page.screenshot({ path: `docs/screenshots/${name}.png` }); console.log(`docs/screenshots/${name}.png`); };

await page.goto(base);
await page.getByTestId('catalog-version').waitFor();
await shot('guide-browse');
await page.keyboard.press('/');
await page.keyboard.type('yyzz');
await shot('search-initials');
await page.keyboard.press('Enter');
await page.getByTestId('item-guide').waitFor();
await shot('item-guide');
await page.goto(`${base}#/bundles`);
await shot('bundles');
for (const extra of process.argv.slice(2)) {
  const [name, hash] = extra.split('=');
  await page.goto(`${base}${hash}`);
  await shot(name);
}
await browser.close();
server.kill();
