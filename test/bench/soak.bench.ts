/**
 * Soak benchmark: a clerk's whole day on one page. Drives SOAK_INTAKES (default 200) full
 * intakes of 失业登记 through the UI of the browser build in Chromium — open the item, answer
 * the situation, receive every material, type the applicant, accept — without ever reloading,
 * and every 25 intakes reads, after a forced garbage collection (CDP HeapProfiler.collectGarbage):
 * the JS heap in use, the DOM nodes of the document and the nodes V8 still holds (Performance
 * metrics), and the time each intake took.
 *
 * Targets (a long shift must end as it started):
 * - heap growth after the warm-up (the first 25 intakes), scaled to 300 intakes, ≤ 1 MB — of
 *   the page's data: heap snapshots after the warm-up and at the end split the JS heap into
 *   V8's compiled code and the rest. The JIT keeps compiling (and tiering up) more of the
 *   app's functions for a few hundred intakes — code bounded by the app's own size, not by
 *   the number of intakes; with the JIT's tiers off (SOAK_JS_FLAGS below) JSHeapUsedSize
 *   itself stays flat after the warm-up. JSHeapUsedSize is printed at every checkpoint;
 * - the DOM flat (the same screen has the same number of nodes at every checkpoint);
 * - the median intake time of the last 25 within 10 % of the first 25 — wall time, and the
 *   renderer's main-thread CPU time, which other processes on a shared machine do not inflate.
 *
 *   npx tsx test/bench/run.ts soak      (or npx tsx test/bench/soak.bench.ts)
 *
 * Environment: SOAK_INTAKES=200; SOAK_JS_FLAGS (extra V8 flags, e.g. `--no-opt --no-maglev --no-sparkplug`
 * to tell compiled code apart from data); BENCH_WEB_DIR / ONEWINDOW_CHROMIUM as browser.bench.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { residentIdCheckChar } from '../../src/core/identity/residentId';
import { ensureWebBuild, LAUNCH_ARGS, serve } from './browser.bench';
import { fmt, formatBenchResult, median, type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult } from './report';

const ITEM = '330003002000'; // 失业登记: one question, three materials, no item fields
const EVERY = 25;
const TARGET_HEAP_MB_PER_300 = 1;
const TARGET_SLOWDOWN = 0.1;

export interface SoakBenchOptions extends BenchOptions {
  intakes?: number;
}

interface Checkpoint {
  intakes: number;
  heapMB: number;
  domNodes: number;
  v8Nodes: number;
}

/** The n-th applicant's resident ID: valid (GB 11643-1999 check character), one per intake. */
function residentId(n: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `330106${birth}${String(100 + (n % 800)).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

export async function setUp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const form = page.getByTestId('first-run');
  await form.getByLabel('中心行政区划代码').fill('330106');
  await form.getByLabel('服务中心名称').fill('示例市民中心');
  await form.getByLabel('工作站代码').fill('7K');
  await form.getByLabel('工号').fill('C0042');
  await form.getByLabel('姓名').fill('王晓梅');
  await form.getByLabel('密码', { exact: true }).fill('Yichuang-2026');
  await form.getByLabel('再次输入密码').fill('Yichuang-2026');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('sign-in').waitFor();
  await page.getByLabel('工号').fill('C0042');
  await page.getByLabel('密码', { exact: true }).fill('Yichuang-2026');
  await page.getByLabel('窗口号').fill('7');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('clerk-badge').waitFor();
}

/** One intake through the UI, from the item page to the case page with its notice; returns ms. */
export async function oneIntake(page: Page, n: number): Promise<number> {
  const t0 = performance.now();
  await page.evaluate((item) => {
    window.location.hash = `#/items/${item}`;
  }, ITEM);
  await page.getByTestId('start-intake').click();
  await page.getByTestId('intake').waitFor();
  const questions = page.getByTestId('question');
  await questions.first().waitFor();
  const q = await questions.count();
  for (let i = 0; i < q; i++) await questions.nth(i).getByRole('radio').first().check();
  await page.getByTestId('next-step').click();
  const lines = page.getByTestId('check-line');
  await lines.first().waitFor();
  const m = await lines.count();
  for (let i = 0; i < m; i++) await lines.nth(i).getByRole('radio', { name: /收原件/ }).check();
  await page.getByTestId('next-step').click();
  await page.getByLabel('姓名', { exact: true }).fill('李明');
  await page.getByTestId('applicant-id-number').fill(residentId(n));
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByTestId('next-step').click();
  await page.getByTestId('review-applicant').waitFor();
  await page.getByTestId('next-step').click();
  await page.getByTestId('choose-accept').check();
  await page.getByTestId('confirm-decision').click();
  await page.getByTestId('document-view').getByText('受理通知书').first().waitFor();
  return performance.now() - t0;
}

