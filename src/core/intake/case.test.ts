import { describe, expect, it } from 'vitest';
import {
  Applicant,
  ApplicantDraft,
  IntakeCase,
  MaterialState,
  createDraft,
  materialKey,
  parseKey,
  questionKey,
  recordDecision,
  withAnswer,
  withMaterialState,
  withStep,
  type Decision,
} from './case';
import { AT, CASE_ID, FOOD, agentPerson, foodSubject, makeClerk, makeDraft, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';
import { chinaDateOf, chinaDateTimeOf, epochMinutes, isIsoDateTime } from './time';

const refusal: Decision = {
  kind: 'refuse',
  at: '2026-11-30T10:00:00+08:00',
  by: 'C0107',
  caseNumber: '330106-261130-7K0042-X',
  reason: { code: 'notRequiringLicence', text: '申请事项依法不需要取得行政许可' },
  rights: {
    reconsideration: { days: 60, law: '《中华人民共和国行政复议法》', body: '杭州市西湖区人民政府', text: '……' },
    litigation: { months: 6, law: '《中华人民共和国行政诉讼法》', court: '杭州市西湖区人民法院', text: '……' },
  },
};

describe('keys', () => {
  it('uses shared/<id> for shared questions and materials, <basicCode>/<id> otherwise', () => {
    expect(questionKey(FOOD, { id: 'premises', sharedQuestionId: 'premises-ownership' })).toBe('shared/premises-ownership');
    expect(questionKey(FOOD, { id: 'lessor' })).toBe(`${FOOD}/lessor`);
    expect(materialKey(FOOD, { id: 'licence', sharedMaterialId: 'business-licence' })).toBe('shared/business-licence');
    expect(materialKey(FOOD, { id: 'lease' })).toBe(`${FOOD}/lease`);
  });

  it('parses keys back', () => {
    expect(parseKey('shared/business-licence')).toEqual({ scope: 'shared', id: 'business-licence' });
    expect(parseKey(`${FOOD}/lessor-id`)).toEqual({ scope: 'item', basicCode: FOOD, id: 'lessor-id' });
    expect(parseKey(`${FOOD}/a/b`)).toEqual({ scope: 'item', basicCode: FOOD, id: 'a/b' });
    for (const bad of ['', 'shared', '/x', 'x/']) expect(parseKey(bad), bad).toBeNull();
  });
});

describe('stored schemas', () => {
  it('MaterialState: a deficiency needs a reason', () => {
    expect(MaterialState.safeParse({ status: 'deficient', reason: '复印件模糊不清' }).success).toBe(true);
    expect(MaterialState.safeParse({ status: 'deficient', reason: ' ' }).success).toBe(false);
    expect(MaterialState.safeParse({ status: 'deficient' }).success).toBe(false);
    expect(MaterialState.safeParse({ status: 'fetched', reference: '电子证照 330106-2026-000123' }).success).toBe(true);
    expect(MaterialState.safeParse({ status: 'receivedCopy', copies: 2 }).success).toBe(true);
    expect(MaterialState.safeParse({ status: 'lost' }).success).toBe(false);
  });

  it('Applicant: person or organisation; a draft may be partial', () => {
    expect(Applicant.safeParse(personApplicant()).success).toBe(true);
    expect(Applicant.safeParse(organisationApplicant()).success).toBe(true);
    expect(Applicant.safeParse({ kind: 'person', name: '张伟' }).success).toBe(false);
    expect(ApplicantDraft.safeParse({ kind: 'person', name: '张伟' }).success).toBe(true);
    expect(ApplicantDraft.safeParse({ kind: 'organisation' }).success).toBe(true);
    expect(
      Applicant.safeParse({
        ...organisationApplicant(),
        usccOverride: { reason: '已核对营业执照原件', by: 'C0107', at: AT },
      }).success,
    ).toBe(true);
    expect(Applicant.safeParse({ ...organisationApplicant(), usccOverride: { reason: '已核对' } }).success).toBe(false);
  });

  it('a fresh draft passes and round-trips through JSON', () => {
    const d = createDraft({ id: CASE_ID, clerk: makeClerk(), catalogVersion: '2026.11.1', subject: foodSubject(), at: AT });
    expect(d).toMatchObject({ status: 'draft', step: 'situation', createdAt: AT, updatedAt: AT, answers: {}, materialStates: {} });
    expect(d.history).toEqual([{ at: AT, by: 'C0107', from: null, to: 'draft' }]);
    expect(IntakeCase.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
    expect(IntakeCase.safeParse({ ...d, schemaVersion: undefined }).success).toBe(true); // defaulted
  });

  it('rejects malformed ids, times and centre codes', () => {
    const d = makeDraft();
    expect(IntakeCase.safeParse({ ...d, id: 'case-1' }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...d, createdAt: '2026-11-30 09:15' }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...d, clerk: { ...d.clerk, centreCode: '3301' } }).success).toBe(false);
  });

  it('keeps status, decision, case number and applicant consistent', () => {
    const d = makeDraft();
    expect(IntakeCase.safeParse({ ...d, decision: refusal }).success).toBe(false); // a draft has no decision
    const refused = { ...d, status: 'refused' as const, decision: refusal, caseNumber: refusal.caseNumber, applicant: personApplicant(), agent: null };
    expect(IntakeCase.safeParse(refused).success).toBe(true);
    expect(IntakeCase.safeParse({ ...refused, status: 'accepted' }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...refused, caseNumber: undefined }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...refused, decision: undefined }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...refused, applicant: { kind: 'person', name: '张伟' } }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...refused, agent: { name: '李强' } }).success).toBe(false);
    expect(IntakeCase.safeParse({ ...refused, agent: agentPerson() }).success).toBe(true);
  });
});

