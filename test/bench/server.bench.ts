/**
 * Department-queue service benchmark, on PostgreSQL (a fresh database, created and
 * dropped; skipped with a note when unreachable) and on PGlite (a fresh data directory). The
 * service runs as its own process (`src/server/main.ts`, rate limit off, log off), as in
 * production; everything else runs here. The targets are checked on PostgreSQL, where the
 * issue sets them (pg-boss, the yardstick, runs only there); PGlite's figures are printed for
 * information.
 *
 * (a) Push: 10,000 queued cases (a quarter of them bundles that go to two departments) from
 *     the workstation's sync engine (src/renderer/src/sync/engine.ts) to the service over
 *     HTTP. The engine runs in Chromium with its real IndexedDB, as in the app (Electron is
 *     Chromium): the bundle of test/server/workstationPage.ts on a loopback origin. Timed
 *     from the start of the run to its first status-event request (the push phase); the
 *     whole run, which then pulls the 22,500 events back, is printed too. Baseline in the
 *     same run: the same engine sending one case per request (batchSize 1), on 1,000 other
 *     cases, its rate extrapolated. Targets: ≥ 5,000 cases/s and ≥ 10× the baseline.
 *     For information: the same 10,000 cases posted by a bare HTTP client (pre-serialised
 *     batches, two in flight: what the service alone takes), and the engine in Node on
 *     fake-indexeddb (2,000 cases; fake-indexeddb walks every earlier index entry on each
 *     cursor step, so it measures fake-indexeddb more than the engine).
 *     Without Chromium (ONEWINDOW_CHROMIUM, else /usr/bin/chromium, else Playwright's) the
 *     Node engine's figure is the one checked, with a note.
 * (b) Claim + decide: 8 concurrent department workers, each looping claim-batch (up to 100
 *     dispatches — the API's maximum —, each with its own lease) → decisions (办结 for each, one request) over HTTP
 *     (node:http, keep-alive) until 10,000 dispatches are done; one operation = one dispatch
 *     claimed and decided. Target ≥ 5,000 operations/s. Beside it, on the same PostgreSQL
 *     database in the same run: pg-boss 10 with the same 8 workers, the same batch size and
 *     10,000 jobs, each batch fetched and completed (two calls), and the service's own
 *     claimBatchAs + decideBatchAs called in-process (no HTTP: the same layer as pg-boss).
 *     For information: claim-next + decision, one dispatch per request pair (the inbox
 *     page's way), 2,000 dispatches.
 *
 *   npx tsx test/bench/server.bench.ts        (or: npx tsx test/bench/run.ts server)
 *
 * Env: BENCH_SERVER_CASES (10000), BENCH_SERVER_BASELINE (1000), BENCH_SERVER_OPS (10000),
 * BENCH_SERVER_BATCH (100), BENCH_SERVER_SINGLE_OPS (2000), BENCH_SERVER_CPU_PROFILE (a file: the
 * Chromium engine's CPU profile of the main push run, for DevTools),
 * BENCH_SERVER_BACKENDS (postgres,pglite), ONEWINDOW_TEST_PG (the PostgreSQL server).
 * The machine's load average is printed: on a shared machine other work skews the figures.
 * So is the CPU each part used (Linux /proc: this process, the service's process, the
 * database's backends), per operation: what bounds a figure on a small machine.
 */
import 'fake-indexeddb/auto'; // before Dexie is loaded (the Node engine)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { IntakeCase } from '../../src/core/intake/case';
import { hotelSubject } from '../fixtures/intake';
import { MAX_PUSH_BATCH, type PushedCase, PushResponse } from '../../src/core/sync/protocol';
import { SyncEngine } from '../../src/renderer/src/sync/engine';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { claimBatchAs, decideBatchAs } from '../../src/server/store';
import { type Fixtures, makeCase, PG_URL, pushed, seedFixtures } from '../server/helpers';
import { createScratchDatabase, probePostgres, type ScratchDatabase, type ServerProcess, startServerProcess } from '../server/serverProcess';
import { outboxStates, workstationWith } from '../server/workstation';
import type { PageRunResult } from '../server/workstationPage';
import { fmt, formatBenchResult, type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult } from './report';

const TARGET_PUSH_PER_S = 5_000;
const TARGET_RATIO = 10;
const TARGET_OPS_PER_S = 5_000;
const WORKERS = 8;

export interface ServerBenchOptions extends BenchOptions {
  cases?: number;
  baselineCases?: number;
  ops?: number;
  /** Dispatches a department worker claims and decides per request pair (claim-batch + decisions). */
  batch?: number;
  /** Operations of the one-dispatch-per-request run (information). */
  singleOps?: number;
  backends?: ('postgres' | 'pglite')[];
}

type Backend = 'postgres' | 'pglite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE_OUT = join(ROOT, 'node_modules/.cache/onewindow-bench/sync-page');
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
const rate = (n: number, ms: number) => (n / ms) * 1000;
const perS = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;

// ---- a lean HTTP client (node:http, keep-alive): the department systems and the bare pusher ----

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

