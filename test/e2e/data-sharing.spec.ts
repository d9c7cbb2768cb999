/**
 * Data sharing at the window (一数一源), against the real service and its licence registry:
 * a 营业执照 issued by the 市场监管局's 办结 in one case is fetched (F, Enter) in the next case of
 * the same company, printed on the acceptance notice and seen by the department; a revoked
 * licence is refused with its reason; offline the line says so at once, the clerk leaves it to
 * the department and fetches it before deciding once connected; a training intake asks the
 * training registry only. One service for the file (serial).
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';
import { catalog, shot, syncNow, useQueueServer } from './server-fixture';
import { usccFor } from '../../src/core/training/fictional';

const server = useQueueServer('ow-sharing-');

const CHANGE = '330001003000'; // 公司变更登记: its 办结 issues the 营业执照 (换发)
const FOOD = '330001005000'; // 食品经营许可: asks for the company's 营业执照 (调取 only)
const SCJGJ = 'SCJGJ';
const COMPANY = { name: '示例市望湖餐饮管理有限公司', uscc: '91330106MA2GL8W4PP', legalRepresentative: '王芳', phone: '0571-88231234' };
const TRAINING_COMPANY = { name: '示例市青禾餐饮管理有限公司', uscc: usccFor('330106', 'MA2TRN001'), legalRepresentative: '示例张明', phone: '0571-88000000' };
const itemName = (code: string) => (catalog.items.find((i: { basicCode: string }) => i.basicCode === code) as { name: string }).name;

/** The licence the company's change case was issued (from test 1). */
let issuedNumber = '';

