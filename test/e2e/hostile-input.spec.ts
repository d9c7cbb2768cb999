import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';

const UNEMPLOYMENT = '330003002000'; // 失业登记 in the sample catalog

async function applicantStep(page: Page) {
  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  await page.getByTestId('step-applicant').click();
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a name of only zero-width characters, or with a control character, is refused at the field; what was typed stays', async ({ page }) => {
  await applicantStep(page);
  const name = page.getByLabel('姓名', { exact: true });
  const field = page.locator('.field', { has: name });

  await name.fill('\u200B\u200B\u200B');
  await name.blur();
  await expect(field.locator('.field-error')).toHaveText('申请人姓名只有空白或不可见字符，请填写实际内容。');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveValue('\u200B\u200B\u200B');

  await name.fill('李\u0007明');
  await name.blur();
  await expect(field.locator('.field-error')).toHaveText('申请人姓名含有不可见的控制字符，请删除后重新输入。');
  await expect(name).toHaveValue('李\u0007明');

  const address = page.getByLabel('联系地址', { exact: true });
  await address.fill('杭州市\u202E西湖区');
  await address.blur();
  await expect(page.locator('.field', { has: address }).locator('.field-error')).toContainText('改变文字方向的隐藏字符');

  await name.fill('李明');
  await name.blur();
  await expect(field.locator('.field-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/hostile-input-applicant.png', fullPage: false });
});
