/**
 * 容缺受理 (accept now, supplement later) with the safeguards its critics ask
 * for: the catalog's rules are enforced, who allowed it is recorded, and supplementation is
 * tracked to the deadline.
 *
 * Rules
 * - Only lines the catalog marks 容缺后补 (`necessity: 'deferrable'`) may be deferred. A merged
 *   bundle line is deferrable only if every item asks for it as deferrable (the checklist
 *   merge keeps the strictest necessity).
 * - A 必备 (required) material missing or deficient → no 容缺 at all.
 * - Everything else must be in order: questions answered, every line checked, the applicant
 *   valid, no checklist problem.
 * - 即办 items finish the same day, so there is no time to supplement: a deferrable line that a
 *   即办 item needs cannot be deferred.
 * - An applicant flagged as dishonest (失信: by the clerk, or found in the imported list) gets
 *   no 容缺, and the reason is shown.
 * - The deadline is counted in working days from the acceptance date in China and may not go
 *   beyond the promised limit of any item needing a deferred line (the strictest one).
 * - Where the centre's policy asks for it, a supervisor (not the accepting clerk) approves
 *   before acceptance; the approval is recorded in the DeferralRecord.
 *
 * The accept decision is the ordinary AcceptDecision (promised dates, received materials —
 * the deferred ones are not in `received`); the DeferralRecord is stored next to it (linked
 * by caseId / caseNumber) and carries the deferred lines, deadline, commitment, consequences,
 * approval and, later, the supplements.
 */
import { z } from 'zod';
import { defaultCalendar, type WorkingDayCalendar } from '../calendar';
import { addCalendarDays, isoToDayNumber } from '../calendar/isoDate';
import type { TimeLimit } from '../catalog/schema';
import type { Locale } from '../i18n';
import type { AcceptDecision, MaterialState } from '../intake/case';
import type { Checklist, ChecklistMaterial } from '../intake/checklist';
import {
  type AcceptanceInput,
  type Assessment,
  type Blocker,
  type DecisionError,
  NOTICE_REASONS,
  assessIntake,
  blockerMessage,
  decisionErrorMessage,
  makeAcceptance,
} from '../intake/decision';
import { chinaDateOf, epochMinutes, isIsoDateTime } from '../intake/time';
import type { DishonestyFlag } from './dishonesty';

export type { DishonestyFlag } from './dishonesty';

// ---- assessment ------------------------------------------------------------------------------

export interface DeferralPolicy {
  /** The centre's setting: a supervisor approves every 容缺受理 before acceptance. */
  requireSupervisorApproval: boolean;
}

export interface DeferralOptions {
  applicantDishonest: DishonestyFlag | null;
  policy: DeferralPolicy;
}

export type DeferralProblem = 'missing' | 'deficient' | 'originalRequired' | 'fetchNotAllowed';

/** A deferrable line that is missing or not acceptable yet. */
export interface DeferrableLine {
  key: string;
  name: string;
  line: ChecklistMaterial;
  problem: DeferralProblem;
  /** 未提交 / the clerk's reason / 须提交原件… (Chinese: printed on the notice). */
  reason: string;
}

export type DeferralRefusal =
  /** 失信: no 容缺; the reason is shown. */
  | { kind: 'dishonest'; source: 'clerk' | 'list' | null; reason: string | null }
  /** A 必备 material is missing or deficient: no 容缺 at all. */
  | { kind: 'requiredMaterial'; key: string; name: string; problem: DeferralProblem }
  /** A deferrable line needed by a 即办 item: no time to supplement. */
  | { kind: 'immediateItem'; key: string; name: string; basicCodes: string[]; itemNames: string[] }
  /** Not ready for any decision: questions, unchecked lines, the applicant, checklist problems. */
  | { kind: 'notReady'; blockers: Blocker[] }
  /** Nothing deferrable is missing; `canAcceptNow` when ordinary acceptance is possible. */
  | { kind: 'nothingToDefer'; canAcceptNow: boolean };

export interface DeferralLimit {
  /** The strictest promised limit (working days) among the items needing a deferrable line. */
  days: number;
  /** The items with that limit. */
  basicCodes: string[];
}

