/**
 * The whole life of a one-thing bundle against the real department-queue service
 * (test/e2e/server-fixture.ts): 开办企业一件事 taken in with the one application form (一表申请,
 * a company being founded) → accepted → one dispatch in each department's queue → 市场监管
 * returns it for correction (a field comment) → the clerk sees the notification, fixes it,
 * resubmits → the department sees the fix and 办结s; the others 办结 → the result is handed out
 * at the window with the ID checked → the applicant rates it → the rating is on the server.
 * And a 容缺 acceptance: the supplement recorded at the window reaches the department as a new
 * version of the case (field diff through the department API).
 */
import { expect, test, type Page } from '@playwright/test';
import { DIBAO, deferrableIntakeToDecision, signIn } from './fixtures';
import { catalog, openedCase, shot, syncNow, useQueueServer } from './server-fixture';

const server = useQueueServer('ow-bundle-');

interface CatalogItem {
  basicCode: string;
  name: string;
  departmentCode: string;
  coHandlingDepartmentCodes?: string[];
}
const itemOf = (code: string): CatalogItem => catalog.items.find((i: CatalogItem) => i.basicCode === code);
function departmentsOf(codes: string[]): string[] {
  const out: string[] = [];
  for (const c of codes) for (const d of [itemOf(c).departmentCode, ...(itemOf(c).coHandlingDepartmentCodes ?? [])]) if (!out.includes(d)) out.push(d);
  return out;
}

const START_BUSINESS = 'start-business';
const COMPANY_REGISTRATION = '330001002000'; // 有限责任公司设立登记 (市场监管)
const INVOICES = '330008002000'; // 发票领用 — optional in the bundle; this applicant does not need it yet
const REP_ID = '11010519491231002X';
const COMPANY = '杭州一窗通示例科技有限公司';

/** Every question's first option, every material received as an original. */
async function answerAndReceiveEverything(page: Page) {
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
}

