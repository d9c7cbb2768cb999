import { expect, test, type Page } from '@playwright/test';
import { maskIdNumber } from '../../src/core/identity';
import type { SeededSample } from '../../src/renderer/src/cases/bench-hooks';
import { signIn } from './fixtures';

/**
 * The cases list (#/cases). Creating 120 cases through the intake screens would take
 * minutes, so they are seeded through the `?bench=1` hooks (the app's own database code);
 * everything after that goes through the UI.
 */
const N = 120;
let samples: SeededSample[] = [];

const newestFirst = (a: SeededSample, b: SeededSample) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1);
const rows = (page: Page) => page.getByTestId('case-row');
const rowIds = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case-id')));

test.beforeEach(async ({ page }) => {
  await signIn(page);
  await page.goto('./?bench=1#/cases');
  await page.waitForFunction(() => !!window.__oneWindowBench);
  samples = await page.evaluate((n) => window.__oneWindowBench!.seedCases(n, { days: 1, seed: 4242 }).then((r) => r.samples), N);
  expect(samples).toHaveLength(N);
  samples.sort(newestFirst);
});

test("today's cases, newest first, 50 to a page", async ({ page }) => {
  await expect(page.getByRole('link', { name: '办件', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('cases-tab-today')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('cases-total')).toHaveText(`共 ${N} 件`);
  await expect(rows(page)).toHaveCount(50);
  expect(await rowIds(page)).toEqual(samples.slice(0, 50).map((s) => s.id));

  // each row leads to the draft's intake or the decided case
  for (const s of [samples.find((x) => x.status === 'draft'), samples.find((x) => x.status !== 'draft')]) {
    if (!s || samples.indexOf(s) >= 50) continue;
    const link = page.locator(`[data-case-id="${s.id}"] a`);
    await expect(link).toHaveAttribute('href', s.status === 'draft' ? `#/intake/${s.id}` : `#/cases/${s.id}`);
  }

  await page.getByTestId('cases-next').click();
  await expect(page.getByTestId('cases-range')).toHaveText('第 2 页 · 第 51–100 件');
  await expect.poll(() => rowIds(page)).toEqual(samples.slice(50, 100).map((s) => s.id));
  await page.getByTestId('cases-next').click();
  await expect(rows(page)).toHaveCount(N - 100);
  expect(await rowIds(page)).toEqual(samples.slice(100).map((s) => s.id));
  await expect(page.getByTestId('cases-next')).toBeDisabled();
  await page.getByTestId('cases-prev').click();
  await expect(page.getByTestId('cases-range')).toHaveText('第 2 页 · 第 51–100 件');
  await expect.poll(() => rowIds(page)).toEqual(samples.slice(50, 100).map((s) => s.id));

  // by status: the drafts tab lists the drafts only
  const drafts = samples.filter((s) => s.status === 'draft');
  await page.getByTestId('cases-tab-draft').click();
  await expect(page.getByTestId('cases-range')).toContainText('第 1 页');
  await expect.poll(() => rowIds(page)).toEqual(drafts.slice(0, 50).map((s) => s.id));
});

test('search by full ID number shows the case with the number masked', async ({ page }) => {
  const target = samples.find((s) => /^\d{17}[\dX]$/.test(s.idNumber) && s.status !== 'draft')!;
  const same = samples.filter((s) => s.idNumber === target.idNumber);
  await page.getByTestId('cases-search').fill(target.idNumber.toLowerCase());
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按证件号查找');
  await expect.poll(() => rowIds(page)).toEqual(same.map((s) => s.id));
  const idCell = page.locator(`[data-case-id="${target.id}"] [data-testid="case-id-number"]`);
  await expect(idCell).toHaveText(maskIdNumber(target.idNumber));
  await expect(idCell).toHaveText(/^\d{6}\*{8}[\dX]{4}$/);
  await expect(page.getByTestId('cases-table')).not.toContainText(target.idNumber);
  await expect(page.getByTestId('cases-total')).toHaveText(`找到 ${same.length} 件`);
});

test('search by name prefix and by case number', async ({ page }) => {
  const search = page.getByTestId('cases-search');
  const person = samples.find((s) => /^\d{17}[\dX]$/.test(s.idNumber) && s.name.length >= 2)!;
  const prefix = [...person.name].slice(0, 2).join('');
  const byName = samples.filter((s) => s.name.startsWith(prefix));
  await search.fill(prefix);
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按申请人姓名查找');
  await expect.poll(() => rowIds(page)).toEqual(byName.slice(0, 50).map((s) => s.id));
  // signIn's account is a supervisor: the list masks names for that role (@core/quality/masking; a clerk's list shows them, privacy.spec)
  for (const name of await page.locator('[data-testid="case-row"] td:nth-child(2)').allInnerTexts()) expect(name.startsWith(`${[...prefix][0]}*`)).toBe(true);

  const decided = samples.find((s) => s.caseNumber)!;
  // typed without dashes, in lower case
  await search.fill(decided.caseNumber.replace(/-/g, '').toLowerCase());
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按办件编号查找');
  await expect.poll(() => rowIds(page)).toEqual([decided.id]);
  await expect(rows(page).first()).toContainText(decided.caseNumber);

  // a partial number (centre + date + workstation) finds that workstation's cases of the day
  const partial = decided.caseNumber.slice(0, 16);
  await search.fill(partial);
  const expected = samples.filter((s) => s.caseNumber.startsWith(partial));
  await expect.poll(() => rowIds(page)).toEqual(expected.slice(0, 50).map((s) => s.id));

  await search.fill('查无此人');
  await expect(page.getByTestId('cases-empty')).toHaveText('没有找到与“查无此人”匹配的办件');
  // Escape clears the search: back to today's list
  await search.press('Escape');
  await expect(rows(page)).toHaveCount(50);
});