function post(base: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: `/api/v1${path}`,
        method: 'POST',
        agent,
        headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

// ---- CPU accounting (Linux /proc): where an operation's CPU goes ------------------------------

/** CPU ms (user + system) a process has used so far; 0 when unreadable. */
function cpuMsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/**
 * CPU ms used so far by the processes whose name matches, grouped: Chromium's by its --type
 * (browser, renderer, utility: network and storage, gpu…); PostgreSQL's all together.
 */
function cpuByProcess(name: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!name.test(readFileSync(`/proc/${d}/comm`, 'utf8'))) continue;
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${d}/cmdline`, 'utf8'))?.[1] ?? 'main';
      out.set(type, (out.get(type) ?? 0) + cpuMsOf(Number(d)));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Busy and total CPU ms of the whole machine so far (all cores), from /proc/stat. */
function machineCpuMs(): { busy: number; total: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = f[3]! + f[4]!;
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: ((total - idle) * 1000) / 100, total: (total * 1000) / 100 };
  } catch {
    return { busy: 0, total: 0 };
  }
}

interface CpuSplit {
  client: number;
  service: number;
  postgres: number | null;
}

/** Measures the CPU used by this process, the service's process and (PostgreSQL) the database's backends. */
/** PostgreSQL: the pids of the backends connected to the service's database. */
async function backendPids(svc: Service): Promise<number[]> {
  if (!svc.url) return [];
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const name = new URL(svc.url).pathname.slice(1);
    return (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])).rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

async function cpuMeter(svc: Service): Promise<() => Promise<CpuSplit>> {
  const before = new Map((await backendPids(svc)).map((p) => [p, cpuMsOf(p)]));
  const c0 = process.cpuUsage();
  const s0 = cpuMsOf(svc.server.pid);
  return async () => {
    const c = process.cpuUsage(c0);
    const service = cpuMsOf(svc.server.pid) - s0;
    let postgres: number | null = null;
    if (svc.url) {
      postgres = 0;
      for (const p of await backendPids(svc)) postgres += cpuMsOf(p) - (before.get(p) ?? 0);
    }
    return { client: (c.user + c.system) / 1000, service, postgres };
  };
}

const cpuText = (c: CpuSplit, n: number, client = 'bench client') =>
  `${client} ${fmt(c.client / n, 2)} · service ${fmt(c.service / n, 2)}${c.postgres !== null ? ` · PostgreSQL ${fmt(c.postgres / n, 2)}` : ' (PGlite inside)'} ms`;

function makeCases(n: number): IntakeCase[] {
  return Array.from({ length: n }, (_, i) => makeCase(i % 4 === 0 ? { subject: hotelSubject() } : {}));
}

// ---- the service and its database ---------------------------------------------------------

interface Service {
  backend: Backend;
  fx: Fixtures;
  server: ServerProcess;
  /** PostgreSQL: the scratch database's URL (pg-boss, in-process calls). */
  url: string | null;
  close(): Promise<void>;
}

async function startService(backend: Backend): Promise<Service> {
  let scratch: ScratchDatabase | null = null;
  let dataDir = '';
  let db: Db;
  if (backend === 'postgres') {
    scratch = await createScratchDatabase(PG_URL, 'ow_b');
    db = await openPostgres({ url: scratch.url, max: 2 });
  } else {
    dataDir = join(mkdtempSync(join(tmpdir(), 'ow-bench-')), 'pglite');
    db = await openPglite({ dataDir });
  }
  let fx: Fixtures;
  try {
    await migrate(db);
    fx = await seedFixtures(db, new Date());
  } finally {
    await db.close();
  }
  const server = await startServerProcess(backend === 'postgres' ? { databaseUrl: scratch!.url } : { dataDir });
  return {
    backend,
    fx,
    server,
    url: scratch?.url ?? null,
    close: async () => {
      await server.stop();
      if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
      await scratch?.drop();
    },
  };
}

async function postPush(url: string, token: string, body: string): Promise<number> {
  const r = await post(url, '/cases/push', { Authorization: `Bearer ${token}` }, body);
  if (r.status !== 200) throw new Error(`push: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  return PushResponse.parse(JSON.parse(r.body)).results.filter((x) => x.outcome === 'stored').length;
}

/** Posts pre-serialised batches of MAX_PUSH_BATCH, `inFlight` at a time; returns the ms taken. */
async function bareHttpPush(url: string, token: string, cases: PushedCase[], inFlight = 2): Promise<{ ms: number; stored: number }> {
  const bodies: string[] = [];
  for (let i = 0; i < cases.length; i += MAX_PUSH_BATCH) bodies.push(JSON.stringify({ cases: cases.slice(i, i + MAX_PUSH_BATCH) }));
  let next = 0;
  let stored = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let b = bodies[next++]; b !== undefined; b = bodies[next++]) {
        const k = await postPush(url, token, b);
        stored += k;
      }
    }),
  );
  return { ms: performance.now() - t0, stored };
}

// ---- the engine in Chromium ----------------------------------------------------------------