describe('updaters', () => {
  it('set answers, states and the step immutably', () => {
    const d = makeDraft();
    const later = '2026-11-30T09:20:00+08:00';
    const a = withAnswer(d, 'shared/premises-ownership', 'leased', later);
    expect(a.answers).toEqual({ 'shared/premises-ownership': 'leased' });
    expect(a.updatedAt).toBe(later);
    expect(d.answers).toEqual({});
    expect(withAnswer(a, 'shared/premises-ownership', null, later).answers).toEqual({});
    const m = withMaterialState(a, 'shared/business-licence', { status: 'fetched' }, later);
    expect(m.materialStates).toEqual({ 'shared/business-licence': { status: 'fetched' } });
    expect(withStep(m, 'materials', later).step).toBe('materials');
  });

  it('recordDecision moves the case on and refuses to decide twice', () => {
    const d = { ...makeDraft(), applicant: personApplicant(), agent: null };
    const done = recordDecision(d, refusal, '当场告知');
    expect(done).toMatchObject({ status: 'refused', caseNumber: refusal.caseNumber, step: 'done', updatedAt: refusal.at });
    expect(done.history!.at(-1)).toEqual({ at: refusal.at, by: 'C0107', from: 'draft', to: 'refused', note: '当场告知' });
    expect(IntakeCase.safeParse(done).success).toBe(true);
    expect(() => recordDecision(done, refusal)).toThrow(RangeError);
    expect(() => withAnswer(done, 'x/y', 'z', AT)).toThrow(RangeError);
  });
});

describe('time', () => {
  it('reads ISO date-times with an offset, and gives the date in China', () => {
    expect(isIsoDateTime(AT)).toBe(true);
    expect(isIsoDateTime('2026-11-30T09:15:00.123Z')).toBe(true);
    for (const bad of ['2026-11-30', '2026-11-30T09:15:00', '2026-02-30T09:15:00Z', '2026-11-30T24:00:00Z', 42]) expect(isIsoDateTime(bad), String(bad)).toBe(false);
    expect(chinaDateOf('2026-11-30T09:15:00+08:00')).toBe('2026-11-30');
    expect(chinaDateOf('2026-11-29T16:00:00Z')).toBe('2026-11-30'); // midnight in Beijing
    expect(chinaDateOf('2026-11-29T15:59:59Z')).toBe('2026-11-29');
    expect(chinaDateOf('2026-11-30T00:30:00-05:00')).toBe('2026-11-30'); // 13:30 in Beijing
    expect(chinaDateOf('2026-12-31T20:00:00Z')).toBe('2027-01-01');
    expect(chinaDateTimeOf('2026-11-30T01:15:00Z')).toEqual({ date: '2026-11-30', time: '09:15' });
    expect(epochMinutes('1970-01-01T08:00:00+08:00')).toBe(0);
    expect(() => chinaDateOf('yesterday')).toThrow(RangeError);
  });
});
