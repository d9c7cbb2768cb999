/**
 * Dashboard computations: per centre, window, clerk, item or day, with filters
 * (date range, centre, window, clerk, item, department), and a CSV export for Excel.
 *
 * Input is a compact `MetricCase` per decided case, built once with `toMetricCase` when a
 * case is stored or its status events / ratings change — all parsing of timestamps happens
 * there. `prepareMetricCases` then works out, once per data load, what each case contributes
 * (typed columns: decision, one-visit, 容缺, return, on-time bits; rating; overdue; handling
 * time) and, on first use, each dimension's keys as per-case indices and the cases in order
 * of handling time. A dashboard is then one pass over typed arrays with filters as masks over
 * the keys: a few ms on a prepared dataset, ≤ 300 ms from 100,000 raw cases including the
 * preparation (test/bench/dashboards.bench.ts). Training cases are never input.
 *
 * ## Definitions (per group; rates are fractions 0–1, null when the denominator is 0)
 * - cases: decided cases (受理 + 一次性告知 + 不予受理); drafts are not cases yet.
 * - oneVisitRate 一次办成率: accepted cases with no earlier one-time notice (decided before
 *   this case's decision, within `oneVisitLookbackDays`, default unlimited) to the same
 *   applicant (normalised ID / USCC) for any of the same items — over all input cases, not
 *   only the filtered ones — / accepted. A case taken in again after a notice (再次受理,
 *   `followsUp`) is the same applicant matter as the notice: never one-visit, whatever its
 *   applicant ID (a company being founded has none; a typo corrected on the second visit)
 *   and however long ago the notice was.
 * - noticeRate: one-time notices / cases. refusalRate: refusals (不予受理 at the window) / cases.
 * - deferredRate 容缺率: accepted with deferred materials / accepted; overdueSupplements:
 *   deferred materials not supplied by their deadline (sum), and the cases with any.
 * - departmentReturnRate: cases with a correctionRequested (补正) or returned (退件) event /
 *   cases dispatched (any department event).
 * - handling time at the window: createdAt → decision, median and P90 (linear, type 7), seconds.
 * - promisedDateCompliance: cases approved (办结 at every department) on or before the
 *   promised date (the latest promised date of the case's items) / cases approved.
 * - ratings 好差评: count per level of the five; rated = cases with a rating.
 * - training: average score of the training results of the group's clerks (clerk rows and
 *   the total only; filtered by date, centre and clerk).
 * A bundle case counts once in the total and once in the row of each of its items.
 */
import { z } from 'zod';
import type { Locale, Localized } from '../i18n';
import { normalizeIdentityInput } from '../identity/normalize';
import type { IntakeCase } from '../intake/case';
import { IsoDateTime, chinaDateOf } from '../intake/time';
import type { StatusEvent, StatusEventKind } from '../sync/protocol';
import { caseTimeline } from '../sync/timeline';
import { epochSeconds, quantileSorted } from './stats';
import { RATING_LEVELS, RatingLevel, RATING_LEVEL_LABELS as RATING_LABELS } from '../lifecycle/ratingSchema';

const text = z.string().trim().min(1);

// ---- 好差评 --------------------------------------------------------------------------------

// The five levels and their labels are the stored rating's (lifecycle/ratingSchema.ts), defined once.
export { RATING_LEVELS, RatingLevel, RATING_LEVEL_LABELS as RATING_LABELS } from '../lifecycle/ratingSchema';

/** One evaluation, triggered with the case number (一次一评 on site, 一事一评 online). */
export const Rating = z.object({
  caseNumber: text,
  level: RatingLevel,
  at: IsoDateTime,
  channel: z.enum(['onSite', 'online']).optional(),
});
export type Rating = z.infer<typeof Rating>;

// ---- the input -------------------------------------------------------------------------------

export type DecisionKind = 'accept' | 'oneTimeNotice' | 'refuse';

export interface MetricEvent {
  kind: StatusEventKind;
  /** As the server sent it. */
  at: string;
  departmentCode: string | null;
}

