/**
 * 好差评 — service evaluation (国办发〔2019〕51号《关于建立政务服务"好差评"制度提高政务服务
 * 水平的意见》; GB/T 39734-2020 政务服务评价工作指南; domain.md §5).
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
 * 15 days (Zhejiang practice as given in domain.md §5, which names no unit). DECISION: both
 * are counted in WORKING days (工作日) — government-service limits are working days
 * (行政许可法 Art. 82), the offices that call back and fix are staffed on working days only
 * (a "1 day" call-back for a Friday-evening rating lands on Monday, not on Saturday), and
 * local implementations of 国办发〔2019〕51号 commonly state their rectification periods as
 * 工作日. This is our reading, not a quoted rule: the policy object makes the numbers and the
 * unit a centre setting (`unit: 'calendarDays'` gives the strict reading).
 */
import { z } from 'zod';
import { defaultCalendar, type WorkingDayCalendar } from '../calendar';
import { addCalendarDays } from '../calendar/isoDate';
import type { Locale, Localized } from '../i18n';
import { validateCaseNumber } from '../intake/caseNumber';
import { chinaDateOf, IsoDateTime, isIsoDateTime } from '../intake/time';
import { type LifecycleIssue, L, issue, zodIssues } from './common';

export const RATING_LEVELS = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
export const RatingLevel = z.enum(RATING_LEVELS);
export type RatingLevel = z.infer<typeof RatingLevel>;

export const RATING_LEVEL_LABELS: Record<RatingLevel, Localized> = {
  verySatisfied: L('非常满意', 'Very satisfied'),
  satisfied: L('满意', 'Satisfied'),
  basicallySatisfied: L('基本满意', 'Basically satisfied'),
  dissatisfied: L('不满意', 'Dissatisfied'),
  veryDissatisfied: L('非常不满意', 'Very dissatisfied'),
};

/** 5 = 非常满意 … 1 = 非常不满意. */
export const RATING_SCORES: Record<RatingLevel, 1 | 2 | 3 | 4 | 5> = {
  verySatisfied: 5,
  satisfied: 4,
  basicallySatisfied: 3,
  dissatisfied: 2,
  veryDissatisfied: 1,
};

/** 差评: 不满意 and 非常不满意. */
export function isPoorRating(level: RatingLevel): boolean {
  return level === 'dissatisfied' || level === 'veryDissatisfied';
}

export const POSITIVE_TAGS = {
  efficient: L('办事效率高', 'Efficient'),
  friendly: L('服务态度好', 'Friendly service'),
  doneInOneVisit: L('一次办成', 'Done in one visit'),
  fewMaterials: L('材料精简', 'Few materials needed'),
  toldAtOnce: L('一次告知清楚', 'Told everything at once'),
  simpleProcess: L('流程简便', 'Simple process'),
  professional: L('业务熟练', 'Knowledgeable staff'),
  shortWait: L('等候时间短', 'Short wait'),
} as const satisfies Record<string, Localized>;

export const NEGATIVE_TAGS = {
  multipleVisits: L('多次跑动', 'Had to come several times'),
  cumbersomeMaterials: L('材料繁琐', 'Too many materials'),
  poorAttitude: L('态度差', 'Poor attitude'),
  overdue: L('办理超时', 'Took longer than promised'),
  notToldAtOnce: L('未一次性告知', 'Not told everything at once'),
  longWait: L('等候时间长', 'Long wait'),
  unprofessional: L('业务不熟练', 'Staff lacked knowledge'),
  unclearGuidance: L('办事指南不清晰', 'Unclear guidance'),
  systemFailure: L('系统故障', 'System failure'),
  unreasonableFees: L('收费不合理', 'Unreasonable fees'),
} as const satisfies Record<string, Localized>;

export type PositiveTag = keyof typeof POSITIVE_TAGS;
export type NegativeTag = keyof typeof NEGATIVE_TAGS;
export type RatingTag = PositiveTag | NegativeTag;

