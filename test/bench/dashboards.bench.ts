/**
 * Dashboards benchmark: every dashboard over 100,000 cases in ≤ 300 ms.
 *
 * 100,000 synthetic MetricCases, generated deterministically (mulberry32): a year of one
 * city's intake at 5 centres × 20 windows, 150 clerks, 975 items (a tenth of the cases are
 * bundles of 2–4 items), returning applicants, notices, refusals, 容缺, department events,
 * ratings, and 5,000 training results — round-tripped through JSON, as read from storage. Each dashboard is timed 20 times from the raw case
 * array — the per-case preparation (one-visit matching, typed columns) included in every
 * run — and must stay ≤ 300 ms at the median and at p95; so must all five dashboards computed
 * together in one pass. For information: each dashboard from a prepared dataset (what a filter
 * change in the UI costs), the CSV export and review sampling.
 *
 *   npx tsx test/bench/dashboards.bench.ts      (or: npx tsx test/bench/run.ts dashboards)
 */
import { pathToFileURL } from 'node:url';
import { dayNumberFromCivil, dayNumberToIso } from '../../src/core/calendar/isoDate';
import {
  computeDashboard,
  computeDashboards,
  metricsToCsv,
  mulberry32,
  prepareMetricCases,
  RATING_LEVELS,
  sampleForReview,
  type DashboardOptions,
  type MetricCase,
  type MetricEvent,
  type TrainingScore,
} from '../../src/core/quality';
import { fmt, formatBenchResult, median, percentile, type BenchCheck, type BenchFigure, type BenchOptions, type BenchResult } from './report';

export const CASE_COUNT = 100_000;
export const RUNS = 20;
const WARM_UP = 3;
const TARGET_MS = 300;

const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms

const CENTRES = ['330102', '330105', '330106', '330108', '330110'];
const WINDOWS_PER_CENTRE = 20;
const CLERKS = 150;
const ITEMS = 975;
const DEPARTMENTS = 29;
const APPLICANTS = 60_000;