/** One decided case, flattened for the dashboards. Times are precomputed: no Date parsing in the hot loop. */
export interface MetricCase {
  id: string;
  caseNumber: string | null;
  centreCode: string;
  windowNo: string;
  clerkId: string;
  /** Basic codes of the case's items (one, or a bundle's). */
  itemCodes: readonly string[];
  /** Departments the case went to (from its events, or the catalog). */
  departmentCodes: readonly string[];
  /** Normalised ID number / USCC of the applicant; null when unknown. Only used to match, never shown. */
  applicantId: string | null;
  createdAt: string;
  /** The date in China of createdAt (YYYY-MM-DD): the day dimension and the date filter. */
  date: string;
  decidedAt: string;
  /** Epoch seconds of decidedAt (orders notices before acceptances). */
  decidedSec: number;
  decision: DecisionKind;
  /** createdAt → decidedAt in seconds; null when a timestamp could not be read. */
  handlingSeconds: number | null;
  /** 容缺受理: accepted with deferred materials. */
  deferred: boolean;
  /** Deferred materials not supplied by their deadline. */
  overdueSupplements: number;
  /** Status events, by cursor. */
  events: readonly MetricEvent[];
  /** Date in China when the last department approved it (办结 everywhere); null otherwise. */
  approvedDate: string | null;
  /** The latest promised completion date of its items (YYYY-MM-DD); null unless accepted. */
  promisedDate: string | null;
  /** The latest rating, if any. */
  rating: RatingLevel | null;
  /** Id of the notice case this one was taken in again after (再次受理); absent or null otherwise. */
  followsUp?: string | null;
}

/** What 容缺受理 records per deferred material: the deadline and when it was supplied. */
export interface DeferralInfo {
  materials: readonly { key: string; deadline: string; suppliedOn: string | null }[];
}

export interface ToMetricOptions {
  /** Today (YYYY-MM-DD), to count outstanding supplements past their deadline. Without it only late ones count. */
  asOf?: string;
  /** The case's 容缺 record; none = not deferred. */
  deferral?: DeferralInfo | null;
  /** Responsible department of an item (catalog), for cases not dispatched yet. */
  departmentOf?: (basicCode: string) => string | undefined;
}

function chinaDateOrNull(at: string): string | null {
  try {
    return chinaDateOf(at);
  } catch {
    return /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : null;
  }
}

/** The applicant's ID as a matching key: normalised resident ID / USCC; other ID types keep their label. */
export function applicantIdOf(c: Pick<IntakeCase, 'applicant'>): string | null {
  const a = c.applicant;
  if (!a) return null;
  if (a.kind === 'organisation') return a.uscc ? normalizeIdentityInput(a.uscc) : null;
  if (!a.idNumber) return null;
  const n = normalizeIdentityInput(a.idNumber);
  return a.idType === 'other' ? `${normalizeIdentityInput(a.idTypeLabel ?? 'other')}:${n}` : n;
}

/**
 * The MetricCase of a decided case (null for a draft): `events` may hold other cases'
 * events and `ratings` other cases' ratings — only this case's are used.
 */