export interface DeferralAssessment {
  allowed: boolean;
  /**
   * The lines that may be deferred (catalog-deferrable, missing or deficient, not needed by a
   * 即办 item). Listed even when 容缺 is refused for another reason, so the screen can show
   * what would have been deferred.
   */
  deferrable: DeferrableLine[];
  /** Every reason 容缺 is refused, all at once. Empty when allowed. */
  refusals: DeferralRefusal[];
  /** The policy asks for a supervisor's approval (only true when allowed). */
  needsSupervisorApproval: boolean;
  /** Upper bound for the deadline; null when there is nothing to defer. */
  limit: DeferralLimit | null;
}

const MATERIAL_BLOCKERS = new Set<Blocker['kind']>(['materialMissing', 'materialDeficient', 'originalRequired', 'fetchNotAllowed']);

function problemsOf(assessment: Assessment): Map<string, { line: ChecklistMaterial; problem: DeferralProblem; reason: string }> {
  const fetchWrong = new Set(assessment.blockers.filter((b) => b.kind === 'fetchNotAllowed').map((b) => (b as { key: string }).key));
  const out = new Map<string, { line: ChecklistMaterial; problem: DeferralProblem; reason: string }>();
  for (const line of assessment.missing) {
    const wrong = fetchWrong.has(line.key);
    out.set(line.key, { line, problem: wrong ? 'fetchNotAllowed' : 'missing', reason: wrong ? NOTICE_REASONS.fetchNotAllowed : NOTICE_REASONS.missing });
  }
  for (const d of assessment.deficient) out.set(d.line.key, { line: d.line, problem: d.kind, reason: d.reason });
  return out;
}

const isImmediate = (item: Checklist['items'][number]): boolean => item.promisedLimit.kind === 'immediate' || item.caseType === 'immediate';

/**
 * Whether 容缺受理 is possible for this intake, and which lines would be deferred.
 * `assessment` is assessIntake's result for the same checklist and states.
 */
export function assessDeferral(assessment: Assessment, checklist: Checklist, options: DeferralOptions): DeferralAssessment {
  const refusals: DeferralRefusal[] = [];
  const flag = options.applicantDishonest;
  if (flag?.flagged) refusals.push({ kind: 'dishonest', source: flag.source ?? null, reason: flag.reason?.trim() || null });

  const notReady = assessment.blockers.filter((b) => {
    if (!MATERIAL_BLOCKERS.has(b.kind)) return true;
    // a wrongly "fetched" optional line blocks acceptance but is nothing to defer
    return b.kind === 'fetchNotAllowed' && checklist.materials.find((m) => m.key === b.key)?.necessity === 'optional';
  });
  if (notReady.length > 0) refusals.push({ kind: 'notReady', blockers: notReady });

  const itemsByCode = new Map(checklist.items.map((i) => [i.basicCode, i]));
  const deferrable: DeferrableLine[] = [];
  for (const [key, { line, problem, reason }] of problemsOf(assessment)) {
    if (line.necessity === 'required') {
      refusals.push({ kind: 'requiredMaterial', key, name: line.name, problem });
      continue;
    }
    if (line.necessity !== 'deferrable') continue;
    const immediate = line.itemCodes.map((c) => itemsByCode.get(c)).filter((i) => i !== undefined && isImmediate(i));
    if (immediate.length > 0) {
      refusals.push({
        kind: 'immediateItem',
        key,
        name: line.name,
        basicCodes: immediate.map((i) => i!.basicCode),
        itemNames: immediate.map((i) => i!.name),
      });
      continue;
    }
    deferrable.push({ key, name: line.name, line, problem, reason });
  }
  // checklist order
  const order = new Map(checklist.materials.map((m, i) => [m.key, i]));
  deferrable.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));

  const hasImmediateRefusal = refusals.some((r) => r.kind === 'immediateItem');
  if (deferrable.length === 0 && !hasImmediateRefusal && !refusals.some((r) => r.kind === 'requiredMaterial'))
    refusals.push({ kind: 'nothingToDefer', canAcceptNow: assessment.canAccept });

  let limit: DeferralLimit | null = null;
  for (const d of deferrable) {
    for (const code of d.line.itemCodes) {
      const item = itemsByCode.get(code);
      if (!item || (item.promisedLimit.kind !== 'workingDays' && item.promisedLimit.kind !== 'calendarDays')) continue;
      // A calendar-day promise (自然日) in working days, rounded down: never more than fit.
      const days = item.promisedLimit.kind === 'workingDays' ? item.promisedLimit.days : Math.max(1, Math.floor((item.promisedLimit.days * 5) / 7));
      if (!limit || days < limit.days) limit = { days, basicCodes: [code] };
      else if (days === limit.days && !limit.basicCodes.includes(code)) limit.basicCodes.push(code);
    }
  }
  const allowed = refusals.length === 0 && deferrable.length > 0;
  return {
    allowed,
    deferrable,
    refusals,
    needsSupervisorApproval: allowed && options.policy.requireSupervisorApproval,
    limit,
  };
}

