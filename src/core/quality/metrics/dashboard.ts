/**
 * The dashboards: one pass over a prepared dataset with the filters as masks over each
 * dimension's keys, each case added to its group in every dimension and to the total.
 */
import { quantileSorted } from '../stats';
import { B_ACCEPT, B_APPROVED, B_DEFERRED, B_DISPATCHED, B_NOTICE, B_ONE_VISIT, B_ON_TIME, B_RETURNED } from './bits';
import { DIMENSIONS, MetricDataset, type Dimension, type KeyIndex, type MultiIndex, type PrepareOptions, type SingleIndex } from './dataset';
import type { MetricCase } from './input';
import type { RatingLevel } from './ratings';

type OneOrMany = string | readonly string[];

export interface MetricFilters {
  /** First day (YYYY-MM-DD, China date of creation), inclusive. */
  from?: string;
  /** Last day, inclusive. */
  to?: string;
  centreCode?: OneOrMany;
  /** Window keys `<centreCode>/<windowNo>`. */
  window?: OneOrMany;
  clerkId?: OneOrMany;
  /** Cases with any of these items; item rows are limited to them. */
  itemCode?: OneOrMany;
  /** Cases that went to any of these departments. */
  departmentCode?: OneOrMany;
}

/** One training result (a plain input: training mode produces them). */
export interface TrainingScore {
  clerkId: string;
  /** 0–100. */
  score: number;
  /** YYYY-MM-DD. */
  date: string;
  centreCode?: string;
}

export interface DashboardOptions extends PrepareOptions {
  groupBy: Dimension;
  filters?: MetricFilters;
  trainingScores?: readonly TrainingScore[];
}

export interface DashboardsOptions extends PrepareOptions {
  /** Default: all five. */
  dimensions?: readonly Dimension[];
  filters?: MetricFilters;
  trainingScores?: readonly TrainingScore[];
}

export interface MetricRow {
  /** Centre code, window key, clerk id, item code or date; 'total' for the total row. */
  key: string;
  cases: number;
  accepted: number;
  notices: number;
  refusals: number;
  oneVisit: number;
  oneVisitRate: number | null;
  noticeRate: number | null;
  refusalRate: number | null;
  deferred: number;
  deferredRate: number | null;
  overdueSupplements: number;
  casesWithOverdueSupplements: number;
  dispatched: number;
  departmentReturns: number;
  departmentReturnRate: number | null;
  handlingMedianSeconds: number | null;
  handlingP90Seconds: number | null;
  approved: number;
  approvedOnTime: number;
  promisedDateCompliance: number | null;
  rated: number;
  ratings: Record<RatingLevel, number>;
  trainingAverage: number | null;
  trainingCount: number;
}

export interface Dashboard {
  groupBy: Dimension;
  /** By key, ascending (dates chronologically). */
  rows: MetricRow[];
  /** Every filtered case once. */
  total: MetricRow;
}

/** Running sums of one group (a class: one hidden shape, fast property access). */
class Acc {
  cases = 0;
  accepted = 0;
  notices = 0;
  refusals = 0;
  oneVisit = 0;
  deferred = 0;
  overdue = 0;
  withOverdue = 0;
  dispatched = 0;
  returned = 0;
  approved = 0;
  onTime = 0;
  r0 = 0;
  r1 = 0;
  r2 = 0;
  r3 = 0;
  r4 = 0;
  /** Cases with a known handling time. */
  timed = 0;
  trainSum = 0;
  trainCount = 0;

  add(b: number, rating: number, overdue: number, timed: boolean): void {
    this.cases += 1;
    if (timed) this.timed += 1;
    if (b & B_ACCEPT) {
      this.accepted += 1;
      if (b & B_ONE_VISIT) this.oneVisit += 1;
      if (b & B_DEFERRED) this.deferred += 1;
    } else if (b & B_NOTICE) this.notices += 1;
    else this.refusals += 1;
    if (overdue > 0) {
      this.overdue += overdue;
      this.withOverdue += 1;
    }
    if (b & B_DISPATCHED) {
      this.dispatched += 1;
      if (b & B_RETURNED) this.returned += 1;
    }
    if (b & B_APPROVED) {
      this.approved += 1;
      if (b & B_ON_TIME) this.onTime += 1;
    }
    switch (rating) {
      case -1:
        break;
      case 0:
        this.r0 += 1;
        break;
      case 1:
        this.r1 += 1;
        break;
      case 2:
        this.r2 += 1;
        break;
      case 3:
        this.r3 += 1;
        break;
      default:
        this.r4 += 1;
    }
  }

