#!/usr/bin/env node
// Takes the README's screenshots from the browser build (run `npm run build:web` first) on a
// fresh workstation: first-run setup, sign-in, the guide, search, an intake, the Sync page.
// Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk).
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

// A fresh workstation: the first-run setup, then the supervisor signs in (as a clerk would).
await page.goto(base);
const setup = page.getByTestId('first-run');
await setup.waitFor();
await setup.getByLabel('中心行政区划代码').fill('330106');
await setup.getByLabel('服务中心名称').fill('示例市民中心');
await setup.getByLabel('工作站代码').fill('7K');
await setup.getByLabel('工号').fill('S0001');
await setup.getByLabel('姓名').fill('赵主任');
await setup.getByLabel('密码', { exact: true }).fill('Yichuang-2026');
await setup.getByLabel('再次输入密码').fill('Yichuang-2026');
await page.getByTestId('setup-submit').click();
await page.getByTestId('sign-in').waitFor();
await page.getByLabel('工号').fill('S0001');
await page.getByLabel('窗口号').fill('7');
await shot('sign-in');
await page.getByLabel('密码', { exact: true }).fill('Yichuang-2026');
await page.getByTestId('sign-in').click();
await page.getByTestId('clerk-badge').waitFor();

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

// An intake of 失业登记: the situation, the checklist recorded by keyboard, the applicant.
await page.goto(`${base}#/items/330003002000`);
await page.getByTestId('start-intake').click();
await page.getByTestId('intake').waitFor();
const questions = page.getByTestId('question');
for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
await shot('intake-situation');
await page.getByTestId('next-step').click();
const lines = page.getByTestId('check-line');
await lines.first().focus();
await page.keyboard.press('6'); // 原件核验后退还
await page.keyboard.press('4'); // 缺失
await shot('intake-materials');
for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
await page.getByTestId('next-step').click();
await page.getByLabel('姓名', { exact: true }).fill('李明');
await page.getByTestId('applicant-id-number').fill('11010519491231002X');
await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
await shot('intake-applicant');
await page.goto(`${base}#/sync`);
await shot('sync');
for (const extra of process.argv.slice(2)) {
  const [name, hash] = extra.split('=');
  await page.goto(`${base}${hash}`);
  await shot(name);
}
await browser.close();
server.kill();