// ---- deadline ----------------------------------------------------------------------------------

export type DeadlineError =
  /** 即办: the item finishes the same day, there is no time to supplement. */
  | { code: 'immediateItem' }
  /** 0, negative or not a whole number of working days. */
  | { code: 'invalidDays' }
  /** Beyond the promised limit: at most `maxDays`, i.e. by `latestDate`. */
  | { code: 'beyondLimit'; maxDays: number; latestDate: string }
  | { code: 'invalidTime' };

export type DeadlineResult =
  | {
      ok: true;
      /** The last day to supplement (inclusive), YYYY-MM-DD. */
      date: string;
      workingDays: number;
      /** Counted through a year without official holiday data. */
      provisional: boolean;
      /** The promised completion date: the deadline can never be later. */
      latestDate: string;
    }
  | { ok: false; error: DeadlineError };

/**
 * The supplement deadline: `requestedWorkingDays` working days after the acceptance date in
 * China, never beyond the promised limit (so at most the promised completion date).
 */
export function deferralDeadline(
  acceptedAtIso: string,
  requestedWorkingDays: number,
  promisedLimit: TimeLimit,
  calendar: WorkingDayCalendar = defaultCalendar,
): DeadlineResult {
  if (promisedLimit.kind === 'immediate' || promisedLimit.kind === 'none') return { ok: false, error: { code: 'immediateItem' } };
  if (!isIsoDateTime(acceptedAtIso)) return { ok: false, error: { code: 'invalidTime' } };
  const acceptedOn = chinaDateOf(acceptedAtIso);
  const latest = calendar.dueDate(acceptedOn, promisedLimit) ?? calendar.addWorkingDays(acceptedOn, promisedLimit.days);
  if (!Number.isInteger(requestedWorkingDays) || requestedWorkingDays < 1) return { ok: false, error: { code: 'invalidDays' } };
  // A calendar-day promise: the working days up to its due date.
  const maxDays = promisedLimit.kind === 'workingDays' ? promisedLimit.days : calendar.workingDaysBetween(acceptedOn, latest.date).days;
  if (requestedWorkingDays > maxDays) return { ok: false, error: { code: 'beyondLimit', maxDays, latestDate: latest.date } };
  const r = calendar.addWorkingDays(acceptedOn, requestedWorkingDays);
  return { ok: true, date: r.date, workingDays: requestedWorkingDays, provisional: r.provisional, latestDate: latest.date };
}

// ---- the record (./deferralRecord.ts: no import of src/core/intake/case, so the case schema can carry it) ----

export * from './deferralRecord';
import { DEFERRAL_CONSEQUENCES, DEFERRAL_SCHEMA_VERSION, DeferralCommitment, type DeferralCommitmentInput, DeferralRecord, SupervisorApproval, Supplement } from './deferralRecord';

// ---- deferred acceptance -----------------------------------------------------------------------

export interface DeferredAcceptanceInput extends AcceptanceInput {
  /** The case's id (links the record to the case). */
  caseId: string;
  /** Working days the applicant gets to supplement (≤ the limit from assessDeferral). */
  requestedWorkingDays: number;
  commitment: DeferralCommitmentInput;
  approval?: SupervisorApproval;
  applicantDishonest: DishonestyFlag | null;
  policy: DeferralPolicy;
  /** The centre's own consequences text; default DEFERRAL_CONSEQUENCES. */
  consequences?: string;
}