  /** `handling`: the group's handling times, sorted ascending. */
  row(key: string, handling: Float64Array): MetricRow {
    const rate = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const has = handling.length > 0;
    return {
      key,
      cases: this.cases,
      accepted: this.accepted,
      notices: this.notices,
      refusals: this.refusals,
      oneVisit: this.oneVisit,
      oneVisitRate: rate(this.oneVisit, this.accepted),
      noticeRate: rate(this.notices, this.cases),
      refusalRate: rate(this.refusals, this.cases),
      deferred: this.deferred,
      deferredRate: rate(this.deferred, this.accepted),
      overdueSupplements: this.overdue,
      casesWithOverdueSupplements: this.withOverdue,
      dispatched: this.dispatched,
      departmentReturns: this.returned,
      departmentReturnRate: rate(this.returned, this.dispatched),
      handlingMedianSeconds: has ? quantileSorted(handling, 0.5) : null,
      handlingP90Seconds: has ? quantileSorted(handling, 0.9) : null,
      approved: this.approved,
      approvedOnTime: this.onTime,
      promisedDateCompliance: rate(this.onTime, this.approved),
      rated: this.r0 + this.r1 + this.r2 + this.r3 + this.r4,
      ratings: { verySatisfied: this.r0, satisfied: this.r1, basicallySatisfied: this.r2, dissatisfied: this.r3, veryDissatisfied: this.r4 },
      trainingAverage: this.trainCount > 0 ? this.trainSum / this.trainCount : null,
      trainingCount: this.trainCount,
    };
  }
}

function toSet(v: OneOrMany | undefined): Set<string> | null {
  if (v === undefined) return null;
  return new Set(typeof v === 'string' ? [v] : v);
}

/** 1 for each key of `index` that passes `test`. */
function keyMask(index: KeyIndex, test: (key: string) => boolean): Uint8Array {
  const m = new Uint8Array(index.keys.length);
  for (let g = 0; g < m.length; g += 1) if (test(index.keys[g]!)) m[g] = 1;
  return m;
}

function setMask(index: KeyIndex, set: Set<string> | null): Uint8Array | null {
  return set === null ? null : keyMask(index, (k) => set.has(k));
}

function anyMasked(x: MultiIndex, i: number, mask: Uint8Array): boolean {
  for (let j = x.start[i]!, end = x.start[i + 1]!; j < end; j += 1) if (mask[x.of[j]!] === 1) return true;
  return false;
}

/** The groups of one dimension while a dashboard is computed. */
interface Groups {
  dimension: Dimension;
  index: SingleIndex | MultiIndex;
  accs: (Acc | undefined)[];
  /** Groups outside the index (training results of clerks without cases), by key. */
  extra: Map<string, Acc>;
}

/**
 * The dashboards of several dimensions over the same cases and filters, in one pass over the
 * cases (filters checked once per case on precomputed indices; each case added to its group
 * in every dimension and to the total). Handling-time quantiles come from the cases in order
 * of handling time, so nothing is sorted per dashboard.
 */
