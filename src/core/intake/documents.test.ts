import { describe, expect, it } from 'vitest';
import { recordDecision, type IntakeCase, type MaterialState } from './case';
import { makeCaseNumber } from './caseNumber';
import { deriveChecklist } from './checklist';
import { makeAcceptance, makeOneTimeNotice, makeRefusal } from './decision';
import { acceptanceNoticeContent, oneTimeNoticeContent, refusalNoticeContent } from './documents';
import { FOOD, HYGIENE, IDS, USCCS, agentPerson, foodSubject, hotelSubject, makeDraft, makeIntakeCatalog, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';

const catalog = makeIntakeCatalog();
const VALID = { valid: true, problems: [] };
const caseNumber = (sequence: number) => {
  const r = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '12', sequence });
  if (!r.ok) throw new Error('fixture');
  return r.value;
};
const OPENED = '2026-11-30T09:02:00+08:00';
const DECIDED = '2026-11-30T09:31:00+08:00';

function hotelCase(): { draft: IntakeCase; checklist: ReturnType<typeof deriveChecklist> } {
  const answers = { 'shared/premises-ownership': 'leased', [`${FOOD}/lessor`]: 'company', [`${HYGIENE}/central-ac`]: 'no' };
  const draft = makeDraft({
    subject: hotelSubject(),
    createdAt: OPENED,
    answers,
    applicant: { ...organisationApplicant(), uscc: USCCS.badChecksum, usccOverride: { reason: '已核对营业执照原件', by: 'C0107', at: OPENED } },
    agent: agentPerson(),
  });
  const checklist = deriveChecklist(catalog, draft.subject, answers, { hasAgent: true });
  return { draft, checklist };
}