export type DeferralError =
  | DecisionError
  | { code: 'deferralRefused'; refusals: DeferralRefusal[] }
  | { code: 'deadline'; error: DeadlineError }
  | { code: 'invalidCommitment'; paths: string[] }
  /** The commitment must be signed before (or at) acceptance. */
  | { code: 'commitmentAfterAcceptance' }
  | { code: 'approvalRequired' }
  | { code: 'invalidApproval'; paths: string[] }
  /** The accepting clerk cannot approve their own 容缺. */
  | { code: 'approverIsClerk' }
  | { code: 'approvalAfterAcceptance' };

export type DeferredAcceptanceResult =
  | { ok: true; decision: AcceptDecision; deferral: DeferralRecord; assessment: DeferralAssessment }
  | { ok: false; errors: DeferralError[] };

const after = (a: string, b: string): boolean => (epochMinutes(a) ?? 0) > (epochMinutes(b) ?? 0);

/**
 * 容缺受理: checks the 容缺 rules, the commitment, the approval (when the policy asks for it)
 * and the deadline, then returns the accept decision (the deferred lines are not among
 * `received`) and the DeferralRecord. Every problem is reported at once.
 */
export function makeDeferredAcceptance(input: DeferredAcceptanceInput): DeferredAcceptanceResult {
  const errors: DeferralError[] = [];
  const assessment = assessIntake(input.checklist, input.materialStates, input.applicantCheck);
  const deferral = assessDeferral(assessment, input.checklist, { applicantDishonest: input.applicantDishonest, policy: input.policy });
  if (!deferral.allowed) errors.push({ code: 'deferralRefused', refusals: deferral.refusals });

  const commitment = DeferralCommitment.safeParse(input.commitment);
  if (!commitment.success) errors.push({ code: 'invalidCommitment', paths: commitment.error.issues.map((i) => i.path.join('.')) });
  else if (isIsoDateTime(input.at) && after(commitment.data.signedAt, input.at)) errors.push({ code: 'commitmentAfterAcceptance' });

  let approval: SupervisorApproval | undefined;
  if (input.approval !== undefined) {
    const a = SupervisorApproval.safeParse(input.approval);
    if (!a.success) errors.push({ code: 'invalidApproval', paths: a.error.issues.map((i) => i.path.join('.')) });
    else {
      approval = a.data;
      if (approval.supervisorId === input.by) errors.push({ code: 'approverIsClerk' });
      if (isIsoDateTime(input.at) && after(approval.at, input.at)) errors.push({ code: 'approvalAfterAcceptance' });
    }
  } else if (input.policy.requireSupervisorApproval) errors.push({ code: 'approvalRequired' });

  let deadline: Extract<DeadlineResult, { ok: true }> | undefined;
  if (deferral.allowed && deferral.limit) {
    const d = deferralDeadline(input.at, input.requestedWorkingDays, { kind: 'workingDays', days: deferral.limit.days }, input.calendar ?? defaultCalendar);
    if (!d.ok) {
      if (d.error.code !== 'invalidTime') errors.push({ code: 'deadline', error: d.error });
    } else deadline = d;
  }

  // The ordinary acceptance with the deferred lines counted as satisfied, so every other
  // rule (time, clerk, case number, promised dates) is exactly makeAcceptance's.
  const deferredKeys = new Set(deferral.deferrable.map((d) => d.key));
  const states: Record<string, MaterialState> = { ...input.materialStates };
  for (const key of deferredKeys) states[key] = { status: 'receivedOriginal' };
  const acceptance = makeAcceptance({ ...input, materialStates: states });
  if (!acceptance.ok) for (const e of acceptance.errors) if (e.code !== 'cannotAccept' || deferral.allowed) errors.push(e);

  if (errors.length > 0 || !acceptance.ok || !deadline || !commitment.success || !deferral.limit) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ code: 'deferralRefused', refusals: deferral.refusals }] };
  }

  const decision: AcceptDecision = { ...acceptance.decision, received: acceptance.decision.received.filter((r) => !deferredKeys.has(r.key)) };
  const record: DeferralRecord = {
    schemaVersion: DEFERRAL_SCHEMA_VERSION,
    caseId: input.caseId,
    caseNumber: decision.caseNumber,
    acceptedAt: input.at,
    acceptedBy: input.by,
    materials: deferral.deferrable.map((d) => ({
      key: d.key,
      name: d.name,
      itemCodes: [...d.line.itemCodes],
      type: d.line.type,
      forms: [...d.line.forms],
      copies: d.line.copies,
      acceptanceStandard: d.line.acceptanceStandard,
      problem: d.problem,
      reason: d.reason,
    })),
    deadline: {
      date: deadline.date,
      workingDays: deadline.workingDays,
      provisional: deadline.provisional,
      limitDays: deferral.limit.days,
      limitItemCodes: [...deferral.limit.basicCodes],
    },
    commitment: commitment.data,
    consequences: input.consequences?.trim() || DEFERRAL_CONSEQUENCES,
    approvalRequired: input.policy.requireSupervisorApproval,
    ...(approval ? { approval } : {}),
    supplements: [],
  };
  const checked = DeferralRecord.safeParse(record);
  if (!checked.success) return { ok: false, errors: [{ code: 'invalidCommitment', paths: checked.error.issues.map((i) => i.path.join('.')) }] };
  return { ok: true, decision, deferral: checked.data, assessment: deferral };
}

