/**
 * What a new clerk meets at the window, end to end in the browser build: 开办企业 taken in for a
 * company being founded, through an agent, down to the printed acceptance notice.
 */
import { expect, test, type Page } from '@playwright/test';
import { clerk, signIn, signInWith, signOut } from './fixtures';

const REP_ID = '11010519491231002X';
const AGENT_ID = '440524188001010014';
const COMPANY = '杭州一窗通示例科技有限公司';
const RESERVATION = '（杭）名称自主申报〔2026〕第0815号';
const COMPANY_PHONE = '0571-88231234';
const AGENT_PHONE = '13912345678';

/** The row of a key–value document table whose label cell reads `label`: the value cell next to it. */
function cellAfter(page: Page, label: string) {
  return page.getByTestId('document-parties').locator('th', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');
}

/** Every question's first option, including questions an answer brings up. */
async function answerFirstOptions(page: Page) {
  const unanswered = page.locator('[data-testid="question"].unanswered');
  await expect(page.getByTestId('question').first()).toBeVisible();
  for (let guard = 0; guard < 20 && (await unanswered.count()) > 0; guard++) {
    await unanswered.first().getByRole('radio').first().check();
    await page.waitForTimeout(50); // the checklist re-derives: a new question may appear
  }
  await expect(unanswered).toHaveCount(0);
}

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('开办企业 through an agent: no licence to fetch for a company not yet founded, no empty USCC line, the notice labels and phones right', async ({ page }) => {
  await page.goto('#/bundles/start-business');
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  await questions.first().getByRole('radio', { name: /委托代理人/ }).check();
  for (let i = 1; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();

  // 营业执照 is what 设立登记 issues: neither collected nor offered as 免提交（已调取）
  const lines = page.getByTestId('check-line');
  await expect(lines.filter({ has: page.locator('strong', { hasText: /^营业执照$/ }) })).toHaveCount(0);
  await expect(page.getByTestId('issued-in-case')).toContainText('营业执照');
  await expect(page.getByTestId('issued-in-case')).toContainText('由本件“有限责任公司设立登记”核发');
  const count = await lines.count();
  await lines.first().focus();
  for (let i = 0; i < count; i++) await page.keyboard.press('1');
  await page.getByTestId('next-step').click();

  await expect(page.getByTestId('applicant-founding')).toBeChecked();
  await page.getByTestId('applicant-org-name').fill(COMPANY);
  await page.getByTestId('applicant-name-reservation').fill(RESERVATION);
  await page.getByLabel('法定代表人（负责人）', { exact: true }).fill('李明');
  await page.getByTestId('applicant-rep-id').fill(REP_ID);
  await page.getByLabel('联系电话', { exact: true }).fill(COMPANY_PHONE);
  await page.getByTestId('applicant-address').fill('杭州市西湖区文三路 90 号 7 楼');
  await page.getByLabel('代办人姓名').fill('赵小刚');
  await page.getByLabel('代办人证件号码').fill(AGENT_ID);
  await page.getByLabel('代办人联系电话').fill(AGENT_PHONE);
  const own = page.locator('[data-testid="item-fields"][data-item="330001002000"]');
  await own.getByLabel(/公司类型/).selectOption({ index: 1 });
  await own.getByLabel(/注册资本/).fill('100');
  await own.getByLabel(/认缴出资期限/).fill('2030-12-31');
  await own.getByLabel(/经营范围/).fill('软件开发；信息技术咨询服务');
  await page.getByTestId('next-step').click();

  // review: the reserved name's number, and no empty "校验未通过，已人工核对：" line
  const review = page.getByTestId('review-applicant');
  await expect(review).toContainText(RESERVATION);
  await expect(review).not.toContainText('校验未通过');
  await expect(review).not.toContainText('undefined');
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();

  const doc = page.getByTestId('document-view');
  await expect(doc).toContainText('受理通知书');
  const parties = page.getByTestId('document-parties');
  await expect(parties).not.toContainText('统一社会信用代码');
  await expect(cellAfter(page, '名称自主申报文号')).toHaveText(RESERVATION);
  await expect(cellAfter(page, '法定代表人')).toHaveText('李明');
  // the phone beside the legal representative is the company's own, the agent's stands with the agent
  const repRow = parties.locator('tr', { has: page.locator('th', { hasText: /^法定代表人$/ }) });
  await expect(repRow).toContainText(COMPANY_PHONE);
  await expect(repRow).not.toContainText(AGENT_PHONE);
  await expect(cellAfter(page, '代理人联系电话')).toHaveText(AGENT_PHONE);
  await expect(page.getByTestId('document-materials')).not.toContainText('营业执照');
  await page.screenshot({ path: 'test-results/start-business-notice.png', fullPage: true });
});

test('原件核验后退还 by key 6: the notice lists the ID card as checked and handed back, and keeps only its copy', async ({ page }) => {
  await page.goto('#/items/330003002000'); // 失业登记
  await page.getByTestId('start-intake').click();
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  const idLine = lines.filter({ has: page.locator('strong', { hasText: /居民身份证/ }) }).first();
  const idName = (await idLine.locator('strong').first().innerText()).trim();
  const count = await lines.count();
  await page.keyboard.press('Tab');
  for (let i = 0; i < count; i++) {
    const isId = ((await lines.nth(i).locator('strong').first().innerText()).trim()) === idName;
    await page.keyboard.press(isId ? '6' : '1');
  }
  await expect(idLine).toHaveAttribute('data-status', 'originalCheckedCopyKept');
  await expect(idLine.getByRole('radio', { name: /原件核验退还/ })).toBeChecked();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill('11010519491231002X');
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();

  await expect(page.getByTestId('document-originals-returned')).toContainText(idName);
  await expect(page.getByTestId('document-originals-returned')).toContainText('已当场退还');
  const row = page.getByTestId('document-materials').locator('tr', { hasText: idName });
  await expect(row.locator('td').nth(2)).toHaveText('复印件（原件已核验退还）'); // 收取方式
});

test('a document that opens puts focus on 打印, and the checklist reads at body size', async ({ page }) => {
  await page.goto('#/items/330003002000'); // 失业登记
  await page.getByTestId('start-intake').click();
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  // what the clerk reads all day: the acceptance standard and the tags at body size (14 px), standard in ink
  const line = page.getByTestId('check-line').first();
  const standard = line.locator('.check-standard');
  expect(await standard.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
  expect(await standard.evaluate((el, body) => getComputedStyle(el).color === body, await page.evaluate(() => getComputedStyle(document.body).color))).toBe(true);
  for (const tag of await line.locator('.tag').all()) expect(await tag.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
  for (const li of await page.getByTestId('checklist-panel').locator('li').all()) expect(await li.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
  for (const kbd of await line.locator('kbd').all()) expect(await kbd.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
  await page.keyboard.press('Tab');
  for (let i = 0; i < (await page.getByTestId('check-line').count()); i++) await page.keyboard.press('1');
  await page.screenshot({ path: 'test-results/materials-step.png', fullPage: true });
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill('11010519491231002X');
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('document-view')).toContainText('受理通知书');
  await expect(page.getByTestId('print-button')).toBeFocused();
});

test('the guide’s acceptance standards and material tags read at body size', async ({ page }) => {
  await page.goto('#/items/330003002000');
  const material = page.getByTestId('material').first();
  await expect(material).toBeVisible();
  const standard = material.locator('.kv').first();
  expect(await standard.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
  for (const tag of await material.locator('.tag').all()) expect(await tag.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
});

test('after a restart the clerk is offered the unfinished intake, and 继续 reopens it where it stopped', async ({ page }) => {
  await page.goto('#/items/330003002000'); // 失业登记
  await page.getByTestId('start-intake').click();
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill('11010519491231002X');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  const draftUrl = page.url();
  // while the intake is in hand there is nothing to remind of
  await page.goto('#/');
  await expect(page.getByTestId('drafts-prompt')).toHaveCount(0);

  // the restart: the page starts again at home; the clerk signs in
  await page.goto('./');
  await page.reload();
  await signOut(page);
  await signInWith(page, clerk);
  const prompt = page.getByTestId('drafts-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('有未完成的受理');
  const line = prompt.getByTestId('draft-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('失业登记');
  await expect(line.getByTestId('draft-applicant')).toHaveText('李*'); // masked
  await expect(line).not.toContainText('11010519491231002X');
  await expect(line).toContainText('110105********002X');
  await expect(line).toContainText('最后修改');
  await page.screenshot({ path: 'test-results/drafts-prompt.png' });

  // 稍后 puts it away; the draft stays a named category in the cases list
  await prompt.getByTestId('drafts-later').click();
  await expect(page.getByTestId('drafts-prompt')).toHaveCount(0);
  await page.goto('#/cases');
  await expect(page.getByTestId('cases-tab-draft')).toContainText('未完成受理');
  await expect(page.getByTestId('cases-tab-draft')).toContainText('1');
  await page.getByTestId('cases-tab-draft').click();
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await expect(page.getByTestId('case-resume')).toHaveText('继续受理');

  // a new start offers it again; 继续 reopens the intake at the step where it stopped
  await page.goto('./');
  await page.reload();
  await page.getByTestId('drafts-prompt').getByTestId('draft-resume').click();
  expect(page.url()).toBe(draftUrl);
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('李明');
  await expect(page.getByTestId('drafts-prompt')).toHaveCount(0);
});

test('再次受理: from the notice found by ID number, everything carried over, exactly the listed material marked, the cases linked', async ({ page }) => {
  const ID = '11010519491231002X';
  await page.goto('#/items/330003002000'); // 失业登记
  await page.getByTestId('start-intake').click();
  await answerFirstOptions(page);
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  const count = await lines.count();
  const missingName = (await lines.nth(0).locator('strong').first().innerText()).trim();
  await page.keyboard.press('Tab');
  await page.keyboard.press('4'); // the first one is missing
  for (let i = 1; i < count; i++) await page.keyboard.press('1');
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('陈静');
  await page.getByTestId('applicant-id-number').fill(ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('step-decision').click();
  await page.getByTestId('choose-notice').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('document-view')).toContainText('一次性告知书');
  const noticeNumber = (await page.getByTestId('case-number').innerText()).trim();
  await expect(page.getByTestId('follow-up-start')).toBeVisible();

  // days later: the applicant is back; the clerk finds the notice by ID number in the cases list
  await page.goto('#/cases');
  await page.getByTestId('cases-tab-all').click();
  await page.getByTestId('cases-search').fill(ID);
  const row = page.getByTestId('case-row').filter({ hasText: noticeNumber });
  await row.getByTestId('follow-up-start').click();

  await expect(page.getByTestId('intake')).toBeVisible();
  await expect(page.getByTestId('follow-up-banner')).toContainText(noticeNumber);
  const again = page.getByTestId('check-line');
  await expect(again).toHaveCount(count);
  // exactly the material the notice listed is marked and open; the rest stays received
  await expect(page.locator('[data-listed-in-notice]')).toHaveCount(1);
  await expect(again.nth(0)).toHaveAttribute('data-listed-in-notice', 'true');
  await expect(again.nth(0)).toContainText(missingName);
  await expect(again.nth(0)).toHaveAttribute('data-status', 'pending');
  for (let i = 1; i < count; i++) await expect(again.nth(i)).toHaveAttribute('data-status', 'receivedOriginal');
  await again.nth(0).focus();
  await page.keyboard.press('1');
  await page.getByTestId('next-step').click();
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('陈静'); // the applicant carried over
  await expect(page.getByTestId('applicant-id-number')).toHaveValue(ID);
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('document-view')).toContainText('受理通知书');
  const acceptedNumber = (await page.getByTestId('case-number').innerText()).trim();
  expect(acceptedNumber).not.toBe(noticeNumber);
  // linked both ways
  await expect(page.getByTestId('follows-up-link')).toContainText(noticeNumber);
  await page.getByTestId('follows-up-link').click();
  await expect(page.getByTestId('case-number')).toHaveText(noticeNumber);
  await expect(page.getByTestId('follow-up-done')).toContainText(acceptedNumber);
});
