/**
 * 按责转办: which departments a case goes to, and what may happen to a dispatch there.
 * Pure functions shared by the department-queue service (src/server) and anything that
 * wants to show a department's options (the inbox page, the workstation's timeline).
 *
 * ## Departments of a case
 * One dispatch per responsible department: the implementing department (实施主体) and the
 * co-handling departments (联办机构) of every item of the case — one item, or every item of
 * a bundle (一件事) the clerk chose. A department that is responsible for several of the
 * case's items gets one dispatch listing all of them. All dispatches are queued at once
 * (in parallel, not one after the other).
 *
 * ## Dispatch states
 * ```
 *   queued ──claim──▶ claimed ──takenForReview──▶ inReview
 *                       │ ▲                         │
 *                       │ └─claim (lease expired)   ├─correctionRequested──▶ correctionRequested ◀─┐
 *                       │                           │                           │                   │
 *                       ├─correctionRequested───────┘ (from claimed too)        ├─correctionRequested (again)
 *                       │                                                       ├─takenForReview──▶ inReview
 *                       └─approved | denied | returned ──▶ (final)              └─approved | denied | returned
 * ```
 * A dispatch waiting for the window's fix (待补正) may be returned again: the department adds
 * a point it missed, and the applicant is still told everything at once — the window's one
 * fix answers every open request of that department (src/core/lifecycle/correction.ts). The
 * clerk's resubmission takes the dispatch back to inReview (src/server/revisions.ts).
 * `approved` (办结), `denied` (不予许可) and `returned` (退件) are final: nothing follows them.
 * A queued dispatch must be claimed before any decision (someone has to hold it). A claim
 * is a lease (LEASE_SECONDS); when it runs out before a decision, anyone in the department
 * may claim the dispatch again. Once taken for review (受理确认) the dispatch belongs to the
 * department and no longer expires.
 */
import type { Catalog, Item } from '../catalog/schema';
import type { Subject } from '../intake/case';
import type { DepartmentDecisionKind, DispatchState } from './protocol';

// ---- departments of a case ----------------------------------------------------------------

export interface DispatchTarget {
  departmentCode: string;
  /** Items of the case this department is responsible for, in the case's order. */
  basicCodes: string[];
  /** For each of basicCodes: implementing department (实施主体) or co-handling (联办). */
  roles: ('implementing' | 'coHandling')[];
  /** For each of basicCodes: the item's name in the catalog (事项名称), never the case's own copy. */
  itemNames: string[];
}

export type ResolveDepartmentsResult =
  | { ok: true; targets: DispatchTarget[] }
  /** `paths` point into the case (`subject.basicCodes[1]`); `reason` is safe to send back (no personal data). */
  | { ok: false; reason: string; paths: string[] };

/** The basic codes a subject names, with their paths in the case. */
function subjectItems(subject: Subject): { basicCode: string; path: string }[] {
  if (subject.kind === 'item') return [{ basicCode: subject.basicCode, path: 'subject.basicCode' }];
  return subject.basicCodes.map((basicCode, i) => ({ basicCode, path: `subject.basicCodes[${i}]` }));
}

/**
 * The departments a case goes to, resolved against the catalog version the case names
 * (the caller looks that version up). Implementing departments come first, in the order
 * of the case's items, then co-handling departments not already listed.
 */
export function resolveDepartments(catalog: Pick<Catalog, 'version' | 'items' | 'bundles'>, subject: Subject): ResolveDepartmentsResult {
  const wanted = subjectItems(subject);
  // Each basic code resolves to the implementation the case names (实施编码: the department that
  // implements it for this applicant), else to the first implementation of it in the catalog.
  const first = new Map<string, Item>();
  for (const i of catalog.items) if (!first.has(i.basicCode)) first.set(i.basicCode, i);
  const named = (basicCode: string): string | undefined =>
    subject.kind === 'item' ? (subject.basicCode === basicCode ? subject.implementationCode : undefined) : subject.implementationCodes?.[basicCode];
  const items = new Map<string, Item>();
  for (const { basicCode } of wanted) {
    const code = named(basicCode);
    const item = (code !== undefined && catalog.items.find((i) => i.basicCode === basicCode && i.implementationCode === code)) || first.get(basicCode);
    if (item) items.set(basicCode, item);
  }
  const unknown = wanted.filter((w) => !items.has(w.basicCode));
  if (unknown.length > 0)
    return {
      ok: false,
      reason: `item ${unknown.map((u) => u.basicCode).join(', ')} is not in catalog version ${catalog.version}`,
      paths: unknown.map((u) => u.path),
    };
  if (subject.kind === 'bundle') {
    const bundle = catalog.bundles.find((b) => b.id === subject.bundleId);
    if (!bundle) return { ok: false, reason: `bundle ${subject.bundleId} is not in catalog version ${catalog.version}`, paths: ['subject.bundleId'] };
    const inBundle = new Set(bundle.items.map((i) => i.basicCode));
    const strangers = wanted.filter((w) => !inBundle.has(w.basicCode));
    if (strangers.length > 0)
      return {
        ok: false,
        reason: `item ${strangers.map((s) => s.basicCode).join(', ')} is not part of bundle ${bundle.id}`,
        paths: strangers.map((s) => s.path),
      };
    const chosen = new Set(wanted.map((w) => w.basicCode));
    const missing = bundle.items.filter((i) => !i.optional && !chosen.has(i.basicCode));
    if (missing.length > 0)
      return {
        ok: false,
        reason: `bundle ${bundle.id} needs item ${missing.map((m) => m.basicCode).join(', ')}`,
        paths: ['subject.basicCodes'],
      };
  }
  if (wanted.length === 0) return { ok: false, reason: 'the case names no item', paths: ['subject.basicCodes'] };

  const byDepartment = new Map<string, DispatchTarget>();
  const add = (departmentCode: string, basicCode: string, role: 'implementing' | 'coHandling') => {
    let t = byDepartment.get(departmentCode);
    if (!t) {
      t = { departmentCode, basicCodes: [], roles: [], itemNames: [] };
      byDepartment.set(departmentCode, t);
    }
    if (t.basicCodes.includes(basicCode)) return; // the same item twice (a department co-handling its own item)
    t.basicCodes.push(basicCode);
    t.roles.push(role);
    t.itemNames.push(items.get(basicCode)!.name);
  };
  const seen = new Set<string>();
  const caseItems = wanted.map((w) => items.get(w.basicCode)!).filter((i) => !seen.has(i.basicCode) && seen.add(i.basicCode));
  for (const item of caseItems) add(item.departmentCode, item.basicCode, 'implementing');
  for (const item of caseItems) for (const co of item.coHandlingDepartmentCodes) add(co, item.basicCode, 'coHandling');
  return { ok: true, targets: [...byDepartment.values()] };
}