// ---- supplements --------------------------------------------------------------------------------

export type SupplementError =
  | { code: 'invalid'; paths: string[] }
  | { code: 'notDeferred'; key: string }
  | { code: 'alreadySupplied'; key: string }
  | { code: 'beforeAcceptance' }
  /** The catalog asks for the original; a copy was offered. */
  | { code: 'originalRequired'; key: string }
  /** Marked fetched, but the material cannot be fetched by data sharing. */
  | { code: 'fetchNotAllowed'; key: string };

/**
 * Records a deferred material supplied at the window. A supplement after the deadline is
 * recorded too (it shows as `suppliedLate`; the department decides on the consequences).
 */
export function recordSupplement(
  record: DeferralRecord,
  supplement: z.input<typeof Supplement>,
): { ok: true; record: DeferralRecord; late: boolean } | { ok: false; errors: SupplementError[] } {
  const parsed = Supplement.safeParse(supplement);
  if (!parsed.success) return { ok: false, errors: [{ code: 'invalid', paths: parsed.error.issues.map((i) => i.path.join('.')) }] };
  const s = parsed.data;
  const errors: SupplementError[] = [];
  const material = record.materials.find((m) => m.key === s.key);
  if (!material) errors.push({ code: 'notDeferred', key: s.key });
  if (record.supplements.some((x) => x.key === s.key)) errors.push({ code: 'alreadySupplied', key: s.key });
  if (after(record.acceptedAt, s.at)) errors.push({ code: 'beforeAcceptance' });
  if (material && s.status === 'receivedCopy' && material.type === 'original') errors.push({ code: 'originalRequired', key: s.key });
  if (material && s.status === 'fetched' && !material.forms.includes('dataSharing')) errors.push({ code: 'fetchNotAllowed', key: s.key });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, record: { ...record, supplements: [...record.supplements, s] }, late: chinaDateOf(s.at) > record.deadline.date };
}

/** The material state a supplement gives the case (for the case revision forwarded to the department). */
export function supplementMaterialState(s: Supplement): MaterialState {
  if (s.status === 'fetched') return s.reference ? { status: 'fetched', reference: s.reference } : { status: 'fetched' };
  return s.copies !== undefined ? { status: s.status, copies: s.copies } : { status: s.status };
}

export type SupplementState = 'supplied' | 'suppliedLate' | 'outstanding' | 'overdue';

export interface SupplementStatus {
  caseId: string;
  caseNumber: string;
  deadline: string;
  /** Calendar days from today to the deadline: 0 = due today, negative = past. */
  daysLeft: number;
  materials: {
    key: string;
    name: string;
    state: SupplementState;
    /** When supplied (ISO) and the date in China. */
    suppliedAt?: string;
    suppliedOn?: string;
  }[];
  /** complete: all supplied in time; completeLate: all supplied, some late; outstanding: some still due; overdue: some past the deadline. */
  overall: 'complete' | 'completeLate' | 'outstanding' | 'overdue';
  outstanding: number;
  overdue: number;
}