describe('acceptanceNoticeContent (受理通知书)', () => {
  it('has everything an acceptance notice must carry', () => {
    const { draft, checklist } = hotelCase();
    const states: Record<string, MaterialState> = {};
    for (const l of checklist.materials) states[l.key] = l.canFetch ? { status: 'fetched' } : { status: 'receivedOriginal' };
    states['shared/lease-contract'] = { status: 'receivedCopy', copies: 2 };
    const r = makeAcceptance({ at: DECIDED, by: 'C0107', caseNumber: caseNumber(7), checklist, materialStates: states, applicantCheck: VALID });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const accepted = recordDecision({ ...draft, materialStates: states }, r.decision);
    const doc = acceptanceNoticeContent(accepted, catalog, r.decision);

    expect(doc.documentType).toBe('acceptanceNotice');
    expect(doc.title).toBe('受理通知书');
    expect(doc.caseNumber).toBe(caseNumber(7));
    expect(doc.catalogVersion).toBe('2026.11.1');
    expect(doc.bundle).toEqual({ id: 'open-hotel', name: '开办旅馆一件事' });
    // applicant: full number on the printed notice, masked for screens
    expect(doc.applicant).toEqual({
      kind: 'organisation',
      name: '杭州西溪望湖酒店管理有限公司',
      idTypeName: '统一社会信用代码',
      idNumber: USCCS.badChecksum,
      idNumberMasked: USCCS.badChecksum,
      phone: '0571-88231234',
      address: '浙江省杭州市西湖区天目山路 398 号',
      legalRepresentative: '王芳',
      usccConfirmedManually: true,
    });
    expect(doc.agent).toEqual({
      name: '李强',
      idTypeName: '居民身份证',
      idNumber: IDS.liQiang,
      idNumberMasked: '330102********3513',
      phone: '13900571234',
      relation: '员工',
    });
    expect(doc.contactPhone).toBe('13900571234');
    expect(doc.items).toEqual([
      {
        basicCode: HYGIENE,
        name: '公共场所卫生许可',
        implementationCodes: [`${HYGIENE}-01`],
        handlingItems: [{ code: `${HYGIENE}-01`, name: '新办' }],
        department: { code: 'WJJ', name: '西湖区卫生健康局' },
        coHandlingDepartments: [{ code: 'SCJG', name: '西湖区市场监督管理局' }],
      },
      {
        basicCode: FOOD,
        name: '食品经营许可',
        implementationCodes: [`${FOOD}-01`],
        handlingItems: [{ code: `${FOOD}-01`, name: '新办' }],
        department: { code: 'SCJG', name: '西湖区市场监督管理局' },
        coHandlingDepartments: [],
      },
    ]);
    expect(doc.acceptingDepartments).toEqual([
      { code: 'WJJ', name: '西湖区卫生健康局' },
      { code: 'SCJG', name: '西湖区市场监督管理局' },
    ]);
    expect(doc.clerk).toEqual({ clerkId: 'C0107', name: '李娜', windowNo: '12', workstationId: 'WS-330106-12', phone: '0571-87001234' });
    expect(doc.centre).toEqual({ code: '330106', name: '西湖区政务服务中心' });
    expect(doc.appliedAt).toEqual({ iso: OPENED, date: '2026-11-30', time: '09:02' });
    expect(doc.decidedAt).toEqual({ iso: DECIDED, date: '2026-11-30', time: '09:31' });
    expect(doc.promised).toEqual([
      { basicCode: HYGIENE, itemName: '公共场所卫生许可', limit: { kind: 'workingDays', days: 7 }, limitText: '7个工作日', date: '2026-12-09', provisional: false },
      { basicCode: FOOD, itemName: '食品经营许可', limit: { kind: 'workingDays', days: 5 }, limitText: '5个工作日', date: '2026-12-07', provisional: false },
    ]);
    expect(doc.anyProvisional).toBe(false);
    expect(doc.materialsReceived).toContainEqual({ name: '营业执照', received: 'fetched', copies: 0 });
    expect(doc.materialsReceived).toContainEqual({ name: '房屋租赁合同', received: 'copy', copies: 2 });
    expect(doc.materialsReceived).toContainEqual({ name: '授权委托书', received: 'original', copies: 1 });
    expect(doc.materialsReceived).toHaveLength(checklist.materials.length); // optional ones received are listed too
    expect(doc.statement).toContain('第三十二条');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('shows a person’s resident ID in full and masked; a single item without a bundle', () => {
    const answers = { 'shared/premises-ownership': 'owned' };
    const draft = makeDraft({ answers, applicant: personApplicant(), agent: null });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: false });
    const states = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const r = makeAcceptance({ at: DECIDED, by: 'C0107', caseNumber: caseNumber(8), checklist, materialStates: states, applicantCheck: VALID });
    if (!r.ok) throw new Error('expected acceptance');
    const doc = acceptanceNoticeContent(draft, catalog, r.decision);
    expect(doc.applicant).toMatchObject({ kind: 'person', name: '张伟', idTypeName: '居民身份证', idNumber: IDS.zhangWei, idNumberMasked: '330106********1236' });
    expect(doc.agent).toBeNull();
    expect(doc.contactPhone).toBe('13805710123');
    expect(doc.bundle).toBeUndefined();
    expect(doc.items.map((i) => i.implementationCodes)).toEqual([[`${FOOD}-01`]]);
  });
});

describe('acceptanceNoticeContent: originals checked and handed back (原件核验后退还)', () => {
  it('lists what was checked and returned apart from what the centre keeps', () => {
    const answers = { 'shared/premises-ownership': 'owned' };
    const draft = makeDraft({ answers, applicant: personApplicant(), agent: null });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: false });
    const states = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const idLine = checklist.materials.find((l) => l.key === 'shared/legal-rep-id')!;
    states[idLine.key] = { status: 'originalCheckedCopyKept' };
    const r = makeAcceptance({ at: DECIDED, by: 'C0107', caseNumber: caseNumber(8), checklist, materialStates: states, applicantCheck: VALID });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = acceptanceNoticeContent(draft, catalog, r.decision);
    expect(doc.originalsReturned).toEqual([{ name: idLine.name }]);
    // kept: its copy, never its original
    expect(doc.materialsReceived.filter((m) => m.name === idLine.name)).toEqual([{ name: idLine.name, received: 'checkedCopy', copies: idLine.copies }]);
    expect(doc.materialsReceived.filter((m) => m.received === 'original').map((m) => m.name)).not.toContain(idLine.name);
  });
});

