/**
 * Pages of materials: upload throughput through the service's tus endpoint, against plain HTTP
 * PUTs of the same pages in the same run.
 *
 * 500 pages of ~250 KB (JPEG-shaped random bytes: compression would not shrink them) go by tus
 * creation-with-upload from node:http (the baseline's own HTTP client, so the two differ only in
 * what the service does) to the service as its own process
 * (`src/server/main.ts`, rate limit off, log off, the directory page store in a temporary
 * directory) over loopback: creation-with-upload, one request per page; the token looked up,
 * the SHA-256 checked and the page sealed with AES-256-GCM at completion, its rows written, the
 * request audited. Baseline: the same pages PUT one request each to a minimal node:http route in
 * its own process that writes the body to a file — no resumability, no authentication, no
 * check, no sealing, no database. Both with 4 pages in flight, after a warm-up of 20 pages each.
 * For information, the same pages through tus-js-client in Node (the workstation runs it in the
 * browser, over XHR; in Node it is markedly slower per request).
 * Target: tus throughput ≥ 0.8 × the baseline's, checked on PostgreSQL (a fresh database,
 * created and dropped); PGlite's figures are printed for information (checked when PostgreSQL
 * cannot be reached).
 *
 *   npx tsx test/bench/pages.bench.ts        (or: npx tsx test/bench/run.ts pages)
 *
 * Env: BENCH_PAGES (500), BENCH_PAGE_KB (250), BENCH_PAGES_PARALLEL (4),
 * BENCH_PAGES_BACKENDS (postgres,pglite), ONEWINDOW_TEST_PG (the PostgreSQL server),
 * BENCH_PAGES_PROF=<dir> (a CPU profile of the service process there).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCentre, createWorkstation } from '../../src/server/adminCommands';
import { type Db, openPglite, openPostgres } from '../../src/server/db';
import { migrate } from '../../src/server/migrate';
import { fakeJpeg, tusUpload } from '../server/pageHarness';
import { createScratchDatabase, probePostgres, type ScratchDatabase, startServerProcess } from '../server/serverProcess';
import { type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult, fmt, formatBenchResult } from './report';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PG_URL = process.env.ONEWINDOW_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

function put(url: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`PUT ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** tus creation-with-upload over node:http: the protocol without tus-js-client (for comparison). */
function rawTus(base: string, token: string, body: Buffer, meta: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/v1/pages/uploads/`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(body.length),
        'Upload-Metadata': Object.entries(meta).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`POST ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The baseline's minimal route, in its own process: PUT /<name> → the body to <dir>/<name>. */
const PLAIN_SERVER = `
const { createServer } = require('node:http');
const { createWriteStream } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[1];
const s = createServer((req, res) => {
  const out = createWriteStream(join(dir, req.url.replace(/[^0-9a-z]/g, '')));
  req.pipe(out);
  out.on('finish', () => { res.statusCode = 204; res.end(); });
  out.on('error', () => { res.statusCode = 500; res.end(); });
});
s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));
`;

function startPlain(dir: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PLAIN_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d) => {
      const m = /port (\d+)/.exec(String(d));
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, child });
    });
    child.once('exit', (code) => reject(new Error(`the plain server exited (${code})`)));
  });
}

async function seed(db: Db): Promise<string> {
  await migrate(db);
  await createCentre(db, '330106', '西湖区政务服务中心');
  const ws = await createWorkstation(db, '330106', '7K');
  await db.close();
  return ws.token;
}

interface Run {
  /** tus creation-with-upload from node:http: the same HTTP client as the baseline. */
  tusMs: number;
  /** the same through tus-js-client in Node. */
  clientMs: number;
  plainMs: number;
}

