import { expect, test } from '@playwright/test';
import { accounts, addAccount, clerk, PASSWORD, setUpWorkstation, signIn, signInAs, signInWith, signOut } from './fixtures';

test('first run: the workstation and the first supervisor; bad input is explained next to the field and nothing typed is lost', async ({ page }) => {
  await page.goto('./');
  const form = page.getByTestId('first-run');
  await form.getByLabel('中心行政区划代码').fill('3301');
  await form.getByLabel('工作站代码').fill('OO');
  await form.getByLabel('工号').fill('S0001');
  await form.getByLabel('姓名').fill('赵主任');
  await form.getByLabel('密码', { exact: true }).fill('short');
  await form.getByLabel('再次输入密码').fill('shorter');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByText('请输入 6 位数字的行政区划代码')).toBeVisible();
  await expect(page.getByText('请输入 2 位代码', { exact: false })).toBeVisible();
  await expect(page.getByText('密码至少 8 位')).toBeVisible();
  await expect(form.getByLabel('服务中心名称')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('姓名')).toHaveValue('赵主任');
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await expect(page.getByTestId('clerk-badge')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/pw-7a-first-run.png' });
});

test('sign in with 工号 + 密码 + 窗口号: a wrong password is refused, five lock the account; the role shows in the top bar', async ({ page }) => {
  await setUpWorkstation(page);
  await expect(page.getByTestId('signin-workstation')).toContainText(clerk.centreName);
  await page.screenshot({ path: '/tmp/pw-7a-sign-in.png' });
  await page.getByLabel('工号').fill('S0001');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByLabel('窗口号').fill('1');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('signin-error')).toHaveText('工号或密码不正确');
  // an unknown 工号 gets the same answer
  await page.getByLabel('工号').fill('X9999');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('signin-error')).toHaveText('工号或密码不正确');
  await signInWith(page, accounts.supervisor);
  await expect(page.getByTestId('role-badge')).toHaveText('督查人员');
  for (const nav of ['质量抽查', '统计看板', '工作站状态', '人员账户', '设置']) await expect(page.getByRole('link', { name: nav, exact: true })).toBeVisible();

  await addAccount(page, { ...accounts.clerk, role: 'clerk' });
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('工号').fill(accounts.clerk.clerkId);
    await page.getByLabel('密码', { exact: true }).fill(`wrong-${i}-password`);
    await page.getByLabel('窗口号').fill('7');
    await page.getByTestId('sign-in').click();
    await expect(page.getByTestId('signin-error')).toContainText(i < 4 ? '工号或密码不正确' : '账户已锁定');
  }
  // locked: even the right password is refused now
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('signin-error')).toContainText('5 分钟后再试');

  // the supervisor resets the password, which lifts the lock
  await signInWith(page, accounts.supervisor);
  await page.goto('#/users');
  const row = page.getByTestId('users-table').locator(`[data-user="${accounts.clerk.clerkId}"]`);
  await expect(row.getByTestId('user-status')).toHaveText('已锁定');
  await row.getByTestId('user-reset').click();
  await row.getByLabel('新密码').fill('Another-pass-1');
  await row.getByTestId('user-reset-save').click();
  await expect(page.getByTestId('users-notice')).toContainText('已重置');
  await page.screenshot({ path: '/tmp/pw-7a-users.png' });
  await signOut(page);
  await signInWith(page, { ...accounts.clerk, password: 'Another-pass-1' });
  await expect(page.getByTestId('role-badge')).toHaveText('窗口人员');
});

test('a disabled account cannot sign in', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await addAccount(page, { ...accounts.trainer, role: 'trainer' });
  const row = page.getByTestId('users-table').locator(`[data-user="${accounts.trainer.clerkId}"]`);
  await row.getByTestId('user-toggle').click();
  await expect(row.getByTestId('user-status')).toHaveText('已停用');
  await signOut(page);
  await page.getByLabel('工号').fill(accounts.trainer.clerkId);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('窗口号').fill('9');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('signin-error')).toHaveText('此账户已停用，请联系督查人员');
});

test('a clerk sees only what a clerk may open; the supervisor views show the forbidden page', async ({ page }) => {
  await signInAs(page, 'clerk');
  await expect(page.getByTestId('role-badge')).toHaveText('窗口人员');
  await expect(page.getByRole('link', { name: '办件', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '质检反馈', exact: true })).toBeVisible();
  for (const nav of ['质量抽查', '统计看板', '工作站状态', '人员账户', '设置', '目录管理']) await expect(page.getByRole('link', { name: nav, exact: true })).toHaveCount(0);
  for (const hash of ['#/review', '#/dashboards', '#/users', '#/settings', '#/health', '#/catalog']) {
    await page.goto(hash);
    await expect(page.getByTestId('forbidden'), hash).toBeVisible();
  }
  await page.screenshot({ path: '/tmp/pw-7a-forbidden.png' });
});

test('sign out and in again: the workstation is remembered, the form is empty', async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId('clerk-badge')).toContainText(clerk.name);
  await signOut(page);
  await expect(page.getByTestId('signin-workstation')).toContainText(`${clerk.centreName}（${clerk.centreCode}）· 工作站 ${clerk.workstationCode}`);
  await expect(page.getByLabel('工号')).toHaveValue('');
});

test('a trainer lands in the training area and sees no live cases', async ({ page }) => {
  await signInAs(page, 'trainer');
  await expect(page.getByTestId('role-badge')).toHaveText('培训师');
  await expect(page).toHaveURL(/#\/training$/);
  for (const nav of ['办件', '出件', '质检反馈', '质量抽查', '设置']) await expect(page.getByRole('link', { name: nav, exact: true })).toHaveCount(0);
  await page.goto('#/cases');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});
