import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING, loadSamplingSetting, replyToReview, reviewOfCase, reviewsOfClerk, saveReview, saveSamplingSetting, weekOfCase } from './review-store';

const caseId = '00000000-0000-4000-8000-0000000000aa';
const scores = { rightItem: 'pass', situationAnswers: 'pass', materials: 'partial', applicantData: 'pass', documents: 'pass', manner: 'na' } as const;

describe('review store', () => {
  it('the sampling setting defaults and is saved', async () => {
    expect(await loadSamplingSetting()).toEqual(DEFAULT_SAMPLING);
    await saveSamplingSetting({ share: 0.2, minPerClerk: 2 });
    expect(await loadSamplingSetting()).toEqual({ share: 0.2, minPerClerk: 2 });
  });

  it('a review needs a comment on a partial; the clerk answers once, only their own; then it cannot change', async () => {
    await expect(saveReview({ caseId, reviewerId: 'S0001', at: '2026-12-01T10:00:00+08:00', scores, comments: {} }, 'C0042', 'x')).rejects.toThrow();
    await saveReview({ caseId, reviewerId: 'S0001', at: '2026-12-01T10:00:00+08:00', scores, comments: { materials: '未核对签字' } }, 'C0042', weekOfCase('2026-11-30T09:00:00+08:00'));
    expect((await reviewOfCase(caseId))?.weekKey).toBe('2026-W49');
    expect((await reviewsOfClerk('C0042')).map((r) => r.caseId)).toEqual([caseId]);
    await expect(replyToReview(caseId, 'C0107', '不是我的', '2026-12-01T11:00:00+08:00')).rejects.toThrow('notYours');
    await replyToReview(caseId, 'C0042', '已改正', '2026-12-01T11:00:00+08:00');
    await expect(replyToReview(caseId, 'C0042', '再答一次', '2026-12-01T12:00:00+08:00')).rejects.toThrow();
    await expect(saveReview({ caseId, reviewerId: 'S0001', at: '2026-12-01T13:00:00+08:00', scores: { ...scores, materials: 'pass' } }, 'C0042', 'x')).rejects.toThrow('answered');
    expect((await reviewOfCase(caseId))?.review.clerkReply?.text).toBe('已改正');
  });
});
