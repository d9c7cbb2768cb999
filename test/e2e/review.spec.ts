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
  for (const cr of ['rightItem', 'situationAnswers', 'applicantData', 'documents', 'manner']) await page.getByTestId(`rubric-${cr}-pass`).check();
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

test('the rubric starts empty and every criterion must be chosen; the sample shows names and local times', async ({ page }) => {
  const bundle = makeCaseOf({
    clerk: clerks.wang,
    date: today,
    start: '10:00',
    end: '10:02',
    kind: 'refuse',
    idNumber: IDS.zhangWei,
    bundle: { id: 'start-business', basicCodes: ['330001002000', '330002007000', '330008001000', '330008002000', '330003006000', '330009005000'] },
  });
  const quick = makeCaseOf({ clerk: clerks.wang, date: today, start: '10:10', end: '10:12', kind: 'refuse', idNumber: IDS.liQiang });
  await setUpWorkstation(page);
  await signInWith(page, accounts.supervisor);
  await page.goto('./?bench=1#/review');
  await seedQuality(page, { cases: [{ c: bundle, subjectName: '开办企业一件事' }, { c: quick, subjectName: ITEM_NAME }] });
  await page.reload();

  // a bundle case is listed by the bundle's name, never as its item codes
  const row = page.locator(`[data-testid="review-sample-row"][data-case-id="${bundle.id}"]`);
  await expect(row.getByTestId('review-subject')).toHaveText('开办企业一件事');
  await expect(row).not.toContainText('330001002000');
  // two-minute cases with two cases in all: nothing says "unusually short" (no fixed threshold)
  await expect(page.locator('[data-reason="shortHandling"]')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: '抽查原因' })).toHaveAttribute('title', /不足 10 件时与全中心办件比较/);

  await row.getByTestId('review-open').click();
  await expect(page.getByTestId('review-case')).toBeVisible();
  // local time in the clerk's format, not an ISO string
  await expect(page.getByTestId('review-created-at')).toHaveText(`${today.replace(/-/g, '/')} 10:00:00`);
  await expect(page.getByTestId('review-decided-at')).toHaveText(`${today.replace(/-/g, '/')} 10:02:00`);
  await expect(page.getByTestId('review-case')).not.toContainText('+08:00');

  // nothing pre-set: no level checked, no score yet
  await expect(page.locator('[data-testid="rubric"] input[type="radio"]:checked')).toHaveCount(0);
  await expect(page.getByTestId('review-total')).toHaveText('全部评定后计分');
  // saving unread is refused, with an error next to every criterion not chosen
  await page.getByTestId('rubric-rightItem-pass').check();
  await page.getByTestId('rubric-manner-pass').check();
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toHaveCount(0);
  for (const cr of ['situationAnswers', 'materials', 'applicantData', 'documents']) {
    await expect(page.getByTestId(`rubric-level-error-${cr}`), cr).toHaveText('请选择本项结论');
  }
  await expect(page.getByTestId('rubric-level-error-rightItem')).toHaveCount(0);
  await expect(page.locator('.review-case > .field-error')).toHaveText('还有 4 项未评定：情形选择正确、材料收取正确、申请人信息准确、文书出具正确');
  // what was chosen stays; answering an item clears its error
  await expect(page.getByTestId('rubric-rightItem-pass')).toBeChecked();
  await page.getByTestId('rubric-situationAnswers-pass').check();
  await expect(page.getByTestId('rubric-level-error-situationAnswers')).toHaveCount(0);
  await page.getByTestId('rubric-materials-pass').check();
  await page.getByTestId('rubric-applicantData-pass').check();
  await page.getByTestId('rubric-documents-na').check();
  await expect(page.getByTestId('review-total')).toHaveText('100');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toBeVisible();
  await page.screenshot({ path: '/tmp/pw-review-empty-rubric.png', fullPage: true });
});