export function toMetricCase(
  c: IntakeCase,
  events: readonly StatusEvent[],
  ratings: readonly Rating[],
  options: ToMetricOptions = {},
): MetricCase | null {
  const d = c.decision;
  if (c.status === 'draft' || !d) return null;
  const itemCodes = c.subject.kind === 'item' ? [c.subject.basicCode] : [...c.subject.basicCodes];
  const timeline = caseTimeline(events.filter((e) => e.caseId === c.id));
  const departments = new Set<string>();
  for (const e of timeline.events) if (e.departmentCode !== null) departments.add(e.departmentCode);
  if (options.departmentOf)
    for (const code of itemCodes) {
      const dep = options.departmentOf(code);
      if (dep) departments.add(dep);
    }
  let approvedDate: string | null = null;
  if (timeline.overall === 'approved') {
    const last = timeline.events.filter((e) => e.kind === 'approved').at(-1);
    approvedDate = last ? chinaDateOrNull(last.at) : null;
  }
  const created = epochSeconds(c.createdAt);
  const decided = epochSeconds(d.at);
  const caseNumber = c.caseNumber ?? d.caseNumber;
  let rating: Rating | null = null;
  let ratingSec = -Infinity;
  for (const r of ratings) {
    if (r.caseNumber !== caseNumber) continue;
    const s = epochSeconds(r.at) ?? -Infinity;
    if (rating === null || s >= ratingSec) {
      rating = r;
      ratingSec = s;
    }
  }
  const deferredMaterials = d.kind === 'accept' ? (options.deferral?.materials ?? []) : [];
  let overdue = 0;
  for (const m of deferredMaterials) {
    if (m.suppliedOn !== null ? m.suppliedOn > m.deadline : options.asOf !== undefined && options.asOf > m.deadline) overdue += 1;
  }
  return {
    id: c.id,
    caseNumber,
    centreCode: c.clerk.centreCode,
    windowNo: c.clerk.windowNo,
    clerkId: d.by || c.clerk.clerkId,
    itemCodes,
    departmentCodes: [...departments].sort(),
    applicantId: applicantIdOf(c),
    createdAt: c.createdAt,
    date: chinaDateOrNull(c.createdAt) ?? chinaDateOrNull(d.at) ?? '',
    decidedAt: d.at,
    decidedSec: decided ?? created ?? 0,
    decision: d.kind,
    handlingSeconds: created !== null && decided !== null ? Math.max(0, decided - created) : null,
    deferred: deferredMaterials.length > 0,
    overdueSupplements: overdue,
    events: timeline.events.map((e) => ({ kind: e.kind, at: e.at, departmentCode: e.departmentCode })),
    approvedDate,
    promisedDate: d.kind === 'accept' ? d.promisedDates.reduce<string | null>((m, p) => (m === null || p.date > m ? p.date : m), null) : null,
    rating: rating?.level ?? null,
    followsUp: c.followsUp?.caseId ?? null,
  };
}

// ---- the prepared dataset: per-case columns, worked out once ------------------------------------------

const B_ACCEPT = 1;
const B_NOTICE = 2;
const B_REFUSE = 4;
const B_ONE_VISIT = 8;
const B_DEFERRED = 16;
const B_DISPATCHED = 32;
const B_RETURNED = 64;
const B_DENIED = 128;
const B_APPROVED = 256;
const B_ON_TIME = 512;

/** An applicant with more notices than this has them indexed by item. */
const MANY_NOTICES = 8;

const RATING_INDEX: Readonly<Record<string, number>> = {
  verySatisfied: 0,
  satisfied: 1,
  basicallySatisfied: 2,
  dissatisfied: 3,
  veryDissatisfied: 4,
};

export type Dimension = 'centre' | 'window' | 'clerk' | 'item' | 'day';
export const DIMENSIONS: readonly Dimension[] = ['centre', 'window', 'clerk', 'item', 'day'];

/** The key of a window in rows and filters: `<centreCode>/<windowNo>` (window numbers repeat across centres). */
export function windowKey(centreCode: string, windowNo: string): string {
  return `${centreCode}/${windowNo}`;
}

/** The distinct keys of a dimension, and each case's key as an index into them. */
interface KeyIndex {
  keys: string[];
  lookup: Map<string, number>;
  /** Group indices in ascending key order. */
  sorted: Int32Array;
}
/** One key per case. */
interface SingleIndex extends KeyIndex {
  of: Int32Array;
}
/** Several keys per case (items, departments): case i has of[start[i] … start[i+1]). */
interface MultiIndex extends KeyIndex {
  start: Int32Array;
  of: Int32Array;
}

function sortedOrder(keys: readonly string[]): Int32Array {
  const order = Int32Array.from(keys.keys());
  return Int32Array.from([...order].sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0)));
}

function singleIndex(n: number, keyOf: (i: number) => string): SingleIndex {
  const lookup = new Map<string, number>();
  const keys: string[] = [];
  const of = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const k = keyOf(i);
    let g = lookup.get(k);
    if (g === undefined) {
      g = keys.length;
      lookup.set(k, g);
      keys.push(k);
    }
    of[i] = g;
  }
  return { keys, lookup, of, sorted: sortedOrder(keys) };
}