describe('oneTimeNoticeContent (一次性告知书)', () => {
  it('lists every missing and deficient material with standard and reason, the legal basis and a signature line', () => {
    const { draft, checklist } = hotelCase();
    const states: Record<string, MaterialState> = {};
    for (const l of checklist.materials) states[l.key] = { status: 'receivedOriginal' };
    states['shared/lease-contract'] = { status: 'missing' };
    states[`${HYGIENE}/health-cert`] = { status: 'deficient', reason: '健康证明已过期（有效期至2026年10月）' };
    const r = makeOneTimeNotice({ at: DECIDED, by: 'C0107', caseNumber: caseNumber(9), checklist, materialStates: states, applicantCheck: VALID });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = oneTimeNoticeContent(draft, catalog, r.decision);

    expect(doc.title).toBe('一次性告知书');
    expect(doc.applicant.name).toBe('杭州西溪望湖酒店管理有限公司');
    expect(doc.contactPhone).toBe('13900571234');
    expect(doc.items.map((i) => i.name)).toEqual(['公共场所卫生许可', '食品经营许可']);
    expect(doc.decidedAt.date).toBe('2026-11-30');
    expect(doc.clerk).toMatchObject({ name: '李娜', windowNo: '12', phone: '0571-87001234' });
    expect(doc.legalBasis).toEqual([
      '《中华人民共和国行政许可法》第三十二条',
      '《公共场所卫生管理条例》第八条',
      '《中华人民共和国食品安全法》第三十五条',
      '《食品经营许可和备案管理办法》',
    ]);
    expect(doc.statement).toContain('第三十二条第一款第（四）项');
    expect(doc.materials).toEqual([
      {
        name: '房屋租赁合同',
        acceptanceStandard: '租赁期限不少于一年；在租赁期内，出租方签章',
        problem: 'missing',
        reason: '未提交',
        itemNames: ['公共场所卫生许可', '食品经营许可'],
      },
      {
        name: '从业人员健康合格证明',
        acceptanceStandard: '在有效期内，覆盖全部直接为顾客服务的从业人员',
        problem: 'deficient',
        reason: '健康证明已过期（有效期至2026年10月）',
        itemNames: ['公共场所卫生许可'],
      },
    ]);
    expect(doc.signature).toEqual({ label: '申请人（代理人）签收', dateLabel: '签收日期' });
  });

  it('falls back to the item’s consultation phone when the window has none', () => {
    const answers = { 'shared/premises-ownership': 'owned' };
    const draft = makeDraft({ answers, applicant: personApplicant(), agent: null, clerk: { ...makeDraft().clerk, phone: undefined } });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: false });
    const r = makeOneTimeNotice({
      at: DECIDED,
      by: 'C0107',
      caseNumber: caseNumber(10),
      checklist,
      materialStates: Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'missing' } as MaterialState])),
      applicantCheck: VALID,
    });
    if (!r.ok) throw new Error('expected a notice');
    expect(oneTimeNoticeContent(draft, catalog, r.decision).clerk.phone).toBe('0571-87002345');
  });
});

describe('refusalNoticeContent (不予受理通知书)', () => {
  it('gives the reason, the provision, where to apply and the rights with deadlines and bodies', () => {
    const draft = makeDraft({ applicant: personApplicant(), agent: null });
    const r = makeRefusal({
      at: DECIDED,
      by: 'C0107',
      caseNumber: caseNumber(11),
      reason: { code: 'notJurisdiction', whereToApply: '杭州市西湖区自然资源和规划局' },
      reconsiderationBody: '杭州市西湖区人民政府',
      court: '杭州市西湖区人民法院',
    });
    if (!r.ok) throw new Error('expected a refusal');
    const doc = refusalNoticeContent(recordDecision(draft, r.decision), catalog, r.decision);
    expect(doc.title).toBe('不予受理通知书');
    expect(doc.reason).toEqual({ code: 'notJurisdiction', text: '申请事项依法不属于本行政机关职权范围', whereToApply: '杭州市西湖区自然资源和规划局' });
    expect(doc.legalBasis).toBe('《中华人民共和国行政许可法》第三十二条第一款第（二）项');
    expect(doc.statement).toBe(
      '经审查，申请事项依法不属于本行政机关职权范围。根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，决定不予受理。请向杭州市西湖区自然资源和规划局申请。',
    );
    expect(doc.rights.reconsideration).toMatchObject({ days: 60, body: '杭州市西湖区人民政府' });
    expect(doc.rights.litigation).toMatchObject({ months: 6, court: '杭州市西湖区人民法院' });
    expect(doc.rightsText).toBe(
      '如不服本决定，可以自收到本通知书之日起六十日内，依照《中华人民共和国行政复议法》向杭州市西湖区人民政府申请行政复议；也可以自收到本通知书之日起六个月内，依照《中华人民共和国行政诉讼法》向杭州市西湖区人民法院提起行政诉讼。',
    );
    expect(doc.items[0]).toMatchObject({ basicCode: FOOD, name: '食品经营许可', department: { name: '西湖区市场监督管理局' } });
  });

  it('does not double the full stop of a typed reason', () => {
    const r = makeRefusal({ at: DECIDED, by: 'C0107', caseNumber: caseNumber(12), reason: { code: 'other', text: '申请人已就同一事项取得许可。' } });
    if (!r.ok) throw new Error('expected a refusal');
    const doc = refusalNoticeContent(makeDraft({ applicant: personApplicant() }), catalog, r.decision);
    expect(doc.statement.startsWith('经审查，申请人已就同一事项取得许可。根据《中华人民共和国行政许可法》第三十二条的规定')).toBe(true);
    expect(doc.rights.reconsideration.body).toBe('有管辖权的行政复议机关');
  });
});