/** The tags the rating screen offers for a level. */
export function tagsFor(level: RatingLevel): { id: RatingTag; label: Localized; tone: 'positive' | 'negative' }[] {
  const pos = Object.entries(POSITIVE_TAGS).map(([id, label]) => ({ id: id as RatingTag, label, tone: 'positive' as const }));
  const neg = Object.entries(NEGATIVE_TAGS).map(([id, label]) => ({ id: id as RatingTag, label, tone: 'negative' as const }));
  if (isPoorRating(level)) return neg;
  if (level === 'basicallySatisfied') return [...pos, ...neg];
  return pos;
}

export const MAX_COMMENT_CHARS = 500;
const codePoints = (s: string): number => [...s].length;

export const RATING_SCHEMA_VERSION = 1;

const RatingObject = z.object({
  schemaVersion: z.literal(RATING_SCHEMA_VERSION),
  /** Generated on the workstation and passed in. */
  id: z.uuid(),
  caseNumber: z.string().trim().min(1),
  caseId: z.uuid().optional(),
  trigger: z.enum(['afterAcceptance', 'afterHandout']),
  at: IsoDateTime,
  channel: z.literal('onSite'),
  /** Only the applicant-facing screen produces ratings (ratingPromptPolicy). */
  enteredVia: z.literal('applicantFacing'),
  level: RatingLevel,
  tags: z.array(z.string()).max(20).default([]),
  comment: z.string().trim().optional(),
  /** Who and where is rated: the clerk and window (评价对象). */
  clerkId: z.string().trim().min(1),
  windowNo: z.string().trim().min(1).optional(),
  centreCode: z.string().regex(/^\d{6}$/),
});
export type Rating = z.infer<typeof RatingObject>;
export type RatingInput = z.input<typeof RatingObject>;

/** Rules beyond the structure, bilingual. */
export function ratingRuleIssues(r: Rating): LifecycleIssue[] {
  const out: LifecycleIssue[] = [];
  if (!validateCaseNumber(r.caseNumber).ok) out.push(issue('error', 'rating.caseNumber', ['caseNumber'], '办件编号无效', 'the case number is not valid'));
  const allowed = new Set(tagsFor(r.level).map((t) => t.id as string));
  r.tags.forEach((t, i) => {
    if (!allowed.has(t))
      out.push(
        issue('error', 'rating.tag', ['tags', i], `标签“${t}”不适用于“${RATING_LEVEL_LABELS[r.level]['zh-CN']}”`, `tag “${t}” does not go with “${RATING_LEVEL_LABELS[r.level]['en-US']}”`),
      );
  });
  if (new Set(r.tags).size !== r.tags.length) out.push(issue('error', 'rating.tagTwice', ['tags'], '标签重复', 'a tag is given twice'));
  if (r.comment !== undefined && codePoints(r.comment) > MAX_COMMENT_CHARS)
    out.push(issue('error', 'rating.comment', ['comment'], `评价内容不能超过 ${MAX_COMMENT_CHARS} 字（当前 ${codePoints(r.comment)} 字）`, `the comment may have at most ${MAX_COMMENT_CHARS} characters (has ${codePoints(r.comment)})`));
  if (isPoorRating(r.level) && r.tags.length === 0 && !r.comment)
    out.push(issue('error', 'rating.poorNeedsReason', ['tags'], '差评请至少选择一个原因或填写评价内容', 'a poor rating needs at least one reason (a tag or a comment)'));
  return out;
}

/** The stored rating (structure and rules), for the server and the sync. */
export const Rating = RatingObject.superRefine((r, ctx) => {
  for (const i of ratingRuleIssues(r)) ctx.addIssue({ code: 'custom', path: i.path.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: i.message['en-US'] });
});

export type RatingValidation = { ok: true; rating: Rating } | { ok: false; errors: LifecycleIssue[] };

/** Checks a rating as entered on the applicant-facing screen; every problem, bilingual. */
export function validateRating(input: unknown): RatingValidation {
  const parsed = RatingObject.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error.issues, input) };
  const rating: Rating = { ...parsed.data };
  if (rating.comment === '') delete rating.comment;
  const errors = ratingRuleIssues(rating);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rating };
}

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

export function ratingLevelLabel(level: RatingLevel, locale: Locale): string {
  return RATING_LEVEL_LABELS[level][locale];
}
