/**
 * Test fixtures for guided intake: a small, valid catalog (passes the schema and every
 * quality rule) with realistic data for 杭州市西湖区, clerks, applicants and a case
 * builder. Each call returns fresh objects. Also `makeBenchCatalog` for speed tests.
 *
 * Layout
 *   FOOD    000117003000 食品经营许可 (SCJG)
 *     handling items: -01 新办, -02 变更, -03 延续 (3 working days; item: 5)
 *     questions: premises (shared 'premises-ownership': owned/leased),
 *                lessor (person/company, asked when premises = leased)
 *     materials: application (shared 'application-form'), licence (shared 'business-licence',
 *                fetchable), rep-id (shared 'legal-rep-id', fetchable), property-cert (owned),
 *                lease (shared 'lease-contract', leased), lessor-id (lessor = person),
 *                lessor-licence (lessor = company), layout, safety-rules (deferrable),
 *                change-statement (handling item -02 only), training-cert (optional)
 *     fields: businessArea (number ≥ 1), businessForm (select), postcode (pattern), openingDate (date)
 *   HYGIENE 000117015000 公共场所卫生许可 (WJJ, co-handled by SCJG)
 *     handling items: -01 新办 (7 working days), -02 延续
 *     questions: premises (shared 'premises-ownership'), central-ac (yes/no)
 *     materials: application (shared, 2 copies), licence (shared, type copy, fetchable),
 *                rep-id (shared), lease (shared 'lease-contract', 2 copies, another standard),
 *                health-cert (deferrable), ac-report (central-ac = yes), layout (A3), rules
 *   INSURANCE 000119001000 城乡居民基本医疗保险参保登记 (YBJ, 即办)
 *     questions: by-agent (self/agent)
 *     materials: id-card (shared 'applicant-id', fetchable), form,
 *                power-of-attorney (shared 'power-of-attorney', by-agent = agent)
 *   bundle open-hotel 开办旅馆一件事: HYGIENE -01 (required) + FOOD -01 (optional)
 */
import type { z } from 'zod';
import { Catalog, type CatalogInput, type Material } from '../catalog/schema';
import type { Clerk, IntakeCase, Subject } from './case';
import { createDraft } from './case';

export const FOOD = '000117003000';
export const HYGIENE = '000117015000';
export const INSURANCE = '000119001000';
export const HOTEL_BUNDLE = 'open-hotel';

/** Valid resident IDs (GB 11643-1999 check characters computed). */
export const IDS = {
  zhangWei: '330106199003071236',
  wangFang: '330106198511200044',
  liQiang: '330102197806153513',
  leapDay: '33012719920229002X',
  standardExample: '11010519491231002X',
} as const;

/** Valid USCCs (GB 32100-2015), and one that fails its checksum. */
export const USCCS = {
  hotelCompany: '91330106MA2GL8W4PP',
  individualBusiness: '92330106MA2J3K4L56',
  standardExample: '91350100M000100Y43',
  badChecksum: '91330106MA2GL8W4PQ',
} as const;

export const CASE_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const AT = '2026-11-30T09:15:00+08:00';

export function makeClerk(overrides: Partial<Clerk> = {}): Clerk {
  return {
    clerkId: 'C0107',
    name: '李娜',
    windowNo: '12',
    centreCode: '330106',
    centreName: '西湖区政务服务中心',
    workstationId: 'WS-330106-12',
    phone: '0571-87001234',
    ...overrides,
  };
}

type MaterialInput = z.input<typeof Material>;

const m = (o: Partial<MaterialInput> & Pick<MaterialInput, 'id' | 'name' | 'acceptanceStandard'>): MaterialInput => ({
  type: 'original',
  forms: ['paper'],
  copies: 1,
  necessity: 'required',
  source: 'applicant',
  ...o,
});

