import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './fixtures';

// A national implementation-list export (事项管理 data set): two departments implement 食品经营许可
// (basic code 000112300100); the second, 甲区市场监督管理局, has special procedures (现场核查, 听证).
const EXPORT = 'test/fixtures/national/export.json';
const SECOND = '11440303MB2C005678400011230010001';
const VALID_ID = '11010519491231002X';
const tmp = mkdtempSync(join(tmpdir(), 'onewindow-national-'));

async function importFile(page: Page, file: string) {
  await page.goto('#/catalog');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-catalog').click();
  await (await chooser).setFiles(file);
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('import a national export, take in a case for the second implementation of a basic code, print a notice naming its special procedures', async ({ page }) => {
  await importFile(page, EXPORT);
  const report = page.getByTestId('national-report');
  await expect(report).toContainText('国家标准格式实施清单导入报告');
  await expect(page.getByTestId('national-counts')).toHaveText('读取实施清单 4 条，导入事项 4 个（基本编码 3 个），申请材料 7 份。');
  await expect(report).toContainText('没有遗漏');
  await expect(page.getByTestId('import-result')).toContainText('已');
  await expect(page.getByTestId('catalog-versions').locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: join(tmp, 'report.png') });

  // search finds both implementations, told apart by department; the clerk picks 甲区
  await page.getByRole('combobox', { name: '搜索事项' }).fill('食品经营许可');
  const hits = page.getByTestId('search-hit').filter({ hasText: '食品经营许可' });
  await expect(hits).toHaveCount(2);
  await hits.filter({ hasText: '甲区' }).click();
  const guide = page.getByTestId('item-guide');
  await expect(guide.getByTestId('implementation-code')).toHaveText(SECOND);
  await expect(guide.getByTestId('implementations')).toContainText('示范市市场监督管理局');
  await expect(guide.getByTestId('special-procedures')).toContainText('听证（20个自然日）');
  await expect(guide.getByTestId('signing').first()).toContainText('签字');
  await page.screenshot({ path: join(tmp, 'guide.png'), fullPage: true });

  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  await expect(lines).toHaveCount(1);
  await lines.first().getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();

  await expect(page.getByTestId('case-page')).toBeVisible();
  const doc = page.getByTestId('document-view');
  await expect(doc).toContainText('受理通知书');
  await expect(doc).toContainText(SECOND);
  await expect(doc).toContainText('示范市甲区市场监督管理局');
  await expect(doc).toContainText('5个工作日');
  const special = doc.getByTestId('document-special-procedures');
  await expect(special).toContainText('不计入上述承诺时限');
  await expect(special).toContainText('现场核查（10个工作日）');
  await expect(special).toContainText('听证（20个自然日）：申请人申请听证的，听证所需时间不计入办理时限');
  await page.screenshot({ path: join(tmp, 'notice.png'), fullPage: true });
  console.log(`screenshots in ${tmp}`);
});

test('an export with a field the catalog cannot hold is refused, with the field named', async ({ page }) => {
  const data = JSON.parse(readFileSync(EXPORT, 'utf8'));
  data.list[1].AUDIT_MATERIAL[0].page_color = '黑白';
  data.list[0].AUDIT_ITEM.task_type = '77';
  const file = join(tmp, 'lossy.json');
  writeFileSync(file, JSON.stringify(data));
  await importFile(page, file);
  await expect(page.getByTestId('import-result')).toContainText('本次未导入');
  await expect(page.getByTestId('national-unplaced')).toContainText('list[1].AUDIT_MATERIAL[0].page_color');
  await expect(page.getByTestId('national-unknown-codes')).toContainText('list[0].AUDIT_ITEM.task_type');
  await expect(page.getByTestId('national-problems')).toContainText('该实施清单未导入');
  await expect(page.getByTestId('catalog-versions').locator('tbody tr')).toHaveCount(1);
  await page.screenshot({ path: join(tmp, 'lossy.png'), fullPage: true });
});
