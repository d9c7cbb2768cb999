/**
 * A department officer signs in at the inbox with 工号 + 密码 (a wrong password is told next to
 * the form and the 工号 stays), claims and decides on the page; the clerk's timeline then says
 * who decided, by name, at which department. The workstation is configured through Settings.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';
import { acceptOneCase, shot, syncNow, useQueueServer } from './server-fixture';

const server = useQueueServer('ow-officer-');

test('an officer signs in with 工号 + 密码, decides on the inbox page, and the clerk sees the officer’s name', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await server.configure(page);
  const { caseNumber } = await acceptOneCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });

  const officer = server.officer();
  const inbox = await browser.newPage();
  await inbox.goto(`${server.url}/inbox`);
  await expect(inbox.getByRole('heading', { name: '经办人登录' })).toBeVisible();
  // an officer is told whom to ask, never a command to run
  await expect(inbox.locator('body')).toContainText('联系管理员');
  expect(await inbox.locator('body').innerText()).not.toMatch(/npm|admin --|create-/);
  await inbox.getByLabel('工号').fill(officer.staffNo);
  await inbox.getByLabel('密码').fill('not-the-password');
  await inbox.getByRole('button', { name: '登录' }).click();
  await expect(inbox.locator('#sign-in-error')).toHaveText('工号或密码不正确。');
  await expect(inbox.getByLabel('工号')).toHaveValue(officer.staffNo); // nothing typed is lost but the password
  await expect(inbox.getByLabel('密码')).toHaveValue('');
  await shot(inbox, 'inbox-sign-in-error');

  await inbox.getByLabel('密码').fill(officer.password);
  await inbox.getByRole('button', { name: '登录' }).click();
  await expect(inbox.locator('#who-name')).toHaveText(`${officer.name}（工号 ${officer.staffNo}）`);
  await shot(inbox, 'inbox-signed-in');

  const row = inbox.locator('#rows tr', { hasText: caseNumber });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByRole('button', { name: '查看' }).click();
  await inbox.locator('#d-actions').getByRole('button', { name: '认领' }).click();
  await expect(inbox.locator('#d-facts')).toContainText(`${officer.name}（${officer.staffNo}） 认领`);
  await inbox.locator('#kind').selectOption('takenForReview');
  await inbox.locator('#decide button[type="submit"]').click();
  await expect(inbox.locator('#notice')).toBeVisible();

  // sign-out ends the session: the page asks for 工号 + 密码 again, and a reload does not bring it back
  await inbox.getByRole('button', { name: '退出登录' }).click();
  await expect(inbox.getByRole('heading', { name: '经办人登录' })).toBeVisible();
  await inbox.reload();
  await expect(inbox.getByRole('heading', { name: '经办人登录' })).toBeVisible();
  await inbox.close();

  await syncNow(page);
  const timeline = page.getByTestId('case-timeline');
  const taken = timeline.locator('[data-testid="timeline-event"][data-kind="takenForReview"]');
  await expect(taken).toBeVisible({ timeout: 15_000 });
  await expect(taken.getByTestId('event-officer')).toHaveText(` · 经办人：${officer.name}`);
  await expect(timeline.getByTestId('department-row')).toContainText(`经办人：${officer.name}`);
  await expect(timeline.getByTestId('department-row')).toContainText('人力资源和社会保障');
  await shot(page, 'timeline-officer');
});
