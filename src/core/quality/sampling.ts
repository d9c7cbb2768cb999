/**
 * Quality-review sampling: which cases a supervisor reviews.
 *
 * - random: a share of each clerk's cases per ISO week (at least `minPerClerk`, at most all),
 *   drawn from *all* that clerk's cases of the week — flagged ones included — so the random
 *   sample stays an unbiased picture of the clerk's work; flagged cases come on top.
 * - always, whatever the draw:
 *   - deferred: 容缺受理 (accepted with deferred materials: the practice the reform's critics
 *     warn about);
 *   - departmentReturn: a department asked for a correction (补正), returned (退件) or denied it;
 *   - refusal: 不予受理 at the window;
 *   - shortHandling / longHandling: handling time at the window (creation → decision) below
 *     the P10 or above the P90 (linear quantiles, type 7) of
 *       1. the same item's handling times, when it has at least `minCasesForPercentiles` (10)
 *          cases — a bundle is compared with cases of the same set of items (a bundle takes
 *          longer than any of its items alone);
 *       2. otherwise the whole centre's handling times, when there are at least that many;
 *       3. otherwise nothing is flagged: a handful of cases says nothing about what is unusual,
 *          and a fixed threshold (say 3 minutes) would flag every quick item, every time.
 *
 * Deterministic: pass a seeded PRNG (`mulberry32(seed)`, consumed week by week, clerk by clerk,
 * cases in id order) or `{ seed }`: then each clerk-week draws from its own stream, so a
 * late-synced case of one clerk does not change the other clerks' samples.
 */
import { z } from 'zod';
import type { Localized } from '../i18n';
import type { MetricCase } from './metrics';
import { drawWithoutReplacement, isoWeekOf, quantileSorted, rngFor, sortedNumbers, type Rng } from './stats';

/** The fields sampling reads; a MetricCase is one. */
export type ReviewableCase = Pick<MetricCase, 'id' | 'clerkId' | 'itemCodes' | 'date' | 'decision' | 'handlingSeconds' | 'deferred' | 'events'>;

export const SamplingSettings = z.object({
  /** Share of each clerk's weekly cases drawn at random, 0–1. */
  share: z.number().min(0).max(1),
  /** At least this many random cases per clerk and week (when the clerk has them). */
  minPerClerk: z.number().int().min(0).max(1000),
  /** Fewest cases whose percentiles mean something (an item's own, else the centre's). */
  minCasesForPercentiles: z.number().int().min(2).default(10),
});
export type SamplingSettings = z.infer<typeof SamplingSettings>;
export type SamplingSettingsInput = z.input<typeof SamplingSettings>;

export const SamplingReason = z.enum(['random', 'deferred', 'departmentReturn', 'refusal', 'shortHandling', 'longHandling']);
export type SamplingReason = z.infer<typeof SamplingReason>;

export const SAMPLING_REASON_LABELS: Record<SamplingReason, Localized> = {
  random: { 'zh-CN': '随机抽查', 'en-US': 'Random sample' },
  deferred: { 'zh-CN': '容缺受理', 'en-US': 'Deferred materials (容缺)' },
  departmentReturn: { 'zh-CN': '部门退回', 'en-US': 'Returned by a department' },
  refusal: { 'zh-CN': '不予受理', 'en-US': 'Refused' },
  shortHandling: { 'zh-CN': '办理时长异常短', 'en-US': 'Unusually short handling' },
  longHandling: { 'zh-CN': '办理时长异常长', 'en-US': 'Unusually long handling' },
};

export interface HandlingBounds {
  /** Below this is unusually short, above `high` unusually long (seconds): P10 and P90. */
  low: number;
  high: number;
  /** Whose handling times: the item's (or the bundle's set of items) or the whole centre's. */
  basis: 'item' | 'centre';
  /** Cases the bounds come from. */
  n: number;
}

const minutes = (seconds: number): string => String(Math.round((seconds / 60) * 10) / 10);

/**
 * Why a case was flagged for its handling time, for the tooltip on the flag: which cases it
 * was compared with and the bound it crossed.
 */
export function handlingFlagExplanation(reason: 'shortHandling' | 'longHandling', handlingSeconds: number, b: HandlingBounds): Localized {
  const short = reason === 'shortHandling';
  const bound = minutes(short ? b.low : b.high);
  const took = minutes(handlingSeconds);
  const zhWhose = b.basis === 'item' ? `同一事项近期 ${b.n} 件` : `该事项近期案件不足，改与全中心 ${b.n} 件`;
  const enWhose = b.basis === 'item' ? `the item's ${b.n} recent cases` : `the whole centre's ${b.n} recent cases (too few cases of this item)`;
  return {
    'zh-CN': `办理用时 ${took} 分钟，${short ? '短于' : '长于'}${zhWhose}办理用时的${short ? '最短 10%（P10' : '最长 10%（P90'} = ${bound} 分钟）`,
    'en-US': `Handled in ${took} min, ${short ? 'shorter' : 'longer'} than ${short ? 'the quickest 10 % (P10' : 'the slowest 10 % (P90'} = ${bound} min) of ${enWhose}`,
  };
}

export interface SampledCase {
  caseId: string;
  clerkId: string;
  /** ISO week of the case's date, e.g. 2026-W49. */
  week: string;
  /** In the order of SamplingReason. */
  reasons: SamplingReason[];
  handlingSeconds: number | null;
  /** The bounds the handling time was compared with (when it was known). */
  bounds?: HandlingBounds;
}