/** 100,000 decided cases over 2026, the same every run. */
export function makeMetricCases(n = CASE_COUNT, seed = 20261130): MetricCase[] {
  const r = mulberry32(seed);
  const int = (k: number) => Math.floor(r() * k);
  const day0 = dayNumberFromCivil(2026, 1, 1);
  const days = Array.from({ length: 365 }, (_, i) => dayNumberToIso(day0 + i));
  const items = Array.from({ length: ITEMS }, (_, i) => `3301${String(i).padStart(8, '0')}`);
  const itemDept = items.map((_, i) => `D${String(i % DEPARTMENTS).padStart(2, '0')}`);
  const clerks = Array.from({ length: CLERKS }, (_, i) => ({
    clerkId: `C${String(i).padStart(4, '0')}`,
    centreCode: CENTRES[i % CENTRES.length]!,
    windowNo: String(1 + (Math.floor(i / CENTRES.length) % WINDOWS_PER_CENTRE)),
  }));
  const applicants = Array.from({ length: APPLICANTS }, (_, i) => `3301061990${String(i).padStart(8, '0')}`);
  const epoch2026 = day0 * 86400 - 8 * 3600; // 00:00 in Beijing
  const out: MetricCase[] = new Array(n);
  /** Recent one-time notices: some applicants come back with the missing materials. */
  const recentNotices: { applicantId: string; itemCodes: string[]; day: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    const clerk = clerks[int(CLERKS)]!;
    const back = recentNotices.length > 0 && r() < 0.12 ? recentNotices[int(recentNotices.length)]! : null;
    const d = back ? Math.min(364, back.day + 1 + int(10)) : int(365);
    const date = days[d]!;
    // popular items: a skewed pick
    const first = Math.floor(ITEMS * r() * r());
    const itemCodes = back ? [...back.itemCodes] : [items[first]!];
    if (!back && r() < 0.1) for (let k = 1 + int(3); k > 0; k -= 1) itemCodes.push(items[int(ITEMS)]!);
    const departmentCodes = [...new Set(itemCodes.map((c) => itemDept[items.indexOf(c)]!))];
    const x = r();
    const decision = back ? (x < 0.9 ? 'accept' : 'oneTimeNotice') : x < 0.75 ? 'accept' : x < 0.95 ? 'oneTimeNotice' : 'refuse';
    const applicantId = back ? back.applicantId : applicants[Math.floor(APPLICANTS * r() * r())]!;
    if (decision === 'oneTimeNotice') {
      if (recentNotices.length >= 500) recentNotices[int(500)] = { applicantId, itemCodes, day: d };
      else recentNotices.push({ applicantId, itemCodes, day: d });
    }
    const handlingSeconds = Math.round(120 + 900 * r() * r() * 4 + (r() < 0.02 ? 3600 : 0));
    const createdSec = epoch2026 + d * 86400 + 9 * 3600 + int(8 * 3600);
    const decidedSec = createdSec + handlingSeconds;
    const events: MetricEvent[] = [];
    let approvedDate: string | null = null;
    let promisedDate: string | null = null;
    if (decision === 'accept') {
      promisedDate = days[Math.min(364, d + 5 + int(10))] ?? null;
      if (r() < 0.9) {
        for (const dep of departmentCodes) events.push({ kind: 'dispatched', at: '', departmentCode: dep });
        const y = r();
        if (y < 0.08) events.push({ kind: 'correctionRequested', at: '', departmentCode: departmentCodes[0]! });
        else if (y < 0.1) events.push({ kind: 'returned', at: '', departmentCode: departmentCodes[0]! });
        else if (y < 0.11) events.push({ kind: 'denied', at: '', departmentCode: departmentCodes[0]! });
        else if (y < 0.8) {
          for (const dep of departmentCodes) events.push({ kind: 'approved', at: '', departmentCode: dep });
          approvedDate = days[Math.min(364, d + 2 + int(14))]!;
        }
      }
    }
    const deferred = decision === 'accept' && r() < 0.05;
    out[i] = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      caseNumber: `${clerk.centreCode}-${date.slice(2).replace(/-/g, '')}-${String(i).padStart(6, '0')}`,
      centreCode: clerk.centreCode,
      windowNo: clerk.windowNo,
      clerkId: clerk.clerkId,
      itemCodes,
      departmentCodes,
      applicantId,
      createdAt: `${date}T09:00:00+08:00`,
      date,
      decidedAt: `${date}T09:10:00+08:00`,
      decidedSec,
      decision,
      handlingSeconds,
      deferred,
      overdueSupplements: deferred && r() < 0.2 ? 1 + int(2) : 0,
      events,
      approvedDate,
      promisedDate,
      rating: r() < 0.6 ? RATING_LEVELS[Math.min(4, Math.floor(r() * r() * 5))]! : null,
    };
  }
  // As read from storage (IndexedDB hands out structured-clone copies): no string shared between cases.
  return JSON.parse(JSON.stringify(out)) as MetricCase[];
}

export function makeTrainingScores(n = 5000, seed = 7): TrainingScore[] {
  const r = mulberry32(seed);
  const day0 = dayNumberFromCivil(2026, 1, 1);
  return Array.from({ length: n }, () => {
    const i = Math.floor(r() * CLERKS);
    return { clerkId: `C${String(i).padStart(4, '0')}`, score: Math.round(50 + 50 * r()), date: dayNumberToIso(day0 + Math.floor(r() * 365)), centreCode: CENTRES[i % CENTRES.length]! };
  });
}

function time(runs: number, f: () => unknown): { median: number; p95: number; max: number } {
  for (let i = 0; i < WARM_UP; i += 1) f();
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i += 1) {
    const t0 = now();
    f();
    t[i] = now() - t0;
  }
  t.sort();
  return { median: median(t), p95: percentile(t, 95), max: t[t.length - 1]! };
}

