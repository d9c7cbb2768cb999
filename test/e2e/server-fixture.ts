/**
 * The real department-queue service (src/server) for end-to-end specs: a fresh PGlite data
 * directory in a temp folder, seeded with the admin CLI (`seed-demo --json`), the server on a
 * free port started with tsx. The workstation is configured through the Settings page; the
 * departments act through the API as their signed-in officers (工号 + 密码 from the seed), so
 * every decision carries the officer's name, as it does from the inbox page.
 *
 *   const server = useQueueServer('ow-sync-');   // at the top of a spec: beforeAll / afterAll
 *   await server.configure(page);
 *   const { caseId } = await acceptOneCase(page);
 *   await server.departmentApi(`/department/dispatches/${id}/claim`, {});
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const catalog = JSON.parse(readFileSync('resources/catalog/default-catalog.json', 'utf8'));
export const UNEMPLOYMENT = '330003002000'; // 失业登记 (RSJ): one question, three materials
export const UNEMPLOYMENT_DEPARTMENT: string = catalog.items.find((i: { basicCode: string }) => i.basicCode === UNEMPLOYMENT).departmentCode;
export const VALID_ID = '11010519491231002X';
const TSX = join('node_modules', '.bin', 'tsx');

export interface Seed {
  workstation: { id: string; token: string };
  departments: { code: string; token: string }[];
  officers: { departmentCode: string; staffNo: string; name: string; password: string }[];
}

export interface ApiResult {
  status: number;
  json: any;
}

export interface DispatchRow {
  dispatchId: number;
  state: string;
  caseId: string;
  departmentCode?: string;
}

export function freePort(): Promise<number> {
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
export class QueueService {
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
    const r = spawnSync(TSX, ['src/server/admin.ts', 'publish-catalog', file], { env: this.env(), encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`publish-catalog failed: ${r.stdout} ${r.stderr}`);
  }

  seed(): Seed {
    // ~25 s on an idle 2-core machine (migrations, catalog, holidays, tokens); far more when loaded
    const r = spawnSync(TSX, ['src/server/admin.ts', 'seed-demo', '--json'], { env: this.env(), encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`seed-demo failed (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
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

/** ONEWINDOW_SYNC_SHOTS=<dir> keeps screenshots of the screens there. */
export async function shot(page: Page, name: string) {
  const dir = process.env.ONEWINDOW_SYNC_SHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** The service of one spec file, with the department's and the workstation's API and the Settings step. */
export class ServerHandle {
  service!: QueueService;
  seed!: Seed;
  dataRoot!: string;

  get url(): string {
    return this.service.url;
  }

  private sessions = new Map<string, string>();

  /** The department's demo officer (工号 <code>01, password from the seed). */
  officer(code = UNEMPLOYMENT_DEPARTMENT): Seed['officers'][number] {
    const o = this.seed.officers.find((x) => x.departmentCode === code);
    if (!o) throw new Error(`no officer of ${code} in the seed`);
    return o;
  }

  /** A session of the department's demo officer, signed in once per spec file. */
  async officerToken(code = UNEMPLOYMENT_DEPARTMENT): Promise<string> {
    const have = this.sessions.get(code);
    if (have) return have;
    const o = this.officer(code);
    const r = await fetch(`${this.service.url}/api/v1/officer/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staffNo: o.staffNo, password: o.password }),
    });
    if (r.status !== 200) throw new Error(`officer ${o.staffNo} could not sign in: ${r.status} ${await r.text()}`);
    const token = ((await r.json()) as { token: string }).token;
    this.sessions.set(code, token);
    return token;
  }

  /** Signs the department's demo officer in on the inbox page, as a person does. */
  async signInInbox(page: Page, code = UNEMPLOYMENT_DEPARTMENT): Promise<void> {
    const o = this.officer(code);
    await page.goto(`${this.service.url}/inbox`);
    await page.getByLabel('工号').fill(o.staffNo);
    await page.getByLabel('密码').fill(o.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.locator('#who-name')).toContainText(o.name);
  }

  /** The department's system token (machine integrations; decisions through it name no person). */
  departmentToken(code = UNEMPLOYMENT_DEPARTMENT): string {
    const d = this.seed.departments.find((x) => x.code === code);
    if (!d) throw new Error(`no department ${code} in the seed`);
    return d.token;
  }

  private async call(token: string, path: string, body?: unknown): Promise<ApiResult> {
    const r = await fetch(`${this.service.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  }

  /** GET without a body, POST with one; as the signed-in officer of the department `code` (失业登记's by default). */
  async departmentApi(path: string, body?: unknown, code = UNEMPLOYMENT_DEPARTMENT): Promise<ApiResult> {
    return this.call(await this.officerToken(code), path, body);
  }

  workstationApi(path: string, body?: unknown): Promise<ApiResult> {
    return this.call(this.seed.workstation.token, path, body);
  }

  /** Every dispatch of the case in the department's queue, whatever its state. */
  async dispatchesOf(caseId: string, code = UNEMPLOYMENT_DEPARTMENT): Promise<DispatchRow[]> {
    const out: DispatchRow[] = [];
    for (const state of ['queued', 'claimed', 'inReview', 'correctionRequested', 'approved', 'denied', 'returned']) {
      const r = await this.departmentApi(`/department/queue?state=${state}&limit=200`, undefined, code);
      expect(r.status).toBe(200);
      out.push(...r.json.dispatches);
    }
    return out.filter((d) => d.caseId === caseId);
  }

  /** claim → 受理确认 → decision (`approved` with the result ready unless told otherwise). */
  async claim(dispatchId: number, code = UNEMPLOYMENT_DEPARTMENT): Promise<ApiResult> {
    const r = await this.departmentApi(`/department/dispatches/${dispatchId}/claim`, {}, code);
    expect(r.status).toBe(200);
    return r;
  }

  async decide(dispatchId: number, decision: Record<string, unknown>, code = UNEMPLOYMENT_DEPARTMENT): Promise<ApiResult> {
    const r = await this.departmentApi(`/department/dispatches/${dispatchId}/decision`, decision, code);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r;
  }

  /** Server address and workstation token through the Settings page, as an administrator does. */
  async configure(page: Page) {
    await page.goto('#/settings');
    await page.getByTestId('server-url').fill(this.service.url);
    await page.getByTestId('server-token').fill(this.seed.workstation.token);
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
    await page.getByTestId('save-server').click();
    await expect(page.getByTestId('saved-token')).toContainText(this.seed.workstation.token.slice(-4));
    await expect(page.getByTestId('saved-token')).not.toContainText(this.seed.workstation.token.slice(0, 12));
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    await shot(page, 'sync-settings');
    await this.continueNumbering(page);
  }

  private installs = 0;

  /**
   * Every test sets up the one workstation (7K) afresh, as if reinstalled, and its daily
   * sequence would start at 0001 again; the service keeps a case number for one case (another
   * case under it is a conflict). So each install numbers on from the one before, as the
   * reinstalled workstation of a real centre must.
   */
  private async continueNumbering(page: Page) {
    const start = 1000 * this.installs++;
    if (start === 0) return;
    await page.evaluate(async (value) => {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('onewindow');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: `caseSequence:${day}`, value });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    }, start);
  }
}

/** Registers the spec's beforeAll / afterAll (serial mode): a fresh service for the whole file. */
export function useQueueServer(prefix: string): ServerHandle {
  const h = new ServerHandle();
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    h.dataRoot = mkdtempSync(join(tmpdir(), prefix));
    h.service = new QueueService(await freePort(), join(h.dataRoot, 'pglite'));
    h.seed = h.service.seed();
    await h.service.start();
  });
  test.afterAll(async () => {
    await h.service?.stop();
    if (h.dataRoot) rmSync(h.dataRoot, { recursive: true, force: true });
  });
  return h;
}

