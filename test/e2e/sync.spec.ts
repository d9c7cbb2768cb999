/**
 * Workstation sync against the real department-queue service (src/server): a fresh PGlite
 * data directory in a temp folder, seeded with the admin CLI (`seed-demo --json`), the
 * server on a free port. The workstation is configured through the Settings page; the
 * departments act through the API, as their systems would.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from './fixtures';

const catalog = JSON.parse(readFileSync('resources/catalog/default-catalog.json', 'utf8'));
const UNEMPLOYMENT = '330003002000'; // 失业登记 (RSJ): one question, three materials
const DEPARTMENT: string = catalog.items.find((i: { basicCode: string }) => i.basicCode === UNEMPLOYMENT).departmentCode;
const VALID_ID = '11010519491231002X';
const TSX = join('node_modules', '.bin', 'tsx');

interface Seed {
  workstation: { id: string; token: string };
  departments: { code: string; token: string }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The service in its own process group (so stopping it stops tsx's child too), started and stopped by pid. */
class QueueService {
  private proc: ChildProcess | null = null;
  log = '';
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, HOST: '127.0.0.1', PORT: String(this.port), ONEWINDOW_DATA_DIR: this.dataDir, ONEWINDOW_LOG: '0', DATABASE_URL: '' };
  }

  /** `publish-catalog` with the admin CLI (the server must be stopped: PGlite allows one process). */
  publishCatalog(file: string): void {
    const r = spawnSync(TSX, ['src/server/admin.ts', 'publish-catalog', file], { env: this.env(), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`publish-catalog failed: ${r.stdout} ${r.stderr}`);
  }

  seed(): Seed {
    const r = spawnSync(TSX, ['src/server/admin.ts', 'seed-demo', '--json'], { env: this.env(), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`seed-demo failed: ${r.stderr}`);
    return JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as Seed;
  }

  async start(): Promise<void> {
    this.proc = spawn(TSX, ['src/server/main.ts'], { env: this.env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (d) => (this.log += String(d)));
    this.proc.stderr?.on('data', (d) => (this.log += String(d)));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${this.url}/api/v1/health`);
        if (r.ok) return;
      } catch {
        // not yet
      }
      if (this.proc.exitCode !== null) throw new Error(`the server exited: ${this.log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not start: ${this.log}`);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.pid === undefined) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    process.kill(-p.pid, 'SIGTERM');
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!killed) {
      process.kill(-p.pid, 'SIGKILL');
      await exited;
    }
    this.proc = null;
  }
}

/** ONEWINDOW_SYNC_SHOTS=<dir> keeps screenshots of the sync screens there. */
async function shot(page: Page, name: string) {
  const dir = process.env.ONEWINDOW_SYNC_SHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

let service: QueueService;
let seed: Seed;
let dataRoot: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataRoot = mkdtempSync(join(tmpdir(), 'ow-sync-'));
  service = new QueueService(await freePort(), join(dataRoot, 'pglite'));
  seed = service.seed();
  await service.start();
});

test.afterAll(async () => {
  await service?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

function departmentToken(code = DEPARTMENT): string {
  const d = seed.departments.find((x) => x.code === code);
  if (!d) throw new Error(`no department ${code} in the seed`);
  return d.token;
}

async function departmentApi(path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${service.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${departmentToken()}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

async function dispatchesOf(caseId: string): Promise<{ dispatchId: number; state: string }[]> {
  const out: { dispatchId: number; state: string; caseId: string }[] = [];
  for (const state of ['queued', 'claimed', 'inReview', 'correctionRequested', 'approved']) {
    const r = await departmentApi(`/department/queue?state=${state}&limit=200`);
    expect(r.status).toBe(200);
    out.push(...r.json.dispatches);
  }
  return out.filter((d) => d.caseId === caseId);
}

async function configure(page: Page) {
  await page.goto('#/settings');
  await page.getByTestId('server-url').fill(service.url);
  await page.getByTestId('server-token').fill(seed.workstation.token);
  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await page.getByTestId('save-server').click();
  await expect(page.getByTestId('saved-token')).toContainText(seed.workstation.token.slice(-4));
  await expect(page.getByTestId('saved-token')).not.toContainText(seed.workstation.token.slice(0, 12));
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await shot(page, 'sync-settings');
}

/** A full intake to acceptance; returns the case id and number. */
async function acceptOneCase(page: Page): Promise<{ caseId: string; caseNumber: string }> {
  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  const caseId = decodeURIComponent(page.url().split('#/cases/')[1]!);
  return { caseId, caseNumber };
}

async function syncNow(page: Page) {
  const back = page.url();
  await page.goto('#/sync');
  await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 15_000 });
  await page.goto(back);
}

test('an accepted case reaches the department; 补正 and 办结 come back as a timeline and notifications', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'notConfigured');
  await configure(page);

  const { caseId, caseNumber } = await acceptOneCase(page);
  const syncState = page.getByTestId('case-sync-state');
  await expect(syncState).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.getByTestId('timeline-event').first()).toHaveAttribute('data-kind', 'received', { timeout: 15_000 });
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="dispatched"]')).toHaveCount(1);

  // exactly one dispatch, at the item's department
  const ds = await dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const dispatchId = ds[0]!.dispatchId;

  // the department claims it and asks for a correction (补正)
  expect((await departmentApi(`/department/dispatches/${dispatchId}/claim`, {})).status).toBe(200);
  const correction = await departmentApi(`/department/dispatches/${dispatchId}/decision`, {
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
  await expect(timeline).toHaveAttribute('data-overall', 'correctionRequested');

  // … then approves it (办结)
  const approval = await departmentApi(`/department/dispatches/${dispatchId}/decision`, { kind: 'approved', resultReady: true });
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
  await configure(page);

  await service.stop();
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
  const file = join(dataRoot, 'catalog-2026.12.1.json');
  writeFileSync(file, JSON.stringify(next));
  service.publishCatalog(file);

  await service.start();
  // no click: the retry falls due by itself (backoff of at most a few seconds)
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await page.getByTestId('sync-tab-acknowledged').click();
  await expect(page.locator(`[data-testid="outbox-row"][data-case-id="${caseId}"]`)).toHaveAttribute('data-state', 'acknowledged');
  expect(await dispatchesOf(caseId)).toHaveLength(1);
  // the newer catalog came down with the same sync and is in use
  await expect(page.getByTestId('catalog-version')).toContainText('2026.12.1');
});

test('a backlog of 200 decided cases drains with a progress bar ("正在同步 n/200")', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await configure(page);
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
  while (records.length < 200) {
    const { record } = gen.next();
    if (record.status === 'accepted') records.push(record);
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
