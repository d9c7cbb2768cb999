import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';

/**
 * Personal data at rest (issue 7 §6): after an intake, the raw IndexedDB holds neither the
 * applicant's ID number nor their name in plaintext (AES-GCM sealed, HMAC blind indexes), the
 * cases list masks the ID number, and "find by ID" still finds the case.
 */
const UNEMPLOYMENT = '330003002000'; // 失业登记: one question, three materials, no item fields
const ID = '11010519491231002X'; // GB 11643-1999's own example
const NAME = '李明远';
const PHONE = '13800138000';

async function intake(page: Page) {
  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill(NAME);
  await page.getByTestId('applicant-id-number').fill(ID);
  await page.getByLabel('联系电话', { exact: true }).fill(PHONE);
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  return (await page.getByTestId('case-number').innerText()).trim();
}

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

test('the ID number and name are not stored in plaintext; the list masks the ID; find by ID still works', async ({ page }) => {
  await signIn(page, { role: 'clerk' });
  const caseNumber = await intake(page);

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
});
