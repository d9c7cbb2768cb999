import { describe, expect, it } from 'vitest';
import { CRITERIA, CRITERION_WEIGHTS, Review, scoreReview, withClerkReply, type ReviewInput, type Scores } from './rubric';

const allPass: Scores = { rightItem: 'pass', situationAnswers: 'pass', materials: 'pass', applicantData: 'pass', documents: 'pass', manner: 'pass' };

const review = (o: Partial<ReviewInput> = {}): ReviewInput => ({
  caseId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  reviewerId: 'S001',
  at: '2026-12-07T10:00:00+08:00',
  scores: allPass,
  comments: {},
  ...o,
});

describe('scoreReview', () => {
  it('weights sum to 100', () => {
    expect(CRITERIA.reduce((s, c) => s + CRITERION_WEIGHTS[c], 0)).toBe(100);
  });

  it('scores 0–100', () => {
    expect(scoreReview(allPass)).toEqual({
      total: 100,
      points: { rightItem: 2, situationAnswers: 2, materials: 2, applicantData: 2, documents: 2, manner: 2 },
      criticalFailures: [],
    });
    const allFail = Object.fromEntries(CRITERIA.map((c) => [c, 'fail'])) as Scores;
    expect(scoreReview(allFail)).toMatchObject({ total: 0, criticalFailures: ['rightItem', 'materials'] });
    // 25×2 + 20×1 + 20×2 + 15×0 + 10×2 + 10×2 = 150 of 200
    const mixed: Scores = { ...allPass, situationAnswers: 'partial', applicantData: 'fail' };
    expect(scoreReview(mixed)).toMatchObject({ total: 75, criticalFailures: [] });
    // n/a leaves the criterion out: 130 of 180 → 72.2
    expect(scoreReview({ ...mixed, documents: 'na' })).toMatchObject({ total: 72, points: { documents: null } });
    expect(scoreReview({ ...allPass, materials: 'fail' })).toMatchObject({ total: 80, criticalFailures: ['materials'] });
    expect(scoreReview(Object.fromEntries(CRITERIA.map((c) => [c, 'na'])) as Scores).total).toBeNull();
  });
});

describe('Review', () => {
  it('accepts a review and needs a comment on each partial or failed criterion', () => {
    expect(Review.safeParse(review()).success).toBe(true);
    const partial = review({ scores: { ...allPass, materials: 'partial' } });
    const r = Review.safeParse(partial);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['comments', 'materials']);
    expect(Review.safeParse({ ...partial, comments: { materials: '营业执照复印件未加盖公章即受理' } }).success).toBe(true);
    expect(Review.safeParse(review({ scores: { ...allPass, manner: 'excellent' as never } })).success).toBe(false);
    expect(Review.safeParse(review({ caseId: 'not-a-uuid' })).success).toBe(false);
    expect(Review.safeParse(review({ at: '2026-12-07' })).success).toBe(false);
    expect(Review.safeParse(review({ scores: Object.fromEntries(CRITERIA.map((c) => [c, 'na'])) as Scores })).success).toBe(false);
  });

  it('takes one clerk reply, not before the review', () => {
    const r = Review.parse(review({ scores: { ...allPass, documents: 'fail' }, comments: { documents: '承诺办结日期错误', overall: '请复核' } }));
    const replied = withClerkReply(r, { at: '2026-12-07T14:00:00+08:00', text: '已核对，系目录版本更新前办理' });
    expect(replied.clerkReply).toEqual({ at: '2026-12-07T14:00:00+08:00', text: '已核对，系目录版本更新前办理' });
    expect(r.clerkReply).toBeUndefined();
    expect(() => withClerkReply(replied, { at: '2026-12-08T09:00:00+08:00', text: '补充' })).toThrow(RangeError);
    expect(() => withClerkReply(r, { at: '2026-12-07T09:00:00+08:00', text: '早于评查' })).toThrow();
    expect(() => withClerkReply(r, { at: '2026-12-07T14:00:00+08:00', text: '  ' })).toThrow();
  });
});

describe('Review defaults', () => {
  it('defaults comments to none', () => {
    const { comments: _, ...noComments } = review();
    expect(Review.parse(noComments).comments).toEqual({});
  });
});
