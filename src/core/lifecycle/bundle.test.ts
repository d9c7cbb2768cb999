/**
 * 一件事 bundles: does src/core/intake give "一次告知、一表申请、一套材料" and one acceptance
 * listing every item and department with its own promised date? Checked on the default
 * catalog's 开办企业一件事 (resources/catalog/default-catalog.json). The last block pins the
 * current behaviour where it falls short (the gaps in the issue-5 report).
 */
import { describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../../resources/catalog/default-catalog.json';
import { resolveBundle } from '../bundle';
import { parseCatalogData } from '../catalog/import';
import type { Catalog } from '../catalog/schema';
import { type MaterialState, type Subject, createDraft, recordDecision } from '../intake/case';
import { deriveChecklist, type Checklist } from '../intake/checklist';
import { assessIntake, makeAcceptance, makeOneTimeNotice } from '../intake/decision';
import { acceptanceNoticeContent, oneTimeNoticeContent } from '../intake/documents';
import { IDS, makeClerk } from '../../../test/fixtures/intake';
import { resolveDepartments } from '../sync/dispatch';
import { CASE_NUMBER, VALID_APPLICANT } from '../../../test/fixtures/lifecycle';

const catalog: Catalog = (() => {
  const r = parseCatalogData(defaultCatalogJson);
  if (!r.ok) throw new Error('default catalog');
  return r.catalog;
})();

const SETUP = '330001002000'; // 有限责任公司设立登记 (市场监管局; 联办 公安局, 税务局) — 1 working day
const SEAL = '330002007000'; // 公章刻制备案 (公安局) — 即办
const TAX = '330008001000'; // 新办纳税人涉税信息确认 (税务局) — 即办
const INVOICE = '330008002000'; // 发票领用 (税务局, optional in the bundle) — 即办
const SOCIAL = '330003006000'; // 单位参加社会保险登记 (人社局; 联办 医保局, 税务局) — 即办
const FUND = '330009005000'; // 住房公积金单位缴存登记 (公积金中心, optional) — 即办
const ALL = [SETUP, SEAL, TAX, INVOICE, SOCIAL, FUND];

const bundle = (basicCodes: string[] = ALL): Subject => ({ kind: 'bundle', bundleId: 'start-business', basicCodes });

/** Own certified premises, no pre-approval, no tax agent, ordinary invoices. */
const ANSWERS = {
  'shared/applicant-is-agent': 'self',
  [`${SETUP}/premises-type`]: 'own',
  [`${SETUP}/premises-certified`]: 'yes',
  [`${SETUP}/pre-approval`]: 'no',
  [`${TAX}/tax-agent`]: 'no',
  [`${INVOICE}/invoice-type`]: 'ordinary',
};

function allReceived(cl: Checklist): Record<string, MaterialState> {
  const s: Record<string, MaterialState> = {};
  for (const m of cl.materials) if (m.necessity !== 'optional') s[m.key] = m.canFetch ? { status: 'fetched' } : { status: 'receivedOriginal' };
  return s;
}

const AT = '2026-11-30T10:05:00+08:00'; // Monday

describe('开办企业一件事: one set of questions, one set of materials', () => {
  it('asks a question shared by all six items once', () => {
    const cl = deriveChecklist(catalog, bundle(), {}, { hasAgent: false });
    expect(cl.problems).toEqual([]);
    expect(cl.items.map((i) => i.basicCode)).toEqual(ALL);
    const agentQ = cl.questions.filter((q) => q.key === 'shared/applicant-is-agent');
    expect(agentQ).toHaveLength(1);
    expect(agentQ[0]!.itemCodes).toEqual(ALL);
    expect(cl.questions.map((q) => q.key)).toEqual([
      'shared/applicant-is-agent',
      `${SETUP}/premises-type`,
      `${SETUP}/premises-certified`,
      `${SETUP}/pre-approval`,
      `${TAX}/tax-agent`,
      `${INVOICE}/invoice-type`,
    ]);
  });

  it('collects a material needed by several items once (一套材料), with the strictest requirements', () => {
    const cl = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: false });
    expect(cl.unansweredQuestions).toEqual([]);
    const keys = cl.materials.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const line = (key: string) => cl.materials.find((m) => m.key === key)!;
    // the 营业执照 the later items need is what 设立登记 issues: it does not exist yet, so it is
    // neither collected nor offered as 免提交（已调取）
    expect(line('shared/business-licence')).toBeUndefined();
    expect(cl.issuedInCase).toEqual([
      { key: 'shared/business-licence', name: '营业执照', itemCodes: [SEAL, TAX, INVOICE, SOCIAL, FUND], issuedBy: { basicCode: SETUP, name: '有限责任公司设立登记' } },
    ]);
    expect(line('shared/legal-rep-id-card')).toMatchObject({ itemCodes: [SEAL, TAX, INVOICE], type: 'originalOrCopy', necessity: 'required' });
    expect(line('shared/company-bank-account')).toMatchObject({ itemCodes: [TAX, SOCIAL, FUND], necessity: 'optional' });
    expect(line('shared/property-certificate')).toMatchObject({ itemCodes: [SETUP] });
    // asked item by item, these answers give 22 material lines; the bundle collects 13 (and the licence it issues)
    const perItem = ALL.map((code) => deriveChecklist(catalog, { kind: 'item', basicCode: code, handlingItemCodes: code === INVOICE ? [`${INVOICE}-01`] : [] }, ANSWERS, { hasAgent: false }).materials.length);
    expect(perItem.reduce((a, b) => a + b, 0)).toBe(22);
    expect(cl.materials).toHaveLength(13);
  });

  it('with an agent, one power of attorney and one agent ID for all six items', () => {
    const cl = deriveChecklist(catalog, bundle(), { ...ANSWERS, 'shared/applicant-is-agent': 'agent' }, { hasAgent: true });
    const agentLines = cl.materials.filter((m) => m.key === 'shared/power-of-attorney' || m.key === 'shared/agent-id-card');
    expect(agentLines.map((m) => [m.key, m.itemCodes.length])).toEqual([
      ['shared/power-of-attorney', 6],
      ['shared/agent-id-card', 6],
    ]);
  });

  it('the clerk drops an optional item and the checklist follows; a required one cannot be dropped', () => {
    const without = deriveChecklist(catalog, bundle([SETUP, SEAL, TAX, SOCIAL]), ANSWERS, { hasAgent: false });
    expect(without.problems).toEqual([]);
    expect(without.materials.find((m) => m.key === 'shared/company-bank-account')?.itemCodes).toEqual([TAX, SOCIAL]);
    expect(without.materials.some((m) => m.key === `${INVOICE}/invoice-seal`)).toBe(false);
    expect(without.questions.some((q) => q.key === `${INVOICE}/invoice-type`)).toBe(false);
    const noSeal = deriveChecklist(catalog, bundle([SETUP, TAX, SOCIAL]), ANSWERS, { hasAgent: false });
    expect(noSeal.problems).toEqual([{ kind: 'bundleItemRequired', basicCode: SEAL }]);
  });

  it('一次告知: one notice lists what is missing for every item at once', () => {
    const cl = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: false });
    const states = { ...allReceived(cl), [`${SETUP}/articles`]: { status: 'missing' as const }, [`${SOCIAL}/application`]: { status: 'deficient' as const, reason: '未加盖单位公章' } };
    const r = makeOneTimeNotice({ at: AT, by: 'C0107', caseNumber: CASE_NUMBER, checklist: cl, materialStates: states, applicantCheck: VALID_APPLICANT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.decision.items.map((i) => [i.name, i.problem, i.itemCodes])).toEqual([
      ['公司章程', 'missing', [SETUP]],
      ['社会保险单位参保登记表', 'deficient', [SOCIAL]],
    ]);
    const draft = { ...createDraft({ id: '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', clerk: makeClerk(), catalogVersion: catalog.version, subject: bundle(), at: AT }), applicant: founder(), agent: null };
    const doc = oneTimeNoticeContent(draft, catalog, r.decision);
    expect(doc.bundle).toEqual({ id: 'start-business', name: '开办企业一件事' });
    expect(doc.materials.map((m) => m.itemNames)).toEqual([['有限责任公司设立登记'], ['单位参加社会保险登记']]);
  });
});

