import { expect, test, type Page } from '@playwright/test';
import { accounts, deferrableIntakeToDecision, signIn, signInWith, signOut } from './fixtures';
import { acceptOneCase, openedCase } from './server-fixture';

/**
 * Personal data at rest: after an intake, the raw IndexedDB holds neither the
 * applicant's ID number nor their name in plaintext (AES-GCM sealed, HMAC blind indexes), the
 * cases list masks the ID number, and "find by ID" still finds the case; the clerk's opening of
 * the case page is in its audit chain; a 容缺 case's commitment is sealed in the supplements
 * table too.
 */
const ID = '11010519491231002X'; // GB 11643-1999's own example
const NAME = '李明远';
const PHONE = '13800138000';

/** Every record of every object store of the workstation's database, as text (typed arrays as numbers). */
function rawDatabase(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('onewindow');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, string> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => {
              out[n] = JSON.stringify(r.result, (_k, v) => (v instanceof Uint8Array || v instanceof ArrayBuffer ? Array.from(new Uint8Array(v as ArrayBuffer)) : v));
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

test('the ID number and name are not stored in plaintext; lists mask them by role; find by ID still works; each opening is recorded', async ({ page }) => {
  await signIn(page, { role: 'clerk' });
  const { caseNumber } = await acceptOneCase(page, { name: NAME, idNumber: ID, phone: PHONE });
  // the case page shows the applicant in full: the clerk's opening enters the audit chain
  await expect.poll(async () => (await rawDatabase(page))['auditLog']).toContain('case.opened');

  const raw = await rawDatabase(page);
  expect(raw['cases']).toContain(caseNumber); // the case is there …
  expect(raw['auditLog']).toContain('decision.recorded'); // … with its audit trail
  for (const [store, text] of Object.entries(raw)) {
    expect(text, `store ${store}`).not.toContain(ID);
    expect(text, `store ${store}`).not.toContain(NAME);
    expect(text, `store ${store}`).not.toContain(PHONE);
  }
  // the audit log keeps the identity fields masked only
  expect(raw['auditLog']).toContain('110105********002X');

  // the cases list: the ID number masked; the clerk sees the applicant's name (core masking policy)
  await page.goto('#/cases');
  const row = page.getByTestId('case-row').filter({ hasText: caseNumber });
  await expect(row.getByTestId('case-id-number')).toHaveText('110105********002X');
  await expect(row.getByTestId('case-applicant-name')).toHaveText(NAME);
  await expect(page.getByTestId('cases-table')).not.toContainText(ID);

  // find by ID (the keyed blind index), typed in lower case as a clerk might
  await page.getByTestId('cases-search').fill(ID.toLowerCase());
  await expect(page.getByTestId('cases-searched-by')).toHaveText('按证件号查找');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(page.getByTestId('case-row')).toContainText(caseNumber);
  // and by the name's first characters
  await page.getByTestId('cases-search').fill(NAME.slice(0, 2));
  await expect(page.getByTestId('case-row').filter({ hasText: caseNumber })).toHaveCount(1);

  // the case page, opened by the clerk who took it in, shows the number in full (decrypted)
  await page.getByTestId('case-row').filter({ hasText: caseNumber }).locator('a').first().click();
  await expect(page.getByTestId('document-view')).toContainText(ID);
  await expect(page.getByTestId('document-view')).toContainText(NAME);

  // the supervisor's list masks the name too; their opening of the case page is recorded as theirs
  await signOut(page);
  await signInWith(page, accounts.supervisor);
  await page.goto('#/cases');
  const supervisorRow = page.getByTestId('case-row').filter({ hasText: caseNumber });
  await expect(supervisorRow.getByTestId('case-id-number')).toHaveText('110105********002X');
  await expect(supervisorRow.getByTestId('case-applicant-name')).toHaveText('李*远');
  await expect(page.getByTestId('cases-table')).not.toContainText(NAME);
  await supervisorRow.locator('a').first().click();
  await expect(page.getByTestId('document-view')).toContainText(ID);
  const opened = page.getByTestId('case-audit-history').locator('[data-testid="audit-entry"][data-action="case.opened"]');
  await expect(opened).toHaveCount(2);
  await expect(opened.last()).toContainText(accounts.supervisor.clerkId);
});

test('a 容缺 case: the supplements table keeps the commitment sealed; the deferrals list still names the applicant', async ({ page }) => {
  await signIn(page);
  await deferrableIntakeToDecision(page, { name: NAME, idNumber: ID, phone: PHONE });
  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();
  const { caseNumber } = await openedCase(page);
  await expect(page.getByTestId('deferral-documents').getByTestId('document-deferral-commitment')).toContainText(NAME);

  const raw = await rawDatabase(page);
  expect(raw['supplements']).toContain(caseNumber); // the 容缺 record is tracked …
  for (const [store, text] of Object.entries(raw)) {
    expect(text, `store ${store}`).not.toContain(ID);
    expect(text, `store ${store}`).not.toContain(NAME); // … without the commitment's name
  }
  await page.goto('#/deferrals');
  const row = page.locator(`[data-testid="deferral-row"][data-case-number="${caseNumber}"]`);
  await expect(row).toContainText(NAME);
});