// ---- the dispatch state machine -------------------------------------------------------------

export const FINAL_DISPATCH_STATES: readonly DispatchState[] = ['approved', 'denied', 'returned'];

/** States a department is still working on (the inbox's default view). */
export const OPEN_DISPATCH_STATES: readonly DispatchState[] = ['queued', 'claimed', 'inReview', 'correctionRequested'];

export function isFinalDispatchState(state: DispatchState): boolean {
  return FINAL_DISPATCH_STATES.includes(state);
}

/** The state each decision leads to. */
export const DECISION_TARGET: Record<DepartmentDecisionKind, DispatchState> = {
  takenForReview: 'inReview',
  correctionRequested: 'correctionRequested',
  approved: 'approved',
  denied: 'denied',
  returned: 'returned',
};

/** Decisions allowed in each state. */
export const ALLOWED_DECISIONS: Record<DispatchState, readonly DepartmentDecisionKind[]> = {
  queued: [], // claim it first
  claimed: ['takenForReview', 'correctionRequested', 'approved', 'denied', 'returned'],
  inReview: ['correctionRequested', 'approved', 'denied', 'returned'],
  correctionRequested: ['takenForReview', 'correctionRequested', 'approved', 'denied', 'returned'],
  approved: [],
  denied: [],
  returned: [],
};

export type TransitionResult =
  | { ok: true; to: DispatchState }
  | { ok: false; code: 'notClaimed' | 'final' | 'notAllowed'; reason: string };

/** Where a decision takes a dispatch, or why it may not be taken. */
export function decideTransition(from: DispatchState, decision: DepartmentDecisionKind): TransitionResult {
  if (ALLOWED_DECISIONS[from].includes(decision)) return { ok: true, to: DECISION_TARGET[decision] };
  if (from === 'queued') return { ok: false, code: 'notClaimed', reason: 'claim the dispatch before deciding' };
  if (isFinalDispatchState(from)) return { ok: false, code: 'final', reason: `the dispatch is already ${from}; no decision may follow` };
  return { ok: false, code: 'notAllowed', reason: `${decision} is not allowed while the dispatch is ${from}` };
}

export interface LeaseInfo {
  state: DispatchState;
  /** Epoch ms the lease runs out; null when there is none. */
  leaseUntil: number | null;
}

export type ClaimCheck = { ok: true } | { ok: false; code: 'leased' | 'notClaimable'; reason: string };

/** Whether a dispatch may be claimed at `now` (epoch ms, passed in): queued, or claimed with its lease run out. */
export function canClaim(d: LeaseInfo, now: number): ClaimCheck {
  if (d.state === 'queued') return { ok: true };
  if (d.state === 'claimed') {
    if (d.leaseUntil === null || d.leaseUntil <= now) return { ok: true };
    return { ok: false, code: 'leased', reason: 'someone holds this dispatch; its lease has not run out' };
  }
  return { ok: false, code: 'notClaimable', reason: `the dispatch is ${d.state}; only a queued dispatch (or one whose lease ran out) can be claimed` };
}

/** States from which a claim may start (for SQL: `state = ANY(...)`, with the lease test for 'claimed'). */
export const CLAIMABLE_STATES: readonly DispatchState[] = ['queued', 'claimed'];

/**
 * Who may decide on a dispatch of their department. `leaseOwner` and `requester` are a
 * worker's name, or the department code when no worker was named (a department-wide
 * token used by one person, or a department system). A dispatch claimed by a named
 * worker with a live lease is theirs: another named worker is turned away; a
 * department-wide request may still decide (the department answers for its workers).
 */
export function mayDecide(
  d: LeaseInfo & { leaseOwner: string | null },
  requester: string,
  departmentCode: string,
  now: number,
): { ok: true } | { ok: false; reason: string } {
  if (d.state !== 'claimed' || d.leaseOwner === null) return { ok: true };
  if (d.leaseOwner === requester || d.leaseOwner === departmentCode || requester === departmentCode) return { ok: true };
  const live = d.leaseUntil !== null && d.leaseUntil > now;
  if (live) return { ok: false, reason: `the dispatch is held by ${d.leaseOwner} until its lease runs out` };
  return { ok: true };
}
