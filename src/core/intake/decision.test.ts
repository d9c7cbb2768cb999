import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar';
import type { ApplicantCheck } from './applicant';
import { Decision, IntakeCase, recordDecision, type MaterialState } from './case';
import { makeCaseNumber } from './caseNumber';
import { deriveChecklist, type Checklist } from './checklist';
import {
  NOTICE_REASONS,
  assessIntake,
  blockerMessage,
  decisionErrorMessage,
  makeAcceptance,
  makeOneTimeNotice,
  makeRefusal,
  refusalRights,
  type Blocker,
  type DecisionError,
} from './decision';
import { AT, FOOD, HYGIENE, INSURANCE, foodSubject, hotelSubject, makeDraft, makeIntakeCatalog, personApplicant } from '../../../test/fixtures/intake';

const catalog = makeIntakeCatalog();
const VALID: ApplicantCheck = { valid: true, problems: [] };
const CASE_NUMBER = (() => {
  const r = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
  if (!r.ok) throw new Error('fixture');
  return r.value;
})();
const base = { at: AT, by: 'C0107', caseNumber: CASE_NUMBER };

/** 食品经营许可 新办, own premises: the lines are application, licence, rep-id, property-cert, layout, safety-rules, training-cert. */
const owned = (): Checklist => deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'owned' }, { hasAgent: false });

const K = {
  application: 'shared/application-form',
  licence: 'shared/business-licence',
  repId: 'shared/legal-rep-id',
  property: `${FOOD}/property-cert`,
  layout: `${FOOD}/layout`,
  safety: `${FOOD}/safety-rules`,
  training: `${FOOD}/training-cert`,
};

/** Everything received in good order (the licence fetched by data sharing). */
function complete(): Record<string, MaterialState> {
  return {
    [K.application]: { status: 'receivedOriginal' },
    [K.licence]: { status: 'fetched', reference: '330106000123456' },
    [K.repId]: { status: 'receivedCopy' },
    [K.property]: { status: 'receivedCopy', copies: 2 },
    [K.layout]: { status: 'receivedOriginal' },
    [K.safety]: { status: 'receivedOriginal' },
  };
}

