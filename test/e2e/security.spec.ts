/**
 * Attacks a person at the window could try, each as they would: walking up to a screen left
 * unattended (the idle lock), editing IndexedDB to become a supervisor (a tagged session and
 * tagged accounts), guessing a supervisor's 容缺 approval PIN (the lockout). And the sealed
 * 失信 list and sync token, read straight from IndexedDB.
 */
import { expect, test, type Page } from '@playwright/test';
import { DIBAO, PASSWORD, VALID_ID, accounts, deferrableIntakeToDecision, signIn, signInAs, signInWith, signOut } from './fixtures';


/** Reads or rewrites a row of the workstation's IndexedDB, as someone with the profile directory could. */
async function editRow(page: Page, table: string, key: string, edit: (v: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const fn = edit.toString();
  await page.evaluate(
    async ({ table, key, fn }) => {
      const change = new Function(`return (${fn})`)() as (v: Record<string, unknown>) => Record<string, unknown>;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open('onewindow');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const row = await new Promise<Record<string, unknown>>((ok, fail) => {
        const r = db.transaction(table).objectStore(table).get(key);
        r.onsuccess = () => ok(r.result as Record<string, unknown>);
        r.onerror = () => fail(r.error);
      });
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction(table, 'readwrite');
        tx.objectStore(table).put(change(row));
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { table, key, fn },
  );
}

/** Everything in the workstation's IndexedDB as text. */
async function dumpDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('onewindow');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: unknown[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      out.push(
        await new Promise((ok) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => ok(r.result);
        }),
      );
    }
    db.close();
    return JSON.stringify(out);
  });
}

