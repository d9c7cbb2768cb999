/**
 * The window's figures of a case: its decision (受理, 一次性告知, 不予受理), whether an acceptance
 * was one visit (一次办成) and whether it was 容缺受理.
 *
 * One visit: no earlier one-time notice to the same applicant for any of the same items,
 * decided before this case's decision within the lookback — over all input cases, not only
 * the filtered ones. A case taken in again after a notice (再次受理, `followsUp`) is never one
 * visit, whatever its applicant ID and however long ago the notice was.
 */
import { B_ACCEPT, B_DEFERRED, B_NOTICE, B_ONE_VISIT, B_REFUSE } from './bits';
import type { MetricCase } from './input';

/** An applicant with more notices than this has them indexed by item. */
const MANY_NOTICES = 8;

/** Whether the applicant had a one-time notice for one of `items` decided in [since, until). */
export type NoticeBefore = (applicantId: string | null, items: readonly string[], since: number, until: number) => boolean;

/** The one-time notices of `cases` by applicant, for one-visit checks. */
export function oneTimeNotices(cases: readonly MetricCase[]): NoticeBefore {
  // One-time notices per applicant as a flat list [item, decidedSec, item, decidedSec, …]: most
  // applicants have one or two, so a scan beats a map per applicant. An applicant with many
  // (an agency 代办 applying for its clients) gets them by item, sorted, for a binary search.
  const flat = new Map<string, (string | number)[]>();
  for (let i = 0; i < cases.length; i += 1) {
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
  return (applicantId, items, since, until) => {
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
}

/** The case's window bits; `lookbackSeconds`: how far back a notice counts (Infinity: always). */
export function intakeBits(c: MetricCase, noticeBefore: NoticeBefore, lookbackSeconds: number): number {
  const d = c.decision;
  if (d === 'oneTimeNotice') return B_NOTICE;
  if (d !== 'accept') return B_REFUSE;
  let b = B_ACCEPT;
  if (c.deferred) b |= B_DEFERRED;
  if (!c.followsUp && !noticeBefore(c.applicantId, c.itemCodes, c.decidedSec - lookbackSeconds, c.decidedSec)) b |= B_ONE_VISIT;
  return b;
}