/** The applicant of 开办企业 as the workstation can record it today: the founder (the company has no USCC yet). */
function founder() {
  return { kind: 'person' as const, name: '王芳', idType: 'residentId' as const, idNumber: IDS.wangFang, phone: '13805710123', address: '浙江省杭州市西湖区文三路 90 号' };
}

describe('开办企业一件事: one acceptance, every item and department with its own promised date', () => {
  const cl = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: false });
  const states = allReceived(cl);
  const accepted = makeAcceptance({ at: AT, by: 'C0107', caseNumber: CASE_NUMBER, checklist: cl, materialStates: states, applicantCheck: VALID_APPLICANT });

  it('one accept decision with a promised date per item', () => {
    expect(assessIntake(cl, states, VALID_APPLICANT).canAccept).toBe(true);
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.decision.promisedDates.map((p) => [p.itemName, 'days' in p.limit ? p.limit.days : '即办', p.date])).toEqual([
      ['有限责任公司设立登记', 1, '2026-12-01'],
      ['公章刻制备案', '即办', '2026-11-30'],
      ['新办纳税人涉税信息确认', '即办', '2026-11-30'],
      ['发票领用', '即办', '2026-11-30'],
      ['单位参加社会保险登记', '即办', '2026-11-30'],
      ['住房公积金单位缴存登记', '即办', '2026-11-30'],
    ]);
    expect(accepted.decision.promisedDates.find((p) => p.basicCode === INVOICE)?.handlingItemCodes).toEqual([`${INVOICE}-01`]);
  });

  it('the acceptance notice names every item with its department and co-handling departments', () => {
    if (!accepted.ok) throw new Error('accept');
    const draft = { ...createDraft({ id: '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', clerk: makeClerk(), catalogVersion: catalog.version, subject: bundle(), at: AT }), applicant: founder(), agent: null, answers: ANSWERS, materialStates: states };
    const c = recordDecision(draft, accepted.decision);
    const doc = acceptanceNoticeContent(c, catalog, accepted.decision);
    expect(doc.items.map((i) => [i.name, i.department.name, i.coHandlingDepartments.map((d) => d.name)])).toEqual([
      ['有限责任公司设立登记', '示例市市场监督管理局', ['示例市公安局', '国家税务总局示例市税务局']],
      ['公章刻制备案', '示例市公安局', []],
      ['新办纳税人涉税信息确认', '国家税务总局示例市税务局', []],
      ['发票领用', '国家税务总局示例市税务局', []],
      ['单位参加社会保险登记', '示例市人力资源和社会保障局', ['示例市医疗保障局', '国家税务总局示例市税务局']],
      ['住房公积金单位缴存登记', '示例市住房公积金管理中心', []],
    ]);
    expect(doc.acceptingDepartments.map((d) => d.code)).toEqual(['SCJGJ', 'GAJ', 'SWJ', 'RSJ', 'GJJZX']);
    expect(doc.promised.map((p) => p.limitText)).toEqual(['1个工作日', '即办', '即办', '即办', '即办', '即办']);
    // the licence this case issues is not among what was taken in, not even as fetched
    expect(doc.materialsReceived.find((m) => m.name === '营业执照')).toBeUndefined();
  });

  it('parallel dispatch: one dispatch per department, each listing its items and roles', () => {
    const r = resolveDepartments(catalog, bundle());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.targets.map((t) => [t.departmentCode, t.basicCodes, t.roles])).toEqual([
      ['SCJGJ', [SETUP], ['implementing']],
      ['GAJ', [SEAL, SETUP], ['implementing', 'coHandling']],
      ['SWJ', [TAX, INVOICE, SETUP, SOCIAL], ['implementing', 'implementing', 'coHandling', 'coHandling']],
      ['RSJ', [SOCIAL], ['implementing']],
      ['GJJZX', [FUND], ['implementing']],
      ['YBJ', [SOCIAL], ['coHandling']],
    ]);
    // the older src/core/bundle summary agrees on the departments and the shared materials
    const rb = resolveBundle(catalog, catalog.bundles.find((b) => b.id === 'start-business')!);
    expect(new Set(rb.departmentCodes)).toEqual(new Set(r.targets.map((t) => t.departmentCode)));
    expect(rb.sharedMaterials.map((s) => s.sharedMaterialId)).toEqual(expect.arrayContaining(['business-licence', 'legal-rep-id-card', 'company-bank-account', 'power-of-attorney', 'agent-id-card']));
  });
});