interface Browser {
  fill(name: string, serverUrl: string, token: string, cases: IntakeCase[]): Promise<void>;
  run(name: string, options?: { batchSize?: number; profile?: boolean }): Promise<PageRunResult>;
  states(name: string): Promise<Record<string, number>>;
  remove(name: string): Promise<void>;
  idbFloor(name: string, phase: 'readCases' | 'settleOutbox'): Promise<number>;
  close(): Promise<void>;
}

function chromiumPath(): string | undefined {
  return process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

const APP_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Bundles test/server/workstationPage.ts (vite), serves it on a loopback origin, opens it in Chromium. */
async function openBrowser(log: (l: string) => void): Promise<Browser> {
  const { build } = await import('vite');
  const t0 = performance.now();
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@core': join(ROOT, 'src/core') } },
    // what vite.web.config.ts defines for the app: the engine seals cases on the page, and the
    // browser host it opens needs the app's version
    define: { 'process.env.NODE_ENV': '"production"', __APP_VERSION__: JSON.stringify(APP_VERSION), __BENCH_HOOKS__: 'false' },
    build: {
      outDir: PAGE_OUT,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(ROOT, 'test/server/workstationPage.ts'), formats: ['es'], fileName: () => 'workstation.js' },
    },
  });
  log(`server: workstation page bundled in ${fmt(performance.now() - t0, 0)} ms`);
  const js = readFileSync(join(PAGE_OUT, 'workstation.js'));
  const http: Server = createServer((req, res) => {
    if (req.url === '/workstation.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/workstation.js"></script>');
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
  const pageUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}/`;
  const { chromium } = await import('@playwright/test');
  const profile = mkdtempSync(join(tmpdir(), 'ow-bench-chromium-'));
  const executablePath = chromiumPath();
  const context = await chromium.launchPersistentContext(profile, { ...(executablePath ? { executablePath } : {}), args: LAUNCH_ARGS, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl);
  await page.waitForFunction(() => !!window.owSyncBench, undefined, { timeout: 60_000 });
  return {
    fill: (name, serverUrl, token, cases) => page.evaluate(([n, u, t, cs]) => window.owSyncBench!.fill(n, u, t, cs), [name, serverUrl, token, cases] as const),
    run: async (name, options = {}) => {
      // BENCH_SERVER_CPU_PROFILE=<file>: the main run's CPU profile in Chromium (DevTools format), to see where the engine's time goes
      const file = options.profile ? process.env.BENCH_SERVER_CPU_PROFILE : undefined;
      const cdp = file ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const r = await page.evaluate(([n, o]) => window.owSyncBench!.run(n, o), [name, options] as const);
      if (cdp && file) writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      return r;
    },
    states: (name) => page.evaluate((n) => window.owSyncBench!.states(n), name),
    remove: (name) => page.evaluate((n) => window.owSyncBench!.remove(n), name),
    idbFloor: (name, phase) => page.evaluate(([n, p]) => window.owSyncBench!.idbFloor(n, p), [name, phase] as const),
    close: async () => {
      await context.close().catch(() => undefined);
      http.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---- push ----------------------------------------------------------------------------------

interface PushFigures {
  engine: string;
  /** Chromium: where the engine's push phase went (ms; the steps overlap). */
  steps: { loadDue: number; prepare: number; settle: number; busy: number } | null;
  bareCpu: CpuSplit;
  /** Chromium: IndexedDB alone, CPU µs per record over all Chromium's processes (reading a case; settling an outbox entry). */
  idbFloor: { records: number; readUs: number; settleUs: number } | null;
  /** Chromium: CPU ms of the engine's push phase by process group, and the machine's. */
  engineCpu: { chromium: number; chromiumByType: [string, number][]; service: number; postgres: number | null; machineBusy: number; machineTotal: number } | null;
  cases: number;
  pushMs: number;
  runMs: number;
  requests: number;
  baselineCases: number;
  baselineMs: number;
  bareMs: number;
  nodeCases: number;
  nodeMs: number;
}

async function nodeEngineRun(url: string, token: string, cases: IntakeCase[], batchSize?: number): Promise<{ pushMs: number; runMs: number; pushRequests: number }> {
  const ws = await workstationWith(url, token, cases);
  let pushEnd = 0;
  let pushRequests = 0;
  const f: typeof fetch = (input, init) => {
    if (String(input).includes('/cases/push')) pushRequests += 1;
    else if (pushEnd === 0) pushEnd = performance.now();
    return fetch(input, init);
  };
  const engine = new SyncEngine({ db: ws, pullReferenceData: false, fetch: f, ...(batchSize ? { batchSize } : {}) });
  const t0 = performance.now();
  const r = await engine.runOnce();
  const t1 = performance.now();
  const states = await outboxStates(ws);
  ws.close();
  if (r.outcome !== 'ok' || states.acknowledged !== cases.length) throw new Error(`node engine: ${r.outcome} ${JSON.stringify(states)} ${r.detail ?? ''}`);
  return { pushMs: (pushEnd || t1) - t0, runMs: t1 - t0, pushRequests };
}

async function benchPush(svc: Service, browser: Browser | null, n: number, nBase: number, log: (l: string) => void): Promise<PushFigures> {
  const { url } = svc.server;
  const token = svc.fx.ws.token;
  // warm the service up (JIT, catalog cache, the database's caches): not timed
  await bareHttpPush(url, token, makeCases(500).map((c) => pushed(c)));

  const bareCases = makeCases(n).map((c) => pushed(c));
  const meter = await cpuMeter(svc);
  const bare = await bareHttpPush(url, token, bareCases);
  const bareCpu = await meter();
  if (bare.stored !== n) throw new Error(`bare push stored ${bare.stored} of ${n}`);
  log(`server[${svc.backend}]: bare HTTP push of ${n}: ${fmt(bare.ms, 0)} ms (${perS(rate(n, bare.ms))}); CPU per 1,000 cases: ${cpuText({ client: bareCpu.client * 1000, service: bareCpu.service * 1000, postgres: bareCpu.postgres === null ? null : bareCpu.postgres * 1000 }, n)}`);

  const nNode = Math.min(2_000, n);
  const node = await nodeEngineRun(url, token, makeCases(nNode));
  log(`server[${svc.backend}]: Node engine (fake-indexeddb), ${nNode}: ${fmt(node.pushMs, 0)} ms (${perS(rate(nNode, node.pushMs))})`);

  if (!browser) {
    const main = await nodeEngineRun(url, token, makeCases(n));
    const base = await nodeEngineRun(url, token, makeCases(nBase), 1);
    return {
      engine: 'Node, fake-indexeddb (no Chromium here)',
      steps: null,
      bareCpu,
      engineCpu: null,
      idbFloor: null,
      cases: n,
      pushMs: main.pushMs,
      runMs: main.runMs,
      requests: main.pushRequests,
      baselineCases: nBase,
      baselineMs: base.pushMs,
      bareMs: bare.ms,
      nodeCases: nNode,
      nodeMs: node.pushMs,
    };
  }

  const tag = `${svc.backend}-${Date.now()}`;
  await browser.fill(`base-${tag}`, url, token, makeCases(nBase));
  const base = await browser.run(`base-${tag}`, { batchSize: 1 });
  if (base.acknowledged !== nBase) throw new Error(`baseline: ${JSON.stringify(base)}`);
  await browser.remove(`base-${tag}`);
  log(`server[${svc.backend}]: baseline, one case per request, ${nBase}: ${fmt(base.pushMs, 0)} ms (${perS(rate(nBase, base.pushMs))})`);

  log(`server[${svc.backend}]: filling the workstation's IndexedDB with ${n} queued cases (not timed)`);
  await browser.fill(`main-${tag}`, url, token, makeCases(n));
  // CPU by process group, sampled every 100 ms, read at the end of the push phase (the events come after it).
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const sample = () => ({ at: performance.now(), chromium: cpuByProcess(/chrom/i), service: cpuMsOf(svc.server.pid), postgres: sum(cpuByProcess(/^postgres/)), ...machineCpuMs() });
  const samples = [sample()];
  const sampler = setInterval(() => samples.push(sample()), 100);
  const main = await browser.run(`main-${tag}`, { profile: true });
  clearInterval(sampler);
  const first = samples[0]!;
  const atPushEnd = samples.find((x) => x.at >= first.at + main.pushMs) ?? samples[samples.length - 1]!;
  const states = await browser.states(`main-${tag}`);
  if (main.outcome !== 'ok' || states.acknowledged !== n) throw new Error(`engine run: ${JSON.stringify(main)} ${JSON.stringify(states)}`);
  await browser.remove(`main-${tag}`);
  // IndexedDB's own cost per record, without the engine (what no engine change can go below)
  const floorCases = makeCases(Math.min(n, 5_000));
  await browser.fill(`floor-${tag}`, url, token, floorCases);
  const chromiumNow = () => [...cpuByProcess(/chrom/i).values()].reduce((a, b) => a + b, 0);
  let c0 = chromiumNow();
  await browser.idbFloor(`floor-${tag}`, 'readCases');
  const readUs = ((chromiumNow() - c0) * 1000) / floorCases.length;
  c0 = chromiumNow();
  await browser.idbFloor(`floor-${tag}`, 'settleOutbox');
  const settleUs = ((chromiumNow() - c0) * 1000) / floorCases.length;
  await browser.remove(`floor-${tag}`);
  log(`server[${svc.backend}]: IndexedDB alone, ${floorCases.length} records: reading a case ${fmt(readUs, 0)} µs, settling an outbox entry ${fmt(settleUs, 0)} µs of Chromium CPU`);
  log(`server[${svc.backend}]: engine push of ${n}: ${fmt(main.pushMs, 0)} ms (${perS(rate(n, main.pushMs))}), ${main.pushRequests} requests; whole run with the events ${fmt(main.runMs, 0)} ms`);
  return {
    engine: 'Chromium, IndexedDB',
    // the cases channel's own step timings (EngineOptions.stepTimes); NaN, not 0, when a step was not timed
    steps: { loadDue: main.stepMs.loadDue ?? NaN, prepare: main.stepMs.prepare ?? NaN, settle: main.stepMs.settle ?? NaN, busy: main.pushBusyMs },
    bareCpu,
    engineCpu: {
      chromium: sum(atPushEnd.chromium) - sum(first.chromium),
      chromiumByType: [...atPushEnd.chromium].map(([type, ms]) => [type, ms - (first.chromium.get(type) ?? 0)] as [string, number]).filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]),
      service: atPushEnd.service - first.service,
      postgres: svc.url ? atPushEnd.postgres - first.postgres : null,
      machineBusy: atPushEnd.busy - first.busy,
      machineTotal: atPushEnd.total - first.total,
    },
    idbFloor: { records: floorCases.length, readUs, settleUs },
    cases: n,
    pushMs: main.pushMs,
    runMs: main.runMs,
    requests: main.pushRequests,
    baselineCases: nBase,
    baselineMs: base.pushMs,
    bareMs: bare.ms,
    nodeCases: nNode,
    nodeMs: node.pushMs,
  };
}

