/**
 * The optimized dashboards (typed columns, one pass, handling-time order) against a plain
 * reference written straight from the definitions, on random data and random filters.
 */
import { describe, expect, it } from 'vitest';
import {
  computeDashboard,
  computeDashboards,
  DIMENSIONS,
  prepareMetricCases,
  RATING_LEVELS,
  windowKey,
  type Dimension,
  type MetricCase,
  type MetricFilters,
  type MetricRow,
  type TrainingScore,
} from '.';
import { mulberry32, quantileSorted, type Rng } from '../stats';

function randomCases(r: Rng, n: number, applicants: number): MetricCase[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const items = ['I1', 'I2', 'I3', 'I4', 'I5', 'I6'];
  const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];
  const out: MetricCase[] = [];
  for (let i = 0; i < n; i += 1) {
    const decision = pick(['accept', 'accept', 'accept', 'oneTimeNotice', 'refuse'] as const);
    const itemCodes = r() < 0.2 ? [pick(items), pick(items), pick(items)] : [pick(items)]; // duplicates possible
    const deps = [...new Set(itemCodes.map((c) => `D${c.slice(1)}`))];
    const approvedDate = r() < 0.4 ? pick(days) : null;
    out.push({
      id: `case-${i}`,
      caseNumber: null,
      centreCode: pick(['330106', '330108']),
      windowNo: pick(['1', '2', '3']),
      clerkId: pick(['C1', 'C2', 'C3', 'C4']),
      itemCodes,
      departmentCodes: deps,
      applicantId: r() < 0.1 ? null : `P${Math.floor(r() * applicants)}`,
      createdAt: '',
      date: pick(days),
      decidedAt: '',
      decidedSec: Math.floor(r() * 1000),
      decision,
      handlingSeconds: r() < 0.1 ? null : r() < 0.3 ? Math.round(r() * 5000) / 10 : Math.floor(r() * 3000),
      deferred: decision === 'accept' && r() < 0.2,
      overdueSupplements: r() < 0.1 ? 1 + Math.floor(r() * 3) : 0,
      events: r() < 0.6 ? [{ kind: 'dispatched', at: '', departmentCode: deps[0]! }, ...(r() < 0.3 ? [{ kind: pick(['correctionRequested', 'returned', 'denied', 'approved'] as const), at: '', departmentCode: deps[0]! }] : [])] : [],
      approvedDate,
      promisedDate: decision === 'accept' && r() < 0.8 ? pick(days) : null,
      rating: r() < 0.5 ? pick(RATING_LEVELS) : null,
    });
  }
  return out;
}

const asSet = (v: string | readonly string[] | undefined) => (v === undefined ? null : new Set(typeof v === 'string' ? [v] : v));