test('a screen left idle locks; the clerk’s password opens it with the intake as it was', async ({ page }) => {
  await page.clock.install();
  await signIn(page); // the supervisor sets the idle time
  await page.goto('#/settings');
  const box = page.getByTestId('idle-lock-settings');
  await box.getByTestId('idle-minutes').fill('0');
  await box.getByRole('button', { name: '保存' }).click();
  await expect(box.getByRole('alert')).toContainText('1 到 120');
  await box.getByTestId('idle-minutes').fill('2');
  await box.getByRole('button', { name: '保存' }).click();
  await expect(box.getByTestId('idle-minutes-saved')).toContainText('2 分钟');

  // an intake in progress, with a name typed in and not yet finished
  await page.goto(`#/items/${DIBAO}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  await expect(questions.first()).toBeVisible();
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  const firstAnswer = await questions.first().getByRole('radio').first().getAttribute('value');

  await page.clock.fastForward('01:30');
  await expect(page.getByTestId('idle-lock')).toHaveCount(0); // not yet
  await page.clock.fastForward('00:45');
  const lock = page.getByTestId('idle-lock');
  await expect(lock).toBeVisible();
  await expect(lock).toContainText('屏幕已锁定');
  await expect(lock).toContainText('王晓梅（C0042）'); // the person signed in
  // the screen underneath cannot be used
  await expect(page.locator('.session-locked')).toHaveAttribute('inert', '');

  // a reload stays locked
  await page.reload();
  await expect(page.getByTestId('idle-lock')).toBeVisible();

  await page.getByTestId('idle-lock-password').fill('wrong-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('idle-lock-error')).toContainText('密码不正确');
  await expect(page.getByTestId('idle-lock-password')).toBeFocused();
  await page.getByTestId('idle-lock-password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('idle-lock')).toHaveCount(0);
  await expect(page.getByTestId('intake')).toBeVisible();
  await expect(questions.first().getByRole('radio').first()).toBeChecked();
  expect(firstAnswer).not.toBeNull();
  await page.screenshot({ path: test.info().outputPath('after-unlock.png') });
});

test('a clerk who edits IndexedDB to become a supervisor is signed out, and an edited account cannot sign in', async ({ page }) => {
  await signInAs(page, 'clerk');
  await page.goto('#/users');
  await expect(page.getByTestId('forbidden')).toBeVisible();

  await editRow(page, 'settings', 'clerkSession', (row) => ({ ...row, value: { ...(row.value as object), role: 'supervisor' } }));
  await page.goto('#/users');
  await page.reload();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('users-page')).toHaveCount(0);

  // the account record itself, raised to supervisor: refused at sign-in, with what to do
  await editRow(page, 'users', accounts.clerk.clerkId, (row) => ({ ...row, role: 'supervisor' }));
  await page.getByLabel('工号').fill(accounts.clerk.clerkId);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('窗口号').fill(accounts.clerk.windowNo);
  await page.getByTestId('sign-in').click();
  await expect(page.getByRole('alert')).toContainText('被改动');
  await expect(page.getByTestId('clerk-badge')).toHaveCount(0);

  // the supervisor resets the password: the account is whole again, still a clerk
  await signInWith(page, accounts.supervisor);
  await page.goto('#/users');
  const row = page.getByTestId('users-table').locator(`[data-user="${accounts.clerk.clerkId}"]`);
  await row.getByTestId('user-reset').click();
  await row.getByLabel('新密码').fill('Another-pass-2026');
  await row.getByTestId('user-reset-save').click();
  await expect(page.getByRole('status').filter({ hasText: accounts.clerk.clerkId })).toBeVisible();
  await signOut(page); // waits for the sign-in screen: the users page has a 工号 field of its own
  await signInWith(page, { ...accounts.clerk, password: 'Another-pass-2026' });
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'clerk');
});

test('five wrong approval PINs lock the supervisor’s approval; setting the count back in IndexedDB does not unlock it', async ({ page }) => {
  await signIn(page);
  await page.goto('#/settings');
  const settings = page.getByTestId('deferral-settings');
  await settings.getByTestId('require-approval').check();
  await settings.getByLabel('工号').fill('S001');
  await settings.getByLabel('姓名').fill('赵主任');
  await settings.getByLabel(/审批密码/).fill('246810');
  await settings.getByTestId('add-supervisor').click();
  await expect(settings.getByTestId('supervisor-saved')).toBeVisible();

  await deferrableIntakeToDecision(page);
  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('deferral-request-approval').click();

  const tryPin = async (pin: string) => {
    await page.getByTestId('approval-id').fill('S001');
    await page.getByTestId('approval-pin').fill(pin);
    await page.getByTestId('approval-submit').click();
  };
  for (let i = 0; i < 4; i++) {
    await tryPin(`13579${i}`);
    await expect(page.getByTestId('approval-error')).toContainText('不正确');
  }
  await tryPin('135799');
  await expect(page.getByTestId('approval-error')).toContainText('已锁定');
  // the right PIN does not help while locked
  await tryPin('246810');
  await expect(page.getByTestId('approval-error')).toContainText('已锁定');

  // the lockout count set back to 0 in IndexedDB: the approver record is refused instead
  await editRow(page, 'settings', 'deferral.supervisors', (row) => ({
    ...row,
    value: (row.value as Record<string, unknown>[]).map((s) => ({ ...s, failedAttempts: 0, lockedUntil: 0 })),
  }));
  await tryPin('246810');
  await expect(page.getByTestId('approval-error')).toContainText('被改动');
  await expect(page.getByTestId('deferral-approved')).toHaveCount(0);
});

test('the 失信 list and the sync token are not readable in IndexedDB', async ({ page }) => {
  await signIn(page);
  await page.goto('#/settings');
  const list = {
    schemaVersion: 1,
    source: '信用浙江 严重失信主体名单（2026年11月）',
    entries: [{ idNumber: VALID_ID, name: '李明', reason: '失信被执行人：未履行生效判决', listedBy: '示例市西湖区人民法院', listedAt: '2026-03-02' }],
  };
  await page.getByTestId('dishonesty-file').setInputFiles({ name: 'list.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(list)) });
  await expect(page.getByTestId('dishonesty-current')).toContainText('1');
  await page.getByTestId('server-url').fill('http://127.0.0.1:8787');
  const token = 'ws_7K_3f9c2a61b0d84e55a1c7e2b9d4f60a18';
  await page.getByTestId('server-token').fill(token);
  await page.getByTestId('save-server').click();
  await expect(page.getByTestId('saved-token')).toBeVisible();
  const text = await dumpDb(page);
  for (const v of [VALID_ID, '李明', '未履行生效判决', token]) expect(text).not.toContain(v);
});
