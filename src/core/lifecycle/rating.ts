/**
 * 好差评 — service evaluation (国办发〔2019〕51号《关于建立政务服务"好差评"制度提高政务服务
 * 水平的意见》; GB/T 39734-2020 政务服务评价工作指南).
 *
 * - Five levels: 非常满意, 满意, 基本满意, 不满意, 非常不满意; the last two are 差评.
 * - On site "一次一评": the applicant may rate after acceptance and after the hand-out, once
 *   per occasion, with the case number.
 * - Tags: a positive set (shown for 非常满意/满意/基本满意) and a negative set (shown for
 *   不满意/非常不满意, and for 基本满意 too: "basically satisfied, but…"). The sets are the
 *   usual ones of provincial 好差评 systems (efficiency, attitude, one visit, fewer materials /
 *   several visits, cumbersome materials, attitude, overdue …) — stable ids, bilingual labels;
 *   not a verbatim copy of a standard's table.
 * - A 差评 must say why (a tag or a comment), so the follow-up has something to check.
 * - Voluntary, no pressure: the clerk never chooses the rating (see ratingPromptPolicy).
 *
 * Follow-up of a 差评 (FOLLOW_UP_POLICY): call back within 1 day, fix and report back within
 * 15 days (Zhejiang practice, which names no unit). DECISION: both
 * are counted in WORKING days (工作日) — government-service limits are working days
 * (行政许可法 Art. 82), the offices that call back and fix are staffed on working days only
 * (a "1 day" call-back for a Friday-evening rating lands on Monday, not on Saturday), and
 * local implementations of 国办发〔2019〕51号 commonly state their rectification periods as
 * 工作日. This is our reading, not a quoted rule: the policy object makes the numbers and the
 * unit a centre setting (`unit: 'calendarDays'` gives the strict reading).
 */
import { defaultCalendar, type WorkingDayCalendar } from '../calendar';
import { addCalendarDays } from '../calendar/isoDate';
import type { Locale, Localized } from '../i18n';
import { validateCaseNumber } from '../intake/caseNumber';
import { chinaDateOf, isIsoDateTime } from '../intake/time';
import { L } from './common';
import { isPoorRating, RATING_LEVEL_LABELS, type Rating, type RatingLevel } from './ratingSchema';

export * from './ratingSchema';

// ---- voluntary, no pressure ----------------------------------------------------------------------

export type RatingScreenMode = 'applicantFacing' | 'clerk';

export interface RatingPromptPolicy {
  /** Only the applicant-facing mode (the screen turned to the applicant, or the evaluation pad) takes input. */
  inputMode: 'applicantFacing';
  /** The clerk can never choose or change a rating, nor pre-select a level. */
  clerkMayChoose: false;
  preselectedLevel: null;
  /** The applicant may skip: no rating is recorded, nothing is asked again. */
  mayDecline: true;
  /** No timer picks a level; an unanswered prompt records nothing. */
  defaultOnTimeout: null;
  /** 一次一评: at most one rating per case and trigger. */
  oneRatingPerTrigger: true;
  /** What the screen says, bilingual. */
  prompt: Localized;
  declineLabel: Localized;
}

/**
 * How the rating screen must behave (国办发〔2019〕51号: evaluation is the applicant's free
 * choice; staff may not influence it). The UI shows the prompt only in applicant-facing mode,
 * offers a visible "不评价" button, never pre-selects, and records nothing on timeout.
 */
export function ratingPromptPolicy(): RatingPromptPolicy {
  return {
    inputMode: 'applicantFacing',
    clerkMayChoose: false,
    preselectedLevel: null,
    mayDecline: true,
    defaultOnTimeout: null,
    oneRatingPerTrigger: true,
    prompt: L('请您对本次服务进行评价。评价自愿，您也可以选择不评价。', 'Please rate this service. Rating is voluntary; you may skip it.'),
    declineLabel: L('不评价', 'Skip'),
  };
}

/** Whether the screen may take a rating in this mode (only applicant-facing). */
export function mayAcceptRatingInput(mode: RatingScreenMode): boolean {
  return mode === ratingPromptPolicy().inputMode;
}

/** 一次一评: whether this case may still be rated for this trigger. */
export function canRate(existing: readonly Pick<Rating, 'caseNumber' | 'trigger'>[], caseNumber: string, trigger: Rating['trigger']): boolean {
  const v = validateCaseNumber(caseNumber);
  const n = v.ok ? v.normalized : caseNumber;
  return !existing.some((r) => r.trigger === trigger && (validateCaseNumber(r.caseNumber).ok ? validateCaseNumber(r.caseNumber).normalized : r.caseNumber) === n);
}

// ---- follow-up of a 差评 -------------------------------------------------------------------------

export interface FollowUpPolicy {
  callBackDays: number;
  fixDays: number;
  unit: 'workingDays' | 'calendarDays';
  basis: string;
}

/** Zhejiang: call back within 1 (working) day, fix and report back within 15 (working) days. */
export const FOLLOW_UP_POLICY: FollowUpPolicy = {
  callBackDays: 1,
  fixDays: 15,
  unit: 'workingDays',
  basis: '国办发〔2019〕51号；浙江省“好差评”做法：差评1日内回访核实，15日内整改反馈（按工作日计）',
};

export interface RatingFollowUp {
  ratingId: string;
  caseNumber: string;
  level: RatingLevel;
  tags: string[];
  comment?: string;
  /** When the follow-up was opened (ISO). */
  openedAt: string;
  /** Last day to call the applicant back (inclusive), YYYY-MM-DD. */
  callBackBy: string;
  /** Last day to fix and report back (inclusive). */
  fixBy: string;
  /** Counted through a year without official holiday data. */
  provisional: boolean;
  policy: FollowUpPolicy;
}