/** Straight from the definitions in metrics.ts. */
function reference(cases: MetricCase[], groupBy: Dimension, filters: MetricFilters, training: TrainingScore[], lookbackDays?: number) {
  const lookback = lookbackDays === undefined ? Infinity : lookbackDays * 86400;
  const [centres, windows, clerks, items, deps] = [filters.centreCode, filters.window, filters.clerkId, filters.itemCode, filters.departmentCode].map(asSet);
  const passes = (c: MetricCase) =>
    (filters.from === undefined || c.date >= filters.from) &&
    (filters.to === undefined || c.date <= filters.to) &&
    (!centres || centres.has(c.centreCode)) &&
    (!windows || windows.has(windowKey(c.centreCode, c.windowNo))) &&
    (!clerks || clerks.has(c.clerkId)) &&
    (!items || c.itemCodes.some((x) => items.has(x))) &&
    (!deps || c.departmentCodes.some((x) => deps.has(x)));
  const oneVisit = (c: MetricCase) =>
    !cases.some(
      (o) =>
        o.decision === 'oneTimeNotice' &&
        c.applicantId !== null &&
        o.applicantId === c.applicantId &&
        o.itemCodes.some((x) => c.itemCodes.includes(x)) &&
        o.decidedSec < c.decidedSec &&
        o.decidedSec >= c.decidedSec - lookback,
    );
  const row = (key: string, list: MetricCase[], scores: TrainingScore[]): MetricRow => {
    const count = (p: (c: MetricCase) => boolean) => list.filter(p).length;
    const rate = (a: number, b: number) => (b > 0 ? a / b : null);
    const accepted = count((c) => c.decision === 'accept');
    const notices = count((c) => c.decision === 'oneTimeNotice');
    const refusals = count((c) => c.decision === 'refuse');
    const ov = count((c) => c.decision === 'accept' && oneVisit(c));
    const deferred = count((c) => c.decision === 'accept' && c.deferred);
    const dispatched = list.filter((c) => c.events.some((e) => e.departmentCode !== null || e.kind === 'dispatched'));
    const returned = dispatched.filter((c) => c.events.some((e) => e.kind === 'correctionRequested' || e.kind === 'returned')).length;
    const approved = list.filter((c) => c.approvedDate !== null);
    const onTime = approved.filter((c) => c.promisedDate !== null && c.approvedDate! <= c.promisedDate).length;
    const h = list.map((c) => c.handlingSeconds).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const ratings = Object.fromEntries(RATING_LEVELS.map((l) => [l, count((c) => c.rating === l)])) as MetricRow['ratings'];
    return {
      key,
      cases: list.length,
      accepted,
      notices,
      refusals,
      oneVisit: ov,
      oneVisitRate: rate(ov, accepted),
      noticeRate: rate(notices, list.length),
      refusalRate: rate(refusals, list.length),
      deferred,
      deferredRate: rate(deferred, accepted),
      overdueSupplements: list.reduce((s, c) => s + c.overdueSupplements, 0),
      casesWithOverdueSupplements: count((c) => c.overdueSupplements > 0),
      dispatched: dispatched.length,
      departmentReturns: returned,
      departmentReturnRate: rate(returned, dispatched.length),
      handlingMedianSeconds: h.length ? quantileSorted(h, 0.5) : null,
      handlingP90Seconds: h.length ? quantileSorted(h, 0.9) : null,
      approved: approved.length,
      approvedOnTime: onTime,
      promisedDateCompliance: rate(onTime, approved.length),
      rated: count((c) => c.rating !== null),
      ratings,
      trainingAverage: scores.length ? scores.reduce((s, t) => s + t.score, 0) / scores.length : null,
      trainingCount: scores.length,
    };
  };
  const selected = cases.filter(passes);
  const scores = training.filter(
    (t) =>
      (filters.from === undefined || t.date >= filters.from) &&
      (filters.to === undefined || t.date <= filters.to) &&
      (!clerks || clerks.has(t.clerkId)) &&
      (!centres || (t.centreCode !== undefined && centres.has(t.centreCode))),
  );
  const keysOf = (c: MetricCase): string[] =>
    groupBy === 'centre'
      ? [c.centreCode]
      : groupBy === 'window'
        ? [windowKey(c.centreCode, c.windowNo)]
        : groupBy === 'clerk'
          ? [c.clerkId]
          : groupBy === 'day'
            ? [c.date]
            : [...new Set(c.itemCodes)].filter((x) => !items || items.has(x));
  const keys = new Set(selected.flatMap(keysOf));
  if (groupBy === 'clerk') for (const t of scores) keys.add(t.clerkId);
  const rows = [...keys].sort().map((k) => row(k, selected.filter((c) => keysOf(c).includes(k)), groupBy === 'clerk' ? scores.filter((t) => t.clerkId === k) : []));
  return { groupBy, rows, total: row('total', selected, scores) };
}

const FILTERS: MetricFilters[] = [
  {},
  { from: '2026-11-29', to: '2026-12-01' },
  { centreCode: '330106' },
  { window: ['330108/2', '330106/1', 'nowhere/9'] },
  { clerkId: ['C2', 'C4'], to: '2026-11-30' },
  { itemCode: ['I2', 'I5'] },
  { departmentCode: 'D3', from: '2026-12-01' },
  { centreCode: [], itemCode: 'I1' },
];

describe('dashboards against a plain reference', () => {
  // 8 applicants: many notices each (indexed by item); 150: one or two each (scanned)
  for (const [seed, applicants] of [[1, 8], [2, 8], [3, 150], [4, 150]] as const) {
    it(`agree on random data (seed ${seed}, ${applicants} applicants)`, () => {
      const r = mulberry32(seed);
      const cases = randomCases(r, 400, applicants);
      const training: TrainingScore[] = Array.from({ length: 30 }, (_, i) => ({
        clerkId: `C${1 + (i % 6)}`,
        score: Math.round(r() * 100),
        date: i % 2 ? '2026-11-30' : '2026-12-02',
        ...(i % 3 ? { centreCode: i % 2 ? '330106' : '330108' } : {}),
      }));
      const data = prepareMetricCases(cases);
      for (const filters of FILTERS) {
        const all = computeDashboards(data, { filters, trainingScores: training });
        for (const d of DIMENSIONS) {
          const expected = reference(cases, d, filters, training);
          expect(all[d], `${d} ${JSON.stringify(filters)}`).toEqual(expected);
          expect(computeDashboard(cases, { groupBy: d, filters, trainingScores: training })).toEqual(expected);
        }
      }
      expect(computeDashboard(cases, { groupBy: 'clerk', oneVisitLookbackDays: 0.003 })).toEqual(reference(cases, 'clerk', {}, [], 0.003));
    });
  }
});
