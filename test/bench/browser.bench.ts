/**
 * Browser benchmark: the cases list, ID search and autosave with 100,000 stored cases, in
 * a real Chromium (Debian's /usr/bin/chromium via Playwright, the launch flags of
 * playwright.config.ts) on a profile on disk (not an in-memory incognito context).
 *
 * It serves a web build of the app, opens it with `?bench=1` and drives the app's own
 * database code through `window.__oneWindowBench` (src/renderer/src/cases/bench-hooks.ts);
 * times are taken inside the page with performance.now().
 *
 *   npx tsx test/bench/browser.bench.ts      (or via test/bench/run.ts)
 *
 * Environment:
 *   BENCH_CASES=100000        how many cases to seed
 *   BENCH_WEB_DIR=dist-web    serve this existing build instead of building one
 *                             (default: builds into node_modules/.cache/onewindow-bench/web,
 *                             reused while no source file is newer)
 *   ONEWINDOW_CHROMIUM=/path  the browser (as playwright.config.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { BenchView, SeededSample } from '../../src/renderer/src/cases/bench-hooks';
import { fmt, formatBenchResult, median, percentile, type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult } from './report';

const ROOT = resolve(import.meta.dirname, '../..');
const DEFAULT_OUT = join(ROOT, 'node_modules/.cache/onewindow-bench/web');
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const TARGET_LIST_MS = 200;
const TARGET_FIND_MS = 20;
const TARGET_AUTOSAVE_MS = 10;

export interface BrowserBenchOptions extends BenchOptions {
  cases?: number;
  listRuns?: number;
  lookups?: number;
  autosaves?: number;
}

// ---- build ----------------------------------------------------------------------------

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** The directory of a web build with the bench hooks: BENCH_WEB_DIR, or our own build (rebuilt when sources changed). */
export function ensureWebBuild(log: (l: string) => void): string {
  const given = process.env.BENCH_WEB_DIR;
  if (given) {
    const dir = resolve(ROOT, given);
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`BENCH_WEB_DIR=${given} has no index.html (run npm run build:web)`);
    log(`browser: serving the existing build in ${dir}`);
    return dir;
  }
  const index = join(DEFAULT_OUT, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src/renderer')),
    newestMtime(join(ROOT, 'src/core')),
    newestMtime(join(ROOT, 'resources')),
    statSync(join(ROOT, 'vite.web.config.ts')).mtimeMs,
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) {
    log(`browser: reusing the web build in ${DEFAULT_OUT} (newer than the sources)`);
    return DEFAULT_OUT;
  }
  log(`browser: npm run build:web -- --outDir ${DEFAULT_OUT}`);
  const r = spawnSync('npm', ['run', 'build:web', '--', '--outDir', DEFAULT_OUT, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ONEWINDOW_BENCH_HOOKS: '1' } });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
  return DEFAULT_OUT;
}

// ---- static server --------------------------------------------------------------------

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = resolve(root, '.' + path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (!addr || typeof addr === 'string') return fail(new Error('no port'));
      ok({ server, url: `http://127.0.0.1:${addr.port}/` });
    });
  });
}

// ---- helpers --------------------------------------------------------------------------

