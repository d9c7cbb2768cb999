/**
 * Training mode end to end, in Chromium, against the real department-queue service:
 * a trainee enters training mode (bar and watermark on screen), runs a shipped drill making one
 * known mistake, and gets the expected score and the feedback citing the catalog; the printed
 * notice carries the watermark; the training case has a PX number, never reaches a department
 * (the real server refuses it), never appears in the live cases list; the result reaches the
 * server's training area; leaving training mode shows the live data untouched.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accounts, addAccount, setUpWorkstation, signIn, signInWith, signOut } from './fixtures';
import { acceptOneCase, shot, useQueueServer } from './server-fixture';

const server = useQueueServer('ow-training-');

const SOCIAL_CARD = '330003001000'; // 社会保障卡申领 — drill "social-card-first"

async function confirmNextDialog(page: Page) {
  page.once('dialog', (d) => void d.accept());
}

test('a trainee drills in training mode: watermark, score with catalog-cited feedback, printed watermark, nothing reaches a department', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await server.configure(page);

  // Live work first: one accepted case and one draft, which training must leave untouched.
  const live = await acceptOneCase(page);
  expect(live.caseNumber).toMatch(/-7K\d{4}-/);
  await page.goto(`#/items/${SOCIAL_CARD}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const liveDraftUrl = page.url();
  await page.goto('#/cases');
  await expect(page.locator('main')).toContainText(live.caseNumber);
  await expect(page.locator('main')).toContainText('未完成受理1');
  const liveListBefore = await page.locator('main').innerText();

  // Enter training mode: an explicit act with a confirmation.
  await page.goto('#/training');
  await expect(page.getByTestId('training-mode-off')).toBeVisible();
  await expect(page.getByTestId('training-watermark')).toHaveCount(0);
  await confirmNextDialog(page);
  await page.getByTestId('enter-training').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();
  await expect(page.getByTestId('training-bar')).toContainText('培训模式');
  const mark = page.getByTestId('training-watermark');
  await expect(mark).toBeVisible();
  await expect(mark).toContainText('培训 — 无效');
  await expect(mark).toContainText('TRAINING — NOT VALID');
  await expect(mark).toHaveAttribute('aria-hidden', 'true');
  expect(await mark.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
  await shot(page, 'training-home');

  // It survives a reload; the training workspace has no live cases.
  await page.reload();
  await expect(page.getByTestId('training-bar')).toBeVisible();
  await page.goto('#/cases');
  await expect(page.locator('main')).not.toContainText(live.caseNumber);

  // The drill: the simulated applicant, then a real intake, timed.
  await page.goto('#/training/drills/default-onboarding/social-card-first');
  await expect(page.getByTestId('drill-applicant-name')).toHaveText('何佳琪');
  await expect(page.getByTestId('drill-says')).toContainText('社保卡');
  await expect(page.getByTestId('drill-document')).toHaveCount(2);
  await shot(page, 'training-brief');
  await page.getByTestId('start-drill').click();
  await expect(page.getByTestId('drill-dock')).toBeVisible();
  await expect(page.getByTestId('drill-timer')).toContainText(/00:0\d/);

  await page.goto(`#/items/${SOCIAL_CARD}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  await page.getByTestId('handling-items').getByRole('radio', { name: '首次申领' }).check();
  await page.getByTestId('question').filter({ hasText: '委托他人' }).getByRole('radio', { name: '本人办理' }).check();
  await page.getByTestId('question').filter({ hasText: '未满十六周岁' }).getByRole('radio', { name: '否' }).check();
  await page.getByTestId('next-step').click();
  // The known mistake: the ID card the applicant brought is recorded as missing.
  const lines = page.getByTestId('check-line');
  await lines.filter({ hasText: '申领人居民身份证' }).getByRole('radio', { name: /缺失/ }).check();
  const others = await lines.count();
  for (let i = 0; i < others; i++) {
    const line = lines.nth(i);
    if ((await line.innerText()).includes('申领人居民身份证')) continue;
    await line.getByRole('radio', { name: /收原件/ }).check();
  }
  await page.getByTestId('step-applicant').click();
  await page.getByLabel('姓名', { exact: true }).fill('何佳琪');
  await page.getByTestId('applicant-id-number').fill('33010820010409024X');
  await page.getByLabel('联系电话', { exact: true }).fill('13800001205');
  await page.getByTestId('step-decision').click();
  await page.getByTestId('choose-notice').check();
  await shot(page, 'training-intake');
  await page.getByTestId('confirm-decision').click();

  // The case page: a PX number, the notice watermarked on screen and in print.
  await expect(page.getByTestId('case-page')).toBeVisible();
  const pxNumber = (await page.getByTestId('case-number').innerText()).trim();
  expect(pxNumber).toMatch(/^330106-\d{6}-PX\d{4}-[0-9A-Z]$/);
  const caseId = decodeURIComponent(page.url().split('#/cases/')[1]!);
  const doc = page.getByTestId('document-view');
  await expect(doc).toContainText('一次性告知书');
  await expect(doc.getByTestId('print-watermark')).toContainText('培训 — 无效 / TRAINING — NOT VALID');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('print-watermark')).toBeVisible();
  await expect(page.getByTestId('training-watermark')).toBeHidden(); // the screen overlay gives way to the sheet's own
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'training-notice');

  // Scored at the decision: 45 = item 20 + situation 10 + applicant 10 + time 5; materials and decision wrong.
  await expect(page.getByTestId('drill-finished-score')).toHaveText('45');
  await page.getByTestId('open-result').click();
  await expect(page.getByTestId('result-total')).toHaveText('45');
  const mistakes = page.getByTestId('mistake');
  await expect(mistakes).toHaveCount(2);
  const material = page.locator('[data-testid="mistake"][data-kind="material"]');
  await expect(material.getByTestId('mistake-explanation')).toContainText('受理标准：在有效期内，信息清晰完整，与申请人一致');
  await expect(material.getByTestId('mistake-explanation')).toContainText('依据：《中华人民共和国社会保险法》第五十八条');
  await expect(page.locator('[data-testid="mistake"][data-kind="decision"]')).toContainText('第三十二条');
  await expect(page.getByTestId('debrief')).toContainText('社会保障卡申领');
  await shot(page, 'training-result');

  // Nothing of it reaches a department: the real server refuses the training case on the live push …
  const stored = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('onewindow-training');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const rec = await new Promise<{ case: Record<string, unknown> }>((resolve, reject) => {
      const g = db.transaction('cases').objectStore('cases').get(id);
      g.onsuccess = () => resolve(g.result);
      g.onerror = () => reject(g.error);
    });
    const outbox = await new Promise<unknown>((resolve) => {
      const g = db.transaction('outbox').objectStore('outbox').get(id);
      g.onsuccess = () => resolve(g.result ?? null);
    });
    db.close();
    return { c: rec.case, outbox };
  }, caseId);
  expect(stored.c.training).toBe(true);
  expect(stored.outbox).toBeNull(); // never queued for sync
  const push = await server.workstationApi('/cases/push', { cases: [{ caseId, contentHash: '0'.repeat(64), training: false, case: stored.c }] });
  expect(push.status).toBe(200);
  expect(push.json.results[0].outcome).toBe('refused');
  expect(push.json.results[0].reason).toMatch(/training/);
  // … and with the flag stripped, the PX number alone is refused.
  const { training: _t, ...stripped } = stored.c;
  const push2 = await server.workstationApi('/cases/push', { cases: [{ caseId, contentHash: '0'.repeat(64), training: false, case: stripped }] });
  expect(push2.json.results[0].outcome).toBe('refused');
  for (const d of server.seed.departments) {
    const q = await server.departmentApi('/department/queue?state=queued&limit=200', undefined, d.code);
    expect(JSON.stringify(q.json)).not.toContain(caseId);
  }

  // … while the drill result reaches the server's training area.
  await expect
    .poll(async () => {
      const r = await server.workstationApi('/training/results?centre=330106');
      return r.json?.results?.map((x: { scenarioId: string; total: number }) => `${x.scenarioId}:${x.total}`) ?? [];
    }, { timeout: 20_000 })
    .toContain('social-card-first:45');

  // The training case is in the training workspace's list only.
  await page.goto('#/cases');
  await expect(page.locator('main')).toContainText(pxNumber);

  // Leave training mode: live data untouched, the training case nowhere.
  await page.goto('#/training');
  await confirmNextDialog(page);
  await page.getByTestId('leave-training').first().click();
  await expect(page.getByTestId('training-mode-off')).toBeVisible();
  await expect(page.getByTestId('training-bar')).toHaveCount(0);
  await expect(page.getByTestId('training-watermark')).toHaveCount(0);
  await page.goto('#/cases');
  await expect(page.locator('main')).toContainText(live.caseNumber);
  await expect(page.locator('main')).toContainText('未完成受理1');
  await expect(page.locator('main')).not.toContainText(pxNumber);
  expect(await page.locator('main').innerText()).toBe(liveListBefore);
  await page.goto(`#/cases/${encodeURIComponent(caseId)}`);
  await expect(page.getByTestId('case-page')).toHaveCount(0);
  await page.goto(liveDraftUrl);
  await expect(page.getByTestId('intake')).toBeVisible();
  await expect(page.getByTestId('print-watermark')).toHaveCount(0);
});

test('a trainer assigns drills, imports and authors scenarios, reads the centre report with charts, and generates what-changed drills', async ({ page }) => {
  test.setTimeout(180_000);
  const tmp = mkdtempSync(join(tmpdir(), 'ow-training-'));
  // The supervisor sets the workstation up (server, a newer catalog) and opens a trainer account.
  await setUpWorkstation(page);
  await signInWith(page, accounts.supervisor);
  await server.configure(page);
  const catalog = JSON.parse(readFileSync('resources/catalog/default-catalog.json', 'utf8'));
  const next = structuredClone(catalog);
  next.version = '2026.12.1';
  next.effectiveDate = '2026-12-01';
  const item = next.items.find((i: { basicCode: string }) => i.basicCode === SOCIAL_CARD);
  item.materials.find((m: { id: string }) => m.id === 'id-photo').necessity = 'required';
  const file = join(tmp, 'catalog-2026.12.1.json');
  writeFileSync(file, JSON.stringify(next));
  await page.goto('#/catalog');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-catalog').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.1');
  await addAccount(page, { ...accounts.trainer, role: 'trainer' });
  await signOut(page);
  await signInWith(page, accounts.trainer);

  await page.goto('#/training');
  await page.getByTestId('trainer-tools').click();
  await expect(page.getByTestId('trainer-page')).toBeVisible();

  // Assign two drills to two trainees by 工号.
  await page.locator('[data-testid="assign-drill"][data-drill="default-onboarding/social-card-first"]').check();
  await page.locator('[data-testid="assign-drill"][data-drill="default-onboarding/food-licence-deferral"]').check();
  await page.getByLabel('学员工号').fill('C0042, C0043');
  await page.getByTestId('assign-submit').click();
  await expect(page.getByTestId('assignments')).toContainText('C0043');
  await expect(page.getByTestId('assignments')).toContainText('小饭馆申请容缺');
  await shot(page, 'trainer-assign');

  // Import: a broken pack is refused with every problem as path: reason; a good one is stored.
  await page.getByTestId('trainer-tab-packs').click();
  const pack = JSON.parse(readFileSync('resources/training/default-pack.json', 'utf8'));
  const broken = structuredClone(pack);
  broken.packId = 'broken';
  broken.scenarios[0].expected.materials['shared/applicant-id-card'].status = 'missing';
  broken.scenarios[1].expected.subject.basicCode = '339999999000';
  await page.getByTestId('pack-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const errors = page.getByTestId('pack-errors');
  await expect(errors).toContainText('scenarios[1].expected.subject.basicCode: ');
  await expect(errors).toContainText('scenarios[0].');
  await expect(page.getByTestId('packs')).not.toContainText('broken');
  const good = { ...structuredClone(pack), packId: 'centre-extra', title: '中心补充演练', scenarios: pack.scenarios.slice(0, 3) };
  await page.getByTestId('pack-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await expect(page.getByTestId('pack-imported')).toContainText('中心补充演练');
  await expect(page.getByTestId('packs')).toContainText('centre-extra');
  await shot(page, 'trainer-packs');

  // Author a scenario from a catalog item, with the trainee's view as preview.
  await page.getByTestId('trainer-tab-author').click();
  await page.getByTestId('author-item').selectOption(SOCIAL_CARD);
  await page.getByLabel('业务办理项').selectOption(`${SOCIAL_CARD}-01`);
  await page.getByTestId('author-id').fill('social-card-own');
  await page.getByTestId('author-title').fill('自编：首次申领社保卡');
  await page.getByTestId('author-name').fill('何佳琪');
  await page.getByTestId('author-idnumber').fill('33010820010409024X');
  await page.getByTestId('author-phone').fill('13800001205');
  await page.getByTestId('author-says').fill('我想办社保卡。');
  const questions = page.getByTestId('author-question');
  await questions.nth(0).selectOption('self');
  await questions.nth(1).selectOption('no');
  await page.getByTestId('author-debrief').fill('材料齐全，当场受理。');
  await expect(page.getByTestId('drill-applicant-name')).toHaveText('何佳琪');
  await shot(page, 'trainer-author');
  await page.getByTestId('author-save').click();
  await expect(page.getByTestId('author-saved')).toContainText('自编：首次申领社保卡');

  // Reports: the centre's results from the server (the drill of the first test), charts, readiness.
  await page.getByTestId('trainer-tab-reports').click();
  await page.getByTestId('load-centre').click();
  await expect(page.getByTestId('readiness-table')).toContainText('王晓梅');
  await expect(page.getByTestId('result-table')).toContainText('首次申领社保卡');
  await expect(page.getByTestId('chart-scores').locator('svg')).toBeVisible();
  await expect(page.getByTestId('chart-mistakes').locator('svg')).toBeVisible();
  await expect(page.getByTestId('chart-mistakes')).toContainText('居民身份证');
  await expect(page.getByTestId('chart-mistakes')).toContainText('决定错误');
  await shot(page, 'trainer-reports');

  // What changed between the two newest catalog versions: one drill per changed item.
  await page.getByTestId('trainer-tab-changes').click();
  await expect(page.getByTestId('changed-items')).toContainText(SOCIAL_CARD);
  await page.getByTestId('create-change-drills').click();
  await page.getByTestId('trainer-tab-packs').click();
  await expect(page.getByTestId('packs')).toContainText('what-changed-2026-12-1');
  await page.goto('#/training');
  await expect(page.getByTestId('all-drills')).toContainText('自编：首次申领社保卡');
});

test('coached mode: the trainee checks the steps so far and sees the mistake explained before deciding', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('#/training');
  await confirmNextDialog(page);
  await page.getByTestId('enter-training').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();
  await page.goto('#/training/drills/default-onboarding/social-card-first');
  await page.getByTestId('start-coached').click();
  await expect(page.getByTestId('drill-dock')).toContainText('带教模式');
  await page.getByTestId('coach-check').click();
  await expect(page.getByTestId('coach-feedback')).toContainText('还没有开始受理');
  await page.goto(`#/items/${SOCIAL_CARD}`);
  await page.getByTestId('start-intake').click();
  await page.getByTestId('handling-items').getByRole('radio', { name: '首次申领' }).check();
  await page.getByTestId('question').filter({ hasText: '委托他人' }).getByRole('radio', { name: '本人办理' }).check();
  await page.getByTestId('question').filter({ hasText: '未满十六周岁' }).getByRole('radio', { name: '否' }).check();
  await expect(page.getByTestId('save-state')).toContainText('已保存'); // the check reads the saved draft
  await page.getByTestId('coach-check').click();
  await expect(page.getByTestId('coach-feedback')).toContainText('到目前为止没有发现错误');
  await page.getByTestId('next-step').click();
  await page.getByTestId('check-line').filter({ hasText: '申领人居民身份证' }).getByRole('radio', { name: /缺失/ }).check();
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await page.getByTestId('coach-check').click();
  const fb = page.getByTestId('coach-feedback');
  await expect(fb.locator('[data-testid="mistake"][data-kind="material"]')).toContainText('受理标准：在有效期内');
  await shot(page, 'training-coached');
  // Abandoned: no score, the dock goes, the draft stays a training draft.
  await confirmNextDialog(page);
  await page.getByTestId('abandon-drill').click();
  await expect(page.getByTestId('drill-dock')).toHaveCount(0);
  await expect(page.getByTestId('training-watermark')).toBeVisible();
});

test('the 失信 drill: its applicant is on the training list from the start, so the intake refuses 容缺 with the list’s reason; the top bar says training cases are never uploaded', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'notConfigured'); // live, no server
  await page.goto('#/training');
  await confirmNextDialog(page);
  await page.getByTestId('enter-training').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'training');
  await expect(indicator).toHaveText('培训模式 · 办件不上传');
  await expect(indicator).toHaveAttribute('title', /从不上传/);

  await page.goto('#/training/drills/default-onboarding/hygiene-licence-dishonest-deferral');
  await expect(page.getByTestId('drill-applicant-name')).toHaveText('示例市悦容美容有限公司');
  await page.getByTestId('start-drill').click();
  await expect(page.getByTestId('drill-dock')).toBeVisible();

  await page.goto('#/items/330007003000'); // 公共场所卫生许可
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) {
    const line = lines.nth(i);
    const missing = (await line.innerText()).includes('卫生检测报告');
    await line.getByRole('radio', { name: missing ? /缺失/ : /收原件/ }).check();
  }
  await page.getByTestId('next-step').click();
  await page.getByTestId('kind-organisation').check();
  await page.getByTestId('applicant-org-name').fill('示例市悦容美容有限公司');
  await page.getByTestId('applicant-uscc').fill('91330106MA2L9T1W7W');
  await page.getByLabel('法定代表人（负责人）', { exact: true }).fill('钱美玲');
  await page.getByTestId('applicant-rep-id').fill('330102198706300226');
  await page.getByLabel('联系电话', { exact: true }).fill('13800001404');
  await page.getByTestId('applicant-address').fill('示例市示例区延安路300号二楼');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await page.getByTestId('step-decision').click();
  // The flag comes from the list (the trainee flagged nothing): no 容缺, with the list's reason.
  await expect(page.getByTestId('choose-defer')).toBeDisabled();
  const refusals = page.getByTestId('deferral-refusals');
  await expect(refusals).toContainText('失信');
  await expect(refusals).toContainText('未按期履行行政处罚决定');
});