/**
 * What a heap snapshot holds, in bytes: V8's compiled code (the JIT's machine code, bytecode
 * and their metadata: type `code`) and everything else of the JS heap (the page's data).
 * Blink's own objects (`native`) are left out, as JSHeapUsedSize leaves them out.
 */
async function heapSplit(cdp: CDPSession): Promise<{ codeMB: number; dataMB: number }> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iSize = fields.indexOf('self_size');
  let code = 0;
  let data = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]!];
    const size = snap.nodes[i + iSize]!;
    if (type === 'code') code += size;
    else if (type !== 'native' && type !== 'synthetic') data += size;
  }
  return { codeMB: code / 1_048_576, dataMB: data / 1_048_576 };
}

async function checkpoint(page: Page, cdp: CDPSession, intakes: number): Promise<Checkpoint> {
  // The same screen at every checkpoint (the guide's home), after the page has settled.
  await page.evaluate(() => {
    window.location.hash = '#/';
  });
  await page.getByTestId('item-table').waitFor();
  await page.waitForTimeout(300);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { intakes, heapMB: metric('JSHeapUsedSize') / 1_048_576, domNodes, v8Nodes: metric('Nodes') };
}

export async function runSoakBench(options: SoakBenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const total = Math.max(2 * EVERY, options.intakes ?? Number(process.env.SOAK_INTAKES ?? 200));
  const dir = ensureWebBuild(log);
  const { server, url } = await serve(dir);
  const profile = mkdtempSync(join(tmpdir(), 'onewindow-soak-profile-'));
  const executablePath = process.env.ONEWINDOW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...(executablePath ? { executablePath } : {}),
      args: [...LAUNCH_ARGS, ...(process.env.SOAK_JS_FLAGS ? [`--js-flags=${process.env.SOAK_JS_FLAGS}`] : [])],
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // window.print() would open a dialog that never closes in a headless page: count it instead.
    await page.addInitScript(() => {
      window.print = () => undefined;
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await setUp(page, url);

    const times: number[] = [];
    // The renderer's main-thread CPU time per intake (CDP ThreadTime): unlike the wall time it
    // does not grow when other processes take the machine's cores.
    const cpu: number[] = [];
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN;
    let warmSplit: { codeMB: number; dataMB: number } | undefined;
    let endSplit: { codeMB: number; dataMB: number } | undefined;
    const points: Checkpoint[] = [await checkpoint(page, cdp, 0)];
    log(`soak: start heap ${fmt(points[0]!.heapMB, 2)} MB, ${points[0]!.domNodes} DOM nodes`);
    for (let n = 1; n <= total; n++) {
      const c0 = await threadTime();
      times.push(await oneIntake(page, n));
      cpu.push(((await threadTime()) - c0) * 1000);
      if (n % EVERY === 0 || n === total) {
        const p = await checkpoint(page, cdp, n);
        points.push(p);
        if (n === EVERY) warmSplit = await heapSplit(cdp);
        if (n === total) endSplit = await heapSplit(cdp);
        const last = times.slice(-EVERY).sort((a, b) => a - b);
        log(`soak: ${n} intakes — heap ${fmt(p.heapMB, 2)} MB, DOM ${p.domNodes} nodes (V8 ${p.v8Nodes}), median intake ${fmt(median(last), 0)} ms`);
      }
    }

    const warm = points.find((p) => p.intakes === EVERY)!;
    const end = points[points.length - 1]!;
    const growthPer300 = ((end.heapMB - warm.heapMB) / (end.intakes - warm.intakes)) * 300;
    const split = (a: { codeMB: number; dataMB: number }, b: { codeMB: number; dataMB: number }) => ({
      code: ((b.codeMB - a.codeMB) / (end.intakes - warm.intakes)) * 300,
      data: ((b.dataMB - a.dataMB) / (end.intakes - warm.intakes)) * 300,
    });
    const bySnapshot = split(warmSplit!, endSplit!);
    const domAfterWarm = points.filter((p) => p.intakes >= EVERY).map((p) => p.domNodes);
    const domSpread = Math.max(...domAfterWarm) - Math.min(...domAfterWarm);
    const firstMedian = median(times.slice(0, EVERY).sort((a, b) => a - b));
    const lastMedian = median(times.slice(-EVERY).sort((a, b) => a - b));
    const slowdown = lastMedian / firstMedian - 1;
    const firstCpu = median(cpu.slice(0, EVERY).sort((a, b) => a - b));
    const lastCpu = median(cpu.slice(-EVERY).sort((a, b) => a - b));
    const cpuSlowdown = lastCpu / firstCpu - 1;

    const figures: BenchFigure[] = [
      { label: 'browser', value: `Chromium ${context.browser()?.version() ?? ''}, one page, no reload` },
      { label: 'intakes through the UI', value: String(total) },
      ...points.map((p) => ({
        label: `after ${String(p.intakes).padStart(3)} intakes: heap (after GC) / DOM nodes / V8 nodes`,
        value: `${fmt(p.heapMB, 2)} MB / ${p.domNodes} / ${p.v8Nodes}`,
      })),
      { label: 'heap growth per intake after warm-up', value: `${fmt(((end.heapMB - warm.heapMB) * 1024) / (end.intakes - warm.intakes), 2)} KB` },
      { label: `heap snapshot after ${warm.intakes} / ${end.intakes} intakes: data / compiled code`, value: `${fmt(warmSplit!.dataMB, 2)} / ${fmt(endSplit!.dataMB, 2)} MB; ${fmt(warmSplit!.codeMB, 2)} / ${fmt(endSplit!.codeMB, 2)} MB` },
      { label: 'heap growth per 300 intakes after warm-up (JSHeapUsedSize)', value: `${fmt(growthPer300, 2)} MB, of which V8's compiled code ${fmt(bySnapshot.code, 2)} MB (snapshots)` },
      { label: `median intake time, first ${EVERY} / last ${EVERY}`, value: `${fmt(firstMedian, 0)} / ${fmt(lastMedian, 0)} ms` },
      { label: `median main-thread CPU per intake, first ${EVERY} / last ${EVERY}`, value: `${fmt(firstCpu, 0)} / ${fmt(lastCpu, 0)} ms` },
      { label: 'page errors and console errors', value: errors.length ? `${errors.length}: ${errors.slice(0, 3).join(' | ')}` : 'none' },
    ];
    const checks: BenchCheck[] = [
      {
        label: `heap growth after warm-up, data (snapshot without V8's compiled code), per 300 intakes (${warm.intakes}→${end.intakes} scaled)`,
        target: `≤ ${TARGET_HEAP_MB_PER_300} MB`,
        value: `${fmt(bySnapshot.data, 2)} MB`,
        pass: bySnapshot.data <= TARGET_HEAP_MB_PER_300,
      },
      { label: 'DOM nodes on the same screen after warm-up, max − min', target: '0 (flat)', value: `${domSpread} (${Math.min(...domAfterWarm)}–${Math.max(...domAfterWarm)})`, pass: domSpread === 0 },
      { label: `median intake time, last ${EVERY} against first ${EVERY}`, target: `≤ +${TARGET_SLOWDOWN * 100} %`, value: `${slowdown >= 0 ? '+' : ''}${fmt(slowdown * 100, 1)} %`, pass: slowdown <= TARGET_SLOWDOWN },
      { label: `median main-thread CPU per intake, last ${EVERY} against first ${EVERY} (the same, whatever else runs on the machine)`, target: `≤ +${TARGET_SLOWDOWN * 100} %`, value: `${cpuSlowdown >= 0 ? '+' : ''}${fmt(cpuSlowdown * 100, 1)} %`, pass: cpuSlowdown <= TARGET_SLOWDOWN },
      { label: 'no page or console error', target: '0', value: String(errors.length), pass: errors.length === 0 },
    ];
    return { name: `soak (${total} intakes through the UI on one page)`, figures, checks, pass: checks.every((c) => c.pass) };
  } finally {
    await context?.close().catch(() => undefined);
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Run directly: npx tsx test/bench/soak.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSoakBench({ log: (l) => console.error(l) }).then(
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
