/**
 * The prepared dataset: what each case contributes worked out once per data load, as typed
 * columns, and — on first use, then kept — each dimension's keys as per-case indices and the
 * cases in order of handling time.
 */
import { departmentBits } from './department';
import type { MetricCase } from './input';
import { intakeBits, oneTimeNotices } from './intake';
import { ratingIndexOf } from './ratings';

export type Dimension = 'centre' | 'window' | 'clerk' | 'item' | 'day';
export const DIMENSIONS: readonly Dimension[] = ['centre', 'window', 'clerk', 'item', 'day'];

/** The key of a window in rows and filters: `<centreCode>/<windowNo>` (window numbers repeat across centres). */
export function windowKey(centreCode: string, windowNo: string): string {
  return `${centreCode}/${windowNo}`;
}

/** The distinct keys of a dimension, and each case's key as an index into them. */
export interface KeyIndex {
  keys: string[];
  lookup: Map<string, number>;
  /** Group indices in ascending key order. */
  sorted: Int32Array;
}
/** One key per case. */
export interface SingleIndex extends KeyIndex {
  of: Int32Array;
}
/** Several keys per case (items, departments): case i has of[start[i] … start[i+1]). */
export interface MultiIndex extends KeyIndex {
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
    const noticeBefore = oneTimeNotices(cases);
    for (let i = 0; i < n; i += 1) {
      const c = cases[i]!;
      bits[i] = intakeBits(c, noticeBefore, lookback) | departmentBits(c);
      rating[i] = ratingIndexOf(c.rating);
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