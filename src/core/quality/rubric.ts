/**
 * The quality-review rubric: six criteria, each scored pass / partial / fail
 * (2 / 1 / 0 points) or n/a, with comments → a total of 0–100.
 *
 * ## Weights (sum 100) — why
 * | criterion          | weight | why |
 * |--------------------|-------:|-----|
 * | rightItem          | 25 | the wrong item makes the whole intake wrong (wrong department, wrong legal basis, 行政许可法 Art. 32(1)) |
 * | situationAnswers   | 20 | wrong 情形 answers demand the wrong materials: the applicant comes back, or an illegal demand is made |
 * | materials          | 20 | complete and in legal form is the condition of acceptance (Art. 32(4)); nothing unrelated demanded |
 * | applicantData      | 15 | errors in names and ID numbers go onto licences and into shared data (一数一源) |
 * | documents          | 10 | 受理通知书 / 一次性告知书 / 不予受理通知书 complete, dated, correct promised date and rights |
 * | manner             | 10 | courtesy, one-time telling, no pressure on the 好差评 rating |
 *
 * total = 100 × Σ weight × points / (2 × Σ weight of the applicable criteria), rounded to an
 * integer; n/a criteria (e.g. materials on a refusal for lack of jurisdiction) are left out of
 * both sums. A fail on rightItem or materials is critical: the case was handled unlawfully,
 * whatever the total.
 */
import { z } from 'zod';
import type { Localized } from '../i18n';
import { IsoDateTime, epochMinutes } from '../intake/time';

export const Criterion = z.enum(['rightItem', 'situationAnswers', 'materials', 'applicantData', 'documents', 'manner']);
export type Criterion = z.infer<typeof Criterion>;
export const CRITERIA: readonly Criterion[] = Criterion.options;

export const CRITERION_WEIGHTS: Readonly<Record<Criterion, number>> = {
  rightItem: 25,
  situationAnswers: 20,
  materials: 20,
  applicantData: 15,
  documents: 10,
  manner: 10,
};

export const CRITICAL_CRITERIA: readonly Criterion[] = ['rightItem', 'materials'];

export const CRITERION_LABELS: Record<Criterion, Localized> = {
  rightItem: { 'zh-CN': '事项选择正确', 'en-US': 'Right item' },
  situationAnswers: { 'zh-CN': '情形选择正确', 'en-US': 'Right situation answers' },
  materials: { 'zh-CN': '材料收取正确', 'en-US': 'Right materials' },
  applicantData: { 'zh-CN': '申请人信息准确', 'en-US': 'Applicant data without errors' },
  documents: { 'zh-CN': '文书出具正确', 'en-US': 'Documents correct' },
  manner: { 'zh-CN': '服务态度与规范', 'en-US': 'Manner' },
};

export const ScoreLevel = z.enum(['pass', 'partial', 'fail', 'na']);
export type ScoreLevel = z.infer<typeof ScoreLevel>;

export const SCORE_LEVEL_LABELS: Record<ScoreLevel, Localized> = {
  pass: { 'zh-CN': '符合', 'en-US': 'Pass' },
  partial: { 'zh-CN': '部分符合', 'en-US': 'Partial' },
  fail: { 'zh-CN': '不符合', 'en-US': 'Fail' },
  na: { 'zh-CN': '不适用', 'en-US': 'n/a' },
};

const POINTS: Record<Exclude<ScoreLevel, 'na'>, number> = { pass: 2, partial: 1, fail: 0 };

const comment = z.string().trim().min(1).max(2000);

export const Scores = z.object({
  rightItem: ScoreLevel,
  situationAnswers: ScoreLevel,
  materials: ScoreLevel,
  applicantData: ScoreLevel,
  documents: ScoreLevel,
  manner: ScoreLevel,
});
export type Scores = z.infer<typeof Scores>;

export const ClerkReply = z.object({ at: IsoDateTime, text: comment });
export type ClerkReply = z.infer<typeof ClerkReply>;

/**
 * A supervisor's review of one case. `comments` per criterion and `overall`: a partial or
 * a failed criterion needs its comment (the clerk must learn what was wrong). The clerk may
 * answer once (`clerkReply`), not before the review.
 */
export const Review = z
  .object({
    caseId: z.uuid(),
    reviewerId: z.string().trim().min(1),
    at: IsoDateTime,
    scores: Scores,
    comments: z
      .object({
        rightItem: comment.optional(),
        situationAnswers: comment.optional(),
        materials: comment.optional(),
        applicantData: comment.optional(),
        documents: comment.optional(),
        manner: comment.optional(),
        overall: comment.optional(),
      })
      .default({}),
    clerkReply: ClerkReply.optional(),
  })
  .superRefine((r, ctx) => {
    if (CRITERIA.every((c) => r.scores[c] === 'na'))
      ctx.addIssue({ code: 'custom', path: ['scores'], message: 'at least one criterion must be scored' });
    for (const c of CRITERIA)
      if ((r.scores[c] === 'partial' || r.scores[c] === 'fail') && !r.comments[c])
        ctx.addIssue({ code: 'custom', path: ['comments', c], message: `a ${r.scores[c]} on ${c} needs a comment` });
    if (r.clerkReply) {
      const a = epochMinutes(r.at);
      const b = epochMinutes(r.clerkReply.at);
      if (a !== null && b !== null && b < a) ctx.addIssue({ code: 'custom', path: ['clerkReply', 'at'], message: 'the reply cannot come before the review' });
    }
  });
export type Review = z.infer<typeof Review>;
export type ReviewInput = z.input<typeof Review>;

export interface ReviewScore {
  /** 0–100, integer; null when every criterion is n/a. */
  total: number | null;
  /** Points of each criterion (0–2), null for n/a. */
  points: Record<Criterion, number | null>;
  /** The criteria that failed among CRITICAL_CRITERIA. */
  criticalFailures: Criterion[];
}

/** The total and details of a set of scores (see the weights above). */
export function scoreReview(scores: Scores): ReviewScore {
  let got = 0;
  let max = 0;
  const points = {} as Record<Criterion, number | null>;
  for (const c of CRITERIA) {
    const level = scores[c];
    if (level === 'na') {
      points[c] = null;
      continue;
    }
    points[c] = POINTS[level];
    got += CRITERION_WEIGHTS[c] * POINTS[level];
    max += CRITERION_WEIGHTS[c] * 2;
  }
  return {
    total: max > 0 ? Math.round((100 * got) / max) : null,
    points,
    criticalFailures: CRITICAL_CRITERIA.filter((c) => scores[c] === 'fail'),
  };
}

/**
 * The review with the clerk's reply (throws a ZodError when the result is not a valid
 * review, and RangeError when the clerk already replied).
 */
export function withClerkReply(review: Review, reply: ClerkReply): Review {
  if (review.clerkReply) throw new RangeError(`the clerk already replied to the review of case ${review.caseId}`);
  return Review.parse({ ...review, clerkReply: reply });
}
