import { describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../../resources/catalog/default-catalog.json';
import { defaultCalendar } from '../calendar';
import { parseCatalogData } from '../catalog/import';
import { IntakeCase, type MaterialState, recordDecision } from '../intake/case';
import { deriveChecklist } from '../intake/checklist';
import { assessIntake } from '../intake/decision';
import { HYGIENE, hotelSubject, makeIntakeCatalog } from '../../../test/fixtures/intake';
import {
  DEFERRAL_CONSEQUENCES,
  DeferralRecord,
  type DeferralOptions,
  type DeferredAcceptanceInput,
  assessDeferral,
  deadlineErrorMessage,
  deferralDeadline,
  deferralErrorMessage,
  deferralRefusalMessage,
  deferralsDueSoon,
  makeDeferredAcceptance,
  openDeferrals,
  overdueDeferrals,
  recordSupplement,
  supplementErrorMessage,
  supplementMaterialState,
  supplementStatus,
} from './deferral';
import { deferralCommitmentContent, deferralNoticeContent } from './deferralDocuments';
import { verifyRevisionChain } from './revision';
import { supplementRevision } from './supplementRevision';
import { AT, CASE_ID, CASE_NUMBER, FOOD, FOOD_KEYS, OWNED, VALID_APPLICANT, completeFoodStates, foodChecklist, foodDraft } from '../../../test/fixtures/lifecycle';

const catalog = makeIntakeCatalog();
const NO_FLAG: DeferralOptions = { applicantDishonest: null, policy: { requireSupervisorApproval: false } };

/** Everything in except the deferrable 食品安全规章制度. */
function safetyMissing(): Record<string, MaterialState> {
  return { ...completeFoodStates(), [FOOD_KEYS.safety]: { status: 'missing' } };
}

function assess(states: Record<string, MaterialState>, options = NO_FLAG, checklist = foodChecklist(catalog)) {
  return assessDeferral(assessIntake(checklist, states, VALID_APPLICANT), checklist, options);
}

const defaultCatalog = (() => {
  const r = parseCatalogData(defaultCatalogJson);
  if (!r.ok) throw new Error('default catalog');
  return r.catalog;
})();

describe('assessDeferral', () => {
  it('allows 容缺 when only a deferrable material is missing, bounded by the item’s promised limit', () => {
    const d = assess(safetyMissing());
    expect(d.allowed).toBe(true);
    expect(d.refusals).toEqual([]);
    expect(d.deferrable.map((x) => [x.key, x.name, x.problem, x.reason])).toEqual([[FOOD_KEYS.safety, '食品安全规章制度', 'missing', '未提交']]);
    expect(d.limit).toEqual({ days: 5, basicCodes: [FOOD] });
    expect(d.needsSupervisorApproval).toBe(false);
    expect(assess(safetyMissing(), { applicantDishonest: null, policy: { requireSupervisorApproval: true } }).needsSupervisorApproval).toBe(true);
  });

  it('a deferrable material that is deficient or a copy where the original is required can be deferred too', () => {
    const deficient = assess({ ...completeFoodStates(), [FOOD_KEYS.safety]: { status: 'deficient', reason: '缺少进货查验记录制度' } });
    expect(deficient.allowed).toBe(true);
    expect(deficient.deferrable[0]).toMatchObject({ problem: 'deficient', reason: '缺少进货查验记录制度' });
    const copy = assess({ ...completeFoodStates(), [FOOD_KEYS.safety]: { status: 'receivedCopy' } });
    expect(copy.deferrable[0]).toMatchObject({ problem: 'originalRequired', reason: '须提交原件（现仅提交复印件）' });
  });

  it('refuses 容缺 altogether when a 必备 material is missing or deficient, and still lists what would be deferred', () => {
    const d = assess({ ...safetyMissing(), [FOOD_KEYS.layout]: { status: 'missing' }, [FOOD_KEYS.application]: { status: 'deficient', reason: '未盖公章' } });
    expect(d.allowed).toBe(false);
    expect(d.refusals).toEqual([
      { kind: 'requiredMaterial', key: FOOD_KEYS.layout, name: '经营场所和设备布局、操作流程示意图', problem: 'missing' },
      { kind: 'requiredMaterial', key: FOOD_KEYS.application, name: '食品经营许可申请书', problem: 'deficient' },
    ]);
    expect(d.deferrable.map((x) => x.key)).toEqual([FOOD_KEYS.safety]);
    expect(d.needsSupervisorApproval).toBe(false);
    expect(deferralRefusalMessage(d.refusals[0]!, 'zh-CN')).toBe('必备材料“经营场所和设备布局、操作流程示意图”未提交，不能容缺受理。');
    expect(deferralRefusalMessage(d.refusals[1]!, 'en-US')).toBe('Required material “食品经营许可申请书” is not acceptable: no deferred acceptance.');
  });

  it('gives no 容缺 to an applicant flagged as dishonest, with the reason shown', () => {
    const reason = '杭州西溪望湖酒店管理有限公司列入信用浙江严重失信主体名单：拒不履行生效判决（示例市西湖区人民法院，2026-03-02）';
    const d = assess(safetyMissing(), { applicantDishonest: { flagged: true, source: 'list', reason }, policy: { requireSupervisorApproval: false } });
    expect(d.allowed).toBe(false);
    expect(d.refusals).toEqual([{ kind: 'dishonest', source: 'list', reason }]);
    expect(deferralRefusalMessage(d.refusals[0]!, 'zh-CN')).toBe(`申请人为失信主体（失信名单），不适用容缺受理：${reason}`);
    const byClerk = assess(safetyMissing(), { applicantDishonest: { flagged: true, source: 'clerk' }, policy: { requireSupervisorApproval: false } });
    expect(deferralRefusalMessage(byClerk.refusals[0]!, 'en-US')).toBe('The applicant is flagged as dishonest (flagged by the clerk): no deferred acceptance.');
    expect(assess(safetyMissing(), { applicantDishonest: { flagged: false }, policy: { requireSupervisorApproval: false } }).allowed).toBe(true);
  });

  it('refuses when nothing is missing (accept normally) and when the intake is not ready', () => {
    const none = assess(completeFoodStates());
    expect(none.refusals).toEqual([{ kind: 'nothingToDefer', canAcceptNow: true }]);
    expect(deferralRefusalMessage(none.refusals[0]!, 'zh-CN')).toBe('材料已齐全，直接受理即可，无需容缺。');

    const { [FOOD_KEYS.layout]: _unchecked, ...states } = safetyMissing();
    const pending = assess(states);
    expect(pending.allowed).toBe(false);
    expect(pending.refusals).toEqual([{ kind: 'notReady', blockers: [{ kind: 'materialPending', key: FOOD_KEYS.layout, name: '经营场所和设备布局、操作流程示意图' }] }]);
    expect(deferralRefusalMessage(pending.refusals[0]!, 'zh-CN')).toContain('尚未核验材料：经营场所和设备布局、操作流程示意图');

    const invalid = assessDeferral(
      assessIntake(foodChecklist(catalog), safetyMissing(), { valid: false, problems: [{ path: 'applicant.phone', message: '联系电话格式不正确' }] }),
      foodChecklist(catalog),
      NO_FLAG,
    );
    expect(invalid.refusals.map((r) => r.kind)).toEqual(['notReady']);
  });

  it('bundle: several deferrable lines, the strictest promised limit bounds the deadline', () => {
    const checklist = deriveChecklist(catalog, hotelSubject(), { ...OWNED, [`${HYGIENE}/central-ac`]: 'no' }, { hasAgent: false });
    const states: Record<string, MaterialState> = {};
    for (const m of checklist.materials) if (m.necessity !== 'optional') states[m.key] = { status: 'receivedOriginal' };
    states[`${HYGIENE}/health-cert`] = { status: 'missing' };
    states[FOOD_KEYS.safety] = { status: 'missing' };
    const d = assess(states, NO_FLAG, checklist);
    expect(d.allowed).toBe(true);
    expect(d.deferrable.map((x) => x.name)).toEqual(['从业人员健康合格证明', '食品安全规章制度']);
    // 公共场所卫生许可 7 working days, 食品经营许可 5: the deadline may not pass the 5th
    expect(d.limit).toEqual({ days: 5, basicCodes: [FOOD] });
  });

  it('default catalog 失业登记 (即办): its deferrable 解除劳动合同证明 cannot be deferred — no time to supplement', () => {
    const checklist = deriveChecklist(defaultCatalog, { kind: 'item', basicCode: '330003002000', handlingItemCodes: [] }, { '330003002000/previously-employed': 'yes' }, { hasAgent: false });
    const states: Record<string, MaterialState> = {};
    for (const m of checklist.materials) states[m.key] = { status: 'receivedOriginal' };
    const cert = checklist.materials.find((m) => m.necessity === 'deferrable')!;
    states[cert.key] = { status: 'missing' };
    const d = assess(states, NO_FLAG, checklist);
    expect(d.allowed).toBe(false);
    expect(d.deferrable).toEqual([]);
    expect(d.refusals).toEqual([{ kind: 'immediateItem', key: cert.key, name: cert.name, basicCodes: ['330003002000'], itemNames: ['失业登记'] }]);
    expect(deferralRefusalMessage(d.refusals[0]!, 'zh-CN')).toContain('即办件当场办结，没有补齐期限，不能容缺');
  });

  it('default catalog 失业一件事: a certificate deferrable for one item but required by another is required — no 容缺', () => {
    const subject = { kind: 'bundle' as const, bundleId: 'unemployment', basicCodes: ['330003002000', '330003003000'] };
    const answers = { '330003002000/previously-employed': 'yes', '330003003000/termination-on-file': 'no' };
    const checklist = deriveChecklist(defaultCatalog, subject, answers, { hasAgent: false });
    const cert = checklist.materials.find((m) => m.key === 'shared/termination-certificate')!;
    expect(cert.necessity).toBe('required');
    expect(cert.itemCodes).toEqual(['330003002000', '330003003000']);
    const states: Record<string, MaterialState> = {};
    for (const m of checklist.materials) states[m.key] = { status: 'receivedOriginal' };
    states[cert.key] = { status: 'missing' };
    const d = assess(states, NO_FLAG, checklist);
    expect(d.refusals).toEqual([{ kind: 'requiredMaterial', key: cert.key, name: cert.name, problem: 'missing' }]);
  });
});

describe('deferralDeadline', () => {
  const limit5 = { kind: 'workingDays' as const, days: 5 };

  it('counts working days from the acceptance date in China, at most the promised limit', () => {
    // Mon 2026-11-30: 3 working days → Thu 12-03; the limit (5) → Mon 12-07
    expect(deferralDeadline(AT, 3, limit5, defaultCalendar)).toEqual({ ok: true, date: '2026-12-03', workingDays: 3, provisional: false, latestDate: '2026-12-07' });
    expect(deferralDeadline(AT, 5, limit5, defaultCalendar)).toMatchObject({ ok: true, date: '2026-12-07' });
    // 17:30 UTC on 11-29 is 01:30 on 11-30 in Beijing
    expect(deferralDeadline('2026-11-29T17:30:00Z', 3, limit5)).toMatchObject({ ok: true, date: '2026-12-03' });
  });

  it('caps a calendar-day promise (自然日) at the working days up to its due date', () => {
    // Mon 2026-11-30 + 10 calendar days = Thu 12-10: 8 working days
    const tenCalendarDays = { kind: 'calendarDays' as const, days: 10 };
    expect(deferralDeadline(AT, 8, tenCalendarDays, defaultCalendar)).toMatchObject({ ok: true, date: '2026-12-10', latestDate: '2026-12-10' });
    expect(deferralDeadline(AT, 9, tenCalendarDays, defaultCalendar)).toEqual({ ok: false, error: { code: 'beyondLimit', maxDays: 8, latestDate: '2026-12-10' } });
  });

  it('skips the National Day holiday and counts the make-up Saturday (2026-10-10)', () => {
    expect(deferralDeadline('2026-09-30T15:00:00+08:00', 3, limit5)).toMatchObject({ ok: true, date: '2026-10-10' });
    expect(deferralDeadline('2026-09-30T15:00:00+08:00', 4, limit5)).toMatchObject({ ok: true, date: '2026-10-12' });
  });

  it('refuses 0 days, beyond the limit, a 即办 item and a bad time — with reasons', () => {
    expect(deferralDeadline(AT, 0, limit5)).toEqual({ ok: false, error: { code: 'invalidDays' } });
    expect(deferralDeadline(AT, 2.5, limit5)).toEqual({ ok: false, error: { code: 'invalidDays' } });
    const beyond = deferralDeadline(AT, 6, limit5);
    expect(beyond).toEqual({ ok: false, error: { code: 'beyondLimit', maxDays: 5, latestDate: '2026-12-07' } });
    if (!beyond.ok) expect(deadlineErrorMessage(beyond.error, 'zh-CN')).toBe('补齐期限不能超过承诺办结时限（最多 5 个工作日，即 2026-12-07 前）。');
    const immediate = deferralDeadline(AT, 1, { kind: 'immediate' });
    expect(immediate).toEqual({ ok: false, error: { code: 'immediateItem' } });
    if (!immediate.ok) expect(deadlineErrorMessage(immediate.error, 'en-US')).toBe('A same-day item finishes at once: there is no time to supplement.');
    expect(deferralDeadline('2026-11-30', 1, limit5)).toEqual({ ok: false, error: { code: 'invalidTime' } });
  });
});

function input(overrides: Partial<DeferredAcceptanceInput> = {}): DeferredAcceptanceInput {
  return {
    caseId: CASE_ID,
    at: AT,
    by: 'C0107',
    caseNumber: CASE_NUMBER,
    checklist: foodChecklist(catalog),
    materialStates: safetyMissing(),
    applicantCheck: VALID_APPLICANT,
    requestedWorkingDays: 3,
    commitment: { signedAt: '2026-11-30T09:12:00+08:00', applicantName: '杭州西溪望湖酒店管理有限公司', signerName: '王芳' },
    applicantDishonest: null,
    policy: { requireSupervisorApproval: false },
    ...overrides,
  };
}

const APPROVAL = { supervisorId: 'S0003', supervisorName: '陈建国', at: '2026-11-30T09:14:00+08:00' };

describe('makeDeferredAcceptance', () => {
  it('accepts with the deferred lines left out of `received`, and records deadline, commitment and consequences', () => {
    const r = makeDeferredAcceptance(input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.decision.kind).toBe('accept');
    expect(r.decision.promisedDates).toEqual([expect.objectContaining({ basicCode: FOOD, date: '2026-12-07' })]);
    expect(r.decision.received.map((m) => m.key)).not.toContain(FOOD_KEYS.safety);
    expect(r.decision.received).toHaveLength(5);
    expect(r.deferral).toMatchObject({
      caseId: CASE_ID,
      caseNumber: CASE_NUMBER,
      acceptedBy: 'C0107',
      deadline: { date: '2026-12-03', workingDays: 3, provisional: false, limitDays: 5, limitItemCodes: [FOOD] },
      commitment: { applicantName: '杭州西溪望湖酒店管理有限公司', signedBy: 'applicant', signerName: '王芳' },
      consequences: DEFERRAL_CONSEQUENCES,
      approvalRequired: false,
      supplements: [],
    });
    expect(r.deferral.materials).toEqual([
      {
        key: FOOD_KEYS.safety,
        name: '食品安全规章制度',
        itemCodes: [FOOD],
        type: 'original',
        forms: ['paper'],
        copies: 1,
        acceptanceStandard: '包含从业人员健康管理、进货查验记录、食品安全自查等制度',
        problem: 'missing',
        reason: '未提交',
      },
    ]);
    expect(DEFERRAL_CONSEQUENCES).toContain('逾期未补齐的，视为申请人撤回申请');
    expect(DeferralRecord.safeParse(r.deferral).success).toBe(true);
    // the decision goes on the case as an ordinary acceptance
    const accepted = recordDecision(foodDraft(safetyMissing()), r.decision);
    expect(IntakeCase.safeParse(accepted).success).toBe(true);
    expect(accepted.status).toBe('accepted');
  });

  it('the centre’s policy: a supervisor other than the clerk approves before acceptance, and it is recorded', () => {
    const policy = { requireSupervisorApproval: true };
    const missing = makeDeferredAcceptance(input({ policy }));
    expect(missing).toEqual({ ok: false, errors: [{ code: 'approvalRequired' }] });
    const self = makeDeferredAcceptance(input({ policy, approval: { ...APPROVAL, supervisorId: 'C0107' } }));
    expect(!self.ok && self.errors).toEqual([{ code: 'approverIsClerk' }]);
    const late = makeDeferredAcceptance(input({ policy, approval: { ...APPROVAL, at: '2026-11-30T09:20:00+08:00' } }));
    expect(!late.ok && late.errors).toEqual([{ code: 'approvalAfterAcceptance' }]);
    const ok = makeDeferredAcceptance(input({ policy, approval: APPROVAL }));
    expect(ok.ok && ok.deferral.approval).toEqual(APPROVAL);
    expect(ok.ok && ok.deferral.approvalRequired).toBe(true);
    expect(DeferralRecord.safeParse({ ...(ok.ok ? ok.deferral : {}), approval: undefined }).success).toBe(false);
    expect(deferralErrorMessage({ code: 'approvalRequired' }, 'zh-CN')).toBe('按本中心规定，容缺受理须经负责人审批。');
  });

  it('reports every problem at once: refusal, commitment, deadline', () => {
    const r = makeDeferredAcceptance(
      input({
        applicantDishonest: { flagged: true, source: 'clerk', reason: '经办人核实：法定代表人为失信被执行人' },
        commitment: { signedAt: '2026-11-30T09:30:00+08:00', applicantName: '杭州西溪望湖酒店管理有限公司' },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(['deferralRefused', 'commitmentAfterAcceptance']);
    expect(deferralErrorMessage(r.errors[0]!, 'zh-CN')).toBe('申请人为失信主体（经办人标记），不适用容缺受理：经办人核实：法定代表人为失信被执行人');

    const beyond = makeDeferredAcceptance(input({ requestedWorkingDays: 8 }));
    expect(!beyond.ok && beyond.errors).toEqual([{ code: 'deadline', error: { code: 'beyondLimit', maxDays: 5, latestDate: '2026-12-07' } }]);
    const noName = makeDeferredAcceptance(input({ commitment: { signedAt: AT, applicantName: ' ' } }));
    expect(!noName.ok && noName.errors).toEqual([{ code: 'invalidCommitment', paths: ['applicantName'] }]);
    const badNumber = makeDeferredAcceptance(input({ caseNumber: '330106-261130-7K0042-0' }));
    expect(!badNumber.ok && badNumber.errors.map((e) => e.code)).toEqual(['invalidCaseNumber']);
    expect(deferralErrorMessage({ code: 'invalidCaseNumber' }, 'en-US')).toBe('The case number is not valid.');
  });

  it('nothing to defer: use the ordinary acceptance', () => {
    const r = makeDeferredAcceptance(input({ materialStates: completeFoodStates() }));
    expect(!r.ok && r.errors).toEqual([{ code: 'deferralRefused', refusals: [{ kind: 'nothingToDefer', canAcceptNow: true }] }]);
  });
});

function deferred(policy = { requireSupervisorApproval: false }) {
  const r = makeDeferredAcceptance(input({ policy, ...(policy.requireSupervisorApproval ? { approval: APPROVAL } : {}) }));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe('supplements', () => {
  const supplied = { key: FOOD_KEYS.safety, at: '2026-12-02T14:05:00+08:00', by: 'C0112', status: 'receivedOriginal' as const };

  it('tracks each deferred material: outstanding, supplied (deadline day still in time), suppliedLate, overdue', () => {
    const { deferral } = deferred();
    expect(supplementStatus(deferral, deferral.supplements, '2026-12-01')).toMatchObject({
      overall: 'outstanding',
      daysLeft: 2,
      outstanding: 1,
      materials: [{ key: FOOD_KEYS.safety, state: 'outstanding' }],
    });
    expect(supplementStatus(deferral, deferral.supplements, '2026-12-03')).toMatchObject({ overall: 'outstanding', daysLeft: 0 });
    expect(supplementStatus(deferral, deferral.supplements, '2026-12-04')).toMatchObject({ overall: 'overdue', daysLeft: -1, overdue: 1, materials: [{ state: 'overdue' }] });

    const r = recordSupplement(deferral, supplied);
    expect(r.ok && r.late).toBe(false);
    if (!r.ok) return;
    expect(supplementStatus(r.record, r.record.supplements, '2026-12-10')).toMatchObject({
      overall: 'complete',
      materials: [{ state: 'supplied', suppliedAt: supplied.at, suppliedOn: '2026-12-02' }],
    });
    const onTheDay = recordSupplement(deferral, { ...supplied, at: '2026-12-03T17:29:00+08:00' });
    expect(onTheDay.ok && onTheDay.late).toBe(false);
    const late = recordSupplement(deferral, { ...supplied, at: '2026-12-04T09:00:00+08:00' });
    expect(late.ok && late.late).toBe(true);
    if (late.ok) expect(supplementStatus(late.record, undefined, '2026-12-04')).toMatchObject({ overall: 'completeLate', materials: [{ state: 'suppliedLate' }] });
  });

  it('refuses supplements that do not fit the deferred material', () => {
    const { deferral } = deferred();
    expect(recordSupplement(deferral, { ...supplied, key: FOOD_KEYS.layout })).toEqual({ ok: false, errors: [{ code: 'notDeferred', key: FOOD_KEYS.layout }] });
    expect(recordSupplement(deferral, { ...supplied, status: 'receivedCopy' })).toEqual({ ok: false, errors: [{ code: 'originalRequired', key: FOOD_KEYS.safety }] });
    expect(recordSupplement(deferral, { ...supplied, status: 'fetched' })).toEqual({ ok: false, errors: [{ code: 'fetchNotAllowed', key: FOOD_KEYS.safety }] });
    expect(recordSupplement(deferral, { ...supplied, at: '2026-11-30T08:00:00+08:00' })).toEqual({ ok: false, errors: [{ code: 'beforeAcceptance' }] });
    const once = recordSupplement(deferral, supplied);
    if (!once.ok) throw new Error('supplement');
    expect(recordSupplement(once.record, supplied)).toEqual({ ok: false, errors: [{ code: 'alreadySupplied', key: FOOD_KEYS.safety }] });
    expect(recordSupplement(deferral, { ...supplied, by: '' })).toEqual({ ok: false, errors: [{ code: 'invalid', paths: ['by'] }] });
    expect(supplementErrorMessage({ code: 'originalRequired', key: 'x' }, 'zh-CN')).toBe('该材料须提交原件。');
    expect(supplementMaterialState({ ...supplied, copies: 1 })).toEqual({ status: 'receivedOriginal', copies: 1 });
  });

  it('lists: open deferrals for the clerk, overdue ones for the supervisor, earliest deadline first', () => {
    const a = deferred().deferral; // deadline 2026-12-03
    const b = { ...deferred().deferral, caseId: '8a1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', caseNumber: '330106-261128-7K0007-X', deadline: { ...a.deadline, date: '2026-12-01' } };
    const done = recordSupplement(deferred().deferral, supplied);
    if (!done.ok) throw new Error('supplement');
    const records = [a, b, done.record];
    expect(openDeferrals(records, '2026-12-01').map((s) => [s.caseNumber, s.overall])).toEqual([
      [b.caseNumber, 'outstanding'],
      [a.caseNumber, 'outstanding'],
    ]);
    expect(overdueDeferrals(records, '2026-12-02').map((s) => s.caseNumber)).toEqual([b.caseNumber]);
    expect(overdueDeferrals(records, '2026-12-04').map((s) => s.caseNumber)).toEqual([b.caseNumber, a.caseNumber]);
    expect(deferralsDueSoon(records, '2026-12-01', 1).map((s) => s.caseNumber)).toEqual([b.caseNumber]);
    expect(deferralsDueSoon(records, '2026-12-01', 2).map((s) => s.caseNumber)).toEqual([b.caseNumber, a.caseNumber]);
  });
});

describe('容缺 documents', () => {
  it('容缺受理通知书: deferred materials with form, deadline, consequences, approval, promised dates', () => {
    const r = deferred({ requireSupervisorApproval: true });
    const c = recordDecision(foodDraft(safetyMissing()), r.decision);
    const doc = deferralNoticeContent(c, catalog, r.decision, r.deferral);
    expect(doc.title).toBe('容缺受理通知书');
    expect(doc.caseNumber).toBe(CASE_NUMBER);
    expect(doc.applicant.name).toBe('杭州西溪望湖酒店管理有限公司');
    expect(doc.statement).toContain('请于2026年12月3日前（3个工作日内）将下列材料补齐');
    expect(doc.deferredMaterials).toEqual([
      {
        name: '食品安全规章制度',
        typeText: '原件',
        formsText: '纸质',
        copies: 1,
        acceptanceStandard: '包含从业人员健康管理、进货查验记录、食品安全自查等制度',
        reason: '未提交',
        itemNames: ['食品经营许可'],
      },
    ]);
    expect(doc.deadline).toEqual({ date: '2026-12-03', workingDays: 3, text: '3个工作日', provisional: false });
    expect(doc.consequences).toBe(DEFERRAL_CONSEQUENCES);
    expect(doc.approval).toEqual({ supervisorName: '陈建国', date: '2026-11-30' });
    expect(doc.promised).toEqual([expect.objectContaining({ itemName: '食品经营许可', date: '2026-12-07', limitText: '5个工作日' })]);
    expect(doc.materialsReceived.map((m) => m.name)).not.toContain('食品安全规章制度');
  });

  it('容缺受理承诺书: the commitment in the first person, signed by the legal representative', () => {
    const r = deferred();
    const c = recordDecision(foodDraft(safetyMissing()), r.decision);
    const doc = deferralCommitmentContent(c, catalog, r.decision, r.deferral);
    expect(doc.title).toBe('容缺受理承诺书');
    expect(doc.paragraphs[0]).toBe('本单位（杭州西溪望湖酒店管理有限公司）申请办理“食品经营许可”，现有《食品安全规章制度》尚未提交或不符合要求，自愿申请容缺受理，并郑重承诺：');
    expect(doc.paragraphs[1]).toContain('于2026年12月3日前补齐上述材料');
    expect(doc.paragraphs[3]).toContain('逾期未补齐的，视为申请人撤回申请');
    expect(doc.signature).toMatchObject({ label: '承诺人（签字或盖章）', signerName: '王芳', signedAt: { date: '2026-11-30', time: '09:12' } });
    expect(() => deferralCommitmentContent(c, catalog, r.decision, { ...r.deferral, caseId: '8a1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' })).toThrow(RangeError);
  });
});

describe('supplementRevision: a supplement forwarded to the departments as a case version', () => {
  const accepted = () => {
    const { decision, deferral } = deferred();
    const c = recordDecision({ ...foodDraft(safetyMissing()), applicant: foodDraft().applicant }, decision, '容缺受理');
    return { c, deferral };
  };
  it('sets the supplied material’s state, linked to the case as accepted, with reason supplement', () => {
    const { c, deferral } = accepted();
    expect(c.materialStates[FOOD_KEYS.safety]).toEqual({ status: 'missing' });
    const s = recordSupplement(deferral, { key: FOOD_KEYS.safety, at: '2026-12-02T14:05:00+08:00', by: 'C0112', status: 'receivedOriginal' });
    if (!s.ok) throw new Error('supplement');
    const r = supplementRevision(c, s.record.supplements, { catalog });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({ revision: 2, by: 'C0112', at: '2026-12-02T14:05:00+08:00', reason: { kind: 'supplement', keys: [FOOD_KEYS.safety] }, changedPaths: [FOOD_KEYS.safety] });
    expect(r.record.case.materialStates[FOOD_KEYS.safety]).toEqual({ status: 'receivedOriginal' });
    expect(r.record.case.history!.at(-1)!.note).toBe('容缺材料补齐（第2版）');
    expect(verifyRevisionChain(c, [r.record]).ok).toBe(true);
    const change = r.diff.changes.find((x) => x.path === FOOD_KEYS.safety)!;
    expect(change.after?.['zh-CN']).toContain('原件');
    // on top of a later version too (e.g. after a 补正 fix)
    const r3 = supplementRevision(r.record, [{ key: FOOD_KEYS.safety, at: '2026-12-02T15:00:00+08:00', by: 'C0112', status: 'receivedCopy' }]);
    expect(r3.ok && r3.record.revision).toBe(3);
  });
  it('nothing supplied, or the same state again → no version', () => {
    const { c } = accepted();
    expect(supplementRevision(c, [])).toEqual({ ok: false, errors: [{ code: 'noChanges' }] });
    expect(supplementRevision(c, [{ key: FOOD_KEYS.layout, at: '2026-12-02T14:05:00+08:00', by: 'C0112', status: 'receivedOriginal' }])).toEqual({ ok: false, errors: [{ code: 'noChanges' }] });
  });
});
