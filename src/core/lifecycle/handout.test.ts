import { describe, expect, it } from 'vitest';
import { IDS, personApplicant } from '../../../test/fixtures/intake';
import {
  ResultHandout,
  type ResultHandoutInput,
  canHandOut,
  checkTrackingNumber,
  handoutQueue,
  handoutReadinessMessage,
  s10CheckDigit,
  validateHandout,
} from './handout';
import { CASE_ID, CASE_NUMBER, acceptedFoodCase, statusEvent } from '../../../test/fixtures/lifecycle';

const HANDOUT_ID = '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a';

function handout(delivery: ResultHandoutInput['delivery'], extra: Partial<ResultHandoutInput> = {}): ResultHandoutInput {
  return {
    schemaVersion: 1,
    id: HANDOUT_ID,
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    at: '2026-12-08T15:20:00+08:00',
    by: 'C0107',
    departmentCodes: ['SCJG'],
    delivery,
    ...extra,
  };
}

const wangFangInPerson = {
  method: 'inPerson' as const,
  recipientName: '王芳',
  recipientIdType: 'residentId' as const,
  recipientIdNumber: IDS.wangFang,
  relation: 'legalRepresentative' as const,
  idCheckedBy: 'cardReader' as const,
};

describe('tracking numbers', () => {
  it('knows the common formats and the UPU S10 check digit', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(checkTrackingNumber('EA 123 456 785 CN')).toEqual({ ok: true, normalized: 'EA123456785CN', carrierGuess: 'ems', checkDigitOk: true });
    expect(checkTrackingNumber('EA123456789CN')).toMatchObject({ ok: true, checkDigitOk: false });
    expect(checkTrackingNumber('SF1234567890123')).toMatchObject({ ok: true, carrierGuess: 'sf' });
    expect(checkTrackingNumber('1180123456789')).toMatchObject({ ok: true, carrierGuess: 'digits' });
    expect(checkTrackingNumber('12345')).toEqual({ ok: false, normalized: '12345' });
    expect(checkTrackingNumber('EA12345678CN').ok).toBe(false);
  });
});

