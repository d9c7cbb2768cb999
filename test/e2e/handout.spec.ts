/**
 * 统一窗口出件 and 好差评 end to end with the real department-queue service (setup as in
 * sync.spec.ts): intake → accepted → synced → the department approves with resultReady → the
 * case appears in 出件 → an in-person hand-out with the ID checked (an invalid ID shows its
 * error beside the field) → it syncs (checked on the server through the API) → the applicant
 * rates 不满意 with a tag on the full-screen rating view → a follow-up with its deadline.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';
import { acceptOneCase, catalog, syncNow, useQueueServer, UNEMPLOYMENT_DEPARTMENT, VALID_ID } from './server-fixture';

const server = useQueueServer('ow-handout-');


test('a finished case is handed out in person with the ID checked, syncs, and the applicant rates it 不满意: a follow-up appears', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await server.configure(page);
  const { caseId, caseNumber } = await acceptOneCase(page);
  // after acceptance the applicant may rate too (the button is there; not used here)
  await expect(page.getByTestId('ask-rating-afterAcceptance')).toBeVisible();
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });

  // the department finishes it with a result ready (办结)
  const ds = await server.dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const id = ds[0]!.dispatchId;
  expect((await server.departmentApi(`/department/dispatches/${id}/claim`, {})).status).toBe(200);
  expect((await server.departmentApi(`/department/dispatches/${id}/decision`, { kind: 'takenForReview' })).status).toBe(200);
  expect((await server.departmentApi(`/department/dispatches/${id}/decision`, { kind: 'approved', resultReady: true })).status).toBe(200);
  await syncNow(page);

  // it appears in 出件
  await expect(page.getByTestId('handout-count')).toHaveText('1', { timeout: 15_000 });
  await page.goto('#/handouts');
  const row = page.getByTestId(`handout-row-${caseNumber}`);
  await expect(row).toBeVisible();
  // the department that finished it, by name (never its code)
  const departmentName = catalog.departments.find((d: { code: string }) => d.code === UNEMPLOYMENT_DEPARTMENT).name;
  await expect(row.getByTestId('handout-departments')).toHaveText(departmentName);
  await row.getByTestId('record-handout').click();
  const form = page.getByTestId('handout-form');
  await expect(form.getByTestId('recipient-name')).toHaveValue('李明');
  // an invalid ID (check digit) shows its error beside the field
  await form.getByTestId('recipient-id').fill('110105194912310021');
  await form.getByTestId('save-handout').click();
  const idField = form.locator('.field', { has: page.getByTestId('recipient-id') });
  await expect(idField.locator('.field-error')).toBeVisible();
  await expect(idField.locator('.field-error')).toContainText('校验');
  await expect(page.getByTestId(`handout-row-${caseNumber}`)).toBeVisible();
  // the right one goes through
  await form.getByTestId('recipient-id').fill(VALID_ID);
  await form.getByTestId('save-handout').click();
  await expect(page.getByTestId('handout-saved')).toContainText(caseNumber);
  await expect(page.getByTestId(`handout-row-${caseNumber}`)).toHaveCount(0);
  await expect(page.getByTestId('handout-count')).toHaveCount(0);
  const handed = page.getByTestId(`handed-out-${caseNumber}`);
  await expect(handed).toBeVisible();

  // it syncs: the server has it (a second hand-out of the same result is refused as already handed out)
  await syncNow(page);
  await expect(handed.getByTestId('handout-sync-state')).toHaveText('已同步', { timeout: 15_000 });
  const second = await server.workstationApi(`/cases/${caseId}/handouts`, {
    training: false,
    handout: {
      schemaVersion: 1,
      id: crypto.randomUUID(),
      caseId,
      caseNumber,
      at: '2026-11-30T10:00:00+08:00',
      by: 'C0042',
      departmentCodes: [UNEMPLOYMENT_DEPARTMENT],
      delivery: { method: 'electronic', channel: 'email', reference: 'x' },
    },
  });
  expect(second.status).toBe(409);
  expect(second.json.error.message).toContain('alreadyHandedOut');

  // the applicant rates on the full-screen view: nothing pre-selected, 不满意 with a tag
  await handed.getByTestId('ask-rating-afterHandout').click();
  const view = page.getByTestId('rating-view');
  await expect(view).toBeVisible();
  await expect(view).toContainText(caseNumber);
  await expect(page.getByTestId('rating-decline')).toBeVisible();
  await expect(page.getByTestId('rating-submit')).toBeDisabled();
  for (const l of ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'])
    await expect(page.getByTestId(`level-${l}`)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0); // no clerk controls on the applicant's screen
  await page.getByTestId('level-dissatisfied').click();
  await page.getByTestId('tag-longWait').click();
  await page.getByTestId('rating-comment').fill('排队时间太长');
  await page.getByTestId('rating-submit').click();
  await expect(page.getByTestId('rating-done')).toContainText('感谢');
  await page.getByTestId('rating-giveback').click();
  await expect(page.getByTestId('handouts-page')).toBeVisible();

  // the 差评's follow-up with its call-back deadline
  const followUp = page.getByTestId(`followup-${caseNumber}`);
  await expect(followUp).toBeVisible();
  await expect(followUp).toContainText('不满意');
  await expect(followUp).toContainText('等候时间长');
  await expect(followUp.getByTestId('followup-callback')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(handed.getByTestId('rated-afterHandout')).toBeVisible();

  // the call-back (回访) within its deadline, then the fix (整改)
  const progress = followUp.getByTestId('followup-progress');
  await expect(progress.getByTestId('followup-status')).toHaveAttribute('data-status', 'pending');
  await progress.getByTestId('followup-record-open').click();
  await progress.getByTestId('followup-save').click();
  await expect(progress.locator('.field-error')).toContainText('回访情况'); // the outcome is required, shown beside it
  await progress.getByTestId('followup-outcome').fill('已电话回访：申请人反映取号后等候约一小时');
  await progress.getByTestId('followup-save').click();
  await expect(progress.getByTestId('followup-status')).toHaveAttribute('data-status', 'calledBack');
  await expect(progress.getByTestId('followup-record')).toContainText('等候约一小时');
  await progress.getByTestId('followup-record-open').click();
  await progress.getByTestId('followup-fixed').check();
  await progress.getByTestId('followup-save').click();
  await expect(progress.locator('.field-error')).toContainText('整改措施');
  await progress.getByTestId('followup-fix').fill('高峰时段增开一个综合受理窗口');
  await progress.getByTestId('followup-save').click();
  await expect(progress.getByTestId('followup-status')).toHaveAttribute('data-status', 'resolved');
  await expect(progress.getByTestId('followup-record')).toContainText('增开一个综合受理窗口');
  await expect(progress.getByTestId('followup-record-open')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/ow5-followup.png', fullPage: true });

  // it syncs: the server has the rating (一次一评: another is refused)
  await syncNow(page);
  await page.goto('#/handouts');
  await expect(followUp).toContainText('已同步', { timeout: 15_000 });
  const again = await server.workstationApi(`/cases/${caseId}/ratings`, {
    training: false,
    rating: {
      schemaVersion: 1,
      id: crypto.randomUUID(),
      caseNumber,
      caseId,
      trigger: 'afterHandout',
      at: '2026-11-30T10:05:00+08:00',
      channel: 'onSite',
      enteredVia: 'applicantFacing',
      level: 'satisfied',
      tags: [],
      clerkId: 'C0042',
      centreCode: '330106',
    },
  });
  expect(again.status).toBe(409);
  expect(again.json.error.code).toBe('alreadyRated');
});