function foodItem(): CatalogInput['items'][number] {
  return {
    basicCode: FOOD,
    name: '食品经营许可',
    nameEn: 'Food business licence',
    aliases: ['食品许可证', '餐饮许可'],
    type: 'administrativeLicence',
    departmentCode: 'SCJG',
    themeIds: ['open-business'],
    handlingItems: [
      { code: `${FOOD}-01`, name: '新办' },
      { code: `${FOOD}-02`, name: '变更' },
      { code: `${FOOD}-03`, name: '延续', promisedLimit: { kind: 'workingDays', days: 3 } },
    ],
    acceptanceConditions: ['具有与经营的食品品种、数量相适应的经营场所', '有食品安全管理人员和保证食品安全的规章制度'],
    legalBasis: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》'],
    statutoryLimit: { kind: 'workingDays', days: 20 },
    promisedLimit: { kind: 'workingDays', days: 5 },
    caseType: 'promised',
    fee: { charged: false },
    onSiteVisits: { count: 0 },
    results: [{ name: '食品经营许可证', type: 'licence', sample: 'samples/food-licence.pdf', electronic: true }],
    online: true,
    consultPhone: '0571-87002345',
    situations: [
      {
        id: 'premises',
        sharedQuestionId: 'premises-ownership',
        text: '经营场所是自有还是租赁？',
        options: [
          { id: 'owned', label: '自有' },
          { id: 'leased', label: '租赁' },
        ],
      },
      {
        id: 'lessor',
        text: '出租方是个人还是单位？',
        options: [
          { id: 'person', label: '个人' },
          { id: 'company', label: '单位' },
        ],
        askWhen: [{ questionId: 'premises', optionIds: ['leased'] }],
      },
    ],
    materials: [
      m({
        id: 'application',
        sharedMaterialId: 'application-form',
        name: '食品经营许可申请书',
        forms: ['paper', 'electronic'],
        paperSize: 'A4',
        acceptanceStandard: '申请人签字或盖章，内容与营业执照一致',
        legalBasis: '《食品经营许可和备案管理办法》第十二条',
        blankForm: 'forms/food-application.docx',
        sample: 'samples/food-application.pdf',
      }),
      m({
        id: 'licence',
        sharedMaterialId: 'business-licence',
        name: '营业执照',
        type: 'originalOrCopy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        issuingDepartment: '市场监督管理局',
        acceptanceStandard: '在有效期内',
      }),
      m({
        id: 'rep-id',
        sharedMaterialId: 'legal-rep-id',
        name: '法定代表人身份证件',
        type: 'originalOrCopy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，与法定代表人一致',
      }),
      m({
        id: 'property-cert',
        name: '不动产权证书',
        type: 'copy',
        acceptanceStandard: '权利人与申请人一致，用途与经营相符',
        appliesWhen: [{ questionId: 'premises', optionIds: ['owned'] }],
      }),
      m({
        id: 'lease',
        sharedMaterialId: 'lease-contract',
        name: '房屋租赁合同',
        type: 'copy',
        acceptanceStandard: '在租赁期内，出租方签章',
        appliesWhen: [{ questionId: 'premises', optionIds: ['leased'] }],
      }),
      m({
        id: 'lessor-id',
        name: '出租方身份证件',
        type: 'copy',
        acceptanceStandard: '与租赁合同出租方一致',
        appliesWhen: [{ questionId: 'lessor', optionIds: ['person'] }],
      }),
      m({
        id: 'lessor-licence',
        name: '出租方营业执照',
        type: 'copy',
        acceptanceStandard: '与租赁合同出租方一致',
        appliesWhen: [{ questionId: 'lessor', optionIds: ['company'] }],
      }),
      m({
        id: 'layout',
        name: '经营场所和设备布局、操作流程示意图',
        paperSize: 'A3',
        acceptanceStandard: '标明功能区域、设备位置和操作流程',
      }),
      m({
        id: 'safety-rules',
        name: '食品安全规章制度',
        necessity: 'deferrable',
        acceptanceStandard: '包含从业人员健康管理、进货查验记录、食品安全自查等制度',
      }),
      m({
        id: 'change-statement',
        name: '变更事项说明',
        acceptanceStandard: '写明变更前后内容，申请人签字或盖章',
        handlingItems: [`${FOOD}-02`],
      }),
      m({
        id: 'training-cert',
        name: '食品安全管理人员培训合格证明',
        type: 'copy',
        necessity: 'optional',
        acceptanceStandard: '在有效期内',
      }),
    ],
    fields: [
      { id: 'businessArea', label: '经营面积（㎡）', kind: 'number', required: true, min: 1, max: 100000 },
      { id: 'businessForm', label: '经营业态', kind: 'select', required: true, options: ['食品销售经营者', '餐饮服务经营者', '单位食堂'] },
      { id: 'postcode', label: '邮政编码', kind: 'text', pattern: '\\d{6}', patternMessage: '邮政编码应为6位数字' },
      { id: 'openingDate', label: '预计开业日期', kind: 'date' },
    ],
  };
}

