import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './fixtures';

const defaultCatalog = JSON.parse(readFileSync('resources/catalog/default-catalog.json', 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'onewindow-e2e-'));

function writeCatalogFile(name: string, catalog: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof catalog === 'string' ? catalog : JSON.stringify(catalog));
  return file;
}

async function importFile(page: Page, file: string) {
  await page.goto('#/catalog');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-catalog').click();
  await (await chooser).setFiles(file);
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId('catalog-version')).toContainText(defaultCatalog.version);
});

test('search by pinyin initials and open the guide page with the keyboard', async ({ page }) => {
  await page.keyboard.press('/');
  await expect(page.getByRole('combobox', { name: '搜索事项' })).toBeFocused();
  await page.keyboard.type('yyzz');
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  const firstText = (await hits.first().innerText()).trim();
  // the top hits are the items about 营业执照 (by name or alias)
  expect(firstText).toMatch(/营业执照|设立登记|公司/);
  await page.keyboard.press('Enter');
  const guide = page.getByTestId('item-guide');
  await expect(guide).toBeVisible();
  await expect(page).toHaveURL(/#\/items\//);
  // the full guide: conditions, materials with their acceptance standard, legal basis
  await expect(guide.getByRole('heading', { name: '受理条件' })).toBeVisible();
  await expect(guide.getByTestId('material').first()).toContainText('受理标准');
  await expect(guide.getByRole('heading', { name: '设定依据' })).toBeVisible();
});

test('full pinyin finds the same items as initials', async ({ page }) => {
  await page.getByRole('combobox', { name: '搜索事项' }).fill('yingyezhizhao');
  const names = await page.getByTestId('search-hit').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.slice(0, 3).join('\n')).toMatch(/营业执照|设立登记|公司/);
});

test('browse by department lists that department’s items', async ({ page }) => {
  const dept = defaultCatalog.departments[1];
  const expected = defaultCatalog.items.filter((i: { departmentCode: string }) => i.departmentCode === dept.code);
  await page.getByRole('link', { name: new RegExp(dept.name) }).first().click();
  await expect(page.getByTestId('item-table').locator('tbody tr')).toHaveCount(expected.length);
});

test('import a valid catalog: it is stored, used and searchable, and the diff shows the change', async ({ page }) => {
  const next = structuredClone(defaultCatalog);
  next.version = '2026.12.1';
  next.effectiveDate = '2026-12-01';
  const copy = structuredClone(next.items[0]);
  copy.basicCode = '999999999999';
  copy.name = '测试专用事项登记';
  copy.aliases = ['演示新事项'];
  copy.handlingItems = copy.handlingItems.map((h: { code: string }, i: number) => ({ ...h, code: `999999999999-${i}` }));
  next.items.push(copy);
  await importFile(page, writeCatalogFile('catalog-2026.12.1.json', next));
  await expect(page.getByTestId('import-result')).toContainText('2026.12.1');
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.1');
  await expect(page.getByTestId('catalog-versions').locator('tbody tr')).toHaveCount(2);

  await page.getByRole('combobox', { name: '搜索事项' }).fill('cszysx');
  await expect(page.getByTestId('search-hit').first()).toContainText('测试专用事项登记');

  await page.getByTestId('diff-from').selectOption(defaultCatalog.version);
  await page.getByTestId('diff-to').selectOption('2026.12.1');
  await expect(page.getByTestId('catalog-diff')).toContainText('测试专用事项登记');

  // survives a reload: it is in IndexedDB
  await page.reload();
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.1');
});

test('import an invalid catalog: every error with its path, and the catalog in use stays', async ({ page }) => {
  const bad = structuredClone(defaultCatalog);
  bad.version = '2026.12.2';
  bad.items[3].materials[2].necessity = 'sometimes';
  bad.items[5].departmentCode = 'NO-SUCH-DEPT';
  await importFile(page, writeCatalogFile('bad.json', bad));
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('items[3].materials[2].necessity');
  // the bad department reference is listed in the same pass, not only once the structure is fixed
  await expect(errors).toContainText('items[5].departmentCode');
  await expect(errors).toContainText('NO-SUCH-DEPT');
  await expect(page.getByTestId('import-result')).toContainText(defaultCatalog.version);
  await expect(page.getByTestId('catalog-version')).toContainText(defaultCatalog.version);
  await expect(page.getByTestId('catalog-versions').locator('tbody tr')).toHaveCount(1);

  // a quality error (a reference that does not resolve) is listed with its path too
  const bad2 = structuredClone(defaultCatalog);
  bad2.version = '2026.12.3';
  bad2.items[5].departmentCode = 'NO-SUCH-DEPT';
  await importFile(page, writeCatalogFile('bad2.json', bad2));
  await expect(page.getByTestId('import-errors')).toContainText('items[5].departmentCode');
  await expect(page.getByTestId('import-errors')).toContainText('NO-SUCH-DEPT');

  // not JSON at all
  await importFile(page, writeCatalogFile('broken.json', '{"schemaVersion": 1, '));
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('catalog-version')).toContainText(defaultCatalog.version);
});

test('switch to English and back', async ({ page }) => {
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('link', { name: 'Service guide' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Service guide' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('link', { name: '办事指南' }).first()).toBeVisible();
});
