import { describe, expect, it } from 'vitest';
import type { IntakeCase } from '../intake/case';
import { agentPerson, makeIntakeCatalog, IDS } from '../../../test/fixtures/intake';
import { contentHash } from '../kernel';
import { CaseRevision, MAX_REPLY_LENGTH, diffCaseVersions, makeCaseRevision, verifyRevisionChain } from './revision';
import { CASE_NUMBER, FOOD, FOOD_KEYS, acceptedFoodCase, foodDraft } from '../../../test/fixtures/lifecycle';

const catalog = makeIntakeCatalog();
const FIX_AT = '2026-12-02T10:05:00+08:00';
const correction = { kind: 'correction' as const, eventCursors: [12], departmentCodes: ['SCJG'] };

function revised() {
  const accepted = acceptedFoodCase();
  const r = makeCaseRevision(
    accepted,
    {
      applicant: { phone: '13805719876', address: null },
      materialStates: { [FOOD_KEYS.layout]: { status: 'receivedOriginal', copies: 2 } },
      fields: { [FOOD]: { businessArea: 150 } },
    },
    FIX_AT,
    'C0112',
    { reason: correction, catalog },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { accepted, ...r };
}

describe('makeCaseRevision', () => {
  it('answers a correction request with a reply alone (补正答复): a version that changes nothing in the case', () => {
    const accepted = acceptedFoodCase();
    const reply = '经核实，经营场所为自有房产，产权证书已在原件中提交。';
    const r = makeCaseRevision(accepted, {}, FIX_AT, 'C0112', { reason: { ...correction, reply: `  ${reply}\n` }, catalog });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.reason).toEqual({ ...correction, reply });
    expect(r.record.changedPaths).toEqual([]);
    expect(r.diff.changed).toBe(false);
    expect(r.record.previousContentHash).toBe(contentHash(accepted));
    expect(r.record.contentHash).not.toBe(r.record.previousContentHash); // a new version all the same (its history entry)
    expect(CaseRevision.safeParse(r.record).success).toBe(true);
    // without the reply it is not a version at all
    expect(CaseRevision.safeParse({ ...r.record, reason: correction }).success).toBe(false);
  });

  it('no change and no reply (or a blank one) is refused; an over-long reply too', () => {
    const accepted = acceptedFoodCase();
    expect(makeCaseRevision(accepted, {}, FIX_AT, 'C0112', { reason: correction })).toEqual({ ok: false, errors: [{ code: 'noChanges' }] });
    expect(makeCaseRevision(accepted, {}, FIX_AT, 'C0112', { reason: { ...correction, reply: '   ' } })).toEqual({ ok: false, errors: [{ code: 'noChanges' }] });
    const long = makeCaseRevision(accepted, {}, FIX_AT, 'C0112', { reason: { ...correction, reply: '答'.repeat(MAX_REPLY_LENGTH + 1) } });
    expect(long.ok || long.errors).toEqual([{ code: 'replyTooLong', max: MAX_REPLY_LENGTH }]);
  });

  it('makes revision 2 linked to the accepted case by its content hash, with a history entry', () => {
    const { accepted, record, diff } = revised();
    expect(record.revision).toBe(2);
    expect(record.previousContentHash).toBe(contentHash(accepted));
    expect(record.contentHash).toBe(contentHash(record.case));
    expect(record.contentHash).not.toBe(record.previousContentHash);
    expect(record).toMatchObject({ caseId: accepted.id, caseNumber: CASE_NUMBER, at: FIX_AT, by: 'C0112', reason: correction });
    expect(record.case.applicant).toMatchObject({ phone: '13805719876' });
    expect(record.case.applicant).not.toHaveProperty('address');
    expect(record.case.fields[FOOD]).toEqual({ businessArea: 150, businessForm: '餐饮服务经营者', postcode: '310012' });
    expect(record.case.decision).toEqual(accepted.decision); // the printed acceptance is never rewritten
    expect(record.case.updatedAt).toBe(FIX_AT);
    expect(record.case.history?.at(-1)).toEqual({ at: FIX_AT, by: 'C0112', from: 'accepted', to: 'accepted', note: '补正修订（第2版）' });
    expect(record.changedPaths).toEqual(['applicant.phone', 'applicant.address', FOOD_KEYS.layout, `fields.${FOOD}.businessArea`]);
    expect(diff.counts).toEqual({ applicant: 2, agent: 0, answers: 0, materials: 1, fields: 1, subject: 0 });
    expect(CaseRevision.safeParse(record).success).toBe(true);
    // the previous version is untouched
    expect(accepted.applicant).toMatchObject({ phone: '0571-88231234' });
  });

  it('chains: revision 3 on top of revision 2; the chain verifies, a tampered one does not', () => {
    const { accepted, record: r2 } = revised();
    const r3 = makeCaseRevision(r2, { materialStates: { [FOOD_KEYS.repId]: { status: 'receivedOriginal' } } }, '2026-12-03T15:00:00+08:00', 'C0107', {
      reason: { kind: 'correction', eventCursors: [20], departmentCodes: ['SCJG'] },
    });
    expect(r3.ok).toBe(true);
    if (!r3.ok) return;
    expect(r3.record.revision).toBe(3);
    expect(r3.record.previousContentHash).toBe(r2.contentHash);
    expect(verifyRevisionChain(accepted, [r2, r3.record])).toEqual({ ok: true, problems: [] });
    expect(verifyRevisionChain(accepted, [r3.record]).problems.map((p) => p.code)).toEqual(['numbering', 'brokenLink']);
    const tampered = { ...r2, case: { ...r2.case, applicant: { ...r2.case.applicant!, phone: '13900000000' } } } as CaseRevision;
    expect(verifyRevisionChain(accepted, [tampered, r3.record]).problems.map((p) => p.code)).toEqual(['hashMismatch', 'brokenLink']);
  });

  it('refuses what is not a fix of an accepted case', () => {
    const accepted = acceptedFoodCase();
    expect(makeCaseRevision(foodDraft(), { applicant: { phone: '13805719876' } }, FIX_AT, 'C0112')).toEqual({
      ok: false,
      errors: [{ code: 'notAccepted', status: 'draft' }],
    });
    expect(makeCaseRevision(accepted, { applicant: { phone: '13805719876' } }, '2026-11-29T10:00:00+08:00', '')).toEqual({
      ok: false,
      errors: [{ code: 'timeBeforePrevious' }, { code: 'clerkRequired' }],
    });
    expect(makeCaseRevision(accepted, { applicant: { phone: '0571-88231234' } }, FIX_AT, 'C0112')).toEqual({ ok: false, errors: [{ code: 'noChanges' }] });
    expect(makeCaseRevision(accepted, { materialStates: { [FOOD_KEYS.layout]: { status: 'deficient', reason: '' } } }, FIX_AT, 'C0112')).toEqual({
      ok: false,
      errors: [{ code: 'invalidChanges', paths: [`materialStates.${FOOD_KEYS.layout}`] }],
    });
    const badPhone = makeCaseRevision(accepted, { applicant: { phone: '12345' } }, FIX_AT, 'C0112');
    expect(!badPhone.ok && badPhone.errors[0]).toMatchObject({ code: 'applicantInvalid', problems: [expect.objectContaining({ path: 'applicant.phone' })] });
    const noName = makeCaseRevision(accepted, { applicant: { name: null } }, FIX_AT, 'C0112');
    expect(!noName.ok && noName.errors).toEqual([{ code: 'invalidCase', paths: ['applicant'] }]);
  });

  it('a 容缺 supplement forwarded to the department is a revision too', () => {
    const accepted = acceptedFoodCase();
    const withMissing: IntakeCase = { ...accepted, materialStates: { ...accepted.materialStates, [FOOD_KEYS.safety]: { status: 'missing' } } };
    const r = makeCaseRevision(withMissing, { materialStates: { [FOOD_KEYS.safety]: { status: 'receivedOriginal' } } }, FIX_AT, 'C0112', {
      reason: { kind: 'supplement', keys: [FOOD_KEYS.safety] },
      catalog,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.case.history?.at(-1)?.note).toBe('容缺材料补齐（第2版）');
    expect(r.diff.changes).toEqual([
      { section: 'materials', path: FOOD_KEYS.safety, label: { 'zh-CN': '食品安全规章制度', 'en-US': '食品安全规章制度' }, change: 'changed', before: { 'zh-CN': '未提交', 'en-US': 'Missing' }, after: { 'zh-CN': '已收原件', 'en-US': 'Original received' } },
    ]);
  });
});

describe('diffCaseVersions', () => {
  it('field by field, bilingual labels, displayable before/after', () => {
    const { accepted, record } = revised();
    const d = diffCaseVersions(accepted, record.case, { catalog });
    expect(d.changed).toBe(true);
    expect(d.changes).toEqual([
      {
        section: 'applicant',
        path: 'applicant.phone',
        label: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
        change: 'changed',
        before: { 'zh-CN': '0571-88231234', 'en-US': '0571-88231234' },
        after: { 'zh-CN': '13805719876', 'en-US': '13805719876' },
      },
      {
        section: 'applicant',
        path: 'applicant.address',
        label: { 'zh-CN': '地址', 'en-US': 'Address' },
        change: 'removed',
        before: { 'zh-CN': '浙江省杭州市西湖区天目山路 398 号', 'en-US': '浙江省杭州市西湖区天目山路 398 号' },
        after: null,
      },
      {
        section: 'materials',
        path: FOOD_KEYS.layout,
        label: { 'zh-CN': '经营场所和设备布局、操作流程示意图', 'en-US': '经营场所和设备布局、操作流程示意图' },
        change: 'changed',
        before: { 'zh-CN': '已收原件', 'en-US': 'Original received' },
        after: { 'zh-CN': '已收原件（2份）', 'en-US': 'Original received (2 copies)' },
      },
      {
        section: 'fields',
        path: `fields.${FOOD}.businessArea`,
        label: { 'zh-CN': '经营面积（㎡）', 'en-US': '经营面积（㎡）' },
        change: 'changed',
        before: { 'zh-CN': '120', 'en-US': '120' },
        after: { 'zh-CN': '150', 'en-US': '150' },
      },
    ]);
    expect(diffCaseVersions(accepted, accepted)).toMatchObject({ changed: false, changes: [] });
  });

  it('answers with question and option labels; an added agent; ID numbers masked on request', () => {
    const a = acceptedFoodCase();
    const b: IntakeCase = {
      ...a,
      answers: { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'company' },
      agent: agentPerson(),
      applicant: { ...a.applicant!, kind: 'organisation', legalRepresentativeIdNumber: IDS.leapDay } as IntakeCase['applicant'],
    };
    const d = diffCaseVersions(a, b, { catalog, maskIdNumbers: true });
    const by = Object.fromEntries(d.changes.map((c) => [c.path, c]));
    expect(by['answers.shared/premises-ownership']).toMatchObject({
      label: { 'zh-CN': '经营场所是自有还是租赁？' },
      change: 'changed',
      before: { 'zh-CN': '自有' },
      after: { 'zh-CN': '租赁' },
    });
    expect(by[`answers.${FOOD}/lessor`]).toMatchObject({ label: { 'zh-CN': '出租方是个人还是单位？' }, change: 'added', before: null, after: { 'zh-CN': '单位' } });
    expect(by['agent.name']).toMatchObject({ label: { 'zh-CN': '代理人姓名', 'en-US': 'Agent’s name' }, change: 'added', after: { 'zh-CN': '李强' } });
    expect(by['agent.idType']?.after).toEqual({ 'zh-CN': '居民身份证', 'en-US': 'Resident ID card' });
    expect(by['agent.idNumber']?.after).toEqual({ 'zh-CN': '330102********3513', 'en-US': '330102********3513' });
    expect(by['applicant.legalRepresentativeIdNumber']).toMatchObject({ before: { 'zh-CN': '330106********0044' }, after: { 'zh-CN': '330127********002X' } });
    expect(d.counts).toMatchObject({ answers: 2, agent: 5, applicant: 1 });
    expect(() => diffCaseVersions(a, { ...b, id: '8a1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' })).toThrow(RangeError);
  });

  it('a change of the bundle’s items shows item names', () => {
    const a = acceptedFoodCase();
    const b: IntakeCase = { ...a, subject: { kind: 'bundle', bundleId: 'open-hotel', basicCodes: ['000117015000', FOOD] } };
    const d = diffCaseVersions(a, b, { catalog });
    expect(d.changes[0]).toMatchObject({ section: 'subject', path: 'subject.basicCodes', before: { 'zh-CN': '食品经营许可' }, after: { 'zh-CN': '公共场所卫生许可、食品经营许可' } });
  });
});