function hygieneItem(): CatalogInput['items'][number] {
  return {
    basicCode: HYGIENE,
    name: '公共场所卫生许可',
    aliases: ['卫生许可证'],
    type: 'administrativeLicence',
    departmentCode: 'WJJ',
    coHandlingDepartmentCodes: ['SCJG'],
    themeIds: ['open-business'],
    handlingItems: [
      { code: `${HYGIENE}-01`, name: '新办' },
      { code: `${HYGIENE}-02`, name: '延续' },
    ],
    acceptanceConditions: ['场所布局和卫生设施符合卫生标准和要求'],
    legalBasis: ['《公共场所卫生管理条例》第八条'],
    statutoryLimit: { kind: 'workingDays', days: 20 },
    promisedLimit: { kind: 'workingDays', days: 7 },
    caseType: 'promised',
    fee: { charged: false },
    onSiteVisits: { count: 0 },
    results: [{ name: '公共场所卫生许可证', type: 'licence', sample: 'samples/hygiene-licence.pdf' }],
    situations: [
      {
        id: 'premises',
        sharedQuestionId: 'premises-ownership',
        text: '经营场所是自有还是租赁？',
        options: [
          { id: 'owned', label: '自有' },
          { id: 'leased', label: '租赁' },
        ],
      },
      {
        id: 'central-ac',
        text: '场所是否使用集中空调通风系统？',
        options: [
          { id: 'yes', label: '是' },
          { id: 'no', label: '否' },
        ],
      },
    ],
    materials: [
      m({
        id: 'application',
        sharedMaterialId: 'application-form',
        name: '公共场所卫生许可申请表',
        copies: 2,
        paperSize: 'A4',
        acceptanceStandard: '申请人签字或盖章',
        legalBasis: '《公共场所卫生管理条例实施细则》第二十二条',
      }),
      m({
        id: 'licence',
        sharedMaterialId: 'business-licence',
        name: '营业执照',
        type: 'copy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        acceptanceStandard: '在有效期内',
      }),
      m({
        id: 'rep-id',
        sharedMaterialId: 'legal-rep-id',
        name: '法定代表人身份证件',
        type: 'originalOrCopy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        acceptanceStandard: '在有效期内，与法定代表人一致',
      }),
      m({
        id: 'lease',
        sharedMaterialId: 'lease-contract',
        name: '房屋租赁合同',
        type: 'copy',
        copies: 2,
        acceptanceStandard: '租赁期限不少于一年',
        appliesWhen: [{ questionId: 'premises', optionIds: ['leased'] }],
      }),
      m({
        id: 'health-cert',
        name: '从业人员健康合格证明',
        type: 'copy',
        necessity: 'deferrable',
        acceptanceStandard: '在有效期内，覆盖全部直接为顾客服务的从业人员',
      }),
      m({
        id: 'ac-report',
        name: '集中空调通风系统卫生检测报告',
        acceptanceStandard: '由有资质的检测机构出具，一年内有效',
        appliesWhen: [{ questionId: 'central-ac', optionIds: ['yes'] }],
      }),
      m({ id: 'layout', name: '场所平面布局图', paperSize: 'A3', acceptanceStandard: '标明卫生设施位置' }),
      m({ id: 'rules', name: '卫生管理制度', acceptanceStandard: '包含清洗消毒、设施维护等制度' }),
    ],
  };
}

