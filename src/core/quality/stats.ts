/**
 * Small pure helpers shared by sampling and metrics: a seeded PRNG, quantiles, ISO weeks
 * and epoch seconds of stored timestamps. No clock, no Math.random.
 */
import { civilFromDayNumber, dayNumberFromCivil, isoToDayNumber, weekdayOfDayNumber } from '../calendar/isoDate';
import { epochMinutes } from '../intake/time';

// ---- randomness ----------------------------------------------------------------------

/** A source of uniform numbers in [0, 1), like Math.random — but passed in, so results are reproducible. */
export type Rng = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit-state PRNG, fast and good enough
 * for drawing review samples (not for anything secret). Same seed → same sequence.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units): turns a text (a week, a clerk id) into a seed. */
export function fnv1a32(s: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A PRNG of its own for `key` under `seed`: streams of different keys do not depend on each other. */
export function rngFor(seed: number, key: string): Rng {
  return mulberry32(fnv1a32(key, (0x811c9dc5 ^ (seed >>> 0)) >>> 0));
}

/** k distinct elements of `items`, drawn uniformly with a partial Fisher–Yates shuffle (input left unchanged). */
export function drawWithoutReplacement<T>(items: readonly T[], k: number, random: Rng): T[] {
  const a = items.slice();
  const n = Math.min(Math.max(0, Math.floor(k)), a.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(random() * (a.length - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, n);
}

// ---- quantiles -------------------------------------------------------------------------

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending-sorted values, linear between closest ranks
 * (Hyndman–Fan type 7, as Excel PERCENTILE.INC and R's default); NaN when empty.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ascending copy of numbers as a Float64Array (numeric sort, fast). */
export function sortedNumbers(values: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(values);
  a.sort();
  return a;
}

// ---- time ------------------------------------------------------------------------------

/** Seconds since 1970-01-01T00:00Z of an ISO date-time with an offset, or null. */
export function epochSeconds(at: string): number | null {
  const minutes = epochMinutes(at);
  if (minutes === null) return null;
  return minutes * 60 + Number(at.slice(17, 19));
}

/** ISO 8601 week of a YYYY-MM-DD date, as 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(isoDate: string): string {
  const day = isoToDayNumber(isoDate);
  if (day === null) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(isoDate)}`);
  const weekday = weekdayOfDayNumber(day) || 7; // Monday 1 … Sunday 7
  const thursday = day - weekday + 4;
  const year = civilFromDayNumber(thursday).year;
  const week = Math.floor((thursday - dayNumberFromCivil(year, 1, 1)) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}
