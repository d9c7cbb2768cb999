import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { verifyChain } from '@core/quality/audit';
import { scoreReview } from '@core/quality/rubric';
import { getLiveDb } from '../store/db';
import { putCase } from '../store/case-store';
import { entriesOf } from '../store/audit-log';
import { putSession } from '../session/session-store';
import { DEFAULT_SAMPLING, loadSamplingSetting, replyToReview, reviewOfCase, reviewsOfClerk, saveReview, saveSamplingSetting, weekOfCase } from './review-store';

const caseId = '00000000-0000-4000-8000-0000000000aa';
const scores = { rightItem: 'pass', situationAnswers: 'pass', materials: 'partial', applicantData: 'pass', documents: 'pass', manner: 'na' } as const;

const supervisor = () => putSession({ clerkId: 'S0001', name: '赵主任', windowNo: '1', role: 'supervisor', signedInAt: '2026-12-01T02:00:00.000Z' });

describe('review store', () => {
  it('only a signed-in supervisor saves a review or the sampling setting', async () => {
    await putSession({ clerkId: 'C0042', name: '王晓梅', windowNo: '7', role: 'clerk', signedInAt: '2026-12-01T02:00:00.000Z' });
    await expect(saveSamplingSetting({ share: 1, minPerClerk: 0 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(saveReview({ caseId, reviewerId: 'C0042', at: '2026-12-01T10:00:00+08:00', scores: { ...scores, materials: 'pass' } }, 'C0042', 'w')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await reviewOfCase(caseId)).toBeUndefined();
  });

  it('the sampling setting defaults and is saved', async () => {
    await supervisor();
    expect(await loadSamplingSetting()).toEqual(DEFAULT_SAMPLING);
    await saveSamplingSetting({ share: 0.2, minPerClerk: 2 });
    expect(await loadSamplingSetting()).toEqual({ share: 0.2, minPerClerk: 2 });
  });

  it('a review needs a comment on a partial; the clerk answers once, only their own; then it cannot change', async () => {
    await supervisor();
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

  it('a review and the answer enter the case’s audit chain (score and levels, not the comments), who made them', async () => {
    const db = getLiveDb();
    const c = makeDraft({ id: '00000000-0000-4000-8000-0000000000bb', applicant: personApplicant() });
    await putCase(c, '食品经营许可', db);
    await supervisor();
    await saveReview({ caseId: c.id, reviewerId: 'S0001', at: '2026-12-01T10:00:00+08:00', scores, comments: { materials: '未核对签字' } }, c.clerk.clerkId, 'w');
    await saveReview({ caseId: c.id, reviewerId: 'S0001', at: '2026-12-01T10:05:00+08:00', scores: { ...scores, materials: 'pass' } }, c.clerk.clerkId, 'w');
    await db.settings.put({ key: 'clerkSession', value: { userId: c.clerk.clerkId, role: 'clerk' } });
    await replyToReview(c.id, c.clerk.clerkId, '已改正', '2026-12-01T11:00:00+08:00');
    const log = await entriesOf(c.id, db);
    const review = log.filter((e) => e.action.startsWith('review.'));
    expect(review.map((e) => [e.action, e.actor.clerkId, e.actor.role])).toEqual([
      ['review.recorded', 'S0001', 'supervisor'],
      ['review.recorded', 'S0001', 'supervisor'],
      ['review.replied', c.clerk.clerkId, 'clerk'],
    ]);
    const partial = scoreReview(scores).total!;
    expect(partial).toBeLessThan(100);
    expect(review[0]!.after).toMatchObject({ total: partial, scores: { materials: 'partial' }, commented: ['materials'] });
    expect(review[1]!.before).toMatchObject({ total: partial });
    expect(review[1]!.after).toMatchObject({ total: 100, scores: { materials: 'pass' }, commented: [] });
    expect(review[2]!.after).toEqual({ at: '2026-12-01T11:00:00+08:00' });
    expect(JSON.stringify(log)).not.toContain('未核对签字');
    expect(JSON.stringify(log)).not.toContain('已改正');
    expect(verifyChain(log).ok).toBe(true);
    // a case without a chain here (seeded, or another workstation's) is not given one by a review
    expect(await entriesOf(caseId, db)).toEqual([]);
  });
});