function insuranceItem(): CatalogInput['items'][number] {
  return {
    basicCode: INSURANCE,
    name: '城乡居民基本医疗保险参保登记',
    type: 'publicService',
    departmentCode: 'YBJ',
    themeIds: [],
    handlingItems: [{ code: `${INSURANCE}-01`, name: '参保登记' }],
    acceptanceConditions: ['具有本区户籍或持有本区居住证，且未参加职工基本医疗保险'],
    legalBasis: ['《中华人民共和国社会保险法》第二十五条'],
    statutoryLimit: { kind: 'immediate' },
    promisedLimit: { kind: 'immediate' },
    caseType: 'immediate',
    fee: { charged: false },
    onSiteVisits: { count: 0 },
    situations: [
      {
        id: 'by-agent',
        text: '是否委托他人代办？',
        options: [
          { id: 'self', label: '本人办理' },
          { id: 'agent', label: '委托他人' },
        ],
      },
    ],
    materials: [
      m({
        id: 'id-card',
        sharedMaterialId: 'applicant-id',
        name: '居民身份证',
        type: 'originalOrCopy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        acceptanceStandard: '在有效期内',
      }),
      m({ id: 'form', name: '城乡居民基本医疗保险参保登记表', acceptanceStandard: '本人签字' }),
      m({
        id: 'power-of-attorney',
        sharedMaterialId: 'power-of-attorney',
        name: '代办委托书',
        acceptanceStandard: '委托人签字，写明代办事项',
        appliesWhen: [{ questionId: 'by-agent', optionIds: ['agent'] }],
      }),
    ],
  };
}

export function makeIntakeCatalogInput(): CatalogInput {
  return {
    schemaVersion: 1,
    version: '2026.11.1',
    effectiveDate: '2026-11-01',
    publisher: '西湖区政务服务管理办公室',
    sampleData: true,
    departments: [
      { code: 'SCJG', name: '西湖区市场监督管理局' },
      { code: 'WJJ', name: '西湖区卫生健康局' },
      { code: 'YBJ', name: '西湖区医疗保障局' },
    ],
    themes: [{ id: 'open-business', name: '开办企业', audience: 'business' }],
    items: [foodItem(), hygieneItem(), insuranceItem()],
    bundles: [
      {
        id: HOTEL_BUNDLE,
        name: '开办旅馆一件事',
        description: '旅馆开业所需的公共场所卫生许可与（提供餐饮时的）食品经营许可一次办理',
        themeIds: ['open-business'],
        items: [
          { basicCode: HYGIENE, handlingItemCode: `${HYGIENE}-01` },
          { basicCode: FOOD, handlingItemCode: `${FOOD}-01`, optional: true },
        ],
      },
    ],
  };
}

/** The fixture catalog, parsed (defaults filled). `edit` may change the input first. */
export function makeIntakeCatalog(edit?: (input: CatalogInput) => void): Catalog {
  const input = makeIntakeCatalogInput();
  edit?.(input);
  return Catalog.parse(input);
}

export const foodSubject = (handlingItemCodes: string[] = [`${FOOD}-01`]): Extract<Subject, { kind: 'item' }> => ({
  kind: 'item',
  basicCode: FOOD,
  handlingItemCodes,
});

export const hotelSubject = (basicCodes: string[] = [HYGIENE, FOOD]): Extract<Subject, { kind: 'bundle' }> => ({
  kind: 'bundle',
  bundleId: HOTEL_BUNDLE,
  basicCodes,
});

