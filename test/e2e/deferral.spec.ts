/** 容缺受理 on the workstation: acceptance with a deferred material, refusals, supervisor approval, overdue tracking. */
import { expect, test } from '@playwright/test';
import { DEFERRABLE, PASSWORD, VALID_ID, addAccount, deferrableIntakeToDecision, signIn, signInWith, signOut } from './fixtures';

const toDecision = deferrableIntakeToDecision;

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('容缺受理 with a deferrable material prints the 容缺受理通知书 with the deadline and the commitment letter', async ({ page }) => {
  await toDecision(page);
  await expect(page.getByTestId('choose-accept')).toBeDisabled();
  await page.getByTestId('choose-defer').check();
  await expect(page.getByTestId('deferral-materials')).toContainText(DEFERRABLE);
  await expect(page.getByTestId('deferral-days')).toHaveValue('20'); // the maximum: the promised limit
  await page.getByTestId('deferral-days').fill('5');
  const deadline = (await page.getByTestId('deferral-deadline').innerText()).match(/\d{4}-\d{2}-\d{2}/)![0];
  // without the commitment, no acceptance
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('decision-errors')).toContainText('承诺书');
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();

  await expect(page.getByTestId('case-page')).toBeVisible();
  const docs = page.getByTestId('deferral-documents');
  const notice = docs.getByTestId('document-deferral-notice');
  await expect(notice).toContainText('容缺受理通知书');
  await expect(notice).toContainText(DEFERRABLE);
  const [y, m, d] = deadline.split('-');
  await expect(notice.getByTestId('document-deferral-deadline')).toContainText(`${y}年${Number(m)}月${Number(d)}日`);
  await expect(docs.getByTestId('document-deferral-commitment')).toContainText('容缺受理承诺书');
  await expect(docs.getByTestId('document-deferral-commitment')).toContainText('李明');
  await expect(page.getByTestId('print-deferral')).toBeVisible();
  await expect(page.getByTestId('deferral-status')).toHaveAttribute('data-overall', 'outstanding');
  // the acceptance notice does not list the deferred material as received
  await expect(page.getByTestId('document-view').getByTestId('document-materials')).not.toContainText(DEFERRABLE);

  // tracked on #/deferrals, not overdue
  await page.goto('#/deferrals');
  const row = page.getByTestId('deferral-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-overall', 'outstanding');
  await expect(page.getByTestId('case-page').or(page.getByTestId('deferrals-page'))).toBeVisible();
  await page.getByTestId('record-supplement').click();
  await expect(page.getByTestId('deferrals-none')).toBeVisible();
  // the case page shows it supplied
  await page.goBack();
  await expect(page.getByTestId('deferral-status')).toHaveAttribute('data-overall', 'complete');
});

test('容缺 is refused when a 必备 material is missing, with the reason', async ({ page }) => {
  await toDecision(page, { missingRequired: true });
  await expect(page.getByTestId('choose-defer')).toBeDisabled();
  await expect(page.getByTestId('deferral-refusals')).toContainText('必备材料');
  await expect(page.getByTestId('deferral-refusals')).toContainText('不能容缺受理');
});

test('容缺 is refused for an applicant the clerk flags as dishonest, with the reason', async ({ page }) => {
  await toDecision(page, { flag: '法院失信被执行人：未履行生效判决' });
  await expect(page.getByTestId('choose-defer')).toBeDisabled();
  await expect(page.getByTestId('deferral-refusals')).toContainText('失信');
  await expect(page.getByTestId('deferral-refusals')).toContainText('未履行生效判决');
});

test('with the approval policy on, a wrong PIN is rejected and the supervisor’s own PIN records the approval', async ({ page }) => {
  await page.goto('#/settings');
  const settings = page.getByTestId('deferral-settings');
  await settings.getByTestId('require-approval').check();
  await settings.getByLabel('工号').fill('S001');
  await settings.getByLabel('姓名').fill('赵主任');
  await settings.getByLabel(/审批密码/).fill('246810');
  await settings.getByTestId('add-supervisor').click();
  await expect(settings.getByTestId('supervisor-saved')).toBeVisible();
  await expect(settings.getByTestId('supervisor-list')).toContainText('赵主任');

  await toDecision(page);
  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('decision-errors')).toContainText('负责人审批');
  await page.getByTestId('deferral-request-approval').click();
  await page.getByTestId('approval-id').fill('S001');
  await page.getByTestId('approval-pin').fill('135790');
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId('approval-error')).toContainText('不正确');
  await page.getByTestId('approval-pin').fill('246810');
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId('deferral-approved')).toContainText('赵主任');
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  await expect(page.getByTestId('document-deferral-notice')).toContainText('赵主任');
});

