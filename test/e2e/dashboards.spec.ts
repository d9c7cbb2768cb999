import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bj, clerks, IDS, ITEM_NAME, makeCaseOf, seedQuality } from './quality-fixture';
import { signInAs } from './fixtures';

/**
 * A known data set (five decided cases, two clerks, two days) stored through the app's own
 * store code, and the figures worked out by hand:
 *
 * | case | clerk | day   | decision | handling | applicant | extra |
 * |------|-------|-------|----------|----------|-----------|-------|
 * | A    | 王晓梅 | 10-30 | accept   | 10 min   | P1 | dispatched, approved 11-03 (promised 12-07); 非常满意 |
 * | B    | 王晓梅 | 10-30 | notice   | 20 min   | P2 | |
 * | C    | 王晓梅 | 10-31 | accept   | 30 min   | P2 | notice B came first → not one visit; dispatched, 补正; 不满意 |
 * | D    | 王晓梅 | 10-31 | refuse   | 40 min   | P3 | |
 * | E    | 李娜   | 10-31 | accept   | 50 min   | P4 | 容缺, deadline 11-02, not supplied → overdue |
 *
 * All: 5 cases; one-visit 2/3 = 66.7 %; notices 1/5 = 20.0 %; 容缺 1/3 = 33.3 %, 1 overdue;
 * department returns 1/2 = 50.0 %; refusals 1/5 = 20.0 %; median handling 30.0 min;
 * promised-date compliance 1/1 = 100.0 %; ratings 非常满意 1, 不满意 1.
 * 王晓梅 only: 4 cases; one-visit 1/2 = 50.0 %; notices 25.0 %; refusals 25.0 %; median 25.0 min.
 */
const A = makeCaseOf({ clerk: clerks.wang, date: '2026-10-30', start: '09:00', end: '09:10', kind: 'accept', idNumber: IDS.zhangWei });
const B = makeCaseOf({ clerk: clerks.wang, date: '2026-10-30', start: '10:00', end: '10:20', kind: 'oneTimeNotice', idNumber: IDS.wangFang });
const C = makeCaseOf({ clerk: clerks.wang, date: '2026-10-31', start: '09:00', end: '09:30', kind: 'accept', idNumber: IDS.wangFang });
const D = makeCaseOf({ clerk: clerks.wang, date: '2026-10-31', start: '11:00', end: '11:40', kind: 'refuse', idNumber: IDS.liQiang });
const E = makeCaseOf({ clerk: clerks.li, date: '2026-10-31', start: '14:00', end: '14:50', kind: 'accept', idNumber: IDS.leapDay, deferredUntil: '2026-11-02' });

const rating = (c: typeof A, level: string, at: string) => ({
  id: crypto.randomUUID(),
  caseId: c.id,
  caseNumber: c.caseNumber!,
  trigger: 'afterAcceptance',
  state: 'sent',
  rating: { schemaVersion: 1, id: crypto.randomUUID(), caseNumber: c.caseNumber!, caseId: c.id, trigger: 'afterAcceptance', at, channel: 'onSite', enteredVia: 'applicantFacing', level, tags: [], clerkId: c.clerk.clerkId, centreCode: '330106' },
  followUp: null,
  createdAt: Date.parse(at),
  training: false,
});
const event = (cursor: number, c: typeof A, kind: string, at: string) => ({ cursor, caseId: c.id, caseNumber: c.caseNumber!, kind, departmentCode: 'SCJG', at });

