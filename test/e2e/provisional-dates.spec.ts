/**
 * Dates counted past the published holiday calendar: the statutory holidays are already out
 * (元旦 by rule, though the year's arrangement is not published), the date is marked 暂定,
 * and every document that prints it says it may move once the year's 调休 is published.
 */
import { expect, test } from '@playwright/test';
import { deferrableIntakeToDecision, signIn } from './fixtures';


test('a 容缺 deadline across New Year skips 元旦 by rule and every document says the date may move', async ({ page }) => {
  // Monday 28 December 2026, Beijing time: 2027's arrangement is not published yet
  await page.clock.install({ time: new Date('2026-12-28T10:00:00+08:00') });
  await signIn(page);
  await deferrableIntakeToDecision(page);

  await page.getByTestId('choose-defer').check();
  await page.getByTestId('deferral-days').fill('4');
  // 12/29, 12/30, 12/31, then 1/1 is 元旦 (a holiday by rule), 1/2–1/3 weekend → Monday 1/4
  const deadline = page.getByTestId('deferral-deadline');
  await expect(deadline).toContainText('2027-01-04');
  await expect(deadline).toContainText('调休安排尚未公布');
  await expect(deadline).toContainText('公布后日期可能变动');
  await page.getByTestId('deferral-committed').check();
  await page.getByTestId('confirm-decision').click();

  await expect(page.getByTestId('case-page')).toBeVisible();
  // the acceptance notice: the promised date is marked and explained
  const acceptance = page.getByTestId('document-view');
  await expect(acceptance.locator('[data-provisional]').first()).toContainText('（暂定）');
  await expect(acceptance.getByTestId('document-provisional-note').first()).toContainText('国务院办公厅尚未公布2027年节假日安排');
  await expect(acceptance.getByTestId('document-provisional-note').first()).toContainText('调休安排公布后日期可能变动');
  // the 容缺 notice and the commitment letter: the deadline too
  const notice = page.getByTestId('document-deferral-notice');
  await expect(notice.getByTestId('document-deferral-deadline')).toContainText('2027年1月4日（暂定）');
  await expect(notice.getByTestId('document-provisional-note')).toContainText('调休安排公布后日期可能变动');
  const commitment = page.getByTestId('document-deferral-commitment');
  await expect(commitment).toContainText('2027年1月4日（暂定）');
  await expect(commitment.getByTestId('document-provisional-note')).toContainText('调休安排公布后日期可能变动');
  // the case page's 容缺 panel
  await expect(page.getByTestId('deferral-status')).toContainText('公布后日期可能变动');
  await page.screenshot({ path: '/tmp/pw-provisional-dates.png', fullPage: true });
});
