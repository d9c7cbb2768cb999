/**
 * Every 补正 must lead to something the clerk can record and send back, against the real
 * department-queue service:
 * 1. a department returns the case with only a general comment (no field named): the clerk's
 *    form opens a reply plus the case's fields and materials; saving nothing says so next to
 *    the reply and keeps what was typed; a reply alone is sent; the department sees the reply
 *    in its inbox and the window's timeline shows it.
 * 2. a department officer ticks a material by name in the inbox (no path typed) and returns
 *    the case again while it waits (待补正) to add a point; the clerk sees the material's name
 *    in the panel, the 补正告知书 and the timeline — never a path.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './fixtures';
import { acceptOneCase, syncNow, useQueueServer, type ServerHandle } from './server-fixture';

const server = useQueueServer('ow-correction-general-');

/** The inbox page on the case (by number and applicant: each test's fresh workstation numbers its cases from 0001 again). */
async function openInbox(browser: Browser, s: ServerHandle, caseNumber: string, applicant: string): Promise<Page> {
  const inbox = await browser.newPage();
  await s.signInInbox(inbox); // the department's officer, by 工号 + 密码
  const row = inbox.locator('#rows tr', { hasText: caseNumber }).filter({ hasText: applicant });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByRole('button', { name: '查看' }).click();
  await expect(inbox.locator('#d-title')).toContainText(caseNumber);
  return inbox;
}

test('a general comment alone is answered by a reply alone; the department reads the reply', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await server.configure(page);
  const { caseId, caseNumber } = await acceptOneCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });
  const [d] = await server.dispatchesOf(caseId);
  await server.claim(d!.dispatchId);
  await server.decide(d!.dispatchId, { kind: 'correctionRequested', comment: '请说明申请人离职后是否已在其他单位就业' });

  await syncNow(page);
  const panel = page.getByTestId('correction-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByTestId('correction-general')).toContainText('请说明申请人离职后是否已在其他单位就业');
  await page.getByTestId('correction-fix').click();
  const form = page.getByTestId('correction-form');
  // the department named nothing: the case's own fields and materials are open, by name
  const others = form.getByTestId('correction-others');
  await expect(others).toContainText('联系电话');
  await expect(others).toContainText('失业登记表');
  await expect(others).toContainText('申请人居民身份证');
  await expect(others).not.toContainText('applicant.');
  await expect(page.getByTestId('fix-applicant.phone')).toHaveValue('13800138000');

  // nothing changed and nothing said: told so next to the reply, nothing typed is lost
  await page.getByTestId('correction-save').click();
  await expect(page.getByTestId('correction-reply-error')).toContainText('没有修改任何内容，也没有填写答复');
  await expect(page.getByTestId('correction-reply')).toHaveAttribute('aria-invalid', 'true');
  await form.screenshot({ path: test.info().outputPath('clerk-form.png') });
  const reply = '申请人称离职后未在其他单位就业，已当面核实并告知如实申报义务。';
  await page.getByTestId('correction-reply').fill(reply);
  await expect(page.getByTestId('correction-reply-error')).toHaveCount(0);
  await page.getByTestId('correction-save').click();

  const revisionRow = page.locator('[data-testid="revision-row"][data-revision="2"]');
  await expect(revisionRow).toBeVisible();
  await expect(revisionRow.getByTestId('revision-reply')).toContainText(reply);
  await expect(revisionRow).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expect(page.getByTestId('correction-fix')).toHaveCount(0);
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="resubmitted"]')).toContainText(reply, { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('clerk-reply.png'), fullPage: true });

  // the department reads the reply with the version, and the dispatch is back in review
  expect((await server.dispatchesOf(caseId))[0]!.state).toBe('inReview');
  const inbox = await openInbox(browser, server, caseNumber, '李明');
  await expect(inbox.locator('#d-revision')).toContainText('第2版');
  await expect(inbox.locator('#d-reply')).toContainText(reply);
  await expect(inbox.locator('#d-revision')).toContainText('本版未修改办件内容');
  await inbox.close();
});

test('an officer ticks a material by name, returns the case again to add a point; the clerk sees names, never paths', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await server.configure(page);
  const { caseId, caseNumber } = await acceptOneCase(page, { name: '王红' });
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });

  const inbox = await openInbox(browser, server, caseNumber, '王红');
  await inbox.locator('#d-actions').getByRole('button', { name: '认领' }).click();
  await expect(inbox.locator('#notice')).toContainText('已认领');
  await inbox.locator('#kind').selectOption('correctionRequested');
  const points = inbox.locator('#points');
  await expect(points).toBeVisible();
  await expect(points).toContainText('联系电话');
  await expect(points).not.toContainText('shared/');
  // a ticked point without its comment is refused next to the form, the tick is kept
  await points.getByLabel('申请人居民身份证', { exact: true }).check();
  await inbox.locator('#decide button[type="submit"]').click();
  await expect(inbox.locator('#decide-error')).toContainText('请为勾选的“申请人居民身份证”填写补正意见');
  await expect(points.getByLabel('申请人居民身份证', { exact: true })).toBeChecked();
  await points.getByLabel('申请人居民身份证的补正意见').fill('身份证复印件不清晰，请提交清晰的正反面复印件');
  await expect(inbox.locator('#decide-error')).toBeHidden(); // the error goes once the comment is written
  await inbox.screenshot({ path: test.info().outputPath('inbox-points.png'), fullPage: true });
  await inbox.locator('#decide button[type="submit"]').click();
  await expect(inbox.locator('#d-facts')).toContainText('待补正'); // the case view shows the new state

  // while it waits (待补正) the officer adds a point: a general comment this time
  await inbox.locator('#kind').selectOption('correctionRequested');
  await inbox.locator('#comment').fill('另请补充说明终止劳动关系的日期');
  await inbox.locator('#decide button[type="submit"]').click();
  await expect(inbox.locator('#comment')).toHaveValue(''); // the form starts afresh once the decision is in
  await inbox.close();
  await expect.poll(async () => (await server.dispatchesOf(caseId))[0]!.state).toBe('correctionRequested');

  await syncNow(page);
  const panel = page.getByTestId('correction-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  const material = panel.getByTestId('correction-material');
  await expect(material).toHaveCount(1);
  await expect(material).toContainText('申请人居民身份证');
  await expect(material).toContainText('身份证复印件不清晰');
  await expect(panel.getByTestId('correction-general')).toContainText('另请补充说明终止劳动关系的日期');
  const notice = page.getByTestId('correction-notice');
  await expect(notice.getByTestId('correction-notice-materials')).toContainText('申请人居民身份证');
  await expect(notice).not.toContainText('shared/');
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.getByTestId('timeline-point')).toContainText('申请人居民身份证：身份证复印件不清晰');
  await expect(timeline).not.toContainText('shared/');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="correctionRequested"]')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('clerk-names.png'), fullPage: true });

  // one fix answers both requests
  await page.getByTestId('correction-fix').click();
  await page.locator('select[data-testid$="applicant-id-card"]').selectOption('receivedCopy');
  await page.getByTestId('correction-reply').fill('终止劳动关系日期为 2026 年 10 月 31 日，见证明原件。');
  await page.getByTestId('correction-save').click();
  await expect(page.locator('[data-testid="revision-row"][data-revision="2"]')).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expect(page.getByTestId('correction-fix')).toHaveCount(0);
  expect((await server.dispatchesOf(caseId))[0]!.state).toBe('inReview');
});