// ---- claim + decide --------------------------------------------------------------------------

/** Each timed claim + decide run is made this many times (PostgreSQL settled before each); the median counts. */
const QUEUE_ROUNDS = 3;

interface QueueFigures {
  ops: number;
  batch: number;
  httpMs: number;
  httpCpu: CpuSplit;
  /** Every round's rate (ops/s), in the order run; the figures above are the median round's. */
  httpRates: number[];
  storeRates: number[];
  bossRates: number[];
  singleOps: number;
  singleMs: number;
  storeMs: number | null;
  storeCpu: CpuSplit | null;
  bossMs: number | null;
  bossCpu: CpuSplit | null;
  bossNote: string | null;
}

/** `ops` operations by `WORKERS` workers sharing a counter; `one()` returns false when nothing was left. */
async function workers(ops: number, one: (w: number) => Promise<boolean>): Promise<{ ms: number; done: number }> {
  let taken = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (taken < ops) {
        taken += 1;
        if (!(await one(w))) return;
        done += 1;
      }
    }),
  );
  return { ms: performance.now() - t0, done };
}

/**
 * `ops` operations by `WORKERS` workers taking batches: `batch(w, n)` claims and decides up to
 * n and returns how many it did (0: nothing left). The last batches are cut to what is left.
 */