/**
 * The follow-up a 差评 creates (null for any other rating): call-back and fix deadlines
 * counted from the date in China of `atIso` (normally the rating's time).
 */
export function followUpFor(
  rating: Rating,
  atIso: string,
  calendar: WorkingDayCalendar = defaultCalendar,
  policy: FollowUpPolicy = FOLLOW_UP_POLICY,
): RatingFollowUp | null {
  if (!isPoorRating(rating.level)) return null;
  if (!isIsoDateTime(atIso)) throw new RangeError(`expected an ISO date-time with an offset, got ${JSON.stringify(atIso)}`);
  const from = chinaDateOf(atIso);
  const add = (n: number) => (policy.unit === 'workingDays' ? calendar.addWorkingDays(from, n) : { date: addCalendarDays(from, n), provisional: false });
  const callBack = add(policy.callBackDays);
  const fix = add(policy.fixDays);
  return {
    ratingId: rating.id,
    caseNumber: rating.caseNumber,
    level: rating.level,
    tags: [...rating.tags],
    ...(rating.comment ? { comment: rating.comment } : {}),
    openedAt: atIso,
    callBackBy: callBack.date,
    fixBy: fix.date,
    provisional: callBack.provisional || fix.provisional,
    policy,
  };
}

export type FollowUpStepState = 'done' | 'doneLate' | 'due' | 'overdue';

/** Where a follow-up stands on `todayIso`: each step done (in time or late), due, or overdue. */
export function followUpProgress(
  f: RatingFollowUp,
  progress: { calledBackAt?: string; fixedAt?: string },
  todayIso: string,
): { callBack: FollowUpStepState; fix: FollowUpStepState; overdue: boolean } {
  const step = (doneAt: string | undefined, by: string): FollowUpStepState => {
    if (doneAt) return chinaDateOf(doneAt) <= by ? 'done' : 'doneLate';
    return todayIso > by ? 'overdue' : 'due';
  };
  const callBack = step(progress.calledBackAt, f.callBackBy);
  const fix = step(progress.fixedAt, f.fixBy);
  return { callBack, fix, overdue: callBack === 'overdue' || fix === 'overdue' };
}

/** What was done about a 差评: the call-back (回访) and, later, the fix (整改) reported back. */
export interface FollowUpRecord {
  calledBackAt: string;
  calledBackBy: string;
  /** What the applicant said on the call-back. */
  outcome: string;
  fixedAt?: string;
  fixedBy?: string;
  /** What was fixed (整改措施). */
  fix?: string;
}

export type FollowUpRecordError =
  | { code: 'required'; field: 'outcome' | 'fix' | 'by' }
  | { code: 'tooLong'; field: 'outcome' | 'fix'; max: number }
  | { code: 'invalidTime'; field: 'calledBackAt' | 'fixedAt' }
  | { code: 'beforeRating' }
  | { code: 'fixBeforeCallBack' };

/**
 * Records the call-back, or the fix on top of an earlier call-back (a fix needs a call-back
 * first; neither may predate the rating). Texts are trimmed, at most 500 characters.
 */
export function recordFollowUp(
  f: RatingFollowUp,
  previous: FollowUpRecord | undefined,
  input: { at: string; by: string; outcome?: string; fix?: string; fixed?: boolean },
): { ok: true; record: FollowUpRecord } | { ok: false; errors: FollowUpRecordError[] } {
  const errors: FollowUpRecordError[] = [];
  const outcome = (input.outcome ?? previous?.outcome ?? '').trim();
  const fix = (input.fix ?? previous?.fix ?? '').trim();
  if (input.by.trim() === '') errors.push({ code: 'required', field: 'by' });
  if (!isIsoDateTime(input.at)) errors.push({ code: 'invalidTime', field: previous ? 'fixedAt' : 'calledBackAt' });
  else if (Date.parse(input.at) < Date.parse(f.openedAt)) errors.push({ code: 'beforeRating' });
  if (outcome === '') errors.push({ code: 'required', field: 'outcome' });
  else if ([...outcome].length > 500) errors.push({ code: 'tooLong', field: 'outcome', max: 500 });
  if (input.fixed) {
    if (fix === '') errors.push({ code: 'required', field: 'fix' });
    else if ([...fix].length > 500) errors.push({ code: 'tooLong', field: 'fix', max: 500 });
    if (previous && isIsoDateTime(input.at) && Date.parse(input.at) < Date.parse(previous.calledBackAt)) errors.push({ code: 'fixBeforeCallBack' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const record: FollowUpRecord = previous
    ? { ...previous, outcome }
    : { calledBackAt: input.at, calledBackBy: input.by.trim(), outcome };
  if (fix !== '') record.fix = fix;
  if (input.fixed) {
    record.fixedAt = input.at;
    record.fixedBy = input.by.trim();
  }
  return { ok: true, record };
}

export type FollowUpStatus = 'pending' | 'overdue' | 'calledBack' | 'resolved';

/** One word for the follow-up list: resolved, called back (fix pending), overdue, or still to call. */
export function followUpStatus(f: RatingFollowUp, r: FollowUpRecord | undefined, todayIso: string): { status: FollowUpStatus; overdue: boolean } {
  const p = followUpProgress(f, { ...(r?.calledBackAt ? { calledBackAt: r.calledBackAt } : {}), ...(r?.fixedAt ? { fixedAt: r.fixedAt } : {}) }, todayIso);
  if (r?.fixedAt) return { status: 'resolved', overdue: false };
  if (p.overdue) return { status: 'overdue', overdue: true };
  return { status: r ? 'calledBack' : 'pending', overdue: false };
}

export function ratingLevelLabel(level: RatingLevel, locale: Locale): string {
  return RATING_LEVEL_LABELS[level][locale];
}