test('the dashboards show the figures of a known data set; filters; CSV and Excel exports carry them', async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.goto('./?bench=1#/dashboards');
  await seedQuality(page, {
    cases: [A, B, C, D, E].map((c) => ({ c, subjectName: ITEM_NAME })),
    events: [
      event(1, A, 'dispatched', bj('2026-10-30', '10:00')),
      event(2, A, 'approved', bj('2026-11-03', '10:00')),
      event(3, C, 'dispatched', bj('2026-10-31', '10:00')),
      event(4, C, 'correctionRequested', bj('2026-10-31', '15:00')),
    ] as never,
    ratings: [rating(A, 'verySatisfied', bj('2026-10-30', '09:12')), rating(C, 'dissatisfied', bj('2026-10-31', '09:35'))] as never,
  });
  await page.reload();
  const card = (id: string) => page.getByTestId(`dash-${id}`);
  await expect(card('cases')).toHaveText('5');
  await expect(card('oneVisitRate')).toHaveText('66.7%');
  await expect(card('noticeRate')).toHaveText('20.0%');
  await expect(card('deferredRate')).toHaveText('33.3%');
  await expect(card('overdue')).toHaveText('1');
  await expect(card('returnRate')).toHaveText('50.0%');
  await expect(card('refusalRate')).toHaveText('20.0%');
  await expect(card('handling')).toHaveText('30.0 分钟');
  await expect(card('compliance')).toHaveText('100.0%');
  await expect(card('training')).toHaveText('无培训成绩');
  const ratings = page.locator('[data-card="ratings"]');
  await expect(ratings.locator('[data-level="verySatisfied"] strong')).toHaveText('1');
  await expect(ratings.locator('[data-level="dissatisfied"] strong')).toHaveText('1');
  await expect(ratings.locator('[data-level="satisfied"] strong')).toHaveText('0');
  // charts are drawn (SVG), numbers are also in the table: per clerk, the total last
  await expect(page.getByTestId('dash-chart-cases').locator('svg')).toHaveCount(1);
  const table = page.getByTestId('dash-table');
  await expect(table.locator('tr[data-key="C0042"] td').nth(1)).toHaveText('王晓梅');
  await expect(table.locator('tr[data-key="C0042"] td').nth(2)).toHaveText('4');
  await expect(table.locator('tr[data-key="C0107"] td').nth(2)).toHaveText('1');
  await expect(table.locator('tr[data-key="total"] td').nth(2)).toHaveText('5');
  await page.screenshot({ path: '/tmp/pw-7a-dashboards.png', fullPage: true });

  // the CSV has the same figures
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('dash-export-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n').map((l) => l.split(','));
  const header = lines[0]!;
  const row = (key: string) => lines.find((l) => l[0] === key)!;
  const col = (name: string) => header.indexOf(name);
  expect(row('C0042')[1]).toBe('王晓梅');
  expect(row('合计')[col('办件数')]).toBe('5');
  expect(row('合计')[col('一次办成率(%)')]).toBe('66.7');
  expect(row('合计')[col('告知率(%)')]).toBe('20.0');
  expect(row('合计')[col('容缺率(%)')]).toBe('33.3');
  expect(row('合计')[col('容缺逾期未补材料数')]).toBe('1');
  expect(row('合计')[col('部门退回率(%)')]).toBe('50.0');
  expect(row('合计')[col('不予受理率(%)')]).toBe('20.0');
  expect(row('合计')[col('窗口办理时长中位数(分钟)')]).toBe('30.0');
  expect(row('合计')[col('承诺时限达成率(%)')]).toBe('100.0');
  expect(row('合计')[col('非常满意')]).toBe('1');
  expect(row('合计')[col('不满意')]).toBe('1');
  expect(row('C0042')[col('办件数')]).toBe('4');
  expect(row('C0107')[col('容缺率(%)')]).toBe('100.0');

  // Excel: a real .xlsx (a zip with the sheet)
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('dash-export-xlsx').click();
  const x = await xlsxDownload;
  expect(x.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = readFileSync((await x.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);

  // filters: one clerk, then one day
  await page.getByTestId('dash-clerk').selectOption('C0042');
  await expect(card('cases')).toHaveText('4');
  await expect(card('oneVisitRate')).toHaveText('50.0%');
  await expect(card('noticeRate')).toHaveText('25.0%');
  await expect(card('refusalRate')).toHaveText('25.0%');
  await expect(card('deferredRate')).toHaveText('0.0%');
  await expect(card('handling')).toHaveText('25.0 分钟');
  await page.getByTestId('dash-from').fill('2026-10-31');
  await page.getByTestId('dash-to').fill('2026-10-31');
  await expect(card('cases')).toHaveText('2');
  await page.getByTestId('dash-group').selectOption('day');
  await expect(table.locator('tr[data-key="2026-10-31"] td').nth(1)).toHaveText('2');
  await page.getByTestId('dash-from').fill('2027-01-01');
  await page.getByTestId('dash-to').fill('');
  await expect(page.getByTestId('dash-empty')).toBeVisible();
});

test("workstation health: this workstation's own figures; without a server, the centre's list says so", async ({ page }) => {
  await signInAs(page, 'supervisor');
  await page.goto('./?bench=1#/health');
  await seedQuality(page, { cases: [A, B].map((c) => ({ c, subjectName: ITEM_NAME })) });
  await page.getByTestId('health-refresh').click();
  const own = page.getByTestId('health-own');
  await expect(own.locator('[data-figure="liveCases"] dd')).toHaveText('2');
  await expect(own.locator('[data-figure="outbox"] dd')).toHaveText('0');
  await expect(own.locator('[data-figure="catalogVersion"] dd')).toHaveText('2026.11.1');
  await expect(own.locator('[data-figure="lastSync"] dd')).toHaveText('从未');
  await expect(own.getByTestId('health-ok')).toBeVisible();
  await expect(page.getByTestId('health-no-server')).toBeVisible();
  await page.screenshot({ path: '/tmp/pw-7a-health.png', fullPage: true });
});