test('an unsupplied material past its deadline shows up as overdue on #/deferrals', async ({ page }) => {
  await toDecision(page);
  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-days').fill('1');
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();

  // 40 days later
  await page.clock.install({ time: new Date(Date.now() + 40 * 86_400_000) });
  await page.goto('#/deferrals');
  await page.reload();
  const row = page.getByTestId('deferral-row');
  await expect(row).toHaveAttribute('data-overall', 'overdue');
  await expect(row).toHaveAttribute('data-case-number', caseNumber);
  await expect(row.getByTestId('deferral-days-left')).toContainText('已逾期');
  await expect(page.getByTestId('overdue-count')).toHaveText('1');
  // the supervisor's panel: every clerk's overdue cases, with who accepted them
  const panel = page.getByTestId('overdue-supervisor');
  const overdueRow = panel.locator(`[data-testid="overdue-supervisor-row"][data-case-number="${caseNumber}"]`);
  await expect(overdueRow).toBeVisible();
  await expect(overdueRow.getByTestId('overdue-clerk')).toContainText('王晓梅（C0042）');
  await expect(overdueRow).toContainText(DEFERRABLE);
  await page.screenshot({ path: '/tmp/ow5-overdue.png', fullPage: true });
  await page.getByTestId('filter-overdue').check();
  await expect(row).toHaveCount(1);
  // a late supplement is still recorded
  await page.getByTestId('record-supplement').click();
  await expect(page.getByTestId('deferrals-none')).toBeVisible();
  await expect(panel).toContainText('目前没有逾期的容缺材料');
});

test('a clerk does not see the supervisors’ overdue panel', async ({ page }) => {
  const other = { clerkId: 'C0051', name: '周文', windowNo: '8', password: PASSWORD };
  await addAccount(page, { ...other, role: 'clerk' });
  await signOut(page);
  await signInWith(page, other);
  await expect(page.getByTestId('clerk-badge')).toContainText('周文');
  await page.goto('#/deferrals');
  await expect(page.getByTestId('deferrals-page')).toBeVisible();
  await expect(page.getByTestId('overdue-supervisor')).toHaveCount(0);
});

test('an imported 失信 list: its errors are shown as path: reason; a listed applicant gets no 容缺, with the list’s reason', async ({ page }) => {
  await page.goto('#/settings');
  const settings = page.getByTestId('deferral-settings');
  const file = (data: unknown) => ({ name: 'list.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  const entry = { idNumber: VALID_ID, name: '李明', reason: '失信被执行人：有履行能力而拒不履行', listedBy: '示例市人民法院', listedAt: '2026-01-05' };
  await settings.getByTestId('dishonesty-file').setInputFiles(file({ schemaVersion: 1, source: '示例失信名单', entries: [{ ...entry, idNumber: '12345' }] }));
  await expect(settings.getByTestId('dishonesty-errors')).toContainText('idNumber');
  await expect(settings.getByTestId('dishonesty-errors')).toContainText('既不是有效的公民身份号码');
  await expect(settings.getByTestId('dishonesty-current')).toContainText('未导入');
  await settings.getByTestId('dishonesty-file').setInputFiles(file({ schemaVersion: 1, source: '示例失信名单', entries: [entry] }));
  await expect(settings.getByTestId('dishonesty-current')).toContainText('示例失信名单（1 条）');

  await toDecision(page);
  await expect(page.getByTestId('choose-defer')).toBeDisabled();
  await expect(page.getByTestId('deferral-refusals')).toContainText('失信名单');
  await expect(page.getByTestId('deferral-refusals')).toContainText('有履行能力而拒不履行');
});
