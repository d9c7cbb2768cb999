/**
 * A small, valid catalog for tests: 2 departments, 2 themes, 2 items with situations and
 * materials, 1 bundle (开办旅馆一件事). It passes the schema and every quality rule with no
 * warning; tests break one thing at a time. Each call returns a fresh deep copy.
 *
 * Layout (indices are what tests refer to):
 *   departments[0] SCJG 市场监督管理局, departments[1] WJJ 卫生健康局
 *   items[0] 000117003000 食品经营许可 (SCJG)
 *     handlingItems: [0] …-01 新办, [1] …-02 变更, [2] …-03 延续
 *     situations: [0] agent (self/agent), [1] premises (owned/leased),
 *                 [2] lessor (person/company) asked when premises = leased
 *     materials: [0] application, [1] licence (data sharing), [2] id-card,
 *                [3] power-of-attorney (agent), [4] property-cert (owned),
 *                [5] lease (leased), [6] lessor-id (lessor = person),
 *                [7] lessor-licence (lessor = company), [8] safety-rules (deferrable),
 *                [9] change-statement (handling item …-02 only)
 *   items[1] 000117015000 公共场所卫生许可 (WJJ, co-handled by SCJG)
 *     situations: [0] central-ac (yes/no)
 *     materials: [0] application, [1] licence (data sharing), [2] health-cert (deferrable),
 *                [3] ac-report (central-ac = yes), [4] layout
 *   bundles[0] open-hotel 开办旅馆一件事: items[1] + items[0] (optional)
 */
import type { Catalog, Item, Material, SituationQuestion } from './schema';

export const FOOD_CODE = '000117003000';
export const HYGIENE_CODE = '000117015000';

export function makeMaterial(overrides: Partial<Material> = {}): Material {
  return {
    id: 'material',
    name: '材料',
    type: 'original',
    forms: ['paper'],
    copies: 1,
    necessity: 'required',
    source: 'applicant',
    acceptanceStandard: '内容完整、签字盖章齐全',
    appliesWhen: [],
    handlingItems: [],
    ...overrides,
  };
}

export function makeQuestion(overrides: Partial<SituationQuestion> = {}): SituationQuestion {
  return {
    id: 'q',
    text: '问题',
    options: [
      { id: 'yes', label: '是' },
      { id: 'no', label: '否' },
    ],
    askWhen: [],
    ...overrides,
  };
}

