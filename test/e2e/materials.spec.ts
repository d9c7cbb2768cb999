/**
 * 材料电子化 end to end, against the real service (src/server, tus page upload): two pages
 * captured with Chromium's fake camera, a two-page PDF imported (a PDF written here by hand),
 * a file of another kind refused with nothing changed, the case accepted; the service killed
 * while a page is uploading and started again, the upload resumed at the URL the service gave
 * (no new upload made for it) and finished; the department sees every page in its inbox; a
 * department without a dispatch of the case gets 404.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Page, type Request } from '@playwright/test';
import { signIn } from './fixtures';
import { catalog, openedCase, syncNow, UNEMPLOYMENT, UNEMPLOYMENT_DEPARTMENT, useQueueServer, VALID_ID } from './server-fixture';

const executablePath = process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const server = useQueueServer('ow-materials-');

/** A real two-page PDF (vector drawing only, no fonts), with a correct cross-reference table. */
function twoPagePdf(): Buffer {
  const content = (n: number) => `0.95 0.95 0.9 rg 0 0 595 842 re f 0 0 0 rg 72 ${700 - n * 40} 450 24 re f 72 600 300 8 re f 72 570 380 8 re f`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content(1).length} >>\nstream\n${content(1)}\nendstream`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R >>',
    `<< /Length ${content(2).length} >>\nstream\n${content(2)}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function linePageCount(page: Page, i: number): Promise<number> {
  return Number(await page.getByTestId('line-pages').nth(i).getAttribute('data-count'));
}

test('pages captured and imported at the window reach the department, through a service restart mid-upload', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await server.configure(page);

  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  expect(await lines.count()).toBeGreaterThanOrEqual(2);

  // line 1: two pages from the document camera, by keyboard (P opens the panel, Space captures)
  await lines.nth(0).focus();
  await page.keyboard.press('p');
  const panel = page.getByTestId('capture-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('camera-preview')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  await page.keyboard.press('Space');
  await expect(panel.getByTestId('capture-page')).toHaveCount(1, { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('capture-page')).toHaveCount(2, { timeout: 15_000 });
  await expect(panel.getByTestId('capture-page').first()).toHaveAttribute('data-source', 'camera');
  await expect(panel.locator('.capture-thumb img')).toHaveCount(2);
  // turning a page replaces it with a new one (another address)
  const before = await panel.getByTestId('capture-page').nth(1).getAttribute('data-sha256');
  await panel.getByTestId('page-rotate').nth(1).click();
  await expect(panel.getByTestId('capture-page').nth(1)).not.toHaveAttribute('data-sha256', before!, { timeout: 15_000 });
  await expect(panel.getByTestId('capture-page')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/materials-capture-panel.png' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect.poll(() => linePageCount(page, 0)).toBe(2);

  // line 2: a two-page PDF, then a file of another kind refused beside the control, nothing changed
  await lines.nth(1).getByTestId('open-capture').click();
  await expect(panel).toBeVisible();
  await panel.getByTestId('capture-file').setInputFiles({ name: '身份证明.pdf', mimeType: 'application/pdf', buffer: twoPagePdf() });
  await expect(panel.getByTestId('capture-page')).toHaveCount(2, { timeout: 30_000 });
  await expect(panel.getByTestId('capture-page').nth(1)).toHaveAttribute('data-source', 'file');
  await expect(panel.getByTestId('capture-page').nth(1)).toContainText('PDF 第 2 页');
  const shas = await panel.getByTestId('capture-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-sha256')));
  await panel.getByTestId('capture-file').setInputFiles({ name: '申请书.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a page') });
  await expect(panel.getByTestId('import-refusal')).toContainText('申请书.docx');
  await panel.getByTestId('capture-file').setInputFiles({ name: '坏文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nthis is not a real pdf body') });
  await expect(panel.getByTestId('import-refusal')).toContainText('坏文件.pdf');
  expect(await panel.getByTestId('capture-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-sha256')))).toEqual(shas);
  await panel.getByTestId('capture-close').click();
  await expect.poll(() => linePageCount(page, 1)).toBe(2);
  expect(await linePageCount(page, 0)).toBe(2);

  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();

  // the first page sent: the service is killed while its bytes are on the way
  const uploads: { method: string; url: string }[] = [];
  page.on('request', (r: Request) => {
    if (r.url().includes('/api/v1/pages/uploads')) uploads.push({ method: r.method(), url: r.url() });
  });
  let cut: string | null = null;
  let stopped: Promise<void> | null = null;
  await page.route('**/api/v1/pages/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH' && cut === null) {
      cut = route.request().url();
      stopped = server.service.stop();
      await stopped;
    }
    await route.continue();
  });
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  const { caseId } = await openedCase(page);
  await expect.poll(() => cut, { timeout: 30_000 }).not.toBeNull();
  const status = page.getByTestId('case-pages-upload');
  await expect(status).toHaveAttribute('data-total', '4');
  await expect(status).toContainText('材料上传中');
  expect(Number(await status.getAttribute('data-done'))).toBeLessThan(4);
  await page.goto('#/sync');
  await expect(page.getByTestId('storage-estimate')).toContainText('本机已用');
  await expect(page.getByTestId('pages-case-row')).toHaveCount(1);

  // started again: the cut upload resumes at its URL, the rest follow
  await stopped;
  await server.service.start();
  await page.goto(`#/cases/${caseId}`);
  await expect
    .poll(
      async () => {
        if ((await status.getAttribute('data-state')) !== 'done') await syncNow(page);
        return status.getAttribute('data-state');
      },
      { timeout: 90_000, intervals: [1000, 2000, 3000] },
    )
    .toBe('done');
  await expect(status).toContainText('材料已上传 4 页');
  const after = uploads.slice(uploads.findIndex((u) => u.url === cut && u.method === 'PATCH') + 1);
  expect(after.some((u) => u.url === cut)).toBe(true); // resumed where it was cut
  expect(uploads.filter((u) => u.method === 'POST').length).toBe(4); // one upload made per page, never a second for the cut one

  // the department of the dispatch sees every page; another department gets 404
  const list = await server.departmentApi(`/department/cases/${caseId}/pages`);
  expect(list.status).toBe(200);
  const other = catalog.departments.map((d: { code: string }) => d.code).find((c: string) => c !== UNEMPLOYMENT_DEPARTMENT && server.seed.officers.some((o) => o.departmentCode === c));
  expect((await server.departmentApi(`/department/cases/${caseId}/pages`, undefined, other)).status).toBe(404);
  const inbox = await page.context().newPage();
  await server.signInInbox(inbox);
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  await inbox.locator('#rows tr', { hasText: caseNumber }).getByRole('button', { name: '查看' }).click();
  const pages = inbox.locator('#d-pages');
  await expect(pages.locator('button.thumb')).toHaveCount(4, { timeout: 15_000 });
  await expect(pages).not.toContainText('材料上传中');
  await inbox.close();
});