describe('acceptanceNoticeContent: a company being founded (拟设立企业)', () => {
  it('shows the reserved name’s number in place of the USCC it does not have yet', () => {
    const catalog = makeIntakeCatalog();
    const answers = { 'shared/premises-ownership': 'owned' };
    const founding = { kind: 'organisation' as const, founding: true as const, name: '杭州示例科技有限公司', nameReservation: '（杭）名称自主申报〔2026〕第123号', legalRepresentative: '张伟', legalRepresentativeIdNumber: IDS.zhangWei, phone: '13805710123' };
    const draft = makeDraft({ answers, applicant: founding, agent: null });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: false });
    const states = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const r = makeAcceptance({ at: '2026-11-30T09:15:00+08:00', by: 'C0107', caseNumber: caseNumber(9), checklist, materialStates: states, applicantCheck: { valid: true, problems: [] } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const applicant = acceptanceNoticeContent(draft, catalog, r.decision).applicant;
    expect(applicant).toMatchObject({
      kind: 'organisation',
      founding: true,
      name: '杭州示例科技有限公司',
      idTypeName: '名称自主申报文号',
      idNumber: '（杭）名称自主申报〔2026〕第123号',
      legalRepresentative: '张伟',
    });
    // the number is never labelled as a 统一社会信用代码 the company does not have yet
    expect(applicant.idTypeName).not.toContain('统一社会信用代码');
  });

  it('keeps the company’s phone with the legal representative and the agent’s with the agent', () => {
    const catalog = makeIntakeCatalog();
    const answers = { 'shared/premises-ownership': 'owned' };
    const founding = { kind: 'organisation' as const, founding: true as const, name: '杭州示例科技有限公司', legalRepresentative: '张伟', legalRepresentativeIdNumber: IDS.zhangWei, phone: '13805710123' };
    const draft = makeDraft({ answers, applicant: founding, agent: agentPerson() });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: true });
    const states = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const r = makeAcceptance({ at: '2026-11-30T09:15:00+08:00', by: 'C0107', caseNumber: caseNumber(9), checklist, materialStates: states, applicantCheck: { valid: true, problems: [] } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = acceptanceNoticeContent(draft, catalog, r.decision);
    expect(doc.applicant.phone).toBe('13805710123');
    expect(doc.agent?.phone).toBe(agentPerson().phone);
    expect(agentPerson().phone).not.toBe('13805710123');
    expect(doc.contactPhone).toBe(agentPerson().phone); // whom the centre calls about the case
  });

  it('an override object without a reason (a draft’s empty field) is not a manual USCC check', () => {
    const catalog = makeIntakeCatalog();
    const answers = { 'shared/premises-ownership': 'owned' };
    const org = { ...organisationApplicant(), usccOverride: {} } as unknown as IntakeCase['applicant'];
    const draft = makeDraft({ answers, applicant: org, agent: null });
    const checklist = deriveChecklist(catalog, foodSubject(), answers, { hasAgent: false });
    const states = Object.fromEntries(checklist.materials.map((l) => [l.key, { status: 'receivedOriginal' } as MaterialState]));
    const r = makeAcceptance({ at: '2026-11-30T09:15:00+08:00', by: 'C0107', caseNumber: caseNumber(9), checklist, materialStates: states, applicantCheck: { valid: true, problems: [] } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(acceptanceNoticeContent(draft, catalog, r.decision).applicant.usccConfirmedManually).toBeUndefined();
  });
});