function stats(xs: number[]) {
  const s = Float64Array.from(xs).sort();
  return { median: median(s), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN };
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?bench=1`);
  await page.waitForFunction(() => !!window.__oneWindowBench, undefined, { timeout: 60_000 });
}

/** Opens #/cases from the guide and times until the rows and every tab count are on screen (then one frame). */
async function timeOpenCasesUi(page: Page): Promise<number> {
  await page.evaluate(() => {
    window.location.hash = '#/';
  });
  await page.getByTestId('item-table').waitFor();
  // A string, not a function: tsx (esbuild keepNames) would wrap inner functions in a `__name` helper the page lacks.
  return page.evaluate<number>(`new Promise((done, fail) => {
    const t0 = performance.now();
    const ready = () =>
      document.querySelectorAll('[data-testid="case-row"]').length > 0 &&
      document.querySelectorAll('[data-testid="cases-page"] .tab-count').length === 6 &&
      /\\d/.test(document.querySelector('[data-testid="cases-total"]')?.textContent ?? '');
    const obs = new MutationObserver(() => {
      if (!ready()) return;
      obs.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => done(performance.now() - t0));
    });
    const timer = setTimeout(() => {
      obs.disconnect();
      fail(new Error('the cases page did not show its rows and counts within 30 s'));
    }, 30000);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.location.hash = '#/cases';
  })`);
}

// ---- the bench ------------------------------------------------------------------------

export async function runBrowserBench(options: BrowserBenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const n = options.cases ?? Number(process.env.BENCH_CASES ?? 100_000);
  const listRuns = options.listRuns ?? 30;
  const lookups = options.lookups ?? 200;
  const autosaves = options.autosaves ?? 200;

  const dir = ensureWebBuild(log);
  const { server, url } = await serve(dir);
  const profile = mkdtempSync(join(tmpdir(), 'onewindow-bench-profile-'));
  const executablePath = process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...(executablePath ? { executablePath } : {}),
      args: LAUNCH_ARGS,
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.text().startsWith('[bench]')) log(`browser: ${m.text().slice(8)}`);
    });
    page.on('pageerror', (e) => log(`browser: page error: ${e.message}`));
    const browserVersion = context.browser()?.version() ?? 'chromium';
    await openApp(page, url);

    // -- seed
    log(`browser: seeding ${n} cases (bulkPut, batches of 5,000)…`);
    const seeded = await page.evaluate(async (count) => {
      const b = window.__oneWindowBench!;
      await b.clearCases();
      return b.seedCases(count, { batchSize: 5000, samples: 300 });
    }, n);
    const stored = await page.evaluate(() => window.__oneWindowBench!.count());
    log(`browser: seeded ${stored} in ${fmt(seeded.ms / 1000, 1)} s`);

    // -- list, cold: a fresh page load, first query
    await openApp(page, url);
    const cold = await page.evaluate(() => window.__oneWindowBench!.listFirstPage('all'));

    // -- list first page (rows + count), per view
    const views: BenchView[] = ['today', 'all', 'accepted', 'draft'];
    const listStats: Record<string, ReturnType<typeof stats> & { rows: number; total: number }> = {};
    for (const v of views) {
      const r = await page.evaluate(
        async ({ v, runs }) => {
          const b = window.__oneWindowBench!;
          await b.listFirstPage(v); // warm-up
          const ms: number[] = [];
          let last = { rows: 0, total: 0 };
          for (let i = 0; i < runs; i += 1) {
            const x = await b.listFirstPage(v);
            ms.push(x.ms);
            last = x;
          }
          return { ms, rows: last.rows, total: last.total };
        },
        { v, runs: listRuns },
      );
      listStats[v] = { ...stats(r.ms), rows: r.rows, total: r.total };
      log(`browser: list ${v}: median ${fmt(listStats[v]!.median)} ms, p95 ${fmt(listStats[v]!.p95)} ms (${r.rows} rows of ${r.total})`);
    }
    const page100 = await page.evaluate((runs) => window.__oneWindowBench!.listPageN('all', 100, runs), listRuns);
    const p100 = stats(page100.ms);

    // -- find by ID number
    const ids = seeded.samples.map((s: SeededSample) => s.idNumber).filter(Boolean);
    const find = await page.evaluate(
      async ({ ids, lookups }) => {
        const b = window.__oneWindowBench!;
        for (const id of ids.slice(0, 10)) await b.findById(id); // warm-up
        const ms: number[] = [];
        let misses = 0;
        for (let i = 0; i < lookups; i += 1) {
          const r = await b.findById(ids[(i * 7) % ids.length]!);
          ms.push(r.ms);
          if (r.found === 0) misses += 1;
        }
        return { ms, misses };
      },
      { ids, lookups },
    );
    const fs = stats(find.ms);
    log(`browser: find by ID: median ${fmt(fs.median)} ms, p95 ${fmt(fs.p95)} ms`);

    // -- autosave
    const save = await page.evaluate(async (runs) => {
      const b = window.__oneWindowBench!;
      for (let i = 0; i < 5; i += 1) await b.autosaveOnce(); // warm-up
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i += 1) {
        const r = await b.autosaveOnce();
        ms.push(r.ms);
        bytes = r.bytes;
      }
      return { ms, bytes };
    }, autosaves);
    const ss = stats(save.ms);
    log(`browser: autosave: median ${fmt(ss.median)} ms, p95 ${fmt(ss.p95)} ms`);

    // -- the page itself: open #/cases until rows and counts are painted
    await page.evaluate(() => window.__oneWindowBench!.signIn());
    await page.getByTestId('clerk-badge').waitFor({ timeout: 30_000 });
    const uiMs: number[] = [];
    await timeOpenCasesUi(page); // warm-up
    for (let i = 0; i < listRuns; i += 1) uiMs.push(await timeOpenCasesUi(page));
    const ui = stats(uiMs);
    log(`browser: open #/cases: median ${fmt(ui.median)} ms, p95 ${fmt(ui.p95)} ms`);

    const worstView = views.reduce((w, v) => (listStats[v]!.p95 > listStats[w]!.p95 ? v : w), views[0]!);
    const worst = listStats[worstView]!;
    const figures: BenchFigure[] = [
      { label: 'browser', value: `Chromium ${browserVersion}, profile on disk` },
      { label: 'cases stored', value: stored.toLocaleString('en-US') },
      { label: 'seed: bulkPut time (batches of 5,000)', value: `${fmt(seeded.ms / 1000, 2)} s (${seeded.batches} batches, ${fmt(seeded.ms / seeded.batches, 1)} ms per batch)` },
      { label: 'seed: throughput', value: `${Math.round(stored / (seeded.ms / 1000)).toLocaleString('en-US')} cases/s` },
      { label: 'seed: average record size (JSON)', value: `${fmt(seeded.avgRecordBytes / 1024, 2)} KB` },
      { label: 'list first page, cold (fresh page load, all)', value: cold.ms, unit: 'ms' },
      ...views.map((v) => ({
        label: `list first page + count: ${v} (${listRuns} runs) median / p95`,
        value: `${fmt(listStats[v]!.median)} / ${fmt(listStats[v]!.p95)} ms (${listStats[v]!.rows} rows of ${listStats[v]!.total.toLocaleString('en-US')})`,
      })),
      { label: `list page 100 (keyset), all: median / p95`, value: `${fmt(p100.median)} / ${fmt(p100.p95)} ms (${page100.rows} rows)` },
      { label: `find by ID number (${lookups} lookups) median / p95`, value: `${fmt(fs.median)} / ${fmt(fs.p95)} ms (max ${fmt(fs.max)}; ${find.misses} not found)` },
      { label: `autosave one draft (${fmt(save.bytes / 1024, 2)} KB, ${autosaves} runs) median / p95`, value: `${fmt(ss.median)} / ${fmt(ss.p95)} ms (max ${fmt(ss.max)})` },
      { label: `UI: open #/cases until rows + 6 tab counts painted (${listRuns} runs) median / p95`, value: `${fmt(ui.median)} / ${fmt(ui.p95)} ms` },
    ];
    const checks: BenchCheck[] = [
      { label: `cases list first page (worst view: ${worstView}), p95`, target: `≤ ${TARGET_LIST_MS} ms`, value: `${fmt(worst.p95)} ms`, pass: worst.p95 <= TARGET_LIST_MS },
      { label: 'cases page on screen (UI), p95', target: `≤ ${TARGET_LIST_MS} ms`, value: `${fmt(ui.p95)} ms`, pass: ui.p95 <= TARGET_LIST_MS },
      { label: 'find by ID number, p95', target: `≤ ${TARGET_FIND_MS} ms`, value: `${fmt(fs.p95)} ms`, pass: fs.p95 <= TARGET_FIND_MS && find.misses === 0 },
      { label: 'autosave, change → committed, p95', target: `≤ ${TARGET_AUTOSAVE_MS} ms`, value: `${fmt(ss.p95)} ms`, pass: ss.p95 <= TARGET_AUTOSAVE_MS },
    ];
    return { name: `browser (${stored.toLocaleString('en-US')} cases, IndexedDB)`, figures, checks, pass: checks.every((c) => c.pass) };
  } finally {
    await context?.close().catch(() => undefined);
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Run directly: npx tsx test/bench/browser.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBrowserBench({ log: (l) => console.error(l) }).then(
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
