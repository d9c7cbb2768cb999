import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar';
import {
  FOLLOW_UP_POLICY,
  Rating,
  type RatingInput,
  canRate,
  followUpFor,
  followUpProgress,
  followUpStatus,
  recordFollowUp,
  isPoorRating,
  mayAcceptRatingInput,
  ratingLevelLabel,
  ratingPromptPolicy,
  tagsFor,
  validateRating,
} from './rating';
import { CASE_ID, CASE_NUMBER } from '../../../test/fixtures/lifecycle';

const RATING_ID = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';

function rating(extra: Partial<RatingInput> = {}): RatingInput {
  return {
    schemaVersion: 1,
    id: RATING_ID,
    caseNumber: CASE_NUMBER,
    caseId: CASE_ID,
    trigger: 'afterAcceptance',
    at: '2026-11-30T09:20:00+08:00',
    channel: 'onSite',
    enteredVia: 'applicantFacing',
    level: 'verySatisfied',
    tags: ['efficient', 'doneInOneVisit'],
    comment: '窗口工作人员耐心细致，一次就办好了。',
    clerkId: 'C0107',
    windowNo: '12',
    centreCode: '330106',
    ...extra,
  };
}

describe('levels and tags', () => {
  it('five levels, the last two are 差评', () => {
    expect(['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'].map((l) => ratingLevelLabel(l as never, 'zh-CN'))).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(isPoorRating('basicallySatisfied')).toBe(false);
    expect(isPoorRating('dissatisfied')).toBe(true);
    expect(isPoorRating('veryDissatisfied')).toBe(true);
  });

  it('positive tags for good ratings, negative ones for 差评, both for 基本满意', () => {
    expect(tagsFor('satisfied').map((t) => t.label['zh-CN'])).toEqual(['办事效率高', '服务态度好', '一次办成', '材料精简', '一次告知清楚', '流程简便', '业务熟练', '等候时间短']);
    expect(tagsFor('veryDissatisfied').map((t) => t.label['zh-CN'])).toContain('多次跑动');
    expect(tagsFor('veryDissatisfied').every((t) => t.tone === 'negative')).toBe(true);
    expect(new Set(tagsFor('basicallySatisfied').map((t) => t.tone))).toEqual(new Set(['positive', 'negative']));
  });
});

describe('validateRating', () => {
  it('accepts a rating from the applicant-facing screen', () => {
    const r = validateRating(rating());
    expect(r.ok).toBe(true);
    if (r.ok) expect(Rating.safeParse(r.rating).success).toBe(true);
    expect(validateRating(rating({ tags: [], comment: '' }))).toMatchObject({ ok: true, rating: { tags: [] } });
  });

  it('refuses tags of the other tone, a 差评 without a reason, a comment over 500 characters, a rating the clerk entered', () => {
    const wrongTone = validateRating(rating({ tags: ['efficient', 'multipleVisits'] }));
    expect(!wrongTone.ok && wrongTone.errors.map((e) => [e.path, e.code])).toEqual([['tags[1]', 'rating.tag']]);
    const bare = validateRating(rating({ level: 'dissatisfied', tags: [], comment: undefined }));
    expect(!bare.ok && bare.errors[0]!.message['zh-CN']).toBe('差评请至少选择一个原因或填写评价内容');
    expect(validateRating(rating({ level: 'dissatisfied', tags: ['longWait'], comment: undefined })).ok).toBe(true);
    const long = validateRating(rating({ comment: '办'.repeat(501) }));
    expect(!long.ok && long.errors[0]!.message['zh-CN']).toBe('评价内容不能超过 500 字（当前 501 字）');
    expect(validateRating(rating({ comment: '好'.repeat(500) })).ok).toBe(true);
    const byClerk = validateRating(rating({ enteredVia: 'clerk' as never }));
    expect(!byClerk.ok && byClerk.errors.map((e) => e.path)).toEqual(['enteredVia']);
    const noCase = validateRating(rating({ caseNumber: '330106-261130-7K0042-0' }));
    expect(!noCase.ok && noCase.errors.map((e) => e.code)).toEqual(['rating.caseNumber']);
  });
});

