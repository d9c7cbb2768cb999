/**
 * The 补正 loop end to end against the real department-queue service: intake →
 * accepted → synced → the department claims it and returns it for correction (a comment on
 * applicant.phone and one on a material) → the clerk sees the highlighted field, prints the
 * 补正告知书 and fixes the phone → the revision reaches the server → the department sees the
 * field diff through the API and in the inbox page → approves → the clerk sees 办结.
 * Same setup as sync.spec.ts (a fresh PGlite directory, `seed-demo --json`, a free port).
 */
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';
import { acceptOneCase, syncNow, useQueueServer } from './server-fixture';

const server = useQueueServer('ow-correction-');


test('a return for correction is fixed at the window; the department sees the diff and approves', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  await signIn(page);
  await server.configure(page);

  const { caseId, caseNumber } = await acceptOneCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });
  const ds = await server.dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const dispatchId = ds[0]!.dispatchId;

  // the department claims it and returns it for correction: the phone and one material
  const claimed = await server.departmentApi(`/department/dispatches/${dispatchId}/claim`, {});
  expect(claimed.status).toBe(200);
  const materialKey = Object.keys(claimed.json.dispatch.case.materialStates)[0]!;
  expect(materialKey).toBeTruthy();
  const correction = await server.departmentApi(`/department/dispatches/${dispatchId}/decision`, {
    kind: 'correctionRequested',
    fieldComments: [
      { path: 'applicant.phone', comment: '联系电话无法接通，请核实' },
      { path: materialKey, comment: '复印件不清晰，请提交清晰的复印件' },
    ],
  });
  expect(correction.status).toBe(200);

  // the clerk: the 补正 panel with the phone and the material highlighted
  await syncNow(page);
  const panel = page.getByTestId('correction-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  const phoneRow = panel.locator('[data-testid="correction-field"][data-path="applicant.phone"]');
  await expect(phoneRow).toHaveClass(/correction-highlight/);
  await expect(phoneRow).toContainText('13800138000');
  await expect(phoneRow).toContainText('联系电话无法接通，请核实');
  await expect(panel.locator(`[data-testid="correction-material"][data-key="${materialKey}"]`)).toContainText('复印件不清晰');

  // the 补正告知书: an A4 sheet listing everything at once, printed
  const notice = page.getByTestId('correction-notice');
  await expect(notice).toContainText('补正告知书');
  await expect(notice).toContainText(caseNumber);
  await expect(notice.getByTestId('correction-notice-entries')).toContainText('联系电话无法接通，请核实');
  await expect(notice.getByTestId('correction-notice-materials')).toContainText('复印件不清晰');
  await page.getByTestId('print-correction-notice').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBeGreaterThan(0);

  // the fix: a focused form with the commented field and material
  await page.getByTestId('correction-fix').click();
  await page.getByTestId('fix-applicant.phone').fill('13912345678');
  await page.getByTestId(`fix-material-${materialKey}`).selectOption('receivedCopy');
  await page.getByTestId('correction-save').click();
  const revisionRow = page.locator('[data-testid="revision-row"][data-revision="2"]');
  await expect(revisionRow).toBeVisible();
  await expect(revisionRow).toContainText('13912345678');
  // sent by the sync engine; the timeline shows 'resubmitted'
  await expect(revisionRow).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="resubmitted"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'resubmitted');

  // the department: the field diff through the API …
  const revisions = await server.departmentApi(`/department/cases/${caseId}/revisions`);
  expect(revisions.status).toBe(200);
  expect(revisions.json.versions.map((v: { revision: number }) => v.revision)).toEqual([1, 2]);
  const changes = revisions.json.diffs[0].changes as { path: string; before: { 'zh-CN': string } | null; after: { 'zh-CN': string } | null }[];
  const phone = changes.find((c) => c.path === 'applicant.phone');
  expect(phone?.before?.['zh-CN']).toBe('13800138000');
  expect(phone?.after?.['zh-CN']).toBe('13912345678');
  expect(changes.map((c) => c.path)).toContain(materialKey);
  expect((await server.dispatchesOf(caseId))[0]!.state).toBe('inReview');

  // … and in the inbox page
  const inbox = await browser.newPage();
  await server.signInInbox(inbox);
  const row = inbox.locator('#rows tr', { hasText: caseNumber });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByRole('button', { name: '查看' }).click();
  const diff = inbox.locator('#d-revision');
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('第2版');
  const phoneDiff = diff.locator('tr[data-path="applicant.phone"]');
  await expect(phoneDiff.locator('del')).toHaveText('13800138000');
  await expect(phoneDiff.locator('ins')).toHaveText('13912345678');
  await inbox.close();

  // the department approves; the clerk sees 办结
  const approval = await server.departmentApi(`/department/dispatches/${dispatchId}/decision`, { kind: 'approved', resultReady: true });
  expect(approval.status).toBe(200);
  await syncNow(page);
  await expect(timeline).toHaveAttribute('data-overall', 'approved', { timeout: 15_000 });
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'approved');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="approved"]')).toContainText('办结');
  expect(await timeline.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
    'received',
    'dispatched',
    'correctionRequested',
    'resubmitted',
    'approved',
  ]);
  // nothing left to correct
  await expect(page.getByTestId('correction-fix')).toHaveCount(0);
});