/** The applicant a spec's intake enters (李明, GB 11643-1999's own example ID, a mobile number by default). */
export interface IntakeApplicant {
  name?: string;
  idNumber?: string;
  phone?: string;
}

/**
 * A full intake of 失业登记 to acceptance, as a clerk does it: every question's first answer,
 * every material received as an original, the applicant, the decision; returns the case id
 * and number from the case page the app opens.
 */
export async function acceptOneCase(page: Page, applicant: IntakeApplicant = {}): Promise<{ caseId: string; caseNumber: string }> {
  await page.goto(`#/items/${UNEMPLOYMENT}`);
  await page.getByTestId('start-intake').click();
  await expect(page.getByTestId('intake')).toBeVisible();
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill(applicant.name ?? '李明');
  await page.getByTestId('applicant-id-number').fill(applicant.idNumber ?? VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill(applicant.phone ?? '13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  return openedCase(page);
}

/** The case page the app just opened: its id (from the address) and number. */
export async function openedCase(page: Page): Promise<{ caseId: string; caseNumber: string }> {
  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  const caseId = decodeURIComponent(page.url().split('#/cases/')[1]!);
  return { caseId, caseNumber };
}

/** "Sync now" on #/sync, then back to where the page was. */
export async function syncNow(page: Page) {
  const back = page.url();
  await page.goto('#/sync');
  await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toBeEnabled({ timeout: 15_000 });
  await page.goto(back);
}
