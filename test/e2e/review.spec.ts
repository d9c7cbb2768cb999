import { expect, test } from '@playwright/test';
import { accounts, addAccount, setUpWorkstation, signInWith, signOut } from './fixtures';
import { clerks, IDS, ITEM_NAME, makeCaseOf, seedQuality } from './quality-fixture';

/** Today in China (the review page opens on the current ISO week). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

test('a supervisor sets the weekly share and reviews a sampled case; the clerk sees the feedback (list and case page) and answers it', async ({ page }) => {
  const refused = makeCaseOf({ clerk: clerks.wang, date: today, start: '08:30', end: '08:50', kind: 'refuse', idNumber: IDS.liQiang });
  const others = [
    makeCaseOf({ clerk: clerks.wang, date: today, start: '09:00', end: '09:15', kind: 'accept', idNumber: IDS.zhangWei }),
    makeCaseOf({ clerk: clerks.wang, date: today, start: '09:20', end: '09:35', kind: 'accept', idNumber: IDS.wangFang }),
  ];
  await setUpWorkstation(page);
  await signInWith(page, accounts.supervisor);
  await addAccount(page, { ...accounts.clerk, role: 'clerk' });
  await page.goto('./?bench=1#/review');
  await seedQuality(page, { cases: [refused, ...others].map((c) => ({ c, subjectName: ITEM_NAME })) });
  await page.reload();

  // the week's sample: the refusal always, and at least one random draw for the clerk
  const groups = page.getByTestId('review-groups');
  await expect(groups).toContainText('王晓梅');
  const row = page.locator(`[data-testid="review-sample-row"][data-case-id="${refused.id}"]`);
  await expect(row.locator('[data-reason="refusal"]')).toHaveText('不予受理');
  await expect(row).toContainText(refused.caseNumber!);
  expect(await page.locator('[data-testid="review-sample-row"] [data-reason="random"]').count()).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: '/tmp/pw-7a-review-list.png', fullPage: true });

  // the weekly random share is the supervisor's setting, on the page: out of range is refused …
  const sampleRows = page.getByTestId('review-sample-row');
  await page.getByTestId('sampling-share').fill('150');
  await page.getByTestId('sampling-save').click();
  await expect(page.locator('.review-settings .field-error')).toHaveText('请输入 0–100 之间的数字');
  // … 100 % draws every case of the week …
  await page.getByTestId('sampling-share').fill('100');
  await page.getByTestId('sampling-save').click();
  await expect(page.getByText('已保存抽查设置')).toBeVisible();
  await expect(sampleRows).toHaveCount(3);
  await expect(page.locator('[data-testid="review-sample-row"] [data-reason="random"]')).toHaveCount(3);
  // … 0 % with no minimum leaves only what is always sampled (the refusal), and it is kept
  await page.getByTestId('sampling-share').fill('0');
  await page.getByTestId('sampling-min').fill('0');
  await page.getByTestId('sampling-save').click();
  await expect(sampleRows).toHaveCount(1);
  await expect(page.locator('[data-testid="review-sample-row"] [data-reason="random"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('sampling-share')).toHaveValue('0');
  await expect(sampleRows).toHaveCount(1);
  await expect(row.locator('[data-reason="refusal"]')).toHaveText('不予受理');
  await row.getByTestId('review-open').click();

  // the rubric: a partial without a comment is refused, next to the field
  await expect(page.getByTestId('review-case')).toBeVisible();
  await page.getByTestId('rubric-materials-partial').check();
  await expect(page.getByTestId('review-total')).toHaveText('90');
  await page.getByTestId('review-save').click();
  await expect(page.locator('[data-criterion="materials"] .field-error')).toHaveText('“部分符合”或“不符合”须写明原因');
  await page.getByTestId('rubric-comment-materials').fill('未核对申请书签字');
  await page.getByTestId('rubric-overall').fill('告知书要素齐全，注意材料核验。');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toBeVisible();
  await page.screenshot({ path: '/tmp/pw-7a-review-case.png', fullPage: true });
  await page.goto('#/review');
  await expect(row.getByTestId('review-open')).toHaveText('90 分');

  // the clerk signs in and sees the feedback
  await signOut(page);
  await signInWith(page, accounts.clerk);
  await page.getByRole('link', { name: '质检反馈', exact: true }).click();
  const card = page.locator(`[data-testid="feedback-card"][data-case-id="${refused.id}"]`);
  await expect(card.getByTestId('feedback-score')).toHaveText('90 分');
  await expect(card.locator('[data-criterion="materials"]')).toContainText('部分符合');
  await expect(card.locator('[data-criterion="materials"]')).toContainText('未核对申请书签字');
  await expect(card.getByTestId('feedback-overall')).toHaveText('告知书要素齐全，注意材料核验。');
  // an empty answer is refused; then the answer is recorded once
  await card.getByTestId('feedback-reply-send').click();
  await expect(card.locator('.field-error')).toHaveText('请填写回复内容');
  await card.getByTestId('feedback-reply-text').fill('已学习材料核验要求，今后逐项核对签字。');
  await card.getByTestId('feedback-reply-send').click();
  await expect(card.getByTestId('feedback-reply')).toContainText('已学习材料核验要求');
  await expect(card.getByTestId('feedback-reply-text')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/pw-7a-feedback.png', fullPage: true });
  // the case page shows it too
  await page.goto(`#/cases/${refused.id}`);
  await expect(page.getByTestId('feedback-card')).toContainText('未核对申请书签字');

  // the clerk cannot open the supervisor's views
  for (const hash of ['#/review', '#/dashboards', '#/health', '#/audit', '#/users', '#/settings']) {
    await page.goto(hash);
    await expect(page.getByTestId('forbidden'), hash).toBeVisible();
  }

  // the supervisor sees the answer; the review can no longer change
  await signOut(page);
  await signInWith(page, accounts.supervisor);
  await page.goto(`#/review/${refused.id}`);
  await expect(page.getByTestId('review-clerk-reply')).toContainText('已学习材料核验要求');
  await expect(page.getByTestId('review-save')).toHaveCount(0);
});