function multiIndex(n: number, listOf: (i: number) => readonly string[]): MultiIndex {
  const lookup = new Map<string, number>();
  const keys: string[] = [];
  const start = new Int32Array(n + 1);
  let of = new Int32Array(Math.max(16, n + (n >> 2)));
  let m = 0;
  for (let i = 0; i < n; i += 1) {
    start[i] = m;
    const list = listOf(i);
    for (let k = 0; k < list.length; k += 1) {
      const key = list[k]!;
      let g = lookup.get(key);
      if (g === undefined) {
        g = keys.length;
        lookup.set(key, g);
        keys.push(key);
      }
      let dup = false;
      for (let j = start[i]!; j < m; j += 1) if (of[j] === g) dup = true;
      if (dup) continue;
      if (m === of.length) {
        const grown = new Int32Array(m * 2);
        grown.set(of);
        of = grown;
      }
      of[m++] = g;
    }
  }
  start[n] = m;
  return { keys, lookup, start, of: of.slice(0, m), sorted: sortedOrder(keys) };
}

export interface PrepareOptions {
  /** A notice counts against a later acceptance only within this many days (default: unlimited). */
  oneVisitLookbackDays?: number;
}

/**
 * The cases with what each contributes worked out once, as typed columns, and (built on
 * first use, then kept) each dimension's keys as per-case indices and the cases in order of
 * handling time. A dashboard over a prepared dataset touches no case object and no string:
 * prepare once per data load and pass it to every dashboard, so a filter change in the UI
 * costs a few milliseconds. Treat the cases as frozen once prepared.
 */
export class MetricDataset {
  readonly n: number;
  /** Per case: accept 1, notice 2, refuse 4, one-visit 8, deferred 16, dispatched 32, returned 64, denied 128, approved 256, on time 512. */
  readonly bits: Uint16Array;
  /** Per case: the rating's index in RATING_LEVELS, −1 for none. */
  readonly rating: Int8Array;
  readonly overdue: Int32Array;
  /** Per case: handling seconds, NaN when unknown. */
  readonly handling: Float64Array;
  private readonly cache = new Map<string, SingleIndex | MultiIndex | Int32Array>();