export function makeDraft(overrides: Partial<IntakeCase> = {}): IntakeCase {
  return {
    ...createDraft({ id: CASE_ID, clerk: makeClerk(), catalogVersion: '2026.11.1', subject: foodSubject(), at: AT }),
    ...overrides,
  };
}

export function personApplicant() {
  return {
    kind: 'person' as const,
    name: '张伟',
    idType: 'residentId' as const,
    idNumber: IDS.zhangWei,
    phone: '13805710123',
    address: '浙江省杭州市西湖区文三路 90 号',
  };
}

export function organisationApplicant() {
  return {
    kind: 'organisation' as const,
    name: '杭州西溪望湖酒店管理有限公司',
    uscc: USCCS.hotelCompany,
    legalRepresentative: '王芳',
    legalRepresentativeIdNumber: IDS.wangFang,
    phone: '0571-88231234',
    address: '浙江省杭州市西湖区天目山路 398 号',
  };
}

export function agentPerson() {
  return {
    name: '李强',
    idType: 'residentId' as const,
    idNumber: IDS.liQiang,
    phone: '13900571234',
    relation: '员工',
  };
}

/**
 * A synthetic catalog for speed: `itemCount` items of `materialsPerItem` materials each
 * (a third shared across items, some conditioned on 2 questions, one shared question),
 * and a bundle 'bench' of all items. `answersFor` answers every question.
 */
export function makeBenchCatalog(itemCount = 10, materialsPerItem = 8): Catalog {
  const pad = (n: number) => String(n).padStart(3, '0');
  const items: CatalogInput['items'] = [];
  for (let i = 0; i < itemCount; i += 1) {
    const code = `000199${pad(i)}000`;
    const materials = [];
    for (let j = 0; j < materialsPerItem; j += 1) {
      materials.push(
        m({
          id: `m${j}`,
          ...(j % 3 === 0 ? { sharedMaterialId: `shared-${j}` } : {}),
          name: `材料${i}-${j}`,
          acceptanceStandard: `受理标准${i}-${j}`,
          ...(j % 4 === 1 ? { appliesWhen: [{ questionId: 'scale', optionIds: ['large'] }] } : {}),
          ...(j % 4 === 2 ? { appliesWhen: [{ questionId: 'detail', optionIds: ['a'] }] } : {}),
        }),
      );
    }
    items.push({
      basicCode: code,
      name: `示例事项${i}`,
      type: 'administrativeLicence',
      departmentCode: 'D1',
      handlingItems: [{ code: `${code}-01`, name: '新办' }],
      acceptanceConditions: ['符合条件'],
      legalBasis: ['《示例条例》'],
      statutoryLimit: { kind: 'workingDays', days: 20 },
      promisedLimit: { kind: 'workingDays', days: 5 },
      caseType: 'promised',
      fee: { charged: false },
      onSiteVisits: { count: 0 },
      situations: [
        { id: 'scale', sharedQuestionId: 'scale', text: '经营规模？', options: [{ id: 'large', label: '大' }, { id: 'small', label: '小' }] },
        {
          id: 'detail',
          text: '细分情形？',
          options: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }],
          askWhen: [{ questionId: 'scale', optionIds: ['large'] }],
        },
      ],
      materials,
    });
  }
  return Catalog.parse({
    schemaVersion: 1,
    version: '2026.11.1',
    effectiveDate: '2026-11-01',
    publisher: '基准测试',
    departments: [{ code: 'D1', name: '示例局' }],
    items,
    bundles: [{ id: 'bench', name: '基准一件事', description: '基准测试', items: items.map((it) => ({ basicCode: it.basicCode })) }],
  });
}

/** Answers to every question of makeBenchCatalog (scale = large, detail = a). */
export function benchAnswers(catalog: Catalog): Record<string, string> {
  const answers: Record<string, string> = { 'shared/scale': 'large' };
  for (const it of catalog.items) answers[`${it.basicCode}/detail`] = 'a';
  return answers;
}