/**
 * Per deferred material: supplied (on or before the deadline), suppliedLate, outstanding
 * (not yet, deadline not passed) or overdue (not supplied and the deadline passed).
 * The deadline day itself is still in time.
 */
export function supplementStatus(
  record: DeferralRecord,
  supplements: readonly Supplement[] = record.supplements,
  todayIso: string,
): SupplementStatus {
  const today = isoToDayNumber(todayIso);
  const due = isoToDayNumber(record.deadline.date);
  if (today === null) throw new RangeError(`todayIso must be YYYY-MM-DD, got ${JSON.stringify(todayIso)}`);
  if (due === null) throw new RangeError(`invalid deadline ${record.deadline.date}`);
  const first = new Map<string, Supplement>();
  for (const s of [...supplements].sort((a, b) => (epochMinutes(a.at) ?? 0) - (epochMinutes(b.at) ?? 0)))
    if (!first.has(s.key)) first.set(s.key, s);

  const materials: SupplementStatus['materials'] = record.materials.map((m) => {
    const s = first.get(m.key);
    if (s) {
      const on = chinaDateOf(s.at);
      return { key: m.key, name: m.name, state: on <= record.deadline.date ? 'supplied' : 'suppliedLate', suppliedAt: s.at, suppliedOn: on };
    }
    return { key: m.key, name: m.name, state: today > due ? 'overdue' : 'outstanding' };
  });
  const outstanding = materials.filter((m) => m.state === 'outstanding').length;
  const overdue = materials.filter((m) => m.state === 'overdue').length;
  const late = materials.some((m) => m.state === 'suppliedLate');
  return {
    caseId: record.caseId,
    caseNumber: record.caseNumber,
    deadline: record.deadline.date,
    daysLeft: due - today,
    materials,
    overall: overdue > 0 ? 'overdue' : outstanding > 0 ? 'outstanding' : late ? 'completeLate' : 'complete',
    outstanding,
    overdue,
  };
}

const byDeadline = (a: SupplementStatus, b: SupplementStatus): number =>
  a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0;

/** The clerk's list: every deferral not yet complete (outstanding or overdue), earliest deadline first. */
export function openDeferrals(records: readonly DeferralRecord[], todayIso: string): SupplementStatus[] {
  return records
    .map((r) => supplementStatus(r, r.supplements, todayIso))
    .filter((s) => s.overall === 'outstanding' || s.overall === 'overdue')
    .sort(byDeadline);
}

/** The clerk's and the supervisor's overdue list: some deferred material not supplied by its deadline. */
export function overdueDeferrals(records: readonly DeferralRecord[], todayIso: string): SupplementStatus[] {
  return openDeferrals(records, todayIso).filter((s) => s.overall === 'overdue');
}

/** Deferrals whose deadline is within `days` calendar days (0 = due today) and still outstanding. */
export function deferralsDueSoon(records: readonly DeferralRecord[], todayIso: string, days: number): SupplementStatus[] {
  const until = addCalendarDays(todayIso, days);
  return openDeferrals(records, todayIso).filter((s) => s.overall === 'outstanding' && s.deadline <= until);
}

// ---- messages ------------------------------------------------------------------------------------