export interface SamplingGroup {
  week: string;
  clerkId: string;
  cases: number;
  /** Random draws: max(minPerClerk, ⌈share × cases⌉), at most cases. */
  randomQuota: number;
  /** Cases sampled for any reason. */
  sampled: number;
}

export interface SamplingResult {
  /** By week, clerk, case id. */
  sampled: SampledCase[];
  /** By week, clerk. */
  groups: SamplingGroup[];
}

export interface SamplingOptions {
  /** Cases whose handling times set each item's P10/P90 (default: the cases sampled from; pass a longer period for steadier bounds). */
  reference?: readonly Pick<ReviewableCase, 'itemCodes' | 'handlingSeconds'>[];
}

const RETURN_KINDS = new Set(['correctionRequested', 'returned', 'denied']);

/** The handling-time group of a case: its item, or its set of items. */
export function itemSetKey(itemCodes: readonly string[]): string {
  return itemCodes.length === 1 ? itemCodes[0]! : [...itemCodes].sort().join('+');
}

/**
 * P10/P90 bounds per item set with enough cases; `fallback`: the whole centre's, for item
 * sets with too few cases — null when the centre has too few as well (nothing is flagged).
 */
export function handlingBounds(
  cases: readonly Pick<ReviewableCase, 'itemCodes' | 'handlingSeconds'>[],
  settings: SamplingSettingsInput,
): Map<string, HandlingBounds> & { fallback: HandlingBounds | null } {
  const s = SamplingSettings.parse(settings);
  const values = new Map<string, number[]>();
  const all: number[] = [];
  for (const c of cases) {
    if (c.handlingSeconds === null || !Number.isFinite(c.handlingSeconds)) continue;
    all.push(c.handlingSeconds);
    const k = itemSetKey(c.itemCodes);
    const list = values.get(k);
    if (list) list.push(c.handlingSeconds);
    else values.set(k, [c.handlingSeconds]);
  }
  const percentiles = (list: number[], basis: HandlingBounds['basis']): HandlingBounds => {
    const sorted = sortedNumbers(list);
    return { low: quantileSorted(sorted, 0.1), high: quantileSorted(sorted, 0.9), basis, n: list.length };
  };
  const out = new Map<string, HandlingBounds>() as Map<string, HandlingBounds> & { fallback: HandlingBounds | null };
  out.fallback = all.length >= s.minCasesForPercentiles ? percentiles(all, 'centre') : null;
  for (const [k, list] of values) if (list.length >= s.minCasesForPercentiles) out.set(k, percentiles(list, 'item'));
  return out;
}

/** The cases to review, each with its reasons; see the module comment. */
export function sampleForReview(
  cases: readonly ReviewableCase[],
  settings: SamplingSettingsInput,
  random: Rng | { seed: number },
  options: SamplingOptions = {},
): SamplingResult {
  const s = SamplingSettings.parse(settings);
  const bounds = handlingBounds(options.reference ?? cases, s);

  // clerk-week groups, in a fixed order
  const groups = new Map<string, { week: string; clerkId: string; cases: ReviewableCase[] }>();
  const weekOf = new Map<string, string>(); // dates repeat: parse each once
  for (const c of cases) {
    let week = weekOf.get(c.date);
    if (week === undefined) weekOf.set(c.date, (week = isoWeekOf(c.date)));
    const key = `${week}\u0000${c.clerkId}`;
    const g = groups.get(key);
    if (g) g.cases.push(c);
    else groups.set(key, { week, clerkId: c.clerkId, cases: [c] });
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ordered = [...groups.entries()].sort(([a], [b]) => byKey(a, b)).map(([, g]) => g);

  const sampled: SampledCase[] = [];
  const summary: SamplingGroup[] = [];
  for (const g of ordered) {
    g.cases.sort((a, b) => byKey(a.id, b.id));
    const quota = Math.min(g.cases.length, Math.max(s.minPerClerk, Math.ceil(s.share * g.cases.length - 1e-9)));
    const rng = typeof random === 'function' ? random : rngFor(random.seed, `${g.week}|${g.clerkId}`);
    const drawn = new Set(drawWithoutReplacement(g.cases, quota, rng).map((c) => c.id));
    let count = 0;
    for (const c of g.cases) {
      const reasons: SamplingReason[] = [];
      if (drawn.has(c.id)) reasons.push('random');
      if (c.deferred) reasons.push('deferred');
      if (c.events.some((e) => RETURN_KINDS.has(e.kind))) reasons.push('departmentReturn');
      if (c.decision === 'refuse') reasons.push('refusal');
      let b: HandlingBounds | undefined;
      if (c.handlingSeconds !== null && Number.isFinite(c.handlingSeconds)) {
        b = bounds.get(itemSetKey(c.itemCodes)) ?? bounds.fallback ?? undefined;
      }
      if (b && c.handlingSeconds !== null) {
        if (c.handlingSeconds < b.low) reasons.push('shortHandling');
        else if (c.handlingSeconds > b.high) reasons.push('longHandling');
      }
      if (reasons.length === 0) continue;
      count += 1;
      sampled.push({ caseId: c.id, clerkId: c.clerkId, week: g.week, reasons, handlingSeconds: c.handlingSeconds, ...(b ? { bounds: b } : {}) });
    }
    summary.push({ week: g.week, clerkId: g.clerkId, cases: g.cases.length, randomQuota: quota, sampled: count });
  }
  return { sampled, groups: summary };
}