test('开办企业: one form, parallel dispatch, a 补正 round, 办结 everywhere, hand-out with the ID checked, rated — all on the server', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await server.configure(page);

  // the bundle: drop an optional item — the checklist follows
  await page.goto(`#/bundles/${START_BUSINESS}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const items = page.getByTestId('bundle-items');
  await items.getByRole('checkbox', { name: itemOf(INVOICES).name }).uncheck();
  await expect(items.getByRole('checkbox', { name: itemOf(INVOICES).name })).not.toBeChecked();
  await answerAndReceiveEverything(page);

  // 一表申请: a company being founded, asked once
  await expect(page.getByTestId('kind-organisation')).toBeChecked();
  await expect(page.getByTestId('applicant-founding')).toBeChecked();
  await expect(page.getByTestId('applicant-uscc')).toHaveCount(0);
  const usedBy = page.getByTestId('merged-applicant-fields');
  await expect(usedBy).toContainText('一表申请');
  await expect(usedBy).toContainText('拟设立企业名称（有限责任公司设立登记）');
  await expect(usedBy).toContainText('住所（有限责任公司设立登记）');
  await page.getByTestId('applicant-org-name').fill(COMPANY);
  await page.getByTestId('applicant-name-reservation').fill('（杭）名称自主申报〔2026〕第0815号');
  await page.getByLabel('法定代表人（负责人）', { exact: true }).fill('李明');
  // the legal representative's ID is required for a company being founded
  await page.getByTestId('applicant-rep-id').fill('110105194912310021');
  await page.getByTestId('applicant-rep-id').blur();
  await expect(page.locator('.field', { has: page.getByTestId('applicant-rep-id') }).locator('.field-error')).toBeVisible();
  await page.getByTestId('applicant-rep-id').fill(REP_ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('applicant-address').fill('杭州市西湖区文三路 90 号 7 楼');
  // the company registration's own fields, under its item (not its name, domicile or representative again)
  const own = page.locator(`[data-testid="item-fields"][data-item="${COMPANY_REGISTRATION}"]`);
  await expect(own.getByLabel(/拟设立企业名称/)).toHaveCount(0);
  await expect(own.getByLabel(/^住所/)).toHaveCount(0);
  await own.getByLabel(/公司类型/).selectOption({ index: 1 });
  await own.getByLabel(/注册资本/).fill('100');
  await own.getByLabel(/认缴出资期限/).fill('2030-12-31');
  await own.getByLabel(/经营范围/).fill('软件开发；信息技术咨询服务');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await shot(page, 'bundle-one-form');
  await page.screenshot({ path: '/tmp/ow5-one-form.png', fullPage: true });

  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  const { caseId, caseNumber } = await openedCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });

  // parallel dispatch: each department involved has the case in its queue exactly once
  const chosen = catalog.bundles.find((b: { id: string }) => b.id === START_BUSINESS).items.map((r: { basicCode: string }) => r.basicCode).filter((c: string) => c !== INVOICES);
  const departments = departmentsOf(chosen);
  expect(departments.length).toBeGreaterThanOrEqual(5);
  const dispatchOf = new Map<string, number>();
  for (const d of departments) {
    const ds = await server.dispatchesOf(caseId, d);
    expect(ds, `department ${d}`).toHaveLength(1);
    dispatchOf.set(d, ds[0]!.dispatchId);
  }
  // a department that does not handle any of its items has none
  expect(await server.dispatchesOf(caseId, departmentsOf([INVOICES]).find((d) => !departments.includes(d)) ?? 'WJW')).toHaveLength(0);

  // 市场监管 claims it: the one form reached its item's fields; it returns it for correction
  const scj = itemOf(COMPANY_REGISTRATION).departmentCode;
  const claimed = await server.claim(dispatchOf.get(scj)!, scj);
  const fields = claimed.json.dispatch.case.fields[COMPANY_REGISTRATION];
  expect(fields).toMatchObject({ companyName: COMPANY, legalRepName: '李明', domicile: '杭州市西湖区文三路 90 号 7 楼', registeredCapital: '100' });
  expect(claimed.json.dispatch.case.applicant).toMatchObject({ kind: 'organisation', founding: true, name: COMPANY, legalRepresentativeIdNumber: REP_ID });
  expect(claimed.json.dispatch.case.applicant.uscc).toBeUndefined();
  await server.decide(
    dispatchOf.get(scj)!,
    { kind: 'correctionRequested', comment: '经营范围请按规范表述目录填写', fieldComments: [{ path: 'applicant.phone', comment: '联系电话无法接通，请核实' }] },
    scj,
  );

  // the clerk: a notification, the 补正 panel; the fix is resubmitted
  await syncNow(page);
  await expect(page.getByTestId('notification-count')).toHaveText('1', { timeout: 20_000 });
  const panel = page.getByTestId('correction-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  await expect(panel.locator('[data-testid="correction-field"][data-path="applicant.phone"]')).toContainText('联系电话无法接通');
  await page.getByTestId('correction-fix').click();
  await page.getByTestId('fix-applicant.phone').fill('13912345678');
  await page.getByTestId('correction-save').click();
  const revisionRow = page.locator('[data-testid="revision-row"][data-revision="2"]');
  await expect(revisionRow).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });

  // the department sees the fix (field diff) and 办结s
  const revisions = await server.departmentApi(`/department/cases/${caseId}/revisions`, undefined, scj);
  expect(revisions.status).toBe(200);
  const phone = revisions.json.diffs[0].changes.find((c: { path: string }) => c.path === 'applicant.phone');
  expect(phone.after['zh-CN']).toBe('13912345678');
  expect((await server.dispatchesOf(caseId, scj))[0]!.state).toBe('inReview');
  await server.decide(dispatchOf.get(scj)!, { kind: 'approved', resultReady: true }, scj);
  // … and so do the others
  for (const d of departments.filter((x) => x !== scj)) {
    await server.claim(dispatchOf.get(d)!, d);
    await server.decide(dispatchOf.get(d)!, { kind: 'takenForReview' }, d);
    await server.decide(dispatchOf.get(d)!, { kind: 'approved', resultReady: true }, d);
  }
  await syncNow(page);
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline).toHaveAttribute('data-overall', 'approved', { timeout: 20_000 });
  await expect(timeline.getByTestId('department-row')).toHaveCount(departments.length);

  // hand-out at the window: to the legal representative, ID checked
  await expect(page.getByTestId('handout-count')).toHaveText('1', { timeout: 20_000 });
  await page.goto('#/handouts');
  await page.getByTestId(`handout-row-${caseNumber}`).getByTestId('record-handout').click();
  const form = page.getByTestId('handout-form');
  await form.getByTestId('recipient-name').fill('李明');
  await form.getByTestId('recipient-id').fill(REP_ID);
  await form.getByTestId('save-handout').click();
  await expect(page.getByTestId('handout-saved')).toContainText(caseNumber);
  const handed = page.getByTestId(`handed-out-${caseNumber}`);
  await syncNow(page);
  await expect(handed.getByTestId('handout-sync-state')).toHaveText('已同步', { timeout: 20_000 });

  // the rating screen, turned to the applicant
  await handed.getByTestId('ask-rating-afterHandout').click();
  await expect(page.getByTestId('rating-view')).toContainText(caseNumber);
  await page.getByTestId('level-verySatisfied').click();
  await page.getByTestId('rating-submit').click();
  await expect(page.getByTestId('rating-done')).toBeVisible();
  await page.getByTestId('rating-giveback').click();
  await expect(handed.getByTestId('rated-afterHandout')).toBeVisible();
  await syncNow(page);

  // on the server: the rating went out (the workstation's record says sent) and a second one is refused
  await expect
    .poll(
      () =>
        page.evaluate(async (id) => {
          const open = indexedDB.open('onewindow');
          const db: IDBDatabase = await new Promise((res, rej) => {
            open.onsuccess = () => res(open.result);
            open.onerror = () => rej(open.error);
          });
          const all: { caseId: string; state: string }[] = await new Promise((res, rej) => {
            const r = db.transaction('ratings').objectStore('ratings').getAll();
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
          db.close();
          return all.filter((x) => x.caseId === id).map((x) => x.state);
        }, caseId),
      { timeout: 20_000 },
    )
    .toEqual(['sent']);
  const again = await server.workstationApi(`/cases/${caseId}/ratings`, {
    training: false,
    rating: { schemaVersion: 1, id: crypto.randomUUID(), caseNumber, caseId, trigger: 'afterHandout', at: '2026-12-30T10:05:00+08:00', channel: 'onSite', enteredVia: 'applicantFacing', level: 'satisfied', tags: [], clerkId: 'C0042', centreCode: '330106' },
  });
  expect(again.status).toBe(409);
  expect(again.json.error.code).toBe('alreadyRated');
  const second = await server.workstationApi(`/cases/${caseId}/handouts`, {
    training: false,
    handout: { schemaVersion: 1, id: crypto.randomUUID(), caseId, caseNumber, at: '2026-12-30T10:00:00+08:00', by: 'C0042', departmentCodes: departments, delivery: { method: 'electronic', channel: 'email', reference: 'x' } },
  });
  expect(second.status).toBe(409);
});

// No bundle of the sample catalog can take 容缺 (their deferrable materials belong to 即办 items,
// whose limit leaves no days to defer), so the forwarding is shown on 最低生活保障 (民政, 20 days).

test('容缺: the supplement recorded at the window reaches the department as a new version of the case', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await server.configure(page);
  const deferredKey = await deferrableIntakeToDecision(page, { idNumber: REP_ID });
  expect(deferredKey).not.toBe('');
  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();
  const { caseId } = await openedCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });
  const department = itemOf(DIBAO).departmentCode;
  const ds = await server.dispatchesOf(caseId, department);
  expect(ds).toHaveLength(1);
  expect((await server.claim(ds[0]!.dispatchId, department)).json.dispatch.case.materialStates[deferredKey]).toEqual({ status: 'missing' });

  // the applicant brings the document: recorded on #/deferrals, forwarded as version 2
  await page.goto('#/deferrals');
  await page.getByTestId('deferral-row').getByTestId('record-supplement').click();
  await page.getByTestId('filter-all').check();
  await expect(page.getByTestId('deferrals-none')).toBeVisible();
  await page.goto(`#/cases/${caseId}`);
  const revisionRow = page.locator('[data-testid="revision-row"][data-revision="2"]');
  await expect(revisionRow).toHaveAttribute('data-state', 'sent', { timeout: 20_000 });
  await expect(revisionRow.getByTestId('revision-reason-supplement')).toHaveText('容缺材料补齐');
  await expect(revisionRow.locator(`li[data-path="${deferredKey}"]`)).toContainText('原件');

  const r = await server.departmentApi(`/department/cases/${caseId}/revisions`, undefined, department);
  expect(r.status).toBe(200);
  expect(r.json.versions.map((v: { revision: number }) => v.revision)).toEqual([1, 2]);
  const change = r.json.diffs[0].changes.find((c: { path: string }) => c.path === deferredKey);
  expect(change).toBeTruthy();
  expect(change.before['zh-CN']).toBe('未提交');
  expect(change.after['zh-CN']).toContain('原件');
});