  constructor(
    readonly cases: readonly MetricCase[],
    options: PrepareOptions = {},
  ) {
    const n = cases.length;
    this.n = n;
    const bits = (this.bits = new Uint16Array(n));
    const rating = (this.rating = new Int8Array(n));
    const overdue = (this.overdue = new Int32Array(n));
    const handling = (this.handling = new Float64Array(n));
    const lookback = options.oneVisitLookbackDays === undefined ? Infinity : options.oneVisitLookbackDays * 86400;
    // One-time notices per applicant as a flat list [item, decidedSec, item, decidedSec, …]: most
    // applicants have one or two, so a scan beats a map per applicant. An applicant with many
    // (an agency 代办 applying for its clients) gets them by item, sorted, for a binary search.
    const flat = new Map<string, (string | number)[]>();
    for (let i = 0; i < n; i += 1) {
      const c = cases[i]!;
      if (c.decision !== 'oneTimeNotice' || c.applicantId === null) continue;
      let list = flat.get(c.applicantId);
      if (list === undefined) {
        list = [];
        flat.set(c.applicantId, list);
      }
      for (const item of c.itemCodes) list.push(item, c.decidedSec);
    }
    const notices = new Map<string, (string | number)[] | Map<string, Float64Array>>();
    for (const [applicant, list] of flat) {
      if (list.length <= 2 * MANY_NOTICES) {
        notices.set(applicant, list);
        continue;
      }
      const byItem = new Map<string, number[]>();
      for (let k = 0; k < list.length; k += 2) {
        const item = list[k] as string;
        const times = byItem.get(item);
        if (times) times.push(list[k + 1] as number);
        else byItem.set(item, [list[k + 1] as number]);
      }
      notices.set(applicant, new Map([...byItem].map(([item, times]) => [item, Float64Array.from(times).sort()])));
    }
    /** Whether the applicant had a notice for one of `items` decided in [since, until). */
    const noticeBefore = (applicantId: string | null, items: readonly string[], since: number, until: number): boolean => {
      const found = applicantId === null ? undefined : notices.get(applicantId);
      if (found === undefined) return false;
      if (Array.isArray(found)) {
        for (let k = 0; k < found.length; k += 2) {
          const t = found[k + 1] as number;
          if (t < until && t >= since && items.includes(found[k] as string)) return true;
        }
        return false;
      }
      for (const item of items) {
        const times = found.get(item);
        if (times === undefined) continue;
        let lo = 0;
        let hi = times.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (times[mid]! < since) lo = mid + 1;
          else hi = mid;
        }
        if (lo < times.length && times[lo]! < until) return true;
      }
      return false;
    };
    for (let i = 0; i < n; i += 1) {
      const c = cases[i]!;
      let b = 0;
      const events = c.events;
      for (let k = 0; k < events.length; k += 1) {
        const e = events[k]!;
        if (e.departmentCode !== null || e.kind === 'dispatched') b |= B_DISPATCHED;
        if (e.kind === 'correctionRequested' || e.kind === 'returned') b |= B_RETURNED;
        else if (e.kind === 'denied') b |= B_DENIED;
      }
      const d = c.decision;
      if (d === 'accept') {
        b |= B_ACCEPT;
        if (c.deferred) b |= B_DEFERRED;
        if (!c.followsUp && !noticeBefore(c.applicantId, c.itemCodes, c.decidedSec - lookback, c.decidedSec)) b |= B_ONE_VISIT;
      } else if (d === 'oneTimeNotice') b |= B_NOTICE;
      else b |= B_REFUSE;
      const approved = c.approvedDate;
      if (approved !== null) {
        b |= B_APPROVED;
        if (c.promisedDate !== null && approved <= c.promisedDate) b |= B_ON_TIME;
      }
      bits[i] = b;
      rating[i] = c.rating === null ? -1 : (RATING_INDEX[c.rating] ?? -1);
      overdue[i] = c.overdueSupplements > 0 ? c.overdueSupplements : 0;
      const h = c.handlingSeconds;
      handling[i] = h === null || !Number.isFinite(h) ? NaN : h;
    }
  }

  private cached<T extends SingleIndex | MultiIndex | Int32Array>(key: string, build: () => T): T {
    let v = this.cache.get(key) as T | undefined;
    if (v === undefined) {
      v = build();
      this.cache.set(key, v);
    }
    return v;
  }

  /** Centre, window, clerk or day of each case as an index into the dimension's keys. */
  single(d: Exclude<Dimension, 'item'>): SingleIndex {
    const c = this.cases;
    return this.cached(d, () => {
      switch (d) {
        case 'centre':
          return singleIndex(this.n, (i) => c[i]!.centreCode);
        case 'clerk':
          return singleIndex(this.n, (i) => c[i]!.clerkId);
        case 'day':
          return singleIndex(this.n, (i) => c[i]!.date);
        case 'window': {
          // two levels, so the key string is built once per window, not once per case
          const byCentre = new Map<string, Map<string, string>>();
          return singleIndex(this.n, (i) => {
            const x = c[i]!;
            let w = byCentre.get(x.centreCode);
            if (w === undefined) byCentre.set(x.centreCode, (w = new Map()));
            let k = w.get(x.windowNo);
            if (k === undefined) w.set(x.windowNo, (k = windowKey(x.centreCode, x.windowNo)));
            return k;
          });
        }
      }
    });
  }

  /** Items or departments of each case. */
  multi(d: 'item' | 'department'): MultiIndex {
    const c = this.cases;
    return this.cached(d, () => multiIndex(this.n, d === 'item' ? (i) => c[i]!.itemCodes : (i) => c[i]!.departmentCodes));
  }

  /** Indices of the cases with a known handling time, by handling time ascending. */
  handlingOrder(): Int32Array {
    return this.cached('handlingOrder', () => {
      const h = this.handling;
      const known: number[] = [];
      let integral = true;
      let max = 0;
      for (let i = 0; i < this.n; i += 1) {
        const v = h[i]!;
        if (v !== v) continue;
        known.push(i);
        if (v < 0 || !Number.isInteger(v)) integral = false;
        else if (v > max) max = v;
      }
      const m = known.length;
      const bitsForIndex = Math.max(1, Math.ceil(Math.log2(this.n + 1)));
      if (integral && max < 2 ** (52 - bitsForIndex)) {
        // pack value and index into one float and sort numerically: no comparator calls
        const scale = 2 ** bitsForIndex;
        const packed = new Float64Array(m);
        for (let k = 0; k < m; k += 1) packed[k] = h[known[k]!]! * scale + known[k]!;
        packed.sort();
        const out = new Int32Array(m);
        for (let k = 0; k < m; k += 1) out[k] = packed[k]! % scale;
        return out;
      }
      return Int32Array.from(known.sort((a, b) => h[a]! - h[b]! || a - b));
    });
  }
}