describe('voluntary, no pressure', () => {
  it('the clerk cannot choose: input only in applicant-facing mode, nothing pre-selected, may decline', () => {
    const p = ratingPromptPolicy();
    expect(p).toMatchObject({ inputMode: 'applicantFacing', clerkMayChoose: false, preselectedLevel: null, mayDecline: true, defaultOnTimeout: null, oneRatingPerTrigger: true });
    expect(p.prompt['zh-CN']).toContain('评价自愿');
    expect(mayAcceptRatingInput('applicantFacing')).toBe(true);
    expect(mayAcceptRatingInput('clerk')).toBe(false);
  });

  it('一次一评: once per case and trigger', () => {
    const r = validateRating(rating());
    if (!r.ok) throw new Error('rating');
    expect(canRate([r.rating], CASE_NUMBER, 'afterAcceptance')).toBe(false);
    expect(canRate([r.rating], CASE_NUMBER.replace(/-/g, '').toLowerCase(), 'afterAcceptance')).toBe(false);
    expect(canRate([r.rating], CASE_NUMBER, 'afterHandout')).toBe(true);
  });
});

describe('followUpFor (差评)', () => {
  it('none for a good rating', () => {
    const r = validateRating(rating());
    if (!r.ok) throw new Error('rating');
    expect(followUpFor(r.rating, r.rating.at, defaultCalendar)).toBeNull();
  });

  it('call back within 1 working day, fix within 15 working days', () => {
    const r = validateRating(rating({ level: 'veryDissatisfied', tags: ['multipleVisits', 'notToldAtOnce'], comment: '第三次来才告知缺少材料', at: '2026-12-04T17:40:00+08:00' }));
    if (!r.ok) throw new Error('rating');
    // Friday 2026-12-04 → call back Monday 12-07; 15 working days → Friday 12-25
    const f = followUpFor(r.rating, r.rating.at, defaultCalendar);
    expect(f).toMatchObject({ ratingId: RATING_ID, caseNumber: CASE_NUMBER, level: 'veryDissatisfied', callBackBy: '2026-12-07', fixBy: '2026-12-25', provisional: false, policy: FOLLOW_UP_POLICY });
    expect(f?.tags).toEqual(['multipleVisits', 'notToldAtOnce']);
    // across National Day 2026 (10-01…10-07 off, Saturday 10-10 worked)
    expect(followUpFor(r.rating, '2026-09-30T16:00:00+08:00', defaultCalendar)?.callBackBy).toBe('2026-10-08');
    // the strict calendar-day reading is a setting
    expect(followUpFor(r.rating, r.rating.at, defaultCalendar, { ...FOLLOW_UP_POLICY, unit: 'calendarDays' })).toMatchObject({ callBackBy: '2026-12-05', fixBy: '2026-12-19' });
    // a year without official data is provisional
    expect(followUpFor(r.rating, '2027-12-20T10:00:00+08:00', defaultCalendar)?.provisional).toBe(true);
  });

  it('progress: done in time, late, due, overdue', () => {
    const r = validateRating(rating({ level: 'dissatisfied', tags: ['longWait'], at: '2026-12-04T17:40:00+08:00' }));
    if (!r.ok) throw new Error('rating');
    const f = followUpFor(r.rating, r.rating.at)!;
    expect(followUpProgress(f, {}, '2026-12-07')).toEqual({ callBack: 'due', fix: 'due', overdue: false });
    expect(followUpProgress(f, {}, '2026-12-08')).toEqual({ callBack: 'overdue', fix: 'due', overdue: true });
    expect(followUpProgress(f, { calledBackAt: '2026-12-07T09:30:00+08:00' }, '2026-12-28')).toEqual({ callBack: 'done', fix: 'overdue', overdue: true });
    expect(followUpProgress(f, { calledBackAt: '2026-12-08T09:30:00+08:00', fixedAt: '2026-12-20T10:00:00+08:00' }, '2026-12-28')).toEqual({ callBack: 'doneLate', fix: 'done', overdue: false });
  });
});

