import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';
import { acceptOneCase } from './server-fixture';

/**
 * The audit trail: a supervisor reads a case's history in order — including that
 * they opened the case (once, however often they come back within a few minutes) — the chain
 * verifies, and an entry altered in IndexedDB is reported as the first broken one.
 */
const ID = '11010519491231002X';

/** Alters `after` of entry `seq` of the case straight in IndexedDB (the hash left as it was). */
function tamper(page: Page, caseId: string, seq: number): Promise<string> {
  return page.evaluate(
    ({ caseId, seq }) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('onewindow');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('auditLog', 'readwrite');
          const store = tx.objectStore('auditLog');
          const req = store.index('[caseId+seq]').get([caseId, seq]);
          req.onsuccess = () => {
            const e = req.result as { action: string; after?: unknown };
            store.put({ ...e, after: { forged: true } });
            tx.oncomplete = () => {
              db.close();
              resolve(e.action);
            };
          };
        };
      }),
    { caseId, seq },
  );
}

test('a supervisor reads a case’s history in order, verifies it, and sees the entry altered afterwards', async ({ page }) => {
  await signIn(page); // the workstation's supervisor, who also takes in cases
  const { caseId, caseNumber } = await acceptOneCase(page, { idNumber: ID });

  // the history on the case page, in chain order; opening the page (it shows the applicant) is in it
  const history = page.getByTestId('case-audit-history');
  await expect(history).toBeVisible();
  const opened = history.locator('[data-testid="audit-entry"][data-action="case.opened"]');
  await expect(opened).toHaveCount(1);
  await expect(opened).toContainText('C0042');
  // back on the page within a few minutes: not recorded again
  await page.reload();
  await expect(history).toBeVisible();
  await expect(history.getByTestId('audit-entry').last()).toHaveAttribute('data-action', 'case.opened');
  await page.waitForTimeout(1000); // the page has had time to record a second opening, if it were to
  await expect(opened).toHaveCount(1);
  const actions = await history.getByTestId('audit-entry').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
  const seqs = await history.getByTestId('audit-entry').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  expect(actions[0]).toBe('case.created');
  const order = ['case.created', 'answer.set', 'material.set', 'applicant.updated', 'decision.recorded', 'case.opened'];
  expect(order.map((a) => actions.indexOf(a))).toEqual([...order.map((a) => actions.indexOf(a))].sort((x, y) => x - y));
  for (const a of order) expect(actions).toContain(a);
  await expect(history).toContainText('C0042'); // who (signIn's supervisor account)
  await expect(history).toContainText('督查人员'); // and in which role
  await expect(history).toContainText('110105********002X'); // the ID only masked
  await expect(history).not.toContainText(ID);

  // #/audit: find the case by its number; verify every chain
  await page.goto('#/audit');
  await expect(page.getByTestId('audit-page')).toBeVisible();
  await page.getByTestId('audit-verify-all').click();
  await expect(page.getByTestId('audit-verify-all-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-recent')).toContainText(caseNumber);
  await page.screenshot({ path: '/tmp/ow7b/audit-page.png', fullPage: true });
  await page.getByTestId('audit-find').fill(caseNumber);
  await page.getByTestId('audit-find').press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/audit/${caseId}$`));
  await page.getByTestId('audit-verify-case').click();
  await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: '/tmp/ow7b/audit-history.png', fullPage: true });

  // someone edits entry 3 in the database: the chain no longer verifies, from entry 3
  await tamper(page, caseId, 3);
  await page.reload();
  await page.getByTestId('audit-verify-case').click();
  const broken = page.getByTestId('audit-verify-result');
  await expect(broken).toHaveAttribute('data-ok', 'false');
  await expect(broken).toHaveAttribute('data-first-bad', '3');
  await expect(broken).toHaveAttribute('data-kind', 'altered');
  await expect(broken).toContainText('第 3 条记录');
  await page.screenshot({ path: '/tmp/ow7b/audit-broken.png', fullPage: true });
  await page.goto('#/audit');
  await page.getByTestId('audit-verify-all').click();
  await expect(page.getByTestId('audit-verify-all-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('audit-verify-all-result')).toHaveAttribute('data-first-bad', '3');
});