export function prepareMetricCases(cases: readonly MetricCase[], options: PrepareOptions = {}): MetricDataset {
  return new MetricDataset(cases, options);
}

// ---- dashboards --------------------------------------------------------------------------------------

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

// ---- CSV -------------------------------------------------------------------------------------------------

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

const GROUP_HEADERS: Record<Dimension, Localized> = {
  centre: L('中心', 'Centre'),
  window: L('窗口', 'Window'),
  clerk: L('窗口人员', 'Clerk'),
  item: L('事项编码', 'Item code'),
  day: L('日期', 'Date'),
};

type Column = [Localized, (r: MetricRow) => number | null, 'count' | 'rate' | 'minutes' | 'score'];

const COLUMNS: Column[] = [
  [L('办件数', 'Cases'), (r) => r.cases, 'count'],
  [L('受理数', 'Accepted'), (r) => r.accepted, 'count'],
  [L('一次性告知数', 'One-time notices'), (r) => r.notices, 'count'],
  [L('不予受理数', 'Refusals'), (r) => r.refusals, 'count'],
  [L('一次办成率(%)', 'One-visit rate (%)'), (r) => r.oneVisitRate, 'rate'],
  [L('告知率(%)', 'Notice rate (%)'), (r) => r.noticeRate, 'rate'],
  [L('不予受理率(%)', 'Refusal rate (%)'), (r) => r.refusalRate, 'rate'],
  [L('容缺受理数', 'Deferred (容缺) cases'), (r) => r.deferred, 'count'],
  [L('容缺率(%)', 'Deferral rate (%)'), (r) => r.deferredRate, 'rate'],
  [L('容缺逾期未补材料数', 'Overdue supplements'), (r) => r.overdueSupplements, 'count'],
  [L('已分办数', 'Dispatched'), (r) => r.dispatched, 'count'],
  [L('部门退回数', 'Department returns'), (r) => r.departmentReturns, 'count'],
  [L('部门退回率(%)', 'Department return rate (%)'), (r) => r.departmentReturnRate, 'rate'],
  [L('窗口办理时长中位数(分钟)', 'Handling time median (min)'), (r) => r.handlingMedianSeconds, 'minutes'],
  [L('窗口办理时长P90(分钟)', 'Handling time P90 (min)'), (r) => r.handlingP90Seconds, 'minutes'],
  [L('办结数', 'Approved'), (r) => r.approved, 'count'],
  [L('承诺时限内办结数', 'Approved by the promised date'), (r) => r.approvedOnTime, 'count'],
  [L('承诺时限达成率(%)', 'Promised-date compliance (%)'), (r) => r.promisedDateCompliance, 'rate'],
  [L('评价数', 'Ratings'), (r) => r.rated, 'count'],
  ...RATING_LEVELS.map((level): Column => [RATING_LABELS[level], (r) => r.ratings[level], 'count']),
  [L('培训平均分', 'Training average'), (r) => r.trainingAverage, 'score'],
  [L('培训次数', 'Training results'), (r) => r.trainingCount, 'count'],
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; a leading =, +, -, @ is defused for Excel. */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function formatNumber(v: number | null, kind: Column[2]): string {
  if (v === null || !Number.isFinite(v)) return '';
  switch (kind) {
    case 'rate':
      return (Math.round(v * 1000) / 10).toFixed(1);
    case 'minutes':
      return (Math.round((v / 60) * 10) / 10).toFixed(1);
    case 'score':
      return (Math.round(v * 10) / 10).toFixed(1);
    default:
      return String(v);
  }
}

export interface CsvOptions {
  /** The first column's header (default: 分组 / Group, or the dashboard's dimension). */
  groupBy?: Dimension;
  /** A name for each key (centre name, clerk name, item name…): adds a second column. */
  labelOf?: (key: string) => string | undefined;
}

/**
 * Rows (or a dashboard, its total row last) as CSV for Excel: RFC 4180 (CRLF, quoted
 * fields), UTF-8 with a BOM so Excel reads the Chinese headers. Rates in percent with one
 * decimal, handling times in minutes; an empty field is a figure with no denominator.
 */
export function metricsToCsv(rows: readonly MetricRow[] | Dashboard, locale: Locale, options: CsvOptions = {}): string {
  const dashboard = Array.isArray(rows) ? null : (rows as Dashboard);
  const list: readonly MetricRow[] = dashboard ? [...dashboard.rows, dashboard.total] : (rows as readonly MetricRow[]);
  const groupBy = options.groupBy ?? dashboard?.groupBy;
  const totalLabel = locale === 'zh-CN' ? '合计' : 'Total';
  const header = [groupBy ? GROUP_HEADERS[groupBy][locale] : locale === 'zh-CN' ? '分组' : 'Group'];
  if (options.labelOf) header.push(locale === 'zh-CN' ? '名称' : 'Name');
  for (const [label] of COLUMNS) header.push(label[locale]);
  const lines = [header.map(csvField).join(',')];
  for (const r of list) {
    const isTotal = dashboard !== null && r === dashboard.total;
    const cells = [isTotal ? totalLabel : r.key];
    if (options.labelOf) cells.push(isTotal ? '' : (options.labelOf(r.key) ?? ''));
    const out = cells.map(csvField);
    for (const [, get, kind] of COLUMNS) out.push(formatNumber(get(r), kind));
    lines.push(out.join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---- a table for spreadsheets (Excel export) ---------------------------------------------------------------

export interface MetricsTable {
  header: string[];
  /** What each column holds: 'text' for the key (and name), else how its numbers are formatted. */
  kinds: ('text' | 'count' | 'rate' | 'minutes' | 'score')[];
  /** One row per group, the total last; numbers as numbers (rates in percent, times in minutes, one decimal), null for no denominator. */
  rows: (string | number | null)[][];
}

/** The same columns as `metricsToCsv`, as typed cells (for .xlsx: numbers stay numbers). */
export function metricsTable(rows: readonly MetricRow[] | Dashboard, locale: Locale, options: CsvOptions = {}): MetricsTable {
  const dashboard = Array.isArray(rows) ? null : (rows as Dashboard);
  const list: readonly MetricRow[] = dashboard ? [...dashboard.rows, dashboard.total] : (rows as readonly MetricRow[]);
  const groupBy = options.groupBy ?? dashboard?.groupBy;
  const header = [groupBy ? GROUP_HEADERS[groupBy][locale] : locale === 'zh-CN' ? '分组' : 'Group'];
  const kinds: MetricsTable['kinds'] = ['text'];
  if (options.labelOf) {
    header.push(locale === 'zh-CN' ? '名称' : 'Name');
    kinds.push('text');
  }
  for (const [label, , kind] of COLUMNS) {
    header.push(label[locale]);
    kinds.push(kind);
  }
  const out: (string | number | null)[][] = [];
  for (const r of list) {
    const isTotal = dashboard !== null && r === dashboard.total;
    const cells: (string | number | null)[] = [isTotal ? (locale === 'zh-CN' ? '合计' : 'Total') : r.key];
    if (options.labelOf) cells.push(isTotal ? '' : (options.labelOf(r.key) ?? ''));
    for (const [, get, kind] of COLUMNS) {
      const s = formatNumber(get(r), kind);
      cells.push(s === '' ? null : Number(s));
    }
    out.push(cells);
  }
  return { header, kinds, rows: out };
}