describe('validateHandout', () => {
  it('in person: the legal representative of the applicant company, ID read by the card reader', () => {
    const r = validateHandout(handout(wangFangInPerson), acceptedFoodCase());
    expect(r.ok).toBe(true);
    if (r.ok) expect(ResultHandout.safeParse(r.handout).success).toBe(true);
  });

  it('in person: the recipient’s resident ID is checked, an agent needs a checked authorisation', () => {
    const r = validateHandout(handout({ ...wangFangInPerson, recipientName: '李强', recipientIdNumber: '330102197806153514', relation: 'agent' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['delivery.recipientIdNumber', 'handout.residentId.checksum'],
      ['delivery.authorisation', 'handout.authorisation'],
    ]);
    expect(r.errors[0]!.message['zh-CN']).toContain('校验位不符：按前 17 位计算，最后一位应为 3');
    expect(r.errors[1]!.message).toEqual({ 'zh-CN': '代领须核验申请人出具的授权委托书', 'en-US': 'an agent collecting the result needs the applicant’s written authorisation, checked at the window' });
    const ok = validateHandout(
      handout({ ...wangFangInPerson, recipientName: '李强', recipientIdNumber: '330102 19780615 3513', relation: 'agent', authorisation: { reference: '委托书编号 2026-118' } }),
      acceptedFoodCase(),
    );
    expect(ok.ok && ok.handout.delivery).toMatchObject({ recipientIdNumber: IDS.liQiang, authorisation: { document: '授权委托书', reference: '委托书编号 2026-118' } });
  });

  it('in person: checked against the case — who may collect', () => {
    const c = acceptedFoodCase(); // an organisation
    const asApplicant = validateHandout(handout({ ...wangFangInPerson, relation: 'applicant' }), c);
    expect(!asApplicant.ok && asApplicant.errors.map((e) => e.code)).toEqual(['handout.organisationInPerson']);
    const notRep = validateHandout(handout({ ...wangFangInPerson, recipientName: '张伟', recipientIdNumber: IDS.zhangWei }), c);
    expect(!notRep.ok && notRep.errors.map((e) => e.code)).toEqual(['handout.notLegalRepresentative']);
    const person = { ...c, applicant: personApplicant() };
    expect(validateHandout(handout({ ...wangFangInPerson, recipientName: '张伟', recipientIdNumber: IDS.zhangWei, relation: 'applicant' }), person).ok).toBe(true);
    const other = validateHandout(handout({ ...wangFangInPerson, relation: 'applicant' }), person);
    expect(!other.ok && other.errors[0]!.message['zh-CN']).toBe('领取人证件号码与申请人不一致；他人代领请选择“代领人”并核验授权委托书');
    const passport = validateHandout(handout({ ...wangFangInPerson, recipientIdType: 'other', recipientIdNumber: 'E12345678' }));
    expect(!passport.ok && passport.errors.map((e) => e.path)).toEqual(['delivery.recipientIdTypeLabel']);
  });

  it('by post: a tracking number in a known format and the address; a wrong S10 check digit only warns', () => {
    const post = {
      method: 'post' as const,
      carrier: 'ems' as const,
      trackingNumber: 'ea123456789cn',
      recipientName: '王芳',
      recipientPhone: '13805710123',
      address: '浙江省杭州市西湖区天目山路 398 号 西溪望湖酒店前台',
    };
    const r = validateHandout(handout(post));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.handout.delivery).toMatchObject({ trackingNumber: 'EA123456789CN' });
    expect(r.warnings.map((w) => w.code)).toEqual(['handout.trackingCheckDigit']);
    const bad = validateHandout(handout({ ...post, trackingNumber: 'ABC-1', address: '' }));
    expect(!bad.ok && bad.errors.map((e) => [e.path, e.message['zh-CN']])).toEqual([['delivery.address', '不能为空']]);
    const badNumber = validateHandout(handout({ ...post, trackingNumber: 'ABC-1' }));
    expect(!badNumber.ok && badNumber.errors.map((e) => e.code)).toEqual(['handout.trackingNumber']);
  });

  it('electronically: channel and reference', () => {
    expect(validateHandout(handout({ method: 'electronic', channel: 'electronicLicence', reference: '浙江省电子证照库 JY33301060012345' })).ok).toBe(true);
    const r = validateHandout(handout({ method: 'electronic', channel: 'other', reference: '' }));
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['delivery.reference']);
    const s = validateHandout(handout({ method: 'fax' } as never));
    expect(!s.ok && s.errors[0]!.path).toBe('delivery.method');
  });

  it('the stored schema applies the same rules', () => {
    const r = ResultHandout.safeParse(handout({ ...wangFangInPerson, relation: 'agent' }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toEqual(['delivery.authorisation']);
  });
});

describe('canHandOut', () => {
  const dispatched = [statusEvent(1, 'received', null), statusEvent(2, 'dispatched', 'SCJG'), statusEvent(3, 'dispatched', 'WJJ')];

  it('only after 办结 with a result ready at every department it went to', () => {
    expect(canHandOut([])).toMatchObject({ allowed: false, reason: 'noEvents' });
    expect(canHandOut(dispatched)).toMatchObject({ allowed: false, reason: 'notFinished', waitingDepartments: ['SCJG', 'WJJ'] });
    const scjgDone = [...dispatched, statusEvent(10, 'approved', 'SCJG', { resultReady: true })];
    expect(canHandOut(scjgDone)).toMatchObject({ allowed: false, reason: 'notFinished', readyDepartments: ['SCJG'], waitingDepartments: ['WJJ'] });
    expect(canHandOut(scjgDone, { partial: true })).toMatchObject({ allowed: true, reason: 'ready', readyDepartments: ['SCJG'] });
    const allDone = [...scjgDone, statusEvent(11, 'approved', 'WJJ')]; // co-handling: no result of its own
    expect(canHandOut(allDone)).toEqual({ allowed: true, reason: 'ready', readyDepartments: ['SCJG'], waitingDepartments: [], handedOutDepartments: [] });
    expect(canHandOut([...dispatched, statusEvent(10, 'approved', 'SCJG'), statusEvent(11, 'approved', 'WJJ')])).toMatchObject({ allowed: false, reason: 'noResultReady' });
  });

  it('not while a correction is open, nor after a denial or a return; not twice', () => {
    expect(canHandOut([...dispatched, statusEvent(10, 'approved', 'SCJG', { resultReady: true }), statusEvent(11, 'correctionRequested', 'WJJ', { comment: '补' })]).reason).toBe('correctionRequested');
    expect(canHandOut([...dispatched, statusEvent(10, 'approved', 'SCJG', { resultReady: true }), statusEvent(11, 'denied', 'WJJ', { comment: '不符合卫生标准' })]).reason).toBe('denied');
    const done = [...dispatched, statusEvent(10, 'approved', 'SCJG', { resultReady: true }), statusEvent(11, 'approved', 'WJJ')];
    const h = validateHandout(handout(wangFangInPerson));
    if (!h.ok) throw new Error('handout');
    expect(canHandOut(done, { handouts: [h.handout] })).toMatchObject({ allowed: false, reason: 'alreadyHandedOut', handedOutDepartments: ['SCJG'] });
    expect(handoutReadinessMessage('denied', 'zh-CN')).toBe('部门决定不予许可，由该部门依法送达决定书。');
    expect(handoutReadinessMessage('ready', 'en-US')).toBe('The result is ready to hand out.');
  });

  it('handoutQueue: the results-to-hand-out list, longest waiting first', () => {
    const other = '8a1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const events = [
      statusEvent(20, 'approved', 'SCJG', { resultReady: true, caseId: other, caseNumber: '330106-261128-7K0007-X', at: '2026-12-03T09:00:00+08:00' }),
      statusEvent(10, 'approved', 'SCJG', { resultReady: true, at: '2026-12-04T16:00:00+08:00' }),
      statusEvent(30, 'dispatched', 'WJJ', { caseId: '9b1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' }),
    ];
    expect(handoutQueue(events).map((q) => [q.caseId, q.readySince])).toEqual([
      [other, '2026-12-03T09:00:00+08:00'],
      [CASE_ID, '2026-12-04T16:00:00+08:00'],
    ]);
    const h = validateHandout(handout(wangFangInPerson));
    if (!h.ok) throw new Error('handout');
    expect(handoutQueue(events, [h.handout]).map((q) => q.caseId)).toEqual([other]);
  });
});
