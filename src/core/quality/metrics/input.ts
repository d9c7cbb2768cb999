/**
 * The dashboards' input: one compact MetricCase per decided case, built once with
 * `toMetricCase` when a case is stored or its status events / ratings change — every timestamp
 * is parsed here, never in the dashboards' loops.
 */
import { normalizeIdentityInput } from '../../identity/normalize';
import type { IntakeCase } from '../../intake/case';
import { chinaDateOf } from '../../intake/time';
import type { StatusEvent, StatusEventKind } from '../../sync/protocol';
import { caseTimeline } from '../../sync/timeline';
import { epochSeconds } from '../stats';
import type { Rating, RatingLevel } from './ratings';

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