async function startIntake(page: Page, code: string, handlingItem: string) {
  await page.goto(`#/items/${code}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  await page.getByTestId('handling-items').getByRole('radio', { name: handlingItem }).check();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
}

async function fillCompany(page: Page, company: typeof COMPANY) {
  await page.getByTestId('step-applicant').click();
  await page.getByTestId('kind-organisation').check();
  await page.getByTestId('applicant-org-name').fill(company.name);
  await page.getByTestId('applicant-uscc').fill(company.uscc);
  await page.getByLabel('法定代表人（负责人）', { exact: true }).fill(company.legalRepresentative);
  await page.getByLabel('联系电话', { exact: true }).fill(company.phone);
}

function line(page: Page, name: string) {
  return page.getByTestId('check-line').filter({ has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });
}

/** Every line still pending gets 收原件 (the radio), except `skip`. */
async function receiveOthers(page: Page, skip: string[] = []) {
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) {
    const l = lines.nth(i);
    if ((await l.getAttribute('data-status')) !== 'pending') continue;
    const name = (await l.locator('.check-head strong').innerText()).trim();
    if (skip.includes(name)) continue;
    await l.getByRole('radio', { name: /收原件/ }).check();
  }
}

async function accept(page: Page): Promise<{ caseId: string }> {
  await page.getByTestId('step-decision').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  return { caseId: decodeURIComponent(page.url().split('#/cases/')[1]!) };
}

async function approveAtScjgj(caseId: string) {
  const [d] = await server.dispatchesOf(caseId, SCJGJ);
  expect(d).toBeDefined();
  expect((await server.departmentApi(`/department/dispatches/${d!.dispatchId}/claim`, {}, SCJGJ)).status).toBe(200);
  expect((await server.departmentApi(`/department/dispatches/${d!.dispatchId}/decision`, { kind: 'approved', resultReady: true }, SCJGJ)).status).toBe(200);
}

test('a 营业执照 issued by a department’s 办结 is fetched in the next case of the same company; the notice prints it, the department sees it', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await server.configure(page);

  // case 1: 公司变更登记 — the licence is not in the registry yet: the clerk takes the paper
  await startIntake(page, CHANGE, '名称变更登记');
  await fillCompany(page, COMPANY);
  await page.getByLabel('变更事项（变更前 → 变更后）').fill('名称：示例市望湖餐饮有限公司 → 示例市望湖餐饮管理有限公司');
  await page.getByLabel('变更决议（决定）日期').fill('2026-11-20');
  await page.getByTestId('step-materials').click();
  const old = line(page, '营业执照正、副本');
  await old.focus();
  await page.keyboard.press('f');
  await expect(old.getByTestId('licence-refused')).toHaveAttribute('data-reason', 'notFound');
  await expect(old.getByTestId('licence-refused')).toContainText('证照库中未查到该证照');
  await expect(old).toHaveAttribute('data-status', 'pending');
  await receiveOthers(page);
  const first = await accept(page);
  await syncNow(page);
  await approveAtScjgj(first.caseId);
  const issued = await server.departmentApi(`/department/cases/${first.caseId}/licences`, undefined, SCJGJ);
  expect(issued.status).toBe(200);
  expect(issued.json.issued).toHaveLength(1);
  issuedNumber = issued.json.issued[0].number as string;

  // case 2: 食品经营许可 of the same company — F fetches the 营业执照 just issued, Enter takes it
  await startIntake(page, FOOD, '食品经营许可（新办）');
  await fillCompany(page, COMPANY);
  // 秒填 is offered once the USCC is valid; the registry has no basic record of this company
  await page.getByTestId('prefill-ask').click();
  await expect(page.getByTestId('prefill-not-found')).toBeVisible();
  await page.getByTestId('step-materials').click();
  const licence = line(page, '营业执照');
  await licence.focus();
  await page.keyboard.press('f');
  const found = licence.getByTestId('licence-found');
  await expect(found).toContainText(issuedNumber);
  await expect(found).toContainText('示例市市场监督管理局');
  await expect(found).toContainText('有效');
  await shot(page, 'sharing-found');
  await page.keyboard.press('Enter');
  await expect(licence).toHaveAttribute('data-status', 'fetched');
  await expect(licence.getByTestId('licence-attached')).toContainText(issuedNumber);
  await receiveOthers(page);
  const second = await accept(page);
  // the acceptance notice lists the fetched material with its licence number and issuer
  const printed = page.getByTestId('document-view').getByTestId('notice-licence');
  await expect(printed).toContainText(issuedNumber);
  await expect(printed).toContainText('示例市市场监督管理局');
  await shot(page, 'sharing-notice');
  await syncNow(page);

  // the department sees the licence the window fetched, as fetched and as the registry has it now
  const seen = await server.departmentApi(`/department/cases/${second.caseId}/licences`, undefined, SCJGJ);
  expect(seen.status).toBe(200);
  expect(seen.json.fetched).toEqual([
    expect.objectContaining({ materialKey: 'shared/business-licence', recorded: true, changedSince: false, atFetch: expect.objectContaining({ number: issuedNumber, statusAtFetch: 'valid' }) }),
  ]);
  // the look-up log has both look-ups of the workstation, each for a case that was pushed
  const log = await server.workstationApi('/sharing/lookups');
  expect(log.status).toBe(200);
  const mine = (log.json.lookups as { caseId: string; casePushed: boolean; outcome: string }[]).filter((l) => l.caseId === first.caseId || l.caseId === second.caseId);
  expect(mine.map((l) => [l.outcome, l.casePushed])).toEqual(expect.arrayContaining([['notFound', true], ['found', true]]));
  // 减材料 on the dashboards: the food licence case fetched its 营业执照 at the window
  await page.goto('#/dashboards');
  const byItem = page.getByTestId('sharing-by-item');
  await expect(byItem.locator(`tr[data-key="${FOOD}"]`)).toContainText(itemName(FOOD));
  await expect(byItem.locator(`tr[data-key="${FOOD}"] td`).nth(2)).toHaveText('1'); // fetched at the window
  await expect(byItem.locator(`tr[data-key="${CHANGE}"] td`).nth(4)).toHaveText('1'); // its 营业执照, brought on paper
  await shot(page, 'sharing-figures');
});

test('offline the line says so at once; left to the department, it is fetched before deciding once connected', async ({ page }) => {
  test.setTimeout(180_000);
  expect(issuedNumber).not.toBe('');
  await signIn(page); // no server configured yet
  await startIntake(page, FOOD, '食品经营许可（新办）');
  await fillCompany(page, COMPANY);
  await page.getByTestId('step-materials').click();
  const licence = line(page, '营业执照');
  await licence.focus();
  await page.keyboard.press('3'); // 免提交 on a line with a licence: a fetch, never a bare assertion
  const refused = licence.getByTestId('licence-refused');
  await expect(refused).toHaveAttribute('data-reason', 'offline');
  await expect(refused).toContainText('未连接服务器，无法调取');
  await expect(refused).not.toContainText('Failed to fetch');
  await expect(licence).toHaveAttribute('data-status', 'pending');
  await shot(page, 'sharing-offline');
  await refused.getByTestId('licence-by-department').click();
  await expect(licence).toHaveAttribute('data-status', 'fetched');
  await expect(licence.getByTestId('licence-pending')).toBeVisible();
  const intakeUrl = page.url();
  await page.getByTestId('step-decision').click();
  await expect(page.getByTestId('pending-fetches')).toContainText('待调取的证照（1 项）');

  // connected: the pending fetch is completed on the decision step
  await server.configure(page);
  await page.goto(intakeUrl);
  const pending = page.getByTestId('pending-fetch');
  await pending.getByTestId('licence-fetch-start').click();
  await expect(pending.getByTestId('licence-found')).toContainText(issuedNumber);
  await pending.getByTestId('licence-attach').click();
  await expect(page.getByTestId('pending-fetches')).toHaveCount(0);
  await page.getByTestId('step-materials').click();
  await expect(line(page, '营业执照').getByTestId('licence-attached')).toContainText(issuedNumber);

  // the supervisors' look-up log: this draft's look-up never led to a pushed case — highlighted
  await page.goto('#/lookups');
  await expect(page.getByTestId('lookup-log')).toBeVisible();
  await expect(page.getByTestId('lookup-not-pushed')).toBeVisible();
  const draftId = decodeURIComponent(intakeUrl.split('#/intake/')[1]!).slice(0, 8);
  const row = page.getByTestId('lookup-row').filter({ hasText: draftId });
  await expect(row).toHaveAttribute('data-pushed', 'false');
  await expect(row).toContainText('查到');
  await shot(page, 'sharing-lookup-log');
});

test('a revoked licence is refused with its reason, and the line stays on paper', async ({ page }) => {
  test.setTimeout(180_000);
  expect(issuedNumber).not.toBe('');
  // 吊销 by the issuing department's system (its own data, not a case decision)
  const revoke = await fetch(`${server.url}/api/v1/sharing/licences/status`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.departmentToken(SCJGJ)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ typeCode: 'business-licence', number: issuedNumber, status: 'revoked', reason: '依法吊销（测试）' }),
  });
  expect(revoke.status, await revoke.clone().text()).toBe(200);
  await signIn(page);
  await server.configure(page);
  await startIntake(page, FOOD, '食品经营许可（新办）');
  await fillCompany(page, COMPANY);
  await page.getByTestId('step-materials').click();
  const licence = line(page, '营业执照');
  await licence.getByTestId('licence-fetch-start').click();
  const refused = licence.getByTestId('licence-refused');
  await expect(refused).toHaveAttribute('data-reason', 'revoked');
  await expect(refused).toContainText('证照已被吊销，不能调取');
  await expect(refused).toContainText(issuedNumber);
  await expect(refused.getByTestId('licence-by-department')).toHaveCount(0); // an answer about the licence itself: paper only
  await expect(licence).toHaveAttribute('data-status', 'pending');
  await shot(page, 'sharing-revoked');
});

test('a training intake asks the training registry only: the live company is unknown there, the live log never sees it', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await server.configure(page);
  await page.goto('#/training');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('enter-training').click();
  await expect(page.getByTestId('training-bar')).toBeVisible();

  await startIntake(page, FOOD, '食品经营许可（新办）');
  const caseId = decodeURIComponent(page.url().split('#/intake/')[1]!);
  await fillCompany(page, TRAINING_COMPANY);
  await page.getByTestId('step-materials').click();
  const licence = line(page, '营业执照');
  await licence.getByTestId('licence-fetch-start').click();
  await expect(licence.getByTestId('licence-found')).toContainText('PX-BL-0001');
  // the live company (whose licence the live registry holds) is not in the training registry
  await fillCompany(page, COMPANY);
  await page.getByTestId('step-materials').click();
  await line(page, '营业执照').getByTestId('licence-fetch-start').click();
  await expect(line(page, '营业执照').getByTestId('licence-refused')).toHaveAttribute('data-reason', 'notFound');

  const live = await server.workstationApi('/sharing/lookups');
  expect(live.status).toBe(200);
  expect((live.json.lookups as { caseId: string }[]).filter((l) => l.caseId === caseId)).toEqual([]);
  const training = await server.workstationApi('/sharing/lookups?training=true');
  expect(training.status).toBe(200);
  expect((training.json.lookups as { caseId: string }[]).filter((l) => l.caseId === caseId)).toHaveLength(2);
});
