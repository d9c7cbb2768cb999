import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { signIn } from './fixtures';

const catalog = JSON.parse(readFileSync('resources/catalog/default-catalog.json', 'utf8'));
const UNEMPLOYMENT = '330003002000'; // 失业登记: one question, three materials, no item fields
const item = catalog.items.find((i: { basicCode: string }) => i.basicCode === UNEMPLOYMENT);
const VALID_ID = '11010519491231002X'; // GB 11643-1999's own example

async function startIntake(page: Page, basicCode = UNEMPLOYMENT) {
  await page.goto(`#/items/${basicCode}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
}

async function answerFirstOptions(page: Page) {
  const questions = page.getByTestId('question');
  const n = await questions.count();
  for (let i = 0; i < n; i++) await questions.nth(i).getByRole('radio').first().check();
}

async function fillPerson(page: Page, id = VALID_ID) {
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(id);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a full intake ends with a printed acceptance notice carrying a case number, dates and the materials', async ({ page }) => {
  await startIntake(page);
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  const count = await lines.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await fillPerson(page);
  await page.getByTestId('next-step').click();
  await expect(page.getByTestId('review-applicant')).toContainText('李明');
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();

  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  expect(caseNumber).toMatch(/^330106-\d{6}-7K0001-[0-9A-Z]$/);
  const doc = page.getByTestId('document-view');
  await expect(doc).toContainText('受理通知书');
  await expect(doc).toContainText(caseNumber);
  await expect(doc).toContainText(item.name);
  await expect(doc).toContainText(VALID_ID);
  await expect(doc).toContainText(catalog.version);
  await expect(doc).toContainText('王晓梅'); // the clerk
  await expect(doc.getByTestId('document-qr')).toBeVisible();
  // every material received is listed
  for (const line of await page.getByTestId('document-view').locator('[data-testid="document-materials"] tr').allInnerTexts()) expect(line.length).toBeGreaterThan(0);
});

test('the one-time notice lists every missing and deficient material with its acceptance standard, and nothing else', async ({ page }) => {
  await startIntake(page);
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  const count = await lines.count();
  expect(count).toBeGreaterThanOrEqual(2);
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push((await lines.nth(i).locator('strong').first().innerText()).trim());
  await lines.nth(0).getByRole('radio', { name: /缺失/ }).check();
  await lines.nth(1).getByRole('radio', { name: /有缺陷/ }).check();
  await lines.nth(1).getByPlaceholder('自行填写原因…').fill('复印件字迹不清');
  for (let i = 2; i < count; i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('step-applicant').click();
  await fillPerson(page);
  await page.getByTestId('step-decision').click();
  await expect(page.getByTestId('choose-accept')).toBeDisabled();
  await page.getByTestId('choose-notice').check();
  await page.getByTestId('confirm-decision').click();
  const doc = page.getByTestId('document-view');
  await expect(doc).toContainText('一次性告知书');
  await expect(doc).toContainText(names[0]!);
  await expect(doc).toContainText(names[1]!);
  await expect(doc).toContainText('复印件字迹不清');
  for (const n of names.slice(2)) await expect(doc.getByTestId('document-materials')).not.toContainText(n);
  const standard0 = item.materials.find((m: { name: string }) => m.name === names[0])?.acceptanceStandard;
  if (standard0) await expect(doc).toContainText(standard0.slice(0, 10));
});

test('a reload in the middle of an intake restores every field and the step', async ({ page }) => {
  await startIntake(page);
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  await page.getByTestId('check-line').nth(0).getByRole('radio', { name: /收复印件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('张三丰');
  await page.getByTestId('applicant-id-number').fill('4405241880010100');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三丰');
  await expect(page.getByTestId('applicant-id-number')).toHaveValue('4405241880010100');
  await page.getByTestId('step-materials').click();
  await expect(page.getByTestId('check-line').nth(0).getByRole('radio', { name: /收复印件/ })).toBeChecked();
  await page.getByTestId('step-situation').click();
  const q = page.getByTestId('question').first();
  await expect(q.getByRole('radio').first()).toBeChecked();
});

test('an invalid resident ID shows why next to the field, and what was typed stays', async ({ page }) => {
  await startIntake(page);
  await page.getByTestId('step-applicant').click();
  const id = page.getByTestId('applicant-id-number');
  await id.fill('110105194912310021'); // wrong check character
  await id.blur();
  const field = page.locator('.field', { has: id });
  await expect(field.locator('.field-error')).toContainText(/校验/);
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(id).toHaveValue('110105194912310021');
});

test('an intake done with the keyboard alone', async ({ page }) => {
  await page.keyboard.press('/');
  await page.keyboard.type('sydj'); // 失业登记
  await expect(page.getByTestId('search-hit').first()).toContainText('失业登记');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-guide')).toBeVisible();
  await page.keyboard.press('Alt+n');
  await expect(page.getByTestId('intake')).toBeVisible();
  // situation: Tab into each question (who applies, then the item's), Space picks the focused option
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('agent-no')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  // materials: Tab to the first line; each digit records the line and moves on to the next
  const lines = page.getByTestId('check-line');
  const count = await lines.count();
  await page.keyboard.press('Tab');
  for (let i = 0; i < count; i++) await page.keyboard.press('1');
  for (let i = 0; i < count; i++) await expect(lines.nth(i).getByRole('radio', { name: /收原件/ })).toBeChecked();
  await page.keyboard.press('Control+Enter');
  // applicant: kind radio → name → id type → id → phone
  await page.keyboard.press('Tab'); // person radio (checked)
  await page.keyboard.press('Tab');
  await page.keyboard.type('李明');
  await page.keyboard.press('Tab'); // id type select
  await page.keyboard.press('Tab');
  await page.keyboard.type(VALID_ID);
  await page.keyboard.press('Tab');
  await page.keyboard.type('13800138000');
  await page.keyboard.press('Control+Enter'); // review
  await expect(page.getByTestId('review-applicant')).toContainText('李明');
  await expect(page.getByTestId('blockers')).toHaveCount(0);
  await page.keyboard.press('Control+Enter'); // decision
  await expect(page.getByTestId('choose-accept')).toBeChecked();
  await page.keyboard.press('Tab'); // the chosen decision
  await page.keyboard.press('Tab'); // the confirm button
  await expect(page.getByTestId('confirm-decision')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('document-view')).toContainText('受理通知书');
});

test('materials by keyboard: a digit records the current line and moves on, so a recorded 缺失 never turns back by itself', async ({ page }) => {
  await startIntake(page);
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  expect(await lines.count()).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Tab'); // from the step's heading to the first line
  await page.keyboard.press('4'); // 缺失
  await expect(lines.nth(1)).toBeFocused(); // the next line is now the current one
  await page.keyboard.press('1');
  await expect(lines.nth(2)).toBeFocused();
  await page.keyboard.press('1');
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'missing');
  await expect(lines.nth(0).getByRole('radio', { name: /缺失/ })).toBeChecked();
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'receivedOriginal');
  await expect(lines.nth(2)).toHaveAttribute('data-status', 'receivedOriginal');
  // Tab moves line by line, never onto a radio of a line already left; arrows never change a state
  await lines.nth(0).focus();
  await page.keyboard.press('Tab');
  await expect(lines.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(lines.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'missing');
  // the recorded 缺失 reaches the review step as what blocks acceptance
  const first = (await lines.nth(0).locator('strong').first().innerText()).trim();
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('blockers')).toContainText(first);
});

test('when the disk is full the draft stays in memory, the clerk is warned and can export it; it is saved once space is back', async ({ page }) => {
  // Simulate a full disk: every IndexedDB write fails with QuotaExceededError while the flag is set.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull) throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.reload();
  await startIntake(page);
  await page.getByTestId('step-applicant').click();
  await page.evaluate(() => ((window as unknown as { __diskFull?: boolean }).__diskFull = true));
  await page.getByLabel('姓名', { exact: true }).fill('赵敏');
  await expect(page.getByTestId('quota-warning')).toBeVisible();
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('赵敏');
  const download = page.waitForEvent('download');
  await page.getByTestId('quota-warning').getByRole('button').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^draft-.*\.json$/);
  // space is back: the next attempt writes the draft
  await page.evaluate(() => ((window as unknown as { __diskFull?: boolean }).__diskFull = false));
  await expect(page.getByTestId('save-state')).toContainText('已保存', { timeout: 10_000 });
  await page.reload();
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('赵敏');
});

test('a draft started on an older catalog shows what changed in its item and can be carried over', async ({ page }) => {
  await startIntake(page);
  await answerFirstOptions(page);
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  const draftUrl = page.url();

  // a newer catalog changes this item: a material renamed and a new one added
  const next = structuredClone(catalog);
  next.version = '2026.12.5';
  const it = next.items.find((i: { basicCode: string }) => i.basicCode === UNEMPLOYMENT);
  it.materials[0].acceptanceStandard = `${it.materials[0].acceptanceStandard}（2026年12月起须加盖单位公章）`;
  it.materials.push({ ...structuredClone(it.materials[0]), id: 'new-proof', sharedMaterialId: undefined, name: '新增的就业失业情况说明', appliesWhen: [] });
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'ow-')), 'next.json');
  writeFileSync(file, JSON.stringify(next));
  await page.goto('#/catalog');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-catalog').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.5');

  await page.goto(draftUrl);
  const banner = page.getByTestId('catalog-changed');
  await expect(banner).toContainText(catalog.version);
  await expect(banner).toContainText('2026.12.5');
  await banner.getByRole('button', { name: '查看变化' }).click();
  await expect(banner).toContainText('新增的就业失业情况说明');
  await page.getByTestId('carry-over').click();
  await expect(page.getByTestId('catalog-changed')).toHaveCount(0);
  await page.getByTestId('step-materials').click();
  await expect(page.getByTestId('check-line').filter({ hasText: '新增的就业失业情况说明' })).toBeVisible();
  // the answers given before are kept
  await page.getByTestId('step-situation').click();
  await expect(page.getByTestId('question').first().getByRole('radio').first()).toBeChecked();
});