describe('assessIntake', () => {
  it('accepts when every required and deferrable material is received or fetched', () => {
    const a = assessIntake(owned(), complete(), VALID);
    expect(a.canAccept).toBe(true);
    expect(a.blockers).toEqual([]);
    expect(a.optionalMissing.map((l) => l.key)).toEqual([K.training]); // optional: no blocker
    expect(a.received.map((r) => r.line.key)).toEqual([K.application, K.licence, K.repId, K.property, K.layout, K.safety]);
    expect(a.canIssueNotice).toBe(false);
  });

  it('blocks on a material not checked yet (no state = pending)', () => {
    const states = complete();
    delete states[K.layout];
    const a = assessIntake(owned(), states, VALID);
    expect(a.canAccept).toBe(false);
    expect(a.blockers).toEqual([{ kind: 'materialPending', key: K.layout, name: '经营场所和设备布局、操作流程示意图' }]);
    expect(a.pending.map((l) => l.key)).toEqual([K.layout]);
    expect(a.canIssueNotice).toBe(false);
  });

  it('blocks on missing and deficient materials and lists them', () => {
    const a = assessIntake(
      owned(),
      { ...complete(), [K.property]: { status: 'missing' }, [K.application]: { status: 'deficient', reason: '申请书未加盖公章' } },
      VALID,
    );
    expect(a.canAccept).toBe(false);
    expect(a.blockers).toEqual([
      { kind: 'materialDeficient', key: K.application, name: '食品经营许可申请书', reason: '申请书未加盖公章' },
      { kind: 'materialMissing', key: K.property, name: '不动产权证书' },
    ]);
    expect(a.missing.map((l) => l.key)).toEqual([K.property]);
    expect(a.deficient.map((d) => [d.line.key, d.reason, d.kind])).toEqual([[K.application, '申请书未加盖公章', 'deficient']]);
    expect(a.canIssueNotice).toBe(true);
  });

  it('a copy is not enough where the original is required; enough where a copy is asked', () => {
    const a = assessIntake(owned(), { ...complete(), [K.layout]: { status: 'receivedCopy' } }, VALID);
    expect(a.blockers).toEqual([{ kind: 'originalRequired', key: K.layout, name: '经营场所和设备布局、操作流程示意图' }]);
    expect(a.deficient).toMatchObject([{ reason: NOTICE_REASONS.originalRequired, kind: 'originalRequired' }]);
    // property-cert is type copy: an original is fine too
    expect(assessIntake(owned(), { ...complete(), [K.property]: { status: 'receivedOriginal' } }, VALID).canAccept).toBe(true);
  });

  it('an original checked and handed back, its copy kept (原件核验后退还), satisfies a line asking for the original', () => {
    const states = { ...complete(), [K.layout]: { status: 'originalCheckedCopyKept' as const } };
    const a = assessIntake(owned(), states, VALID);
    expect(a.canAccept).toBe(true);
    expect(a.received.find((r) => r.line.key === K.layout)?.state).toEqual({ status: 'originalCheckedCopyKept' });
    const r = makeAcceptance({ ...base, checklist: owned(), materialStates: states, applicantCheck: VALID });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.decision.received.find((m) => m.key === K.layout)).toMatchObject({ status: 'originalCheckedCopyKept', copies: 1 });
  });

  it('a fetched state is only valid where the material can be fetched', () => {
    const a = assessIntake(owned(), { ...complete(), [K.property]: { status: 'fetched' } }, VALID);
    expect(a.blockers).toEqual([{ kind: 'fetchNotAllowed', key: K.property, name: '不动产权证书' }]);
    expect(a.missing.map((l) => l.key)).toEqual([K.property]);
    // also for an optional material
    expect(assessIntake(owned(), { ...complete(), [K.training]: { status: 'fetched' } }, VALID).blockers).toEqual([
      { kind: 'fetchNotAllowed', key: K.training, name: '食品安全管理人员培训合格证明' },
    ]);
  });

  it('counts deferrable (容缺) materials as required for now, and lists them apart', () => {
    const a = assessIntake(owned(), { ...complete(), [K.safety]: { status: 'missing' } }, VALID);
    expect(a.canAccept).toBe(false);
    expect(a.deferrableMissing.map((l) => l.key)).toEqual([K.safety]);
    expect(a.missing.map((l) => l.key)).toEqual([K.safety]);
  });

  it('blocks on unanswered questions, checklist problems and invalid applicant data', () => {
    const unanswered = deriveChecklist(catalog, foodSubject(), {}, { hasAgent: false });
    const problems = [{ path: 'applicant.phone', message: '请填写联系电话。' }];
    const a = assessIntake(unanswered, complete(), { valid: false, problems });
    expect(a.blockers).toEqual([
      { kind: 'unansweredQuestion', key: 'shared/premises-ownership', text: '经营场所是自有还是租赁？' },
      { kind: 'applicantInvalid', problems },
    ]);
    const noHandling = deriveChecklist(catalog, foodSubject([]), { 'shared/premises-ownership': 'owned' }, { hasAgent: false });
    expect(assessIntake(noHandling, complete(), VALID).blockers).toEqual([
      { kind: 'checklistProblem', problem: { kind: 'handlingItemNotChosen', basicCode: FOOD } },
    ]);
  });

  it('ignores states of materials that are not in the checklist', () => {
    const a = assessIntake(owned(), { ...complete(), [`${FOOD}/lease`]: { status: 'missing' }, 'shared/lease-contract': { status: 'missing' } }, VALID);
    expect(a.canAccept).toBe(true);
  });

  it('requires the agent lines when an agent applies', () => {
    const cl = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'owned' }, { hasAgent: true });
    const a = assessIntake(cl, complete(), VALID);
    expect(a.blockers.map((b) => b.kind === 'materialPending' && b.key)).toEqual(['shared/power-of-attorney', 'shared/agent-id-card']);
  });
});

