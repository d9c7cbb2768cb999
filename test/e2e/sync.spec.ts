/**
 * Workstation sync against the real department-queue service (src/server): a fresh PGlite
 * data directory in a temp folder, seeded with the admin CLI (`seed-demo --json`), the
 * server on a free port. The workstation is configured through the Settings page; the
 * departments act through the API, as their systems would.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signIn } from './fixtures';
import { acceptOneCase, catalog, syncNow, shot, useQueueServer } from './server-fixture';

const server = useQueueServer('ow-sync-');

test('an accepted case reaches the department; 补正 and 办结 come back as a timeline and notifications', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'notConfigured');
  await server.configure(page);

  const { caseId, caseNumber } = await acceptOneCase(page);
  const syncState = page.getByTestId('case-sync-state');
  await expect(syncState).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.getByTestId('timeline-event').first()).toHaveAttribute('data-kind', 'received', { timeout: 15_000 });
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="dispatched"]')).toHaveCount(1);

  // exactly one dispatch, at the item's department
  const ds = await server.dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const dispatchId = ds[0]!.dispatchId;

  // the department claims it and asks for a correction (补正)
  expect((await server.departmentApi(`/department/dispatches/${dispatchId}/claim`, {})).status).toBe(200);
  const correction = await server.departmentApi(`/department/dispatches/${dispatchId}/decision`, {
    kind: 'correctionRequested',
    comment: '请补充近三个月的劳动合同解除证明',
    fieldComments: [{ path: 'applicant.phone', comment: '联系电话无法接通' }],
  });
  expect(correction.status).toBe(200);

  await syncNow(page);
  await expect(page.getByTestId('notification-count')).toHaveText('1', { timeout: 15_000 });
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="correctionRequested"]')).toContainText('请补充近三个月的劳动合同解除证明');
  await expect(timeline).toContainText('联系电话无法接通');
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'correctionRequested');
  // departments by name in the timeline, never by code
  const unemployment = catalog.items.find((i: { basicCode: string }) => i.basicCode === '330003002000');
  const dept = catalog.departments.find((d: { code: string }) => d.code === unemployment.departmentCode);
  await expect(timeline.getByTestId('department-row')).toContainText(dept.name);
  await expect(timeline).not.toContainText(new RegExp(`\\b${dept.code}\\b`));
  await expect(timeline).toHaveAttribute('data-overall', 'correctionRequested');

  // … then approves it (办结)
  const approval = await server.departmentApi(`/department/dispatches/${dispatchId}/decision`, { kind: 'approved', resultReady: true });
  expect(approval.status).toBe(200);
  await syncNow(page);
  await expect(page.getByTestId('notification-count')).toHaveText('2', { timeout: 15_000 });
  await expect(timeline).toHaveAttribute('data-overall', 'approved');
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'approved');
  await expect(timeline.getByTestId('timeline-event')).toHaveCount(4); // received, dispatched, 补正, 办结 (in cursor order)
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, 'sync-case-timeline');
  expect(await timeline.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
    'received',
    'dispatched',
    'correctionRequested',
    'approved',
  ]);

  // the bell lists both; opening one goes to the case and marks it read
  await page.goto('#/sync');
  await page.getByTestId('notification-bell').click();
  const items = page.getByTestId('notification-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-kind', 'approved');
  await expect(items.first()).toContainText(caseNumber);
  await shot(page, 'sync-notifications');
  await items.first().getByRole('button').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  await expect(page.getByTestId('notification-count')).toHaveText('1');

  // the Sync page lists it as delivered
  await page.goto('#/sync');
  await page.getByTestId('sync-tab-acknowledged').click();
  await expect(page.locator(`[data-testid="outbox-row"][data-case-id="${caseId}"]`)).toHaveAttribute('data-state', 'acknowledged');
  await expect(page.getByTestId('last-sync')).toContainText('上次成功同步');
});

test('with the server stopped a case waits and the indicator shows offline; after a restart it drains and a newer catalog comes down', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await server.configure(page);

  await server.service.stop();
  const { caseId } = await acceptOneCase(page);
  const syncState = page.getByTestId('case-sync-state');
  await expect(syncState).toHaveAttribute('data-state', /^(queued|retry)$/);
  await expect(syncState).toHaveAttribute('data-state', 'retry', { timeout: 15_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  await page.goto('#/sync');
  await page.getByTestId('sync-tab-retry').click();
  await expect(page.locator(`[data-testid="outbox-row"][data-case-id="${caseId}"]`)).toHaveAttribute('data-state', 'retry');
  await expect(page.getByTestId('outbox-reason').first()).not.toBeEmpty();
  await shot(page, 'sync-offline');

  // while it is down, the centre publishes a newer catalog version
  const next = { ...catalog, version: '2026.12.1', effectiveDate: '2026-12-01' };
  const file = join(server.dataRoot, 'catalog-2026.12.1.json');
  writeFileSync(file, JSON.stringify(next));
  server.service.publishCatalog(file);

  await server.service.start();
  // no click: the retry falls due by itself (backoff of at most a few seconds)
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.getByTestId('sync-tab-acknowledged').click();
  await expect(page.locator(`[data-testid="outbox-row"][data-case-id="${caseId}"]`)).toHaveAttribute('data-state', 'acknowledged');
  expect(await server.dispatchesOf(caseId)).toHaveLength(1);
  // the newer catalog came down with the same sync and is in use
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.1');
});

test('with the server stopped the clerk reads why in words (无法连接同步服务器), never the browser’s "Failed to fetch"; every outbound kind is listed', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await server.configure(page);
  await server.service.stop();
  try {
    const { caseId } = await acceptOneCase(page);
    await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'retry', { timeout: 15_000 });
    await page.goto('#/sync');
    await page.getByTestId('sync-tab-retry').click();
    const reason = page.locator(`[data-testid="outbox-row"][data-case-id="${caseId}"] [data-testid="outbox-reason"]`);
    await expect(reason).toHaveText('无法连接同步服务器');
    // the browser's own words only in the tooltip
    await expect(reason.getByTestId('sync-error')).toHaveAttribute('title', /Failed to fetch|NetworkError|fetch/i);
    await expect(page.getByTestId('last-sync')).toContainText('无法连接同步服务器');
    const channels = page.getByTestId('sync-channels');
    await expect(channels.locator('[data-testid="channel-row"][data-kind="cases"] [data-testid="channel-problem"]')).toContainText('无法连接同步服务器');
    for (const kind of ['revisions', 'handouts', 'ratings', 'audit', 'trainingResults', 'healthReport']) await expect(channels.locator(`[data-testid="channel-row"][data-kind="${kind}"]`)).toBeVisible();
    await expect(channels).toContainText('补正材料');
    expect(await page.locator('main, body').first().innerText()).not.toMatch(/Failed to fetch|NetworkError/);
    await shot(page, 'sync-offline-words');
    await page.getByTestId('language-switch').click();
    await expect(reason).toHaveText('Cannot reach the sync server');
    await expect(channels).toContainText('Corrections');
    await page.getByTestId('language-switch').click();
  } finally {
    await server.service.start();
  }
});

test('a backlog of 200 decided cases drains with a progress bar ("正在同步 n/200")', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await server.configure(page);
  // Watch the progress text from the page's start (it may be brief).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="sync-progress"]');
      const text = el?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });

  // 200 decided cases queued while the sync page is closed: written as decide() writes them
  const { syntheticCases } = await import('../../src/renderer/src/cases/synthetic-cases');
  const gen = syntheticCases(600, { seed: 42, days: 1 });
  const records: unknown[] = [];
  const { makeCaseNumber, validateCaseNumber } = await import('../../src/core/intake/caseNumber');
  while (records.length < 200) {
    const { record } = gen.next();
    if (record.status !== 'accepted') continue;
    // Numbered as this workstation's own (the service refuses another workstation's numbers),
    // past the numbers the tests before gave out today.
    const v = validateCaseNumber(record.caseNumber!);
    const made = v.ok ? makeCaseNumber({ ...v.parts, workstationCode: '7K', sequence: 5000 + records.length }) : null;
    if (!made?.ok) continue;
    const c = record.case;
    records.push({ ...record, caseNumber: made.value, case: { ...c, caseNumber: made.value, decision: { ...c.decision!, caseNumber: made.value } } });
  }
  // Written behind Dexie's back, so no live query wakes the engine: they go out after the reload.
  await page.evaluate(async (recs) => {
    const open = indexedDB.open('onewindow');
    const db: IDBDatabase = await new Promise((res, rej) => {
      open.onsuccess = () => res(open.result);
      open.onerror = () => rej(open.error);
    });
    const tx = db.transaction(['cases', 'outbox'], 'readwrite');
    const now = Date.now();
    recs.forEach((r, i) => {
      const rec = r as { id: string; caseNumber: string };
      tx.objectStore('cases').put(rec);
      tx.objectStore('outbox').put({
        caseId: rec.id,
        caseNumber: rec.caseNumber,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        needsFix: null,
        contentHash: null,
        enqueuedAt: now + i,
        updatedAt: now + i,
        acknowledgedAt: null,
        departments: [],
      });
    });
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, records);

  const t0 = Date.now();
  await page.goto('#/sync');
  await page.reload(); // the engine starts with the app and syncs at once
  await page.getByTestId('sync-tab-acknowledged').click();
  await expect(page.getByTestId('sync-count-acknowledged')).toHaveText('200', { timeout: 60_000 });
  const ms = Date.now() - t0;
  await expect(page.getByTestId('sync-count-queued')).toHaveText('0');
  await expect(page.getByTestId('sync-count-needsFix')).toHaveText('0');
  const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  expect(progress.some((p) => /正在同步 \d+\/200/.test(p))).toBe(true);
  test.info().annotations.push({ type: 'figure', description: `200 queued cases drained in ${ms} ms (page load included); progress seen: ${progress.join(' → ')}` });
  console.log(`[sync e2e] 200 queued cases drained in ${ms} ms (page reload included); progress: ${progress.join(' → ')}`);
});
