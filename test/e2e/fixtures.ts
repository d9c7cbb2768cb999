import { expect, type Page } from '@playwright/test';

export type Role = 'clerk' | 'trainer' | 'supervisor';

export const clerk = { clerkId: 'C0042', name: '王晓梅', windowNo: '7', centreCode: '330106', centreName: '示例市民中心', workstationCode: '7K' };
export const PASSWORD = 'Yichuang-2026';

/** The accounts the helpers below create (one per role; the supervisor also sets the workstation up). */
export const accounts: Record<Role, { clerkId: string; name: string; windowNo: string; password: string }> = {
  supervisor: { clerkId: 'S0001', name: '赵主任', windowNo: '1', password: PASSWORD },
  clerk: { clerkId: clerk.clerkId, name: clerk.name, windowNo: clerk.windowNo, password: PASSWORD },
  trainer: { clerkId: 'T0003', name: '孙老师', windowNo: '9', password: PASSWORD },
};

type Workstation = Pick<typeof clerk, 'centreCode' | 'centreName' | 'workstationCode'>;
type Account = { clerkId: string; name: string; windowNo: string; password?: string };

/** First run on a fresh workstation: the centre, the workstation and the first supervisor account. */
export async function setUpWorkstation(page: Page, supervisor: Account = accounts.supervisor, ws: Partial<Workstation> = {}) {
  const w = { ...clerk, ...ws };
  await page.goto('./');
  const form = page.getByTestId('first-run');
  await form.getByLabel('中心行政区划代码').fill(w.centreCode);
  await form.getByLabel('服务中心名称').fill(w.centreName);
  await form.getByLabel('工作站代码').fill(w.workstationCode);
  await form.getByLabel('工号').fill(supervisor.clerkId);
  await form.getByLabel('姓名').fill(supervisor.name);
  await form.getByLabel('密码', { exact: true }).fill(supervisor.password ?? PASSWORD);
  await form.getByLabel('再次输入密码').fill(supervisor.password ?? PASSWORD);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** Signs an existing account in through the sign-in screen. */
export async function signInWith(page: Page, a: Account) {
  await page.getByLabel('工号').fill(a.clerkId);
  await page.getByLabel('密码', { exact: true }).fill(a.password ?? PASSWORD);
  await page.getByLabel('窗口号').fill(a.windowNo);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('clerk-badge')).toContainText(a.name);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** A signed-in supervisor opens an account on #/users. */
export async function addAccount(page: Page, a: Account & { role: Role }) {
  await page.goto('#/users');
  const form = page.getByTestId('user-add');
  await form.getByLabel('工号').fill(a.clerkId);
  await form.getByLabel('姓名').fill(a.name);
  await form.getByTestId('user-role').selectOption(a.role);
  await form.getByLabel('新密码').fill(a.password ?? PASSWORD);
  await page.getByTestId('user-add-submit').click();
  await expect(page.getByTestId('users-table').locator(`[data-user="${a.clerkId}"]`)).toBeVisible();
}

/**
 * Signs `C0042 王晓梅` in the way a user does, on a fresh workstation (Playwright gives each
 * test a fresh profile): the first-run setup creates the account, then it signs in.
 *
 * The account is the workstation's first **supervisor**: the existing specs also configure the
 * server (#/settings), the 容缺 approvers and the catalog (#/catalog) in the same session, and
 * those screens are a supervisor's. A supervisor takes in cases and hands them out like a clerk.
 * For a real clerk use `signIn(page, { role: 'clerk' })` or `signInAs(page, 'clerk')`.
 */
export async function signIn(page: Page, who: Partial<typeof clerk> & { role?: Role } = {}) {
  const c = { ...clerk, ...who };
  const role = who.role ?? 'supervisor';
  if (role === 'supervisor') {
    await setUpWorkstation(page, c, c);
    await signInWith(page, c);
    return;
  }
  await setUpWorkstation(page, accounts.supervisor, c);
  await signInWith(page, accounts.supervisor);
  await addAccount(page, { ...c, role });
  await signOut(page);
  await signInWith(page, c);
}

/** Signs in as a fresh account of `role` (the clerk is C0042 王晓梅; see `accounts`). */
export async function signInAs(page: Page, role: Role) {
  if (role === 'supervisor') {
    await setUpWorkstation(page);
    await signInWith(page, accounts.supervisor);
    return;
  }
  await signIn(page, { ...accounts[role], role });
}

/** 最低生活保障审核确认: 20 working days; 家庭成员收入证明 may be deferred (容缺). */
export const DIBAO = '330006004000';
export const DEFERRABLE = '家庭成员收入证明';
/** GB 11643-1999's own example of a resident ID number. */
export const VALID_ID = '11010519491231002X';

/**
 * A 低保 intake up to the decision step: every situation's first option, the deferrable material
 * missing (and the first required one too with `missingRequired`), everything else received,
 * the applicant entered (flagged as dishonest with `flag`). Returns the deferred line's key.
 */
export async function deferrableIntakeToDecision(
  page: Page,
  opts: { missingRequired?: boolean; flag?: string; name?: string; idNumber?: string; phone?: string } = {},
): Promise<string> {
  await page.goto(`#/items/${DIBAO}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  let deferredKey = '';
  let requiredMissing = false;
  for (let i = 0; i < (await lines.count()); i++) {
    const line = lines.nth(i);
    const name = (await line.locator('strong').first().innerText()).trim();
    if (name.includes(DEFERRABLE)) {
      deferredKey = (await line.getAttribute('data-key')) ?? '';
      await line.getByRole('radio', { name: /缺失/ }).check();
    } else if (opts.missingRequired && !requiredMissing) {
      await line.getByRole('radio', { name: /缺失/ }).check();
      requiredMissing = true;
    } else await line.getByRole('radio', { name: /收原件/ }).check();
  }
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill(opts.name ?? '李明');
  await page.getByTestId('applicant-id-number').fill(opts.idNumber ?? VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill(opts.phone ?? '13800138000');
  if (opts.flag !== undefined) {
    await page.getByTestId('dishonesty-flagged').check();
    await page.getByTestId('dishonesty-reason').fill(opts.flag);
  }
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await page.getByTestId('step-decision').click();
  return deferredKey;
}