async function batchWorkers(ops: number, size: number, batch: (w: number, n: number) => Promise<number>): Promise<{ ms: number; done: number }> {
  let taken = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (taken < ops) {
        const n = Math.min(size, ops - taken);
        taken += n;
        const k = await batch(w, n);
        done += k;
        if (k === 0) return;
      }
    }),
  );
  return { ms: performance.now() - t0, done };
}

/**
 * Runs a timed batch run QUEUE_ROUNDS times, each after settle(); returns the median round
 * (by rate) with its CPU, and every round's rate — a 2-core machine's figures wander by
 * ±30 % from one run to the next, so one run says little.
 */
async function rounds(svc: Service, ops: number, before: (() => Promise<void>) | null, run: () => Promise<{ ms: number; done: number }>): Promise<{ ms: number; cpu: CpuSplit; rates: number[] }> {
  const all: { ms: number; cpu: CpuSplit }[] = [];
  for (let r = 0; r < QUEUE_ROUNDS; r++) {
    if (before) await before();
    await settle(svc);
    const meter = await cpuMeter(svc);
    const x = await run();
    const cpu = await meter();
    if (x.done !== ops) throw new Error(`round ${r + 1}: ${x.done} of ${ops} done`);
    all.push({ ms: x.ms, cpu });
  }
  const sorted = [...all].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { ms: median.ms, cpu: median.cpu, rates: all.map((x) => rate(ops, x.ms)) };
}

const APPROVED = { kind: 'approved' } as const;

/**
 * PostgreSQL: lets the previous phase's background work finish before a timed run (CHECKPOINT,
 * VACUUM ANALYZE — as pgbench vacuums before it starts), so it does not land in another
 * phase's figures. Done alike before our runs and pg-boss's. PGlite lives inside the service.
 */
