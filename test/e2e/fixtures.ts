import { expect, type Page } from '@playwright/test';

export const clerk = { clerkId: 'C0042', name: '王晓梅', windowNo: '7', centreCode: '330106', centreName: '示例市民中心', workstationCode: '7K' };

/** Signs a clerk in the way a user does, on a fresh workstation (Playwright gives each test a fresh profile). */
export async function signIn(page: Page, who: Partial<typeof clerk> = {}) {
  const c = { ...clerk, ...who };
  await page.goto('./');
  await page.getByLabel('工号').fill(c.clerkId);
  await page.getByLabel('姓名').fill(c.name);
  await page.getByLabel('窗口号').fill(c.windowNo);
  await page.getByLabel('中心行政区划代码').fill(c.centreCode);
  await page.getByLabel('服务中心名称').fill(c.centreName);
  await page.getByLabel('工作站代码').fill(c.workstationCode);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('clerk-badge')).toContainText(c.name);
}