async function runOne(backend: 'postgres' | 'pglite', pages: Buffer[], warm: Buffer[], width: number, log: (l: string) => void): Promise<Run> {
  const root = mkdtempSync(join(tmpdir(), 'ow-pages-bench-'));
  let scratch: ScratchDatabase | null = null;
  const dataDir = join(root, 'pglite');
  try {
    let token: string;
    if (backend === 'postgres') {
      scratch = await createScratchDatabase(PG_URL, 'ow_bench');
      token = await seed(await openPostgres({ url: scratch.url, max: 2 }));
    } else token = await seed(await openPglite({ dataDir }));
    const service = await startServerProcess({
      ...(backend === 'postgres' ? { databaseUrl: scratch!.url } : { dataDir }),
      env: { ONEWINDOW_PAGES_DIR: join(root, 'pages') },
      ...(process.env.BENCH_PAGES_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PAGES_PROF}`] } : {}),
    });
    mkdirSync(join(root, 'plain'));
    const plain = await startPlain(join(root, 'plain'));
    try {
      // 50 pages a case, as a large intake would have.
      const cases = Array.from({ length: Math.ceil((pages.length + warm.length) / 50) }, () => crypto.randomUUID());
      const metaOf = (p: Buffer, i: number) => ({ sha256: sha(p), caseId: cases[Math.floor(i / 50)]!, mime: 'image/jpeg' });
      const tusOne = (p: Buffer, i: number) => rawTus(service.url, token, p, metaOf(p, i));
      const clientOne = (p: Buffer, i: number) => tusUpload(service.url, token, p, metaOf(p, i)).then(() => {});
      const putOne = (p: Buffer) => put(`${plain.url}/${sha(p)}`, p);
      log(`${backend}: warm-up, ${warm.length} pages each way`);
      await inParallel(warm, width, putOne);
      await inParallel(warm, width, (p, i) => tusOne(p, pages.length + i));
      const timed = async (what: string, fn: () => Promise<void>) => {
        log(`${backend}: ${what}, ${pages.length} pages`);
        const t = performance.now();
        await fn();
        return performance.now() - t;
      };
      const plainMs = await timed('plain PUT', () => inParallel(pages, width, putOne));
      const tusMs = await timed('tus', () => inParallel(pages, width, tusOne));
      // tus-js-client: the same pages again (each page's second upload only adds its rows)
      const clientMs = await timed('tus-js-client', () => inParallel(pages, width, clientOne));
      return { tusMs, clientMs, plainMs };
    } finally {
      plain.child.kill('SIGTERM');
      await service.stop();
    }
  } finally {
    await scratch?.drop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runPagesBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const count = Number(process.env.BENCH_PAGES ?? 500);
  const kb = Number(process.env.BENCH_PAGE_KB ?? 250);
  const width = Number(process.env.BENCH_PAGES_PARALLEL ?? 4);
  const wanted = (process.env.BENCH_PAGES_BACKENDS ?? 'postgres,pglite').split(',').map((s) => s.trim());
  const make = (n: number) => Array.from({ length: n }, () => fakeJpeg(Math.round(kb * 1024 * (0.9 + Math.random() * 0.2))));
  const pages = make(count);
  const warm = make(20);
  const mb = pages.reduce((s, p) => s + p.length, 0) / 1024 / 1024;
  const pgProblem = wanted.includes('postgres') ? await probePostgres(PG_URL) : 'not asked for';
  const figures: BenchFigure[] = [{ label: 'data', value: mb, unit: 'MiB' }];
  const checks: BenchCheck[] = [];
  const checkedOn = pgProblem === null ? 'postgres' : 'pglite';
  if (pgProblem !== null && wanted.includes('postgres')) figures.push({ label: 'PostgreSQL', value: `skipped: ${pgProblem}` });
  for (const backend of ['postgres', 'pglite'] as const) {
    if (!wanted.includes(backend) || (backend === 'postgres' && pgProblem !== null)) continue;
    const r = await runOne(backend, pages, warm, width, log);
    const ratio = r.plainMs / r.tusMs;
    figures.push(
      { label: `${backend}: tus (node:http)`, value: `${fmt(r.tusMs / 1000)} s — ${fmt(count / (r.tusMs / 1000))} pages/s, ${fmt(mb / (r.tusMs / 1000))} MiB/s` },
      { label: `${backend}: tus via tus-js-client`, value: `${fmt(r.clientMs / 1000)} s — ${fmt(count / (r.clientMs / 1000))} pages/s, ${fmt(mb / (r.clientMs / 1000))} MiB/s` },
      { label: `${backend}: plain PUT (baseline)`, value: `${fmt(r.plainMs / 1000)} s — ${fmt(count / (r.plainMs / 1000))} pages/s, ${fmt(mb / (r.plainMs / 1000))} MiB/s` },
      { label: `${backend}: tus / plain`, value: ratio },
    );
    if (backend === checkedOn) checks.push({ label: `tus throughput / plain PUT throughput (${backend})`, target: '≥ 0.8', value: fmt(ratio), pass: ratio >= 0.8 });
  }
  figures.push({ label: 'load average', value: loadavg().map((l) => l.toFixed(2)).join(' ') });
  return { name: `pages: ${count} pages of ~${kb} KB over loopback, ${width} in flight`, figures, checks, pass: checks.length > 0 && checks.every((c) => c.pass) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runPagesBench({ log: (l) => console.log(`  … ${l}`) });
  console.log(formatBenchResult(r));
  process.exit(r.pass ? 0 : 1);
}