async function settle(svc: Service): Promise<void> {
  if (!svc.url) return;
  const c = new pg.Client({ connectionString: svc.url });
  await c.connect();
  try {
    await c.query('CHECKPOINT');
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

async function benchQueue(svc: Service, ops: number, size: number, singleOps: number, queuedAtScjg: number, log: (l: string) => void): Promise<QueueFigures> {
  const { url } = svc.server;
  // every case pushed so far has a dispatch queued at SCJG; top up when they are too few for every run
  for (let left = 2 * QUEUE_ROUNDS * ops + singleOps - queuedAtScjg; left > 0; left -= MAX_PUSH_BATCH)
    await postPush(url, svc.fx.ws.token, JSON.stringify({ cases: makeCases(MAX_PUSH_BATCH).map((c) => pushed(c)) }));
  const auth = { Authorization: `Bearer ${svc.fx.dept.SCJG}` };

  // the department system's way at volume: claim a batch, decide it in one request
  const http = await rounds(svc, ops, null, () => batchWorkers(ops, size, async (w, n) => {
    const headers = { ...auth, 'X-OneWindow-Worker': `w${w}` };
    const c = await post(url, '/department/dispatches/claim-batch', headers, JSON.stringify({ limit: n }));
    if (c.status === 204) return 0;
    if (c.status !== 200) throw new Error(`claim-batch: HTTP ${c.status} ${c.body.slice(0, 300)}`);
    const ids = (JSON.parse(c.body) as { dispatches: { dispatchId: number }[] }).dispatches.map((d) => d.dispatchId);
    const d = await post(url, '/department/decisions', headers, JSON.stringify({ decisions: ids.map((dispatchId) => ({ dispatchId, decision: APPROVED })) }));
    if (d.status !== 200) throw new Error(`decisions: HTTP ${d.status} ${d.body.slice(0, 300)}`);
    const results = (JSON.parse(d.body) as { results: { outcome: string }[] }).results;
    const decided = results.filter((r) => r.outcome === 'decided').length;
    if (decided !== ids.length) throw new Error(`decisions: ${decided} of ${ids.length} decided`);
    return decided;
  }));
  const httpCpu = http.cpu;
  log(`server[${svc.backend}]: claim-batch + decisions over HTTP, ${WORKERS} workers, batches of ${size}, ${ops}: median ${fmt(http.ms, 0)} ms (${perS(rate(ops, http.ms))}; rounds ${http.rates.map(perS).join(' · ')}); CPU per operation: ${cpuText(httpCpu, ops)}`);

  // one dispatch per request (the inbox page's way): for information
  const single = await workers(singleOps, async (w) => {
    const headers = { ...auth, 'X-OneWindow-Worker': `s${w}` };
    const c = await post(url, '/department/dispatches/claim-next', headers);
    if (c.status === 204) return false;
    const claimed = JSON.parse(c.body) as { dispatch?: { dispatchId: number } };
    if (c.status !== 200 || !claimed.dispatch) throw new Error(`claim-next: HTTP ${c.status}`);
    const d = await post(url, `/department/dispatches/${claimed.dispatch.dispatchId}/decision`, headers, '{"kind":"approved"}');
    if (d.status !== 200) throw new Error(`decision: HTTP ${d.status} ${d.body.slice(0, 300)}`);
    return true;
  });
  if (single.done !== singleOps) throw new Error(`claim-next + decision over HTTP: ${single.done} of ${singleOps}`);
  log(`server[${svc.backend}]: claim-next + decision over HTTP, one per request, ${WORKERS} workers, ${singleOps}: ${fmt(single.ms, 0)} ms (${perS(rate(singleOps, single.ms))})`);

  const base = { ops, batch: size, httpMs: http.ms, httpCpu, httpRates: http.rates, singleOps, singleMs: single.ms };
  if (svc.backend !== 'postgres' || !svc.url) return { ...base, storeMs: null, storeCpu: null, storeRates: [], bossMs: null, bossCpu: null, bossRates: [], bossNote: null };

  // the service's own functions in this process (no HTTP), on the same database: the layer pg-boss works at
  const db = await openPostgres({ url: svc.url, max: 10 });
  let store: { ms: number; cpu: CpuSplit; rates: number[] };
  try {
    await db.query('SELECT 1');
    store = await rounds(svc, ops, null, () => batchWorkers(ops, size, async (w, n) => {
      const claimed = await claimBatchAs(db, { code: 'SCJG' }, `p${w}`, new Date(), 300, n);
      if (claimed.count === 0) return 0;
      const dispatches = (JSON.parse(claimed.json.toString('utf8')) as { dispatches: { dispatchId: number }[] }).dispatches;
      const { results } = await decideBatchAs(db, { code: 'SCJG' }, dispatches.map((d) => ({ dispatchId: d.dispatchId, decision: { ...APPROVED, fieldComments: [] } })), `p${w}`, new Date());
      return results.filter((r) => r.outcome === 'decided').length;
    }));
  } finally {
    await db.close();
  }
  const storeMs = store.ms;
  const storeCpu = store.cpu;
  log(`server[${svc.backend}]: claimBatchAs + decideBatchAs in-process, ${WORKERS} workers, batches of ${size}, ${ops}: median ${fmt(storeMs, 0)} ms (${perS(rate(ops, storeMs))}; rounds ${store.rates.map(perS).join(' · ')}); CPU per operation: ${cpuText(storeCpu, ops, 'in-process')}`);

  // pg-boss on the same database: same workers, same number of jobs, same batch size, fetch + complete
  let bossMs: number | null = null;
  let bossCpu: CpuSplit | null = null;
  let bossRates: number[] = [];
  let bossNote: string | null = null;
  try {
    const { default: PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ connectionString: svc.url, max: 10, supervise: false, schedule: false });
    let stopped = false;
    boss.on('error', (e: unknown) => {
      if (!stopped) log(`pg-boss: ${e instanceof Error ? e.message : String(e)}`);
    });
    await boss.start();
    try {
      await boss.createQueue('bench');
      const insertJobs = async () => {
        for (let i = 0; i < ops; i += 1000) await boss.insert(Array.from({ length: Math.min(1000, ops - i) }, (_, k) => ({ name: 'bench', data: { n: i + k } })));
      };
      const b = await rounds(svc, ops, insertJobs, () =>
        batchWorkers(ops, size, async (_w, n) => {
          const jobs = await boss.fetch('bench', { batchSize: n });
          if (jobs.length === 0) return 0;
          await boss.complete('bench', jobs.map((j) => j.id));
          return jobs.length;
        }),
      );
      bossCpu = b.cpu;
      bossMs = b.ms;
      bossRates = b.rates;
    } finally {
      stopped = true;
      await boss.stop({ graceful: false, wait: true });
    }
    log(`server[${svc.backend}]: pg-boss fetch + complete, ${WORKERS} workers, batches of ${size}, ${ops}: median ${fmt(bossMs, 0)} ms (${perS(rate(ops, bossMs))}; rounds ${bossRates.map(perS).join(' · ')}); CPU per job: ${bossCpu ? cpuText(bossCpu, ops, 'pg-boss') : '?'}`);
  } catch (e) {
    bossNote = `pg-boss did not run: ${e instanceof Error ? e.message : String(e)}`;
    log(bossNote);
  }
  return { ...base, storeMs, storeCpu, storeRates: store.rates, bossMs, bossCpu, bossRates, bossNote };
}

// ---- the bench -------------------------------------------------------------------------------

export async function runServerBench(options: ServerBenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const n = options.cases ?? Number(process.env.BENCH_SERVER_CASES ?? 10_000);
  const nBase = options.baselineCases ?? Number(process.env.BENCH_SERVER_BASELINE ?? 1_000);
  const ops = options.ops ?? Number(process.env.BENCH_SERVER_OPS ?? 10_000);
  const batchSize = options.batch ?? Number(process.env.BENCH_SERVER_BATCH ?? 100);
  const singleOps = options.singleOps ?? Number(process.env.BENCH_SERVER_SINGLE_OPS ?? 2_000);
  const wanted = options.backends ?? ((process.env.BENCH_SERVER_BACKENDS ?? 'postgres,pglite').split(',').map((s) => s.trim()) as Backend[]);

  const figures: BenchFigure[] = [{ label: 'load average (1 / 5 / 15 min) at the start', value: load() }];
  const checks: BenchCheck[] = [];

  let browser: Browser | null = null;
  try {
    browser = await openBrowser(log);
  } catch (e) {
    figures.push({ label: 'NOTE', value: `Chromium unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): the engine runs in Node on fake-indexeddb` });
  }

  try {
    for (const backend of wanted) {
      const name = backend === 'postgres' ? 'PostgreSQL' : 'PGlite';
      if (backend === 'postgres') {
        const problem = await probePostgres(PG_URL);
        if (problem) {
          figures.push({ label: `${name}: SKIPPED`, value: `unreachable at ${PG_URL} (${problem})` });
          continue;
        }
      }
      log(`server: ${name}`);
      const svc = await startService(backend);
      try {
        const p = await benchPush(svc, browser, n, nBase, log);
        const q = await benchQueue(svc, ops, batchSize, singleOps, 500 + 2 * p.cases + p.nodeCases + p.baselineCases, log);
        const engineRate = rate(p.cases, p.pushMs);
        const baseRate = rate(p.baselineCases, p.baselineMs);
        const ratio = engineRate / baseRate;
        const opsRate = rate(q.ops, q.httpMs);
        figures.push(
          { label: `${name}: push, sync engine (${p.engine}), ${p.cases.toLocaleString('en-US')} cases`, value: `${fmt(p.pushMs, 0)} ms = ${perS(engineRate)} (${p.requests} requests)` },
          { label: `${name}:   the same run with its 2.25 events per case pulled back`, value: `${fmt(p.runMs, 0)} ms` },
          ...(p.steps
            ? [
                {
                  label: `${name}:   the engine's own work (one batch at a time)`,
                  value: `reading due entries ${fmt(p.steps.loadDue, 0)} ms + preparing (read, check, hash) ${fmt(p.steps.prepare, 0)} ms + writing the answers ${fmt(p.steps.settle, 0)} ms; a push request in flight ${fmt((100 * p.steps.busy) / p.pushMs, 0)}% of the time`,
                },
              ]
            : []),
          ...(p.engineCpu
            ? [
                {
                  label: `${name}:   CPU of the push phase per 1,000 cases`,
                  value: `Chromium ${fmt((p.engineCpu.chromium * 1000) / p.cases, 0)} (${p.engineCpu.chromiumByType.map(([t, ms]) => `${t} ${fmt((ms * 1000) / p.cases, 0)}`).join(', ')}) · service ${fmt((p.engineCpu.service * 1000) / p.cases, 0)}${p.engineCpu.postgres !== null ? ` · PostgreSQL ${fmt((p.engineCpu.postgres * 1000) / p.cases, 0)}` : ''} ms; the machine busy ${fmt((100 * p.engineCpu.machineBusy) / Math.max(1, p.engineCpu.machineTotal), 0)}% of its ${cpus().length} cores`,
                },
              ]
            : []),
          ...(p.idbFloor
            ? [
                {
                  label: `${name}:   IndexedDB alone, CPU per record (all Chromium's processes, ${p.idbFloor.records.toLocaleString('en-US')} records, 200 a transaction)`,
                  value: `reading a case ${fmt(p.idbFloor.readUs, 0)} µs · settling its outbox entry ${fmt(p.idbFloor.settleUs, 0)} µs`,
                },
              ]
            : []),
          {
            label: `${name}: push baseline, one case per request, ${p.baselineCases.toLocaleString('en-US')} cases`,
            value: `${fmt(p.baselineMs, 0)} ms = ${perS(baseRate)} (→ ${fmt((p.cases / baseRate) * 1000, 0)} ms for ${p.cases.toLocaleString('en-US')})`,
          },
          { label: `${name}: push, batched ÷ one per request`, value: `${fmt(ratio, 1)}×` },
          { label: `${name}: push, bare HTTP client, ${p.cases.toLocaleString('en-US')} cases (the service alone)`, value: `${fmt(p.bareMs, 0)} ms = ${perS(rate(p.cases, p.bareMs))}` },
          {
            label: `${name}:   CPU per 1,000 cases`,
            value: cpuText({ client: p.bareCpu.client * 1000, service: p.bareCpu.service * 1000, postgres: p.bareCpu.postgres === null ? null : p.bareCpu.postgres * 1000 }, p.cases),
          },
          { label: `${name}: push, sync engine in Node (fake-indexeddb), ${p.nodeCases.toLocaleString('en-US')} cases`, value: `${fmt(p.nodeMs, 0)} ms = ${perS(rate(p.nodeCases, p.nodeMs))}` },
          {
            label: `${name}: claim + decide over HTTP, ${WORKERS} workers, batches of ${q.batch} (claim-batch + decisions), ${q.ops.toLocaleString('en-US')} dispatches, median of ${QUEUE_ROUNDS}`,
            value: `${fmt(q.httpMs, 0)} ms = ${perS(opsRate)} (rounds ${q.httpRates.map(perS).join(' · ')})`,
          },
          { label: `${name}:   CPU per operation (2 cores)`, value: cpuText(q.httpCpu, q.ops, '8 workers') },
          { label: `${name}: claim-next + decision, one dispatch per request, ${q.singleOps.toLocaleString('en-US')} (the inbox page's way)`, value: `${fmt(q.singleMs, 0)} ms = ${perS(rate(q.singleOps, q.singleMs))}` },
        );
        if (q.storeMs !== null && q.storeCpu)
          figures.push(
            { label: `${name}: claimBatchAs + decideBatchAs in-process (no HTTP), ${WORKERS} workers, batches of ${q.batch}, median of ${QUEUE_ROUNDS}`, value: `${fmt(q.storeMs, 0)} ms = ${perS(rate(q.ops, q.storeMs))} (rounds ${q.storeRates.map(perS).join(' · ')})` },
            { label: `${name}:   CPU per operation`, value: cpuText(q.storeCpu, q.ops, 'in-process') },
          );
        if (q.bossMs !== null && q.bossCpu)
          figures.push(
            { label: `${name}: pg-boss 10 fetch + complete, ${WORKERS} workers, batches of ${q.batch}, ${q.ops.toLocaleString('en-US')} jobs, median of ${QUEUE_ROUNDS}`, value: `${fmt(q.bossMs, 0)} ms = ${perS(rate(q.ops, q.bossMs))} (rounds ${q.bossRates.map(perS).join(' · ')})` },
            { label: `${name}:   CPU per job`, value: cpuText(q.bossCpu, q.ops, 'pg-boss') },
          );
        if (q.bossNote) figures.push({ label: `${name}: pg-boss`, value: q.bossNote });
        // The issue sets its targets on PostgreSQL (pg-boss, the yardstick, needs it too); PGlite's figures are for information.
        if (backend === 'postgres')
          checks.push(
            { label: `${name}: push from the sync engine`, target: `≥ ${perS(TARGET_PUSH_PER_S)}`, value: perS(engineRate), pass: engineRate >= TARGET_PUSH_PER_S },
            { label: `${name}: push, batched vs one case per request`, target: `≥ ${TARGET_RATIO}×`, value: `${fmt(ratio, 1)}×`, pass: ratio >= TARGET_RATIO },
            { label: `${name}: claim + decide, ${WORKERS} workers (batches of ${q.batch})`, target: `≥ ${perS(TARGET_OPS_PER_S)}`, value: perS(opsRate), pass: opsRate >= TARGET_OPS_PER_S },
          );
      } finally {
        await svc.close();
      }
    }
  } finally {
    await browser?.close();
    agent.destroy();
  }
  figures.push({ label: 'load average (1 / 5 / 15 min) at the end', value: load() });
  return { name: 'server (department-queue service: push, claim + decide)', figures, checks, pass: checks.length > 0 && checks.every((c) => c.pass) };
}

// Run directly: npx tsx test/bench/server.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runServerBench({ log: (l) => console.error(`  … ${l}`) }).then(
    (r) => {
      console.log(formatBenchResult(r));
      if (!r.pass) process.exitCode = 1;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