export async function runDashboardsBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const t0 = now();
  const cases = makeMetricCases();
  const training = makeTrainingScores();
  log(`dashboards: generated ${cases.length} cases in ${fmt(now() - t0, 0)} ms; timing ${RUNS} runs per dashboard`);

  const dashboards: [string, DashboardOptions][] = [
    ['centre', { groupBy: 'centre' }],
    ['window', { groupBy: 'window' }],
    ['clerk (+ training scores)', { groupBy: 'clerk', trainingScores: training }],
    ['item', { groupBy: 'item' }],
    ['day', { groupBy: 'day' }],
    ['day, filtered (a quarter, one centre, one department)', { groupBy: 'day', filters: { from: '2026-04-01', to: '2026-06-30', centreCode: '330106', departmentCode: 'D03' } }],
    ['clerk, filtered (a month, items 1–100)', { groupBy: 'clerk', filters: { from: '2026-11-01', to: '2026-11-30', itemCode: Array.from({ length: 100 }, (_, i) => `3301${String(i).padStart(8, '0')}`) } }],
  ];

  const figures: BenchFigure[] = [{ label: 'cases', value: String(cases.length) }];
  const checks: BenchCheck[] = [];
  const prepared = prepareMetricCases(cases);
  const prep = time(RUNS, () => prepareMetricCases(cases));
  figures.push({ label: 'prepareMetricCases (once per data load): median / p95', value: `${fmt(prep.median)} / ${fmt(prep.p95)}`, unit: 'ms' });
  for (const [label, opts] of dashboards) {
    const d = computeDashboard(cases, opts);
    const raw = time(RUNS, () => computeDashboard(cases, opts));
    const fast = time(RUNS, () => computeDashboard(prepared, opts));
    figures.push({
      label: `${label}: rows; median / p95 from raw (prepared: median)`,
      value: `${d.rows.length}; ${fmt(raw.median)} / ${fmt(raw.p95)} (${fmt(fast.median)})`,
      unit: 'ms',
    });
    checks.push({ label: `${label}, from raw cases (p95)`, target: `≤ ${TARGET_MS} ms`, value: `${fmt(raw.p95)} ms`, pass: Math.max(raw.median, raw.p95) <= TARGET_MS });
  }

  const total = computeDashboard(prepared, { groupBy: 'centre' }).total;
  figures.push({
    label: 'total: one-visit / notice / return / compliance',
    value: [total.oneVisitRate, total.noticeRate, total.departmentReturnRate, total.promisedDateCompliance].map((x) => `${fmt((x ?? NaN) * 100, 1)}%`).join(' / '),
  });

  const all = time(RUNS, () => computeDashboards(cases, { trainingScores: training }));
  figures.push({ label: 'all five dashboards in one pass, from raw: median / p95', value: `${fmt(all.median)} / ${fmt(all.p95)}`, unit: 'ms' });
  checks.push({ label: 'all five dashboards in one pass, from raw (p95)', target: `≤ ${TARGET_MS} ms`, value: `${fmt(all.p95)} ms`, pass: Math.max(all.median, all.p95) <= TARGET_MS });

  const byDay = computeDashboard(prepared, { groupBy: 'day' });
  const csv = time(RUNS, () => metricsToCsv(byDay, 'zh-CN'));
  figures.push({ label: 'CSV of the day dashboard (366 rows): median', value: fmt(csv.median), unit: 'ms' });

  const week = cases.filter((c) => c.date >= '2026-11-30' && c.date <= '2026-12-06');
  const sampling = time(5, () => sampleForReview(week, { share: 0.05, minPerClerk: 2 }, { seed: 1 }));
  const drawn = sampleForReview(week, { share: 0.05, minPerClerk: 2 }, { seed: 1 });
  figures.push({ label: `review sampling of a week (${week.length} cases → ${drawn.sampled.length}): median`, value: fmt(sampling.median), unit: 'ms' });
  const yearSampling = time(3, () => sampleForReview(cases, { share: 0.05, minPerClerk: 2 }, { seed: 1 }));
  figures.push({ label: 'review sampling of the whole year: median', value: fmt(yearSampling.median), unit: 'ms' });

  return { name: `dashboards (${cases.length.toLocaleString('en-US')} cases)`, figures, checks, pass: checks.every((c) => c.pass) };
}

// Run directly: npx tsx test/bench/dashboards.bench.ts
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDashboardsBench({ log: (l) => console.error(l) }).then(
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