describe('recordFollowUp / followUpStatus: the call-back and the fix of a 差评', () => {
  const poor = () => {
    const r = validateRating(rating({ level: 'dissatisfied', tags: ['longWait'], at: '2026-12-04T17:40:00+08:00' }));
    if (!r.ok) throw new Error('rating');
    return followUpFor(r.rating, r.rating.at)!;
  };
  it('records the call-back, then the fix; the status follows the deadlines', () => {
    const f = poor();
    expect(followUpStatus(f, undefined, '2026-12-07')).toEqual({ status: 'pending', overdue: false });
    expect(followUpStatus(f, undefined, '2026-12-08')).toEqual({ status: 'overdue', overdue: true });
    const called = recordFollowUp(f, undefined, { at: '2026-12-07T09:30:00+08:00', by: 'C0042', outcome: ' 已致电，申请人反映排队超过一小时 ' });
    expect(called).toEqual({ ok: true, record: { calledBackAt: '2026-12-07T09:30:00+08:00', calledBackBy: 'C0042', outcome: '已致电，申请人反映排队超过一小时' } });
    if (!called.ok) return;
    expect(followUpStatus(f, called.record, '2026-12-09')).toEqual({ status: 'calledBack', overdue: false });
    expect(followUpStatus(f, called.record, '2026-12-28')).toEqual({ status: 'overdue', overdue: true }); // fix past its deadline
    const fixed = recordFollowUp(f, called.record, { at: '2026-12-15T10:00:00+08:00', by: 'S0003', fix: '午间增开一个综合窗口', fixed: true });
    expect(fixed.ok && fixed.record).toEqual({ ...called.record, fix: '午间增开一个综合窗口', fixedAt: '2026-12-15T10:00:00+08:00', fixedBy: 'S0003' });
    if (!fixed.ok) return;
    expect(followUpStatus(f, fixed.record, '2026-12-28')).toEqual({ status: 'resolved', overdue: false });
  });
  it('refuses what cannot be: no outcome, a fix without its measure, before the rating, a fix before the call-back', () => {
    const f = poor();
    expect(recordFollowUp(f, undefined, { at: '2026-12-07T09:30:00+08:00', by: 'C0042', outcome: '  ' })).toEqual({ ok: false, errors: [{ code: 'required', field: 'outcome' }] });
    expect(recordFollowUp(f, undefined, { at: '2026-12-04T08:00:00+08:00', by: 'C0042', outcome: 'x' })).toEqual({ ok: false, errors: [{ code: 'beforeRating' }] });
    expect(recordFollowUp(f, undefined, { at: 'yesterday', by: 'C0042', outcome: 'x' })).toEqual({ ok: false, errors: [{ code: 'invalidTime', field: 'calledBackAt' }] });
    const prev = { calledBackAt: '2026-12-07T09:30:00+08:00', calledBackBy: 'C0042', outcome: 'x' };
    expect(recordFollowUp(f, prev, { at: '2026-12-08T09:30:00+08:00', by: 'C0042', fixed: true })).toEqual({ ok: false, errors: [{ code: 'required', field: 'fix' }] });
    expect(recordFollowUp(f, prev, { at: '2026-12-06T09:30:00+08:00', by: 'C0042', fix: 'y', fixed: true })).toEqual({ ok: false, errors: [{ code: 'fixBeforeCallBack' }] });
    expect(recordFollowUp(f, undefined, { at: '2026-12-07T09:30:00+08:00', by: 'C0042', outcome: '长'.repeat(501) })).toEqual({ ok: false, errors: [{ code: 'tooLong', field: 'outcome', max: 500 }] });
  });
});
