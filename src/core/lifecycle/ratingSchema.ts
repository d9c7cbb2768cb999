/**
 * 好差评: the rating levels, tags and the stored `Rating` schema (with validateRating) — split
 * from rating.ts so the sync protocol can use the schema without loading the calendar (and its
 * bundled holiday JSON) in plain Node. rating.ts re-exports everything here.
 */
import { z } from 'zod';
import { safeText } from '../text';
import type { Localized } from '../i18n';
import { validateCaseNumber } from '../intake/caseNumber';
import { IsoDateTime } from '../intake/time';
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
  caseNumber: safeText({ max: 40 }),
  caseId: z.uuid().optional(),
  trigger: z.enum(['afterAcceptance', 'afterHandout']),
  at: IsoDateTime,
  channel: z.literal('onSite'),
  /** Only the applicant-facing screen produces ratings (ratingPromptPolicy). */
  enteredVia: z.literal('applicantFacing'),
  level: RatingLevel,
  tags: z.array(safeText({ max: 100 })).max(20).default([]),
  comment: safeText({ multiline: true, allowEmpty: true }).optional(),
  /** Who and where is rated: the clerk and window (评价对象). */
  clerkId: safeText({ max: 100 }),
  windowNo: safeText({ max: 20 }).optional(),
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