export function computeDashboards(input: readonly MetricCase[] | MetricDataset, options: DashboardsOptions = {}): Record<Dimension, Dashboard> {
  const data = input instanceof MetricDataset ? input : new MetricDataset(input, options);
  const { n, bits, rating, overdue, handling } = data;
  const f = options.filters ?? {};
  const { from, to } = f;

  // filters as masks over each dimension's keys
  const dayIdx = from !== undefined || to !== undefined ? data.single('day') : null;
  const dayMask = dayIdx && keyMask(dayIdx, (k) => (from === undefined || k >= from) && (to === undefined || k <= to));
  const centres = toSet(f.centreCode);
  const centreIdx = centres ? data.single('centre') : null;
  const centreMask = centreIdx && setMask(centreIdx, centres);
  const windows = toSet(f.window);
  const windowIdx = windows ? data.single('window') : null;
  const windowMask = windowIdx && setMask(windowIdx, windows);
  const clerks = toSet(f.clerkId);
  const clerkIdx = clerks ? data.single('clerk') : null;
  const clerkMask = clerkIdx && setMask(clerkIdx, clerks);
  const items = toSet(f.itemCode);
  const itemIdx = items ? data.multi('item') : null;
  const itemMask = itemIdx && setMask(itemIdx, items);
  const departments = toSet(f.departmentCode);
  const deptIdx = departments ? data.multi('department') : null;
  const deptMask = deptIdx && setMask(deptIdx, departments);

  const dims = options.dimensions ?? DIMENSIONS;
  const singles: { groups: Groups; of: Int32Array }[] = [];
  let itemGroups: Groups | null = null;
  const all: Groups[] = [];
  for (const d of DIMENSIONS) {
    if (!dims.includes(d)) continue;
    const index = d === 'item' ? data.multi('item') : data.single(d);
    const groups: Groups = { dimension: d, index, accs: new Array<Acc | undefined>(index.keys.length), extra: new Map() };
    all.push(groups);
    if (d === 'item') itemGroups = groups;
    else singles.push({ groups, of: (index as SingleIndex).of });
  }
  const itemOf = itemGroups?.index as MultiIndex | undefined;

  const selected = new Uint8Array(n);
  const total = new Acc();
  for (let i = 0; i < n; i += 1) {
    if (dayMask !== null && dayMask[dayIdx!.of[i]!] !== 1) continue;
    if (centreMask !== null && centreMask[centreIdx!.of[i]!] !== 1) continue;
    if (windowMask !== null && windowMask[windowIdx!.of[i]!] !== 1) continue;
    if (clerkMask !== null && clerkMask[clerkIdx!.of[i]!] !== 1) continue;
    if (itemMask !== null && !anyMasked(itemIdx!, i, itemMask)) continue;
    if (deptMask !== null && !anyMasked(deptIdx!, i, deptMask)) continue;
    selected[i] = 1;
    const b = bits[i]!;
    const r = rating[i]!;
    const o = overdue[i]!;
    const h = handling[i]!;
    const timed = h === h; // not NaN
    total.add(b, r, o, timed);
    for (let s = 0; s < singles.length; s += 1) {
      const { groups, of } = singles[s]!;
      const g = of[i]!;
      (groups.accs[g] ??= new Acc()).add(b, r, o, timed);
    }
    if (itemOf !== undefined) {
      // a bundle counts in the row of each of its items (once in the total)
      for (let j = itemOf.start[i]!, end = itemOf.start[i + 1]!; j < end; j += 1) {
        const g = itemOf.of[j]!;
        if (itemMask !== null && itemMask[g] !== 1) continue;
        (itemGroups!.accs[g] ??= new Acc()).add(b, r, o, timed);
      }
    }
  }

  for (const t of options.trainingScores ?? []) {
    if (from !== undefined && t.date < from) continue;
    if (to !== undefined && t.date > to) continue;
    if (clerks !== null && !clerks.has(t.clerkId)) continue;
    if (centres !== null && (t.centreCode === undefined || !centres.has(t.centreCode))) continue;
    if (!Number.isFinite(t.score)) continue;
    total.trainSum += t.score;
    total.trainCount += 1;
    const clerkGroups = all.find((g) => g.dimension === 'clerk');
    if (clerkGroups) {
      const g = clerkGroups.index.lookup.get(t.clerkId);
      let a: Acc | undefined;
      if (g !== undefined) a = clerkGroups.accs[g] ??= new Acc();
      else {
        a = clerkGroups.extra.get(t.clerkId);
        if (!a) clerkGroups.extra.set(t.clerkId, (a = new Acc()));
      }
      a.trainSum += t.score;
      a.trainCount += 1;
    }
  }

  // handling times: walk the cases in order of handling time, filling each group's slice
  const order = data.handlingOrder();
  const totalValues = new Float64Array(total.timed);
  const slices = all.map((groups) => {
    const start = new Int32Array(groups.accs.length + 1);
    for (let g = 0; g < groups.accs.length; g += 1) start[g + 1] = start[g]! + (groups.accs[g]?.timed ?? 0);
    return { start, fill: start.slice(0, groups.accs.length), values: new Float64Array(start[groups.accs.length]!) };
  });
  let nt = 0;
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k]!;
    if (selected[i] !== 1) continue;
    const h = handling[i]!;
    totalValues[nt++] = h;
    for (let s = 0; s < all.length; s += 1) {
      const groups = all[s]!;
      const sl = slices[s]!;
      if (groups === itemGroups) {
        for (let j = itemOf!.start[i]!, end = itemOf!.start[i + 1]!; j < end; j += 1) {
          const g = itemOf!.of[j]!;
          if (itemMask !== null && itemMask[g] !== 1) continue;
          sl.values[sl.fill[g]!++] = h;
        }
      } else sl.values[sl.fill[(groups.index as SingleIndex).of[i]!]!++] = h;
    }
  }

  const totalRow = total.row('total', totalValues);
  const none = new Float64Array(0);
  const out = {} as Record<Dimension, Dashboard>;
  all.forEach((groups, s) => {
    const { start, values } = slices[s]!;
    const rows: MetricRow[] = [];
    for (const g of groups.index.sorted) {
      const a = groups.accs[g];
      if (a !== undefined) rows.push(a.row(groups.index.keys[g]!, values.subarray(start[g]!, start[g + 1]!)));
    }
    if (groups.extra.size > 0) {
      for (const [key, a] of groups.extra) rows.push(a.row(key, none));
      rows.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    }
    out[groups.dimension] = { groupBy: groups.dimension, rows, total: totalRow };
  });
  return out;
}

/**
 * One dashboard: the rows of `groupBy` and the total, over the cases passing `filters`.
 * Pass a MetricDataset (prepareMetricCases) to share the per-case work between dashboards.
 */
export function computeDashboard(input: readonly MetricCase[] | MetricDataset, options: DashboardOptions): Dashboard {
  const { groupBy, ...rest } = options;
  return computeDashboards(input, { ...rest, dimensions: [groupBy] })[groupBy];
}

/** Average training score per clerk (plain input), filtered by date range, centre and clerk. */
export function trainingAverages(scores: readonly TrainingScore[], filters: MetricFilters = {}): Map<string, { average: number; count: number }> {
  const d = computeDashboard([], { groupBy: 'clerk', filters, trainingScores: scores });
  return new Map(d.rows.map((r) => [r.key, { average: r.trainingAverage ?? NaN, count: r.trainingCount }]));
}