/** A refusal as one sentence for the clerk. */
export function deferralRefusalMessage(r: DeferralRefusal, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (r.kind) {
    case 'dishonest': {
      const by = r.source === 'list' ? (zh ? '（失信名单）' : ' (dishonesty list)') : r.source === 'clerk' ? (zh ? '（经办人标记）' : ' (flagged by the clerk)') : '';
      return zh
        ? `申请人为失信主体${by}，不适用容缺受理${r.reason ? `：${r.reason}` : '。'}`
        : `The applicant is flagged as dishonest${by}: no deferred acceptance${r.reason ? `. Reason: ${r.reason}` : '.'}`;
    }
    case 'requiredMaterial':
      return zh
        ? `必备材料“${r.name}”${r.problem === 'missing' ? '未提交' : '不符合要求'}，不能容缺受理。`
        : `Required material “${r.name}” is ${r.problem === 'missing' ? 'missing' : 'not acceptable'}: no deferred acceptance.`;
    case 'immediateItem':
      return zh
        ? `“${r.name}”为即办事项（${r.itemNames.join('、')}）所需，即办件当场办结，没有补齐期限，不能容缺。`
        : `“${r.name}” is needed by a same-day item (${r.itemNames.join(', ')}); same-day items finish at once, leaving no time to supplement.`;
    case 'notReady':
      return zh
        ? `容缺受理前须完成其他核验：${r.blockers.map((b) => blockerMessage(b, locale)).join(' ')}`
        : `Finish the other checks first: ${r.blockers.map((b) => blockerMessage(b, locale)).join(' ')}`;
    case 'nothingToDefer':
      return r.canAcceptNow
        ? zh
          ? '材料已齐全，直接受理即可，无需容缺。'
          : 'The materials are complete: accept normally, nothing to defer.'
        : zh
          ? '没有可容缺后补的材料。'
          : 'No deferrable material is missing.';
  }
}

export function deadlineErrorMessage(e: DeadlineError, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (e.code) {
    case 'immediateItem':
      return zh ? '即办事项当场办结，没有补齐期限，不能容缺受理。' : 'A same-day item finishes at once: there is no time to supplement.';
    case 'invalidDays':
      return zh ? '补齐期限应为至少 1 个工作日。' : 'The deadline must be at least 1 working day.';
    case 'beyondLimit':
      return zh
        ? `补齐期限不能超过承诺办结时限（最多 ${e.maxDays} 个工作日，即 ${e.latestDate} 前）。`
        : `The deadline cannot go beyond the promised limit (at most ${e.maxDays} working days, by ${e.latestDate}).`;
    case 'invalidTime':
      return zh ? '受理时间无效。' : 'The acceptance time is not valid.';
  }
}

/** A makeDeferredAcceptance error as one sentence for the clerk. */
export function deferralErrorMessage(e: DeferralError, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (e.code) {
    case 'deferralRefused':
      return e.refusals.map((r) => deferralRefusalMessage(r, locale)).join(' ');
    case 'deadline':
      return deadlineErrorMessage(e.error, locale);
    case 'invalidCommitment':
      return zh ? `承诺书信息不完整：${e.paths.join('、')}` : `The commitment is incomplete: ${e.paths.join(', ')}`;
    case 'commitmentAfterAcceptance':
      return zh ? '须先由申请人签署容缺受理承诺书，再受理。' : 'The applicant signs the commitment before acceptance.';
    case 'approvalRequired':
      return zh ? '按本中心规定，容缺受理须经负责人审批。' : 'The centre’s policy requires a supervisor’s approval for deferred acceptance.';
    case 'invalidApproval':
      return zh ? `审批信息不完整：${e.paths.join('、')}` : `The approval is incomplete: ${e.paths.join(', ')}`;
    case 'approverIsClerk':
      return zh ? '审批人不能是受理人本人。' : 'The accepting clerk cannot approve their own deferred acceptance.';
    case 'approvalAfterAcceptance':
      return zh ? '审批须在受理之前。' : 'The approval must come before acceptance.';
    default:
      return decisionErrorMessage(e, locale);
  }
}

export function supplementErrorMessage(e: SupplementError, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (e.code) {
    case 'invalid':
      return zh ? `补齐记录不完整：${e.paths.join('、')}` : `The supplement record is incomplete: ${e.paths.join(', ')}`;
    case 'notDeferred':
      return zh ? '该材料不在容缺材料清单中。' : 'This material was not deferred.';
    case 'alreadySupplied':
      return zh ? '该材料已补齐。' : 'This material has already been supplied.';
    case 'beforeAcceptance':
      return zh ? '补齐时间早于受理时间。' : 'The supplement is dated before the acceptance.';
    case 'originalRequired':
      return zh ? '该材料须提交原件。' : 'The original is required.';
    case 'fetchNotAllowed':
      return zh ? '该材料不能通过数据共享调取，须提交。' : 'This material cannot be fetched by data sharing.';
  }
}
