/**
 * The 补正 loop end to end (issue 5 §3) against the real department-queue service: intake →
 * accepted → synced → the department claims it and returns it for correction (a comment on
 * applicant.phone and one on a material) → the clerk sees the highlighted field, prints the
 * 补正告知书 and fixes the phone → the revision reaches the server → the department sees the
 * field diff through the API and in the inbox page → approves → the clerk sees 办结.
 * Same setup as sync.spec.ts (a fresh PGlite directory, `seed-demo --json`, a free port).
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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


let service: QueueService;
let seed: Seed;
let dataRoot: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataRoot = mkdtempSync(join(tmpdir(), 'ow-correction-'));
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


test('a return for correction is fixed at the window; the department sees the diff and approves', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  await signIn(page);
  await configure(page);

  const { caseId, caseNumber } = await acceptOneCase(page);
  await expect(page.getByTestId('case-sync-state')).toHaveAttribute('data-state', 'acknowledged', { timeout: 15_000 });
  const ds = await dispatchesOf(caseId);
  expect(ds).toHaveLength(1);
  const dispatchId = ds[0]!.dispatchId;

  // the department claims it and returns it for correction: the phone and one material
  const claimed = await departmentApi(`/department/dispatches/${dispatchId}/claim`, {});
  expect(claimed.status).toBe(200);
  const materialKey = Object.keys(claimed.json.dispatch.case.materialStates)[0]!;
  expect(materialKey).toBeTruthy();
  const correction = await departmentApi(`/department/dispatches/${dispatchId}/decision`, {
    kind: 'correctionRequested',
    fieldComments: [
      { path: 'applicant.phone', comment: '联系电话无法接通，请核实' },
      { path: materialKey, comment: '复印件不清晰，请提交清晰的复印件' },
    ],
  });
  expect(correction.status).toBe(200);

  // the clerk: the 补正 panel with the phone and the material highlighted
  await syncNow(page);
  const panel = page.getByTestId('correction-panel');
  await expect(panel).toBeVisible({ timeout: 15_000 });
  const phoneRow = panel.locator('[data-testid="correction-field"][data-path="applicant.phone"]');
  await expect(phoneRow).toHaveClass(/correction-highlight/);
  await expect(phoneRow).toContainText('13800138000');
  await expect(phoneRow).toContainText('联系电话无法接通，请核实');
  await expect(panel.locator(`[data-testid="correction-material"][data-key="${materialKey}"]`)).toContainText('复印件不清晰');

  // the 补正告知书: an A4 sheet listing everything at once, printed
  const notice = page.getByTestId('correction-notice');
  await expect(notice).toContainText('补正告知书');
  await expect(notice).toContainText(caseNumber);
  await expect(notice.getByTestId('correction-notice-entries')).toContainText('联系电话无法接通，请核实');
  await expect(notice.getByTestId('correction-notice-materials')).toContainText('复印件不清晰');
  await page.getByTestId('print-correction-notice').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBeGreaterThan(0);

  // the fix: a focused form with the commented field and material
  await page.getByTestId('correction-fix').click();
  await page.getByTestId('fix-applicant.phone').fill('13912345678');
  await page.getByTestId(`fix-material-${materialKey}`).selectOption('receivedCopy');
  await page.getByTestId('correction-save').click();
  const revisionRow = page.locator('[data-testid="revision-row"][data-revision="2"]');
  await expect(revisionRow).toBeVisible();
  await expect(revisionRow).toContainText('13912345678');
  // sent by the sync engine; the timeline shows 'resubmitted'
  await expect(revisionRow).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  const timeline = page.getByTestId('case-timeline');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="resubmitted"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'resubmitted');

  // the department: the field diff through the API …
  const revisions = await departmentApi(`/department/cases/${caseId}/revisions`);
  expect(revisions.status).toBe(200);
  expect(revisions.json.versions.map((v: { revision: number }) => v.revision)).toEqual([1, 2]);
  const changes = revisions.json.diffs[0].changes as { path: string; before: { 'zh-CN': string } | null; after: { 'zh-CN': string } | null }[];
  const phone = changes.find((c) => c.path === 'applicant.phone');
  expect(phone?.before?.['zh-CN']).toBe('13800138000');
  expect(phone?.after?.['zh-CN']).toBe('13912345678');
  expect(changes.map((c) => c.path)).toContain(materialKey);
  expect((await dispatchesOf(caseId))[0]!.state).toBe('inReview');

  // … and in the inbox page
  const inbox = await browser.newPage();
  await inbox.goto(`${service.url}/inbox`);
  await inbox.locator('#token').fill(departmentToken());
  await inbox.locator('#sign-in-form button[type="submit"]').click();
  const row = inbox.locator('#rows tr', { hasText: caseNumber });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.getByRole('button', { name: '查看' }).click();
  const diff = inbox.locator('#d-revision');
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('第2版');
  const phoneDiff = diff.locator('tr[data-path="applicant.phone"]');
  await expect(phoneDiff.locator('del')).toHaveText('13800138000');
  await expect(phoneDiff.locator('ins')).toHaveText('13912345678');
  await inbox.close();

  // the department approves; the clerk sees 办结
  const approval = await departmentApi(`/department/dispatches/${dispatchId}/decision`, { kind: 'approved', resultReady: true });
  expect(approval.status).toBe(200);
  await syncNow(page);
  await expect(timeline).toHaveAttribute('data-overall', 'approved', { timeout: 15_000 });
  await expect(timeline.getByTestId('department-row')).toHaveAttribute('data-kind', 'approved');
  await expect(timeline.locator('[data-testid="timeline-event"][data-kind="approved"]')).toContainText('办结');
  expect(await timeline.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
    'received',
    'dispatched',
    'correctionRequested',
    'resubmitted',
    'approved',
  ]);
  // nothing left to correct
  await expect(page.getByTestId('correction-fix')).toHaveCount(0);
});
