import { expect, test } from '@playwright/test';
import { clerk, signIn } from './fixtures';

test('a clerk must sign in; bad input is explained next to the field and nothing typed is lost', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('工号').fill(clerk.clerkId);
  await page.getByLabel('姓名').fill(clerk.name);
  await page.getByLabel('中心行政区划代码').fill('3301');
  await page.getByLabel('工作站代码').fill('OO');
  await page.getByTestId('sign-in').click();
  await expect(page.getByText('请输入 6 位数字的行政区划代码')).toBeVisible();
  await expect(page.getByText('请输入 2 位代码', { exact: false })).toBeVisible();
  // the missing window number is flagged as required, and what was typed is still there
  await expect(page.getByLabel('窗口号')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('姓名')).toHaveValue(clerk.name);
  await expect(page.getByTestId('clerk-badge')).toHaveCount(0);
});

test('sign out and in again: the centre and workstation are remembered', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('服务中心名称')).toHaveValue(clerk.centreName);
  await expect(page.getByLabel('工作站代码')).toHaveValue(clerk.workstationCode);
  await expect(page.getByLabel('工号')).toHaveValue('');
});