describe('开办企业一件事: current behaviour where "一次告知、一表申请、一套材料" falls short (reported gaps)', () => {
  it('gap — 一表申请: each item still has its own application form (6 forms, no merged bundle form)', () => {
    const cl = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: false });
    expect(cl.materials.filter((m) => /申请书|登记表|确认表|申请表|备案表/.test(m.name)).map((m) => m.key)).toEqual([
      `${SETUP}/application`,
      `${SEAL}/application`,
      `${TAX}/application`,
      `${INVOICE}/application`,
      `${SOCIAL}/application`,
      `${FUND}/application`,
    ]);
  });

  it('gap — the 营业执照 the later items need is the result of the first item, yet the 即办 items are promised for the day of acceptance, before the licence exists (1 working day)', () => {
    const cl = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: false });
    expect(cl.issuedInCase.map((m) => m.key)).toEqual(['shared/business-licence']);
    const r = makeAcceptance({ at: AT, by: 'C0107', caseNumber: CASE_NUMBER, checklist: cl, materialStates: allReceived(cl), applicantCheck: VALID_APPLICANT });
    if (!r.ok) throw new Error('accept');
    const setupDate = r.decision.promisedDates.find((p) => p.basicCode === SETUP)!.date;
    const sealDate = r.decision.promisedDates.find((p) => p.basicCode === SEAL)!.date;
    expect(sealDate < setupDate).toBe(true);
  });

  it('gap — the agent: the case’s agent record and the shared question "是否委托代理人" are not reconciled', () => {
    // agent recorded but the question answered "本人": the generic agent lines are added
    const generic = deriveChecklist(catalog, bundle(), ANSWERS, { hasAgent: true });
    expect(generic.materials.filter((m) => m.addedBecauseAgent).map((m) => m.name)).toEqual(['授权委托书', '代理人身份证件']);
    // answered "委托代理人": the merged line takes the first item's company-registration wording for all six items
    const catalogLines = deriveChecklist(catalog, bundle(), { ...ANSWERS, 'shared/applicant-is-agent': 'agent' }, { hasAgent: false });
    expect(catalogLines.materials.find((m) => m.key === 'shared/power-of-attorney')?.name).toBe('指定代表或者共同委托代理人授权委托书');
  });
});