function foodItem(): Item {
  return {
    basicCode: FOOD_CODE,
    name: '食品经营许可',
    nameEn: 'Food business licence',
    aliases: ['食品许可证', '餐饮许可'],
    type: 'administrativeLicence',
    departmentCode: 'SCJG',
    coHandlingDepartmentCodes: [],
    themeIds: ['open-business'],
    handlingItems: [
      { code: `${FOOD_CODE}-01`, name: '新办' },
      { code: `${FOOD_CODE}-02`, name: '变更' },
      { code: `${FOOD_CODE}-03`, name: '延续', promisedLimit: { kind: 'workingDays', days: 3 } },
    ],
    acceptanceConditions: ['具有与经营的食品品种、数量相适应的经营场所', '有食品安全管理人员和管理制度'],
    legalBasis: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》'],
    statutoryLimit: { kind: 'workingDays', days: 20 },
    promisedLimit: { kind: 'workingDays', days: 5 },
    caseType: 'promised',
    fee: { charged: false },
    onSiteVisits: { count: 0 },
    results: [{ name: '食品经营许可证', type: 'licence', sample: 'samples/food-licence.pdf', electronic: true }],
    online: true,
    location: '市民中心一楼综合受理窗口',
    hours: '工作日 9:00-17:00',
    consultPhone: '0571-12345',
    situations: [
      makeQuestion({
        id: 'agent',
        text: '是否委托代理人办理？',
        options: [
          { id: 'self', label: '本人办理' },
          { id: 'agent', label: '委托代理人' },
        ],
      }),
      makeQuestion({
        id: 'premises',
        text: '经营场所是自有还是租赁？',
        options: [
          { id: 'owned', label: '自有' },
          { id: 'leased', label: '租赁' },
        ],
      }),
      makeQuestion({
        id: 'lessor',
        text: '出租方是个人还是单位？',
        options: [
          { id: 'person', label: '个人' },
          { id: 'company', label: '单位' },
        ],
        askWhen: [{ questionId: 'premises', optionIds: ['leased'] }],
      }),
    ],
    materials: [
      makeMaterial({
        id: 'application',
        sharedMaterialId: 'application-form',
        name: '食品经营许可申请书',
        paperSize: 'A4',
        blankForm: 'forms/food-application.docx',
        sample: 'samples/food-application.pdf',
        acceptanceStandard: '申请人签字或盖章，内容与营业执照一致',
      }),
      makeMaterial({
        id: 'licence',
        sharedMaterialId: 'business-licence',
        name: '营业执照',
        type: 'original',
        forms: ['dataSharing'],
        copies: 0,
        source: 'government',
        issuingDepartment: '市场监督管理局',
        acceptanceStandard: '在有效期内',
      }),
      makeMaterial({
        id: 'id-card',
        sharedMaterialId: 'legal-rep-id',
        name: '法定代表人身份证',
        type: 'originalOrCopy',
        forms: ['paper', 'dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内',
      }),
      makeMaterial({
        id: 'power-of-attorney',
        name: '授权委托书',
        acceptanceStandard: '委托人签字，写明委托事项和期限',
        appliesWhen: [{ questionId: 'agent', optionIds: ['agent'] }],
      }),
      makeMaterial({
        id: 'property-cert',
        name: '不动产权证书',
        type: 'copy',
        acceptanceStandard: '权利人与申请人一致',
        appliesWhen: [{ questionId: 'premises', optionIds: ['owned'] }],
      }),
      makeMaterial({
        id: 'lease',
        name: '租赁合同',
        type: 'copy',
        acceptanceStandard: '在租赁期内，出租方签章',
        appliesWhen: [{ questionId: 'premises', optionIds: ['leased'] }],
      }),
      makeMaterial({
        id: 'lessor-id',
        name: '出租方身份证明',
        type: 'copy',
        acceptanceStandard: '与租赁合同出租方一致',
        appliesWhen: [{ questionId: 'lessor', optionIds: ['person'] }],
      }),
      makeMaterial({
        id: 'lessor-licence',
        name: '出租方营业执照',
        type: 'copy',
        acceptanceStandard: '与租赁合同出租方一致',
        appliesWhen: [{ questionId: 'lessor', optionIds: ['company'] }],
      }),
      makeMaterial({
        id: 'safety-rules',
        name: '食品安全管理制度',
        necessity: 'deferrable',
        acceptanceStandard: '包含从业人员健康管理、进货查验等制度',
      }),
      makeMaterial({
        id: 'change-statement',
        name: '变更事项说明',
        acceptanceStandard: '写明变更前后内容',
        handlingItems: [`${FOOD_CODE}-02`],
      }),
    ],
    fields: [{ id: 'businessArea', label: '经营面积（㎡）', kind: 'number', required: true, min: 0 }],
  };
}

function hygieneItem(): Item {
  return {
    basicCode: HYGIENE_CODE,
    name: '公共场所卫生许可',
    aliases: ['卫生许可证'],
    type: 'administrativeLicence',
    departmentCode: 'WJJ',
    coHandlingDepartmentCodes: ['SCJG'],
    themeIds: ['open-business'],
    handlingItems: [
      { code: `${HYGIENE_CODE}-01`, name: '新办' },
      { code: `${HYGIENE_CODE}-02`, name: '延续' },
    ],
    acceptanceConditions: ['场所布局和卫生设施符合卫生标准'],
    legalBasis: ['《公共场所卫生管理条例》第八条'],
    statutoryLimit: { kind: 'workingDays', days: 20 },
    promisedLimit: { kind: 'workingDays', days: 7 },
    caseType: 'promised',
    fee: { charged: false },
    onSiteVisits: { count: 1, reason: '需到现场核验原件' },
    results: [{ name: '公共场所卫生许可证', type: 'licence', sample: 'samples/hygiene-licence.pdf', electronic: false }],
    online: false,
    situations: [
      makeQuestion({
        id: 'central-ac',
        text: '场所是否使用集中空调通风系统？',
      }),
    ],
    materials: [
      makeMaterial({
        id: 'application',
        sharedMaterialId: 'application-form',
        name: '公共场所卫生许可申请表',
        acceptanceStandard: '申请人签字或盖章',
      }),
      makeMaterial({
        id: 'licence',
        sharedMaterialId: 'business-licence',
        name: '营业执照',
        forms: ['dataSharing'],
        copies: 0,
        source: 'government',
        acceptanceStandard: '在有效期内',
      }),
      makeMaterial({
        id: 'health-cert',
        name: '从业人员健康合格证明',
        type: 'copy',
        necessity: 'deferrable',
        acceptanceStandard: '在有效期内',
      }),
      makeMaterial({
        id: 'ac-report',
        name: '集中空调通风系统卫生检测报告',
        acceptanceStandard: '由有资质的机构出具，一年内有效',
        appliesWhen: [{ questionId: 'central-ac', optionIds: ['yes'] }],
      }),
      makeMaterial({
        id: 'layout',
        name: '场所平面布局图',
        paperSize: 'A3',
        acceptanceStandard: '标明卫生设施位置',
      }),
    ],
    fields: [],
  };
}

/** A valid minimal catalog; `overrides` replace top-level fields (shallow). */
export function makeCatalog(overrides: Partial<Catalog> = {}): Catalog {
  const base: Catalog = {
    schemaVersion: 1,
    version: '2026.11.1',
    effectiveDate: '2026-11-01',
    publisher: '示例市政务服务管理办公室',
    sampleData: true,
    departments: [
      { code: 'SCJG', name: '市场监督管理局', nameEn: 'Market Regulation Bureau' },
      { code: 'WJJ', name: '卫生健康局', nameEn: 'Health Bureau' },
    ],
    themes: [
      { id: 'open-business', name: '开办企业', audience: 'business' },
      { id: 'newborn', name: '新生儿出生', audience: 'person' },
    ],
    items: [foodItem(), hygieneItem()],
    bundles: [
      {
        id: 'open-hotel',
        name: '开办旅馆一件事',
        aliases: [],
        description: '旅馆开业所需的卫生许可与（提供餐饮时的）食品经营许可一次办理',
        themeIds: ['open-business'],
        items: [
          { basicCode: HYGIENE_CODE, handlingItemCode: `${HYGIENE_CODE}-01`, optional: false },
          { basicCode: FOOD_CODE, handlingItemCode: `${FOOD_CODE}-01`, optional: true },
        ],
      },
    ],
  };
  return JSON.parse(JSON.stringify({ ...base, ...overrides })) as Catalog;
}

/** The catalog as the text of a file (for import tests). */
export function makeCatalogText(overrides: Partial<Catalog> = {}): string {
  return JSON.stringify(makeCatalog(overrides), null, 2);
}
