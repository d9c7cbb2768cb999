import { expect, test, type Page } from '@playwright/test';
import { maskIdNumber } from '../../src/core/identity';
import { signIn } from './fixtures';

/**
 * Finding a case by ID number or case number looks through every case, not only the tab on
 * screen: a case taken in at 23:50 is found after midnight from the default 今日 tab, and
 * the row says it is yesterday's. The page's own clock is set to 23:50 (China time) for the
 * intake, then moved past midnight.
 */
const UNEMPLOYMENT = '330003002000'; // 失业登记: one question, three materials, no item fields
const ID = '11010519491231002X'; // GB 11643-1999's own example
const EVENING = new Date('2026-12-03T23:50:00+08:00');
const AFTER_MIDNIGHT = new Date('2026-12-04T00:10:00+08:00');

async function acceptOne(page: Page): Promise<{ caseId: string; caseNumber: string }> {
  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  const questions = page.getByTestId('question');
  await expect(questions.first()).toBeVisible();
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  await expect(lines.first()).toBeVisible();
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  const caseId = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/cases\//, ''));
  return { caseId, caseNumber };
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: EVENING });
  await signIn(page);
});

test("yesterday's case is found by ID number and by case number from the default 今日 tab", async ({ page }) => {
  const { caseId, caseNumber } = await acceptOne(page);
  expect(caseNumber).toMatch(/^330106-261203-7K0001-/);

  // past midnight: today's list is empty, and the clerk looks the applicant up by ID number
  await page.clock.setSystemTime(AFTER_MIDNIGHT);
  await page.goto('#/cases');
  await expect(page.getByTestId('cases-tab-today')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('cases-empty')).toHaveText('今日暂无办件');

  const search = page.getByTestId('cases-search');
  await search.fill(ID.toLowerCase());
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按证件号查找');
  await expect(page.getByTestId('cases-search-scope')).toHaveText('在全部办件中查找，不限于“今日”');
  const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(page.getByTestId('cases-total')).toHaveText('找到 1 件');
  await expect(row.getByTestId('case-day')).toHaveText('昨日');
  await expect(row).toContainText(caseNumber);
  await expect(row.getByTestId('case-id-number')).toHaveText(maskIdNumber(ID));
  await expect(page.getByTestId('cases-empty')).toHaveCount(0);
  // the tab stays where it was
  await expect(page.getByTestId('cases-tab-today')).toHaveAttribute('aria-selected', 'true');

  // the same by case number, typed without dashes
  await search.fill(caseNumber.replace(/-/g, ''));
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按办件编号查找');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(row.getByTestId('case-day')).toHaveText('昨日');

  // Enter on the row opens the case
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-page')).toBeVisible();
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
});

test('a name search stays within the tab on screen', async ({ page }) => {
  await acceptOne(page);
  await page.clock.setSystemTime(AFTER_MIDNIGHT);
  await page.goto('#/cases');
  await page.getByTestId('cases-search').fill('李明');
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按申请人姓名查找');
  await expect(page.getByTestId('cases-empty')).toHaveText('没有找到与“李明”匹配的办件');
  await expect(page.getByTestId('cases-search-scope')).toHaveCount(0);
  await page.getByTestId('cases-tab-all').click();
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(page.getByTestId('case-day')).toHaveText('昨日');
});
