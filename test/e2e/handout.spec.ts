/**
 * 统一窗口出件 and 好差评 end to end with the real department-queue service (setup as in
 * sync.spec.ts): intake → accepted → synced → the department approves with resultReady → the
 * case appears in 出件 → an in-person hand-out with the ID checked (an invalid ID shows its
 * error beside the field) → it syncs (checked on the server through the API) → the applicant
 * rates 不满意 with a tag on the full-screen rating view → a follow-up with its deadline.
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
  dataRoot = mkdtempSync(join(tmpdir(), 'ow-handout-'));
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

async function workstationApi(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${service.url}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${seed.workstation.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

test('a finished case is handed out in person with the ID checked, syncs, and the applicant rates it 不满意: a follow-up appears', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await configure(page);
  const { caseId, caseNumber } = await acceptOneCase(page);
  // after acceptance the applicant may rate too (the button is there; not used here)
  await expect(page.getByTestId('ask-rating-afterAcceptance')).toBeVisible();
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });

  // the department finishes it with a result ready (办结)
  const ds = await dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const id = ds[0]!.dispatchId;
  expect((await departmentApi(`/department/dispatches/${id}/claim`, {})).status).toBe(200);
  expect((await departmentApi(`/department/dispatches/${id}/decision`, { kind: 'takenForReview' })).status).toBe(200);
  expect((await departmentApi(`/department/dispatches/${id}/decision`, { kind: 'approved', resultReady: true })).status).toBe(200);
  await syncNow(page);

  // it appears in 出件
  await expect(page.getByTestId('handout-count')).toHaveText('1', { timeout: 15_000 });
  await page.goto('#/handouts');
  const row = page.getByTestId(`handout-row-${caseNumber}`);
  await expect(row).toBeVisible();
  await row.getByTestId('record-handout').click();
  const form = page.getByTestId('handout-form');
  await expect(form.getByTestId('recipient-name')).toHaveValue('李明');
  // an invalid ID (check digit) shows its error beside the field
  await form.getByTestId('recipient-id').fill('110105194912310021');
  await form.getByTestId('save-handout').click();
  const idField = form.locator('.field', { has: page.getByTestId('recipient-id') });
  await expect(idField.locator('.field-error')).toBeVisible();
  await expect(idField.locator('.field-error')).toContainText('校验');
  await expect(page.getByTestId(`handout-row-${caseNumber}`)).toBeVisible();
  // the right one goes through
  await form.getByTestId('recipient-id').fill(VALID_ID);
  await form.getByTestId('save-handout').click();
  await expect(page.getByTestId('handout-saved')).toContainText(caseNumber);
  await expect(page.getByTestId(`handout-row-${caseNumber}`)).toHaveCount(0);
  await expect(page.getByTestId('handout-count')).toHaveCount(0);
  const handed = page.getByTestId(`handed-out-${caseNumber}`);
  await expect(handed).toBeVisible();

  // it syncs: the server has it (a second hand-out of the same result is refused as already handed out)
  await syncNow(page);
  await expect(handed.getByTestId('handout-sync-state')).toHaveText('已同步', { timeout: 15_000 });
  const second = await workstationApi(`/cases/${caseId}/handouts`, {
    training: false,
    handout: {
      schemaVersion: 1,
      id: crypto.randomUUID(),
      caseId,
      caseNumber,
      at: '2026-11-30T10:00:00+08:00',
      by: 'C0042',
      departmentCodes: [DEPARTMENT],
      delivery: { method: 'electronic', channel: 'email', reference: 'x' },
    },
  });
  expect(second.status).toBe(409);
  expect(second.json.error.message).toContain('alreadyHandedOut');

  // the applicant rates on the full-screen view: nothing pre-selected, 不满意 with a tag
  await handed.getByTestId('ask-rating-afterHandout').click();
  const view = page.getByTestId('rating-view');
  await expect(view).toBeVisible();
  await expect(view).toContainText(caseNumber);
  await expect(page.getByTestId('rating-decline')).toBeVisible();
  await expect(page.getByTestId('rating-submit')).toBeDisabled();
  for (const l of ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'])
    await expect(page.getByTestId(`level-${l}`)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0); // no clerk controls on the applicant's screen
  await page.getByTestId('level-dissatisfied').click();
  await page.getByTestId('tag-longWait').click();
  await page.getByTestId('rating-comment').fill('排队时间太长');
  await page.getByTestId('rating-submit').click();
  await expect(page.getByTestId('rating-done')).toContainText('感谢');
  await page.getByTestId('rating-giveback').click();
  await expect(page.getByTestId('handouts-page')).toBeVisible();

  // the 差评's follow-up with its call-back deadline
  const followUp = page.getByTestId(`followup-${caseNumber}`);
  await expect(followUp).toBeVisible();
  await expect(followUp).toContainText('不满意');
  await expect(followUp).toContainText('等候时间长');
  await expect(followUp.getByTestId('followup-callback')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(handed.getByTestId('rated-afterHandout')).toBeVisible();

  // it syncs: the server has the rating (一次一评: another is refused)
  await syncNow(page);
  await page.goto('#/handouts');
  await expect(followUp).toContainText('已同步', { timeout: 15_000 });
  const again = await workstationApi(`/cases/${caseId}/ratings`, {
    training: false,
    rating: {
      schemaVersion: 1,
      id: crypto.randomUUID(),
      caseNumber,
      caseId,
      trigger: 'afterHandout',
      at: '2026-11-30T10:05:00+08:00',
      channel: 'onSite',
      enteredVia: 'applicantFacing',
      level: 'satisfied',
      tags: [],
      clerkId: 'C0042',
      centreCode: '330106',
    },
  });
  expect(again.status).toBe(409);
  expect(again.json.error.code).toBe('alreadyRated');
});
