/**
 * Runs the benchmarks and prints their figures with PASS/FAIL against each target.
 * Benchmarks print figures; they are not timed tests (no test runner, no retries).
 *
 *   npx tsx test/bench/run.ts                 every benchmark
 *   npx tsx test/bench/run.ts checklist browser   only those
 *
 * Exit code 1 when a target is missed or a benchmark fails to run.
 * Last, the size of the renderer build (dist-web/, else out/renderer/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatBenchResult, type BenchOptions, type BenchResult } from './report';

type Bench = (options: BenchOptions) => Promise<BenchResult>;

/** name → its run function, loaded only when that benchmark runs; add a benchmark here. */
export const benches: Record<string, () => Promise<Bench>> = {
  search: () => import('./search.bench').then((m) => m.runSearchBench),
  checklist: () => import('./checklist.bench').then((m) => m.runChecklistBench),
  browser: () => import('./browser.bench').then((m) => m.runBrowserBench),
  dashboards: () => import('./dashboards.bench').then((m) => m.runDashboardsBench),
  server: () => import('./server.bench').then((m) => m.runServerBench),
  soak: () => import('./soak.bench').then((m) => m.runSoakBench),
  national: () => import('./national.bench').then((m) => m.runNationalBench),
  sharing: () => import('./sharing.bench').then((m) => m.runSharingBench), // licence look-up over 1,000,000 licences
  materials: () => import('./materials.bench').then((m) => m.runMaterialsBench),
  pages: () => import('./pages.bench').then((m) => m.runPagesBench),
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Total bytes of the renderer build, and raw + gzip bytes of its JavaScript. */
export function rendererBuildSize(): string {
  const dir = [join(root, 'dist-web'), join(root, 'out', 'renderer')].find((d) => existsSync(d) && statSync(d).isDirectory());
  if (!dir) return 'renderer build not found — run npm run build:web first';
  const kib = (n: number) => `${n} bytes (${(n / 1024).toFixed(1)} KiB)`;
  let total = 0;
  let js = 0;
  let jsGzip = 0;
  let jsFiles = 0;
  const files = filesUnder(dir);
  for (const f of files) {
    const buf = readFileSync(f);
    total += buf.length;
    if (/\.(m?js|cjs)$/.test(f)) {
      jsFiles++;
      js += buf.length;
      jsGzip += gzipSync(buf).length;
    }
  }
  return [
    `== renderer build (${relative(root, dir)}/) ==`,
    `  files             ${files.length}`,
    `  total             ${kib(total)}`,
    `  JavaScript        ${kib(js)} in ${jsFiles} file(s)`,
    `  JavaScript gzip   ${kib(jsGzip)}`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !(a in benches));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')} (have: ${Object.keys(benches).join(', ')})`);
    return 2;
  }
  const names = argv.length ? argv : Object.keys(benches);
  const log = (line: string) => console.error(`  … ${line}`);
  const summary: string[] = [];
  let failed = false;
  for (const name of names) {
    const t0 = performance.now();
    try {
      const run = await benches[name]!();
      const r = await run({ log });
      console.log(formatBenchResult(r));
      console.log('');
      summary.push(`${r.pass ? 'PASS' : 'FAIL'}  ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      failed ||= !r.pass;
    } catch (e) {
      console.error(e);
      summary.push(`ERROR ${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      failed = true;
    }
  }
  console.log(rendererBuildSize());
  console.log('');
  console.log('== summary ==');
  for (const s of summary) console.log(`  ${s}`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