describe('makeAcceptance', () => {
  it('builds the acceptance with promised dates per item and the materials received', () => {
    const r = makeAcceptance({ ...base, checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.decision).toEqual({
      kind: 'accept',
      at: AT,
      by: 'C0107',
      caseNumber: CASE_NUMBER,
      // Monday 2026-11-30 + 5 working days
      promisedDates: [
        {
          basicCode: FOOD,
          itemName: '食品经营许可',
          handlingItemCodes: [`${FOOD}-01`],
          limit: { kind: 'workingDays', days: 5 },
          date: '2026-12-07',
          provisional: false,
        },
      ],
      received: [
        { key: K.application, name: '食品经营许可申请书', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 },
        { key: K.licence, name: '营业执照', itemCodes: [FOOD], type: 'originalOrCopy', status: 'fetched', copies: 0 },
        { key: K.repId, name: '法定代表人身份证件', itemCodes: [FOOD], type: 'originalOrCopy', status: 'receivedCopy', copies: 1 },
        { key: K.property, name: '不动产权证书', itemCodes: [FOOD], type: 'copy', status: 'receivedCopy', copies: 2 },
        { key: K.layout, name: '经营场所和设备布局、操作流程示意图', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 },
        { key: K.safety, name: '食品安全规章制度', itemCodes: [FOOD], type: 'original', status: 'receivedOriginal', copies: 1 },
      ],
    });
    expect(Decision.safeParse(r.decision).success).toBe(true);
  });

  it('counts working days over the National Day holiday and its make-up Saturday (2025)', () => {
    const r = makeAcceptance({ ...base, at: '2025-09-30T16:00:00+08:00', checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    // 10-01…10-08 off; 10-09, 10-10, 10-11 (Saturday make-up day), 10-13, 10-14
    expect(r.ok && r.decision.promisedDates[0]).toMatchObject({ date: '2025-10-14', provisional: false });
  });

  it('counts from the date in China whatever the offset written', () => {
    const r = makeAcceptance({ ...base, at: '2026-12-03T16:30:00Z', checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    // 00:30 on Friday 12-04 in Beijing: + 5 working days = Friday 12-11
    expect(r.ok && r.decision.promisedDates[0]!.date).toBe('2026-12-11');
  });

  it('gives 即办 items the same day, and one date per item of a bundle', () => {
    const ins = deriveChecklist(catalog, { kind: 'item', basicCode: INSURANCE, handlingItemCodes: [] }, { [`${INSURANCE}/by-agent`]: 'self' }, { hasAgent: false });
    const r = makeAcceptance({
      ...base,
      at: '2026-11-29T17:30:00Z', // 01:30 on 11-30 in Beijing
      checklist: ins,
      materialStates: { 'shared/applicant-id': { status: 'fetched' }, [`${INSURANCE}/form`]: { status: 'receivedOriginal' } },
      applicantCheck: VALID,
    });
    expect(r.ok && r.decision.promisedDates).toEqual([
      {
        basicCode: INSURANCE,
        itemName: '城乡居民基本医疗保险参保登记',
        handlingItemCodes: [`${INSURANCE}-01`],
        limit: { kind: 'immediate' },
        date: '2026-11-30',
        provisional: false,
      },
    ]);

    const answers = { 'shared/premises-ownership': 'owned', [`${HYGIENE}/central-ac`]: 'no' };
    const hotel = deriveChecklist(catalog, hotelSubject(), answers, { hasAgent: false });
    const all = Object.fromEntries(hotel.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const b = makeAcceptance({ ...base, checklist: hotel, materialStates: all, applicantCheck: VALID });
    expect(b.ok && b.decision.promisedDates.map((p) => [p.basicCode, p.date])).toEqual([
      [HYGIENE, '2026-12-09'], // 7 working days
      [FOOD, '2026-12-07'], // 5 working days
    ]);
  });

  it('marks a date counted into a year without holiday data as provisional; takes a calendar', () => {
    const r = makeAcceptance({ ...base, at: '2026-12-28T10:00:00+08:00', checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    expect(r.ok && r.decision.promisedDates[0]!.provisional).toBe(true);
    // without data: weekends and the statutory holidays by rule (10/1–10/3, 中秋 10/6) only
    const byRuleOnly = createCalendar([]);
    const c = makeAcceptance({ ...base, at: '2025-09-30T10:00:00+08:00', checklist: owned(), materialStates: complete(), applicantCheck: VALID, calendar: byRuleOnly });
    expect(c.ok && c.decision.promisedDates[0]).toMatchObject({ date: '2025-10-13', provisional: true });
  });

  it('refuses to build while something blocks, with the blockers', () => {
    const r = makeAcceptance({ ...base, checklist: owned(), materialStates: { ...complete(), [K.layout]: { status: 'missing' } }, applicantCheck: VALID });
    expect(r).toEqual({
      ok: false,
      errors: [{ code: 'cannotAccept', blockers: [{ kind: 'materialMissing', key: K.layout, name: '经营场所和设备布局、操作流程示意图' }] }],
    });
  });

  it('validates time, clerk and case number', () => {
    const r = makeAcceptance({ at: '2026-11-30 09:15', by: ' ', caseNumber: '330106-261130-7K0042-0', checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    expect(!r.ok && r.errors.map((e) => e.code)).toEqual(['invalidTime', 'clerkRequired', 'invalidCaseNumber']);
    // a typed case number is stored normalised
    const typed = makeAcceptance({ ...base, caseNumber: CASE_NUMBER.toLowerCase().replaceAll('-', ' '), checklist: owned(), materialStates: complete(), applicantCheck: VALID });
    expect(typed.ok && typed.decision.caseNumber).toBe(CASE_NUMBER);
  });
});

describe('makeOneTimeNotice', () => {
  it('lists every missing and deficient material of the checklist — and nothing else', () => {
    const states: Record<string, MaterialState> = {
      ...complete(),
      [K.property]: { status: 'missing' },
      [K.application]: { status: 'deficient', reason: '申请书未加盖公章' },
      [K.layout]: { status: 'receivedCopy' }, // original required
      [K.safety]: { status: 'missing' }, // deferrable: demanded too (no 容缺 yet)
      [K.training]: { status: 'missing' }, // optional: never demanded
      [`${FOOD}/lease`]: { status: 'missing' }, // not in this checklist (premises owned)
      [`${HYGIENE}/ac-report`]: { status: 'missing' }, // another item entirely
    };
    const r = makeOneTimeNotice({ ...base, checklist: owned(), materialStates: states, applicantCheck: VALID });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.decision.items).toEqual([
      {
        key: K.application,
        name: '食品经营许可申请书',
        itemCodes: [FOOD],
        problem: 'deficient',
        reason: '申请书未加盖公章',
        acceptanceStandard: '申请人签字或盖章，内容与营业执照一致',
        legalBasis: '《食品经营许可和备案管理办法》第十二条',
        necessity: 'required',
      },
      {
        key: K.property,
        name: '不动产权证书',
        itemCodes: [FOOD],
        problem: 'missing',
        reason: '未提交',
        acceptanceStandard: '权利人与申请人一致，用途与经营相符',
        necessity: 'required',
      },
      {
        key: K.layout,
        name: '经营场所和设备布局、操作流程示意图',
        itemCodes: [FOOD],
        problem: 'deficient',
        reason: NOTICE_REASONS.originalRequired,
        acceptanceStandard: '标明功能区域、设备位置和操作流程',
        necessity: 'required',
      },
      {
        key: K.safety,
        name: '食品安全规章制度',
        itemCodes: [FOOD],
        problem: 'missing',
        reason: '未提交',
        acceptanceStandard: '包含从业人员健康管理、进货查验记录、食品安全自查等制度',
        necessity: 'deferrable',
      },
    ]);
    const checklistKeys = new Set(owned().materials.map((l) => l.key));
    expect(r.decision.items.every((i) => checklistKeys.has(i.key))).toBe(true);
    expect(Decision.safeParse(r.decision).success).toBe(true);
  });

  it('names the reason when a non-fetchable material was marked fetched', () => {
    const r = makeOneTimeNotice({ ...base, checklist: owned(), materialStates: { ...complete(), [K.property]: { status: 'fetched' } }, applicantCheck: VALID });
    expect(r.ok && r.decision.items).toMatchObject([{ key: K.property, problem: 'missing', reason: NOTICE_REASONS.fetchNotAllowed }]);
  });

  it('is an error when nothing is missing', () => {
    expect(makeOneTimeNotice({ ...base, checklist: owned(), materialStates: complete(), applicantCheck: VALID })).toEqual({
      ok: false,
      errors: [{ code: 'nothingMissing' }],
    });
  });

  it('must tell everything at once: not while questions are open or materials unchecked', () => {
    const states = { ...complete(), [K.property]: { status: 'missing' } as MaterialState };
    delete states[K.layout];
    const r = makeOneTimeNotice({ ...base, checklist: owned(), materialStates: states, applicantCheck: VALID });
    expect(r).toEqual({
      ok: false,
      errors: [{ code: 'noticeIncomplete', blockers: [{ kind: 'materialPending', key: K.layout, name: '经营场所和设备布局、操作流程示意图' }] }],
    });
    const leased = deriveChecklist(catalog, foodSubject(), { 'shared/premises-ownership': 'leased' }, { hasAgent: false });
    const open = makeOneTimeNotice({ ...base, checklist: leased, materialStates: { 'shared/lease-contract': { status: 'missing' } }, applicantCheck: VALID });
    expect(!open.ok && open.errors[0]!.code).toBe('noticeIncomplete');
    expect(!open.ok && open.errors[0]!.code === 'noticeIncomplete' && open.errors[0]!.blockers[0]).toEqual({
      kind: 'unansweredQuestion',
      key: `${FOOD}/lessor`,
      text: '出租方是个人还是单位？',
    });
  });

  it('merged bundle lines appear once, with every item that needs them', () => {
    const answers = { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'company', [`${HYGIENE}/central-ac`]: 'no' };
    const hotel = deriveChecklist(catalog, hotelSubject(), answers, { hasAgent: false });
    const states = Object.fromEntries(hotel.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    states['shared/lease-contract'] = { status: 'missing' };
    const r = makeOneTimeNotice({ ...base, checklist: hotel, materialStates: states, applicantCheck: VALID });
    expect(r.ok && r.decision.items).toEqual([
      expect.objectContaining({
        key: 'shared/lease-contract',
        itemCodes: [HYGIENE, FOOD],
        acceptanceStandard: '租赁期限不少于一年；在租赁期内，出租方签章',
      }),
    ]);
  });
});

describe('makeRefusal', () => {
  it('refuses for want of jurisdiction, saying where to apply, with the rights', () => {
    const r = makeRefusal({
      ...base,
      reason: { code: 'notJurisdiction', whereToApply: '杭州市西湖区自然资源和规划局' },
      reconsiderationBody: '杭州市西湖区人民政府',
      court: '杭州市西湖区人民法院',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.decision.reason).toEqual({
      code: 'notJurisdiction',
      text: '申请事项依法不属于本行政机关职权范围',
      whereToApply: '杭州市西湖区自然资源和规划局',
    });
    expect(r.decision.rights.reconsideration).toMatchObject({ days: 60, body: '杭州市西湖区人民政府', law: '《中华人民共和国行政复议法》' });
    expect(r.decision.rights.reconsideration.text).toContain('六十日内');
    expect(r.decision.rights.litigation).toMatchObject({ months: 6, court: '杭州市西湖区人民法院', law: '《中华人民共和国行政诉讼法》' });
    expect(r.decision.rights.litigation.text).toContain('六个月内');
    expect(Decision.safeParse(r.decision).success).toBe(true);
  });

  it('validates the reason', () => {
    expect(makeRefusal({ ...base, reason: { code: 'notJurisdiction' } })).toEqual({ ok: false, errors: [{ code: 'whereToApplyRequired' }] });
    expect(makeRefusal({ ...base, reason: { code: 'other', text: '  ' } })).toEqual({ ok: false, errors: [{ code: 'reasonRequired' }] });
    expect(makeRefusal({ ...base, reason: undefined as never })).toEqual({ ok: false, errors: [{ code: 'reasonRequired' }] });
    const own = makeRefusal({ ...base, reason: { code: 'other', text: '申请人不具备申请资格：申请事项已由其他申请人取得许可' } });
    expect(own.ok && own.decision.reason).toEqual({ code: 'other', text: '申请人不具备申请资格：申请事项已由其他申请人取得许可' });
    const noLicence = makeRefusal({ ...base, reason: { code: 'notRequiringLicence' } });
    expect(noLicence.ok && noLicence.decision.reason.text).toBe('申请事项依法不需要取得行政许可');
  });

  it('falls back to generic bodies when none are configured', () => {
    expect(refusalRights()).toMatchObject({
      reconsideration: { body: '有管辖权的行政复议机关' },
      litigation: { court: '有管辖权的人民法院' },
    });
  });
});

describe('recording a decision', () => {
  it('gives a case that passes the stored schema', () => {
    const draft = { ...makeDraft(), applicant: personApplicant(), agent: null, answers: { 'shared/premises-ownership': 'owned' }, materialStates: complete() };
    const r = makeAcceptance({ ...base, at: '2026-11-30T09:40:00+08:00', checklist: owned(), materialStates: draft.materialStates, applicantCheck: VALID });
    if (!r.ok) throw new Error('expected acceptance');
    const done = recordDecision(draft, r.decision);
    expect(done).toMatchObject({ status: 'accepted', caseNumber: CASE_NUMBER, step: 'done', updatedAt: '2026-11-30T09:40:00+08:00' });
    expect(done.history!.at(-1)).toEqual({ at: '2026-11-30T09:40:00+08:00', by: 'C0107', from: 'draft', to: 'accepted' });
    expect(IntakeCase.safeParse(done).success).toBe(true);
    expect(JSON.parse(JSON.stringify(done))).toEqual(done);
  });
});

describe('messages', () => {
  const blockers: Blocker[] = [
    { kind: 'checklistProblem', problem: { kind: 'noItems' } },
    { kind: 'checklistProblem', problem: { kind: 'unknownItem', basicCode: FOOD } },
    { kind: 'checklistProblem', problem: { kind: 'unknownBundle', bundleId: 'x' } },
    { kind: 'checklistProblem', problem: { kind: 'notInBundle', basicCode: FOOD } },
    { kind: 'checklistProblem', problem: { kind: 'bundleItemRequired', basicCode: FOOD } },
    { kind: 'checklistProblem', problem: { kind: 'handlingItemNotChosen', basicCode: FOOD } },
    { kind: 'checklistProblem', problem: { kind: 'unknownHandlingItem', basicCode: FOOD, code: 'x' } },
    { kind: 'unansweredQuestion', key: 'k', text: '经营场所是自有还是租赁？' },
    { kind: 'materialPending', key: 'k', name: '营业执照' },
    { kind: 'materialMissing', key: 'k', name: '营业执照' },
    { kind: 'materialDeficient', key: 'k', name: '营业执照', reason: '已过期' },
    { kind: 'originalRequired', key: 'k', name: '营业执照' },
    { kind: 'fetchNotAllowed', key: 'k', name: '营业执照' },
    { kind: 'applicantInvalid', problems: [{ path: 'applicant.phone', message: 'x' }] },
  ];
  const errors: DecisionError[] = [
    { code: 'invalidTime' },
    { code: 'invalidCaseNumber' },
    { code: 'clerkRequired' },
    { code: 'cannotAccept', blockers },
    { code: 'noticeIncomplete', blockers },
    { code: 'nothingMissing' },
    { code: 'reasonRequired' },
    { code: 'whereToApplyRequired' },
  ];

  it('has a distinct sentence for every blocker and error in both locales', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const texts = [...blockers.map((b) => blockerMessage(b, locale)), ...errors.map((e) => decisionErrorMessage(e, locale))];
      expect(new Set(texts).size).toBe(texts.length);
      for (const t of texts) expect(t.length).toBeGreaterThan(5);
    }
    expect(blockerMessage(blockers[10]!, 'zh-CN')).toBe('材料不符合要求：营业执照（已过期）');
  });
});
