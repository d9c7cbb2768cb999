/**
 * 电子材料 at the department inbox: the pages a window uploaded (tus, as the workstation does)
 * appear under the case's material with thumbnails and "材料上传中" for a page not there yet;
 * the viewer pages through with ←/→, zooms with +/−, turns with R, every page under a watermark
 * naming the department, the officer and the time; a 补正 points at one page and reaches the
 * service as `materialPages.<key>.<n>`. The service runs in its own process (PGlite in memory,
 * the directory page store, test/e2e/pages-service.ts) with the fixture catalog; the pages are
 * JPEGs Chromium draws.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const MATERIAL = 'shared/application-form'; // 食品经营许可申请书 in the fixture case

let service: ChildProcess | null = null;
let root = '';

test.afterAll(async () => {
  if (service?.pid) process.kill(service.pid, 'SIGTERM');
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Starts test/e2e/pages-service.ts over the pages in `dir`; resolves with the line it prints. */
function startService(dir: string): Promise<{ url: string; workstationToken: string; officer: { staffNo: string; password: string }; caseId: string; caseNumber: string }> {
  return new Promise((resolve, reject) => {
    service = spawn(join('node_modules', '.bin', 'tsx'), ['test/e2e/pages-service.ts', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    service.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    service.stderr!.on('data', (d) => (err += String(d)));
    service.once('exit', (code) => reject(new Error(`the page service exited (${code}): ${err}`)));
  });
}

test('the department sees the pages under its watermark, pages through them by keyboard, and points a 补正 at one page', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await page.goto('about:blank');
  // Three scanned pages of an application form, drawn by the browser as JPEG.
  const drawn = await page.evaluate(async () => {
    const out: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const c = document.createElement('canvas');
      c.width = 1240;
      c.height = 1754;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fdfdf8';
      g.fillRect(0, 0, c.width, c.height);
      g.fillStyle = '#222';
      g.font = 'bold 64px "Noto Sans CJK SC", sans-serif';
      g.fillText('食品经营许可申请书', 320, 200);
      g.font = '36px "Noto Sans CJK SC", sans-serif';
      for (let i = 0; i < 24; i++) g.fillText(`${n}.${i + 1}　申请人声明及经营项目填写栏（示例文字）`, 120, 340 + i * 56);
      g.font = 'bold 48px sans-serif';
      g.fillText(`第 ${n} 页`, 540, 1700);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.8));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      out.push(btoa(s));
    }
    return out;
  });
  root = mkdtempSync(join(tmpdir(), 'ow-inbox-pages-'));
  drawn.forEach((b, i) => writeFileSync(join(root, `page-${i + 1}.jpg`), Buffer.from(b, 'base64')));
  // Pages 1 and 2 are on the service; page 3 is still on its way.
  const svc = await startService(root);
  await page.goto(`${svc.url}/inbox`);

  await page.getByLabel('工号').fill('SC001');
  await page.getByLabel('密码').fill(svc.officer.password);
  await page.getByRole('button', { name: '登录' }).click();
  const row = page.locator('#rows tr', { hasText: svc.caseNumber });
  await row.getByRole('button', { name: '查看' }).click();
  await page.locator('#d-actions').getByRole('button', { name: '认领' }).click();

  const pages = page.locator('#d-pages');
  await expect(pages).toContainText('食品经营许可申请书');
  await expect(pages).toContainText('共 3 页，1 页材料上传中');
  await expect(pages.locator('.thumb.waiting')).toHaveText(/材料上传中/);
  await expect(pages.locator('button.thumb')).toHaveCount(2);
  // a thumbnail is drawn (with its watermark) once the page is read
  await expect.poll(() => pages.locator('canvas.thumb-canvas').first().evaluate((el: HTMLCanvasElement) => el.width)).toBeGreaterThan(50);
  await page.locator('#detail').screenshot({ path: 'test-results/inbox-pages.png' }).catch(() => {});

  await pages.locator('button.thumb').first().click();
  const viewer = page.getByRole('dialog', { name: '查看电子材料' });
  await expect(viewer).toBeVisible();
  await expect(viewer.locator('.viewer-title')).toContainText('第 1/3 页');
  await page.keyboard.press('ArrowRight');
  await expect(viewer.locator('.viewer-title')).toContainText('第 2/3 页');
  await page.keyboard.press('ArrowRight'); // page 3 is not there yet: skipped, back to page 1
  await expect(viewer.locator('.viewer-title')).toContainText('第 1/3 页');
  await page.keyboard.press('ArrowLeft');
  await expect(viewer.locator('.viewer-title')).toContainText('第 2/3 页');
  await page.keyboard.press('+');
  await expect(viewer.locator('.viewer-title')).toContainText('125%');
  await page.keyboard.press('-');
  await expect(viewer.locator('.viewer-title')).toContainText('100%');
  const before = await viewer.locator('canvas').evaluate((el: HTMLCanvasElement) => el.width / el.height);
  await page.keyboard.press('r');
  await expect.poll(() => viewer.locator('canvas').evaluate((el: HTMLCanvasElement) => el.width / el.height)).toBeGreaterThan(1); // turned: landscape
  expect(before).toBeLessThan(1);
  // The watermark is in the pixels: the foot band is not the page's own near-white.
  const band = await viewer.locator('canvas').evaluate((el: HTMLCanvasElement) => {
    const d = el.getContext('2d')!.getImageData(0, Math.floor(el.height * 0.9), el.width, Math.floor(el.height * 0.1)).data;
    let red = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > d[i + 1]! + 40) red++;
    return red;
  });
  expect(band).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/inbox-page-viewer.png' });

  await viewer.getByRole('button', { name: '补正此页' }).click();
  await expect(viewer).toBeHidden();
  const point = page.locator(`#points .point[data-path="materialPages.${MATERIAL}.2"]`);
  await expect(point).toContainText('食品经营许可申请书 第2页');
  await expect(page.locator('#kind')).toHaveValue('correctionRequested');
  await point.locator('.point-comment').fill('第二页字迹模糊，请重新拍摄');
  await page.locator('#decide button[type="submit"]').click();
  await expect(page.locator('#notice')).toContainText('补正');

  const events = await fetch(`${svc.url}/api/v1/status-events?after=0`, { headers: { authorization: `Bearer ${svc.workstationToken}` } }).then((r) => r.json());
  const asked = events.events.find((e: { kind: string }) => e.kind === 'correctionRequested');
  expect(asked.fieldComments).toEqual([{ path: `materialPages.${MATERIAL}.2`, comment: '第二页字迹模糊，请重新拍摄' }]);
});
