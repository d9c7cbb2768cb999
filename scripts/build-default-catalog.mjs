#!/usr/bin/env node
/**
 * Builds the shipped default item catalog: resources/catalog/default-catalog.json.
 *
 * SAMPLE DATA (sampleData: true). Items, materials and legal bases follow real
 * implementation lists (政务服务事项实施清单 / 办事指南) of Chinese service centres, but
 * the codes, phone numbers, addresses and the publisher are invented. A real
 * deployment replaces this file with the catalog published by its catalog office.
 *
 * Conventions kept by this script (they are what src/core/catalog/quality.ts checks):
 *  - basicCode = "3300" + 2-digit department number + 3-digit serial + "000" (12 digits);
 *    handling item code = basicCode + "-" + 2-digit serial.
 *  - caseType is derived from promisedLimit (即办 ⇔ 即办件).
 *  - the same document carries the same sharedMaterialId in every item (一套材料);
 *    the same question carries the same sharedQuestionId (asked once in a 一件事 bundle).
 *  - "dataSharing" (系统调取、免提交) only for documents issued by government.
 *  - fees: never "无" — free items are { charged: false } (shown as 不收费).
 *
 * Usage: node scripts/build-default-catalog.mjs   (writes the JSON, then self-checks)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(root, 'resources/catalog/default-catalog.json');

// ---------------------------------------------------------------------------
// Departments (实施主体) and themes
// ---------------------------------------------------------------------------

const departments = [
  { no: '01', code: 'SCJGJ', name: '示例市市场监督管理局', nameEn: 'Municipal Administration for Market Regulation', shortName: '市场监管局', phone: '0571-80000101', area: 'A区商事登记专区' },
  { no: '02', code: 'GAJ', name: '示例市公安局', nameEn: 'Municipal Public Security Bureau', shortName: '公安局', phone: '0571-80000102', area: 'D区公安综合窗口' },
  { no: '03', code: 'RSJ', name: '示例市人力资源和社会保障局', nameEn: 'Municipal Human Resources and Social Security Bureau', shortName: '人社局', phone: '0571-80000103', area: 'B区社保医保专区' },
  { no: '04', code: 'YBJ', name: '示例市医疗保障局', nameEn: 'Municipal Healthcare Security Administration', shortName: '医保局', phone: '0571-80000104', area: 'B区社保医保专区' },
  { no: '05', code: 'BDCDJZX', name: '示例市自然资源和规划局（不动产登记中心）', nameEn: 'Municipal Real Estate Registration Centre', shortName: '不动产登记中心', phone: '0571-80000105', area: 'C区不动产登记专区' },
  { no: '06', code: 'MZJ', name: '示例市民政局', nameEn: 'Municipal Civil Affairs Bureau', shortName: '民政局', phone: '0571-80000106', area: 'E区民生服务专区' },
  { no: '07', code: 'WJW', name: '示例市卫生健康委员会', nameEn: 'Municipal Health Commission', shortName: '卫健委', phone: '0571-80000107', area: 'E区民生服务专区' },
  { no: '08', code: 'SWJ', name: '国家税务总局示例市税务局', nameEn: 'Municipal Tax Service, State Taxation Administration', shortName: '税务局', phone: '0571-80000108', area: 'A区税务专区' },
  { no: '09', code: 'GJJZX', name: '示例市住房公积金管理中心', nameEn: 'Municipal Housing Provident Fund Management Centre', shortName: '公积金中心', phone: '0571-80000109', area: 'C区住房公积金专区' },
  { no: '10', code: 'JTYSJ', name: '示例市交通运输局', nameEn: 'Municipal Transport Bureau', shortName: '交通运输局', phone: '0571-80000110', area: 'A区交通运输窗口' },
  { no: '11', code: 'GSGS', name: '示例市自来水有限公司', nameEn: 'Municipal Water Supply Co., Ltd.', shortName: '供水公司', phone: '0571-80000111', area: 'C区水电气联办窗口' },
  { no: '12', code: 'GDGS', name: '示例市供电公司', nameEn: 'Municipal Power Supply Company', shortName: '供电公司', phone: '0571-80000112', area: 'C区水电气联办窗口' },
  { no: '13', code: 'RQGS', name: '示例市燃气有限公司', nameEn: 'Municipal Gas Co., Ltd.', shortName: '燃气公司', phone: '0571-80000113', area: 'C区水电气联办窗口' },
];
const deptByCode = Object.fromEntries(departments.map((d) => [d.code, d]));

const themes = [
  { id: 'birth', name: '生育收养', nameEn: 'Birth and adoption', audience: 'person' },
  { id: 'household', name: '户籍办理', nameEn: 'Household registration and ID', audience: 'person' },
  { id: 'social-security', name: '社会保障', nameEn: 'Social security', audience: 'person' },
  { id: 'medical-insurance', name: '医疗保障', nameEn: 'Medical insurance', audience: 'person' },
  { id: 'employment', name: '就业创业', nameEn: 'Employment', audience: 'person' },
  { id: 'marriage', name: '婚姻登记', nameEn: 'Marriage registration', audience: 'person' },
  { id: 'housing', name: '住房', nameEn: 'Housing and real estate', audience: 'person' },
  { id: 'retirement', name: '退休', nameEn: 'Retirement', audience: 'person' },
  { id: 'social-assistance', name: '社会救助', nameEn: 'Social assistance', audience: 'person' },
  { id: 'start-business', name: '开办企业', nameEn: 'Starting a business', audience: 'business' },
  { id: 'business-licensing', name: '经营许可', nameEn: 'Operating permits', audience: 'business' },
  { id: 'tax', name: '税务办理', nameEn: 'Taxation', audience: 'business' },
  { id: 'transport', name: '交通运输', nameEn: 'Transport', audience: 'business' },
  { id: 'business-closure', name: '企业注销', nameEn: 'Closing a business', audience: 'business' },
];

const HOURS = '工作日 上午9:00-12:00，下午13:30-17:00（法定节假日除外）';
const LOCATION_PREFIX = '示例市民中心（示例大道100号）二楼综合受理窗口';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const immediate = { kind: 'immediate' };
const wd = (days) => ({ kind: 'workingDays', days });
/** condition: answer to questionId is one of optionIds */
const when = (questionId, ...optionIds) => ({ questionId, optionIds });
const yesNo = [
  { id: 'yes', label: '是' },
  { id: 'no', label: '否' },
];

/** A material with the common defaults (原件、纸质、1份、A4、必要、申请人自备). */
function mat(o) {
  const m = {
    type: 'original',
    forms: ['paper'],
    copies: 1,
    necessity: 'required',
    source: 'applicant',
    ...o,
  };
  if (m.forms.length === 1 && m.forms[0] === 'dataSharing') {
    m.copies = 0;
    delete m.paperSize;
  } else if (m.forms.includes('paper') && !m.paperSize) {
    m.paperSize = 'A4';
  }
  if (!m.forms.includes('paper')) delete m.paperSize;
  // stable key order in the JSON
  const order = ['id', 'sharedMaterialId', 'name', 'type', 'forms', 'copies', 'paperSize', 'necessity', 'source', 'issuingDepartment', 'acceptanceStandard', 'legalBasis', 'blankForm', 'sample', 'fillingNotes', 'remarks', 'appliesWhen', 'handlingItems'];
  const out = {};
  for (const k of order) if (m[k] !== undefined) out[k] = m[k];
  for (const k of Object.keys(m)) if (!(k in out)) throw new Error(`unknown material key ${k} in ${m.id}`);
  return out;
}

/** An application form (申请表): the applicant fills and signs it; never deferrable. */
const form = (id, name, o = {}) =>
  mat({
    id,
    name,
    acceptanceStandard: '使用规定格式，填写完整、字迹清晰，无涂改，申请人签名（单位加盖公章）',
    blankForm: `${name}.docx`,
    sample: `${name}（示例）.pdf`,
    fillingNotes: '可在窗口由系统按受理信息自动生成后打印签字；手写请使用黑色签字笔',
    ...o,
  });

// --- documents shared across items (same sharedMaterialId = same document) ---
const M = {
  applicantId: (o = {}) =>
    mat({
      id: 'applicant-id-card',
      sharedMaterialId: 'applicant-id-card',
      name: '申请人居民身份证',
      forms: ['paper', 'electronic'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '在有效期内，信息清晰完整，与申请人一致；现场核验原件，可通过身份证阅读器读取或出示电子身份证',
      ...o,
    }),
  legalRepId: (o = {}) =>
    mat({
      id: 'legal-rep-id-card',
      sharedMaterialId: 'legal-rep-id-card',
      name: '法定代表人（负责人）居民身份证',
      type: 'originalOrCopy',
      forms: ['paper', 'electronic'],
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '在有效期内，信息清晰完整，与登记的法定代表人（负责人）一致；本人办理的核验原件，委托办理的提交复印件',
      ...o,
    }),
  agentId: (o = {}) =>
    mat({
      id: 'agent-id-card',
      sharedMaterialId: 'agent-id-card',
      name: '委托代理人（经办人）居民身份证',
      forms: ['paper', 'electronic'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '在有效期内，信息清晰完整，与授权委托书载明的代理人一致；现场核验原件',
      appliesWhen: [when('applicant-is-agent', 'agent')],
      ...o,
    }),
  poa: (o = {}) =>
    mat({
      id: 'power-of-attorney',
      sharedMaterialId: 'power-of-attorney',
      name: '授权委托书',
      acceptanceStandard: '载明委托人、代理人、委托事项、权限和期限，委托人签名（单位加盖公章），委托事项与本次申请一致',
      legalBasis: '《中华人民共和国民法典》第一百六十五条',
      blankForm: '授权委托书.docx',
      sample: '授权委托书（示例）.pdf',
      fillingNotes: '委托事项写明具体事项名称，不得仅写“办理相关手续”',
      appliesWhen: [when('applicant-is-agent', 'agent')],
      ...o,
    }),
  householdRegister: (o = {}) =>
    mat({
      id: 'household-register',
      sharedMaterialId: 'household-register',
      name: '居民户口簿',
      forms: ['dataSharing', 'paper'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '户主页及本人页信息清晰完整，与申请人一致；系统调取成功的免于提交',
      remarks: '优先通过数据共享调取户籍信息；调取失败时核验原件',
      ...o,
    }),
  businessLicence: (o = {}) =>
    mat({
      id: 'business-licence',
      sharedMaterialId: 'business-licence',
      name: '营业执照',
      forms: ['dataSharing'],
      source: 'government',
      issuingDepartment: '市场监督管理部门',
      acceptanceStandard: '在有效期内，登记状态为存续，名称和统一社会信用代码与申请单位一致',
      remarks: '通过电子营业执照或数据共享调取，免于提交纸质件',
      ...o,
    }),
  marriageCertificate: (o = {}) =>
    mat({
      id: 'marriage-certificate',
      sharedMaterialId: 'marriage-certificate',
      name: '结婚证',
      forms: ['dataSharing', 'paper'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '婚姻登记机关',
      acceptanceStandard: '持证人与申请人及其配偶一致，登记信息清晰，婚姻登记状态有效；系统调取成功的免于提交',
      ...o,
    }),
  propertyCertificate: (o = {}) =>
    mat({
      id: 'property-certificate',
      sharedMaterialId: 'property-certificate',
      name: '不动产权证书',
      forms: ['dataSharing', 'paper'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '不动产登记机构',
      acceptanceStandard: '权利人、坐落、不动产单元号与申请一致，无查封、异议登记等限制；系统调取成功的免于提交',
      remarks: '2015年以前核发的房屋所有权证、国有土地使用证同样有效',
      ...o,
    }),
  birthMedicalCertificate: (o = {}) =>
    mat({
      id: 'birth-medical-certificate',
      sharedMaterialId: 'birth-medical-certificate',
      name: '出生医学证明',
      forms: ['dataSharing', 'paper'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '助产机构（卫生健康部门统一制发）',
      acceptanceStandard: '新生儿姓名、性别、出生日期及父母信息清晰完整，与申请一致，无涂改；系统调取成功的免于提交',
      legalBasis: '《中华人民共和国母婴保健法》第二十三条',
      ...o,
    }),
  guardianId: (o = {}) =>
    mat({
      id: 'guardian-id-card',
      sharedMaterialId: 'guardian-id-card',
      name: '新生儿父母（监护人）居民身份证',
      forms: ['paper', 'electronic'],
      paperSize: 'other',
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '在有效期内，信息清晰完整，与出生医学证明记载的父母信息一致；现场核验原件',
      ...o,
    }),
  bankCard: (o = {}) =>
    mat({
      id: 'applicant-bank-card',
      sharedMaterialId: 'applicant-bank-card',
      name: '申请人本人银行结算账户（借记卡或社会保障卡金融账户）',
      type: 'originalOrCopy',
      forms: ['paper', 'electronic'],
      paperSize: 'other',
      acceptanceStandard: '为申请人本人名下正常状态的I类结算账户，户名、账号、开户行清晰',
      fillingNotes: '已激活社会保障卡金融功能的，可直接使用社会保障卡',
      ...o,
    }),
  idPhoto: (o = {}) =>
    mat({
      id: 'id-photo',
      sharedMaterialId: 'id-photo',
      name: '近期免冠彩色证件照片（或照片回执）',
      forms: ['paper', 'electronic'],
      paperSize: 'other',
      necessity: 'optional',
      acceptanceStandard: '近6个月内白色背景正面免冠彩色照片，不着制式服装，五官清晰，符合证件照规格',
      remarks: '未提供的可在窗口现场拍摄',
      ...o,
    }),
  companyBankAccount: (o = {}) =>
    mat({
      id: 'company-bank-account',
      sharedMaterialId: 'company-bank-account',
      name: '单位银行基本存款账户信息',
      type: 'originalOrCopy',
      forms: ['paper', 'electronic'],
      necessity: 'optional',
      acceptanceStandard: '账户名称与单位名称一致，账号、开户行清晰；可提供开户许可信息或银行出具的账户信息单',
      remarks: '开立账户后可在线补充，不影响本次受理',
      ...o,
    }),
  houseSaleContract: (o = {}) =>
    mat({
      id: 'house-sale-contract',
      sharedMaterialId: 'house-sale-contract',
      name: '房屋买卖合同（网签备案）',
      forms: ['paper', 'electronic'],
      acceptanceStandard: '经住建部门网签备案，买卖双方签章齐全，房屋坐落、面积、成交价格与申请一致',
      ...o,
    }),
  deedTaxReceipt: (o = {}) =>
    mat({
      id: 'deed-tax-receipt',
      sharedMaterialId: 'deed-tax-receipt',
      name: '契税完税证明（税收完税证明）',
      forms: ['dataSharing'],
      source: 'government',
      issuingDepartment: '税务部门',
      acceptanceStandard: '纳税人、房屋坐落与申请一致，税款已足额缴纳或已确认减免',
      remarks: '“税费、登记一窗办理”由系统从税务部门推送，免于提交',
      ...o,
    }),
  retirementApproval: (o = {}) =>
    mat({
      id: 'retirement-approval',
      sharedMaterialId: 'retirement-approval',
      name: '职工退休（基本养老保险待遇）核准信息',
      forms: ['dataSharing'],
      source: 'government',
      issuingDepartment: '人力资源和社会保障部门',
      acceptanceStandard: '退休核准状态为已核准，姓名、公民身份号码与申请人一致',
      ...o,
    }),
  terminationCertificate: (o = {}) =>
    mat({
      id: 'termination-certificate',
      sharedMaterialId: 'termination-certificate',
      name: '终止或解除劳动关系证明',
      type: 'originalOrCopy',
      acceptanceStandard: '由原用人单位出具并加盖公章，载明终止或解除劳动关系的时间和原因，姓名与申请人一致',
      legalBasis: '《中华人民共和国劳动合同法》第五十条',
      ...o,
    }),
  liquidationReport: (o = {}) =>
    mat({
      id: 'liquidation-report',
      sharedMaterialId: 'liquidation-report',
      name: '清算报告（经股东会确认）',
      acceptanceStandard: '载明清算组成员、债权债务清偿和剩余财产分配情况，经全体股东（股东会）确认签字或盖章',
      legalBasis: '《中华人民共和国公司法》第二百三十九条',
      ...o,
    }),
  spouseId: (o = {}) =>
    mat({
      id: 'spouse-id-card',
      sharedMaterialId: 'spouse-id-card',
      name: '配偶居民身份证',
      type: 'originalOrCopy',
      forms: ['paper', 'electronic'],
      source: 'government',
      issuingDepartment: '公安机关',
      acceptanceStandard: '在有效期内，信息清晰完整，与结婚证记载的配偶一致',
      ...o,
    }),
};

// --- shared questions (same sharedQuestionId = asked once in a bundle) ---
const Q = {
  agentPerson: () => ({
    id: 'applicant-is-agent',
    sharedQuestionId: 'applicant-is-agent',
    text: '是否委托他人代为办理',
    help: '委托他人办理的，需提交授权委托书和代理人身份证件',
    options: [
      { id: 'self', label: '本人办理' },
      { id: 'agent', label: '委托他人代办' },
    ],
  }),
  agentBusiness: () => ({
    id: 'applicant-is-agent',
    sharedQuestionId: 'applicant-is-agent',
    text: '是否委托代理人（经办人）办理',
    help: '法定代表人（负责人）本人到场的无需授权委托书',
    options: [
      { id: 'self', label: '法定代表人（负责人）本人办理' },
      { id: 'agent', label: '委托代理人（经办人）办理' },
    ],
  }),
  newOwnerHasCertificate: () => ({
    id: 'new-owner-has-certificate',
    sharedQuestionId: 'new-owner-has-certificate',
    text: '新产权人是否已取得不动产权证书',
    help: '与不动产转移登记同时办理的（一件事），选“否”，以买卖合同受理，登簿后自动关联',
    options: yesNo,
  }),
};

/** Common phone / place defaults from the department. */
function item(o) {
  const d = deptByCode[o.departmentCode];
  if (!d) throw new Error(`unknown department ${o.departmentCode}`);
  const basicCode = `3300${d.no}${o.serial}000`;
  const handlingItems = (o.handlingItems ?? [[`01`, o.name]]).map(([sfx, name, promisedLimit]) => ({
    code: `${basicCode}-${sfx}`,
    name,
    ...(promisedLimit ? { promisedLimit } : {}),
  }));
  const materials = o.materials.map((m) =>
    m.handlingItems ? { ...m, handlingItems: m.handlingItems.map((sfx) => `${basicCode}-${sfx}`) } : m,
  );
  const onSiteVisits = o.visits === undefined || o.visits === 0 ? { count: 0 } : { count: o.visits[0], reason: o.visits[1] };
  return {
    key: o.key,
    value: {
      basicCode,
      name: o.name,
      nameEn: o.nameEn,
      aliases: o.aliases,
      type: o.type,
      departmentCode: o.departmentCode,
      coHandlingDepartmentCodes: o.coHandling ?? [],
      themeIds: o.themes,
      handlingItems,
      acceptanceConditions: o.conditions,
      legalBasis: o.legalBasis,
      statutoryLimit: o.statutory,
      promisedLimit: o.promised,
      caseType: o.promised.kind === 'immediate' ? 'immediate' : 'promised',
      fee: o.fee ?? { charged: false },
      onSiteVisits,
      results: o.results,
      online: o.online ?? false,
      serviceScope: o.scope ?? '全市通办',
      location: o.location ?? `${LOCATION_PREFIX}（${d.area}）`,
      hours: o.hours ?? HOURS,
      consultPhone: d.phone,
      complaintPhone: '12345',
      situations: (o.situations ?? []).map((q) => ({ ...q, askWhen: q.askWhen ?? [] })),
      materials,
      fields: o.fields ?? [],
    },
  };
}

const VISIT_ID_CHECK = '需本人到场核验身份证件原件并签字确认';

// ---------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------

const items = [
  // ======================= 市场监督管理局 =======================
  item({
    key: 'indiv-business-reg',
    serial: '001',
    name: '个体工商户设立登记',
    nameEn: 'Registration of an individual business',
    aliases: ['个体户营业执照', '办个体营业执照', '个体执照', '开个体户', '开店办执照', '个体户注册'],
    type: 'administrativeLicence',
    departmentCode: 'SCJGJ',
    coHandling: ['SWJ'],
    themes: ['start-business'],
    conditions: [
      '申请人为有经营能力的自然人（家庭经营的，以主持经营者为经营者）',
      '有固定的经营场所，经营场所符合规划、安全等要求',
      '经营范围不属于法律、行政法规禁止的项目；涉及前置许可的，已取得许可文件',
      '使用名称的，名称符合《企业名称登记管理规定》',
    ],
    legalBasis: [
      '《中华人民共和国市场主体登记管理条例》第三条、第十六条、第十九条',
      '《中华人民共和国市场主体登记管理条例实施细则》',
      '《促进个体工商户发展条例》',
    ],
    statutory: wd(3),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '营业执照（个体工商户）', type: 'licence', sample: '营业执照（个体工商户）样本.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'composition', text: '组成形式', options: [{ id: 'personal', label: '个人经营' }, { id: 'family', label: '家庭经营' }] },
      { id: 'premises-type', text: '经营场所类型', options: [{ id: 'own', label: '自有房产' }, { id: 'lease', label: '租赁房屋' }, { id: 'free', label: '他人无偿提供' }] },
      { id: 'pre-approval', text: '经营项目是否涉及前置审批（许可）', help: '以《市场主体登记前置审批事项目录》为准', options: yesNo },
    ],
    materials: [
      form('application', '个体工商户登记（备案）申请书'),
      M.applicantId({ name: '经营者居民身份证' }),
      M.householdRegister({
        name: '家庭成员关系证明（居民户口簿）',
        appliesWhen: [when('composition', 'family')],
        acceptanceStandard: '能证明参加经营的家庭成员与经营者的亲属关系，信息与申请一致；系统调取成功的免于提交',
        fillingNotes: '不在同一户口簿的，可提交结婚证或其他亲属关系证明',
      }),
      M.propertyCertificate({ name: '经营场所产权证明（不动产权证书）', acceptanceStandard: '坐落与申报的经营场所一致，用途符合经营要求；系统调取成功的免于提交' }),
      mat({
        id: 'lease-contract',
        sharedMaterialId: 'premises-lease-contract',
        name: '经营场所租赁合同',
        type: 'originalOrCopy',
        acceptanceStandard: '在租赁期内，出租方与产权人一致（转租的附产权人同意转租证明），坐落与经营场所一致，双方签章齐全',
        appliesWhen: [when('premises-type', 'lease')],
      }),
      mat({
        id: 'free-use-proof',
        name: '经营场所无偿使用证明',
        acceptanceStandard: '由产权人签字（单位盖章），写明无偿提供的场所坐落和使用期限',
        appliesWhen: [when('premises-type', 'free')],
      }),
      mat({
        id: 'pre-approval-document',
        name: '前置审批许可文件或许可证件',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '相关审批部门',
        acceptanceStandard: '在有效期内，许可对象和许可项目与申请一致',
        appliesWhen: [when('pre-approval', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
    fields: [
      { id: 'tradeName', label: '个体工商户名称（字号）', kind: 'text', required: false, help: '个体工商户可以不使用名称' },
      { id: 'businessScope', label: '经营范围', kind: 'textarea', required: true, help: '按《经营范围规范表述目录》选择规范条目' },
      { id: 'premisesAddress', label: '经营场所', kind: 'text', required: true },
      { id: 'capital', label: '资金数额（万元）', kind: 'number', required: true, min: 0 },
      { id: 'employees', label: '从业人数', kind: 'number', required: false, min: 0 },
    ],
  }),
  item({
    key: 'llc-reg',
    serial: '002',
    name: '有限责任公司设立登记',
    nameEn: 'Incorporation of a limited liability company',
    aliases: ['营业执照', '开公司', '注册公司', '办营业执照', '成立公司', '新办企业', '公司注册'],
    type: 'administrativeLicence',
    departmentCode: 'SCJGJ',
    coHandling: ['GAJ', 'SWJ'],
    themes: ['start-business'],
    conditions: [
      '股东符合法定人数（一人以上五十人以下），有符合公司章程规定的全体股东认缴的出资额',
      '有公司名称，建立符合有限责任公司要求的组织机构，有公司住所',
      '股东共同制定公司章程，认缴出资自公司成立之日起五年内缴足',
      '经营范围涉及前置审批的，已取得许可文件',
    ],
    legalBasis: [
      '《中华人民共和国公司法》第二十九条、第三十条、第四十七条',
      '《中华人民共和国市场主体登记管理条例》第十六条、第十九条',
      '《中华人民共和国市场主体登记管理条例实施细则》',
    ],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '营业执照', type: 'licence', sample: '营业执照（有限责任公司）样本.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'premises-type', text: '住所类型', options: [{ id: 'own', label: '自有房产' }, { id: 'lease', label: '租赁房屋' }] },
      { id: 'premises-certified', text: '住所房屋是否已取得不动产权证书', options: yesNo },
      { id: 'pre-approval', text: '经营范围是否涉及前置审批（许可）', help: '以《市场主体登记前置审批事项目录》为准', options: yesNo },
    ],
    materials: [
      form('application', '公司登记（备案）申请书', { fillingNotes: '申请书含法定代表人、董事、监事、经理信息及任职签字页，由全体股东签署' }),
      mat({
        id: 'articles',
        name: '公司章程',
        acceptanceStandard: '载明《公司法》第四十六条规定的事项，全体股东签名（盖章），出资期限不超过五年',
        legalBasis: '《中华人民共和国公司法》第四十六条',
        blankForm: '有限责任公司章程（参考文本）.docx',
        sample: '有限责任公司章程（示例）.pdf',
      }),
      mat({
        id: 'shareholder-ids',
        name: '股东主体资格证明（自然人股东身份证件复印件）',
        type: 'copy',
        acceptanceStandard: '在有效期内，与申请书载明的股东一致；法人股东的营业执照由系统调取',
      }),
      M.propertyCertificate({ name: '住所产权证明（不动产权证书）', appliesWhen: [when('premises-certified', 'yes')] }),
      mat({
        id: 'lease-contract',
        sharedMaterialId: 'premises-lease-contract',
        name: '住所租赁合同',
        type: 'originalOrCopy',
        acceptanceStandard: '在租赁期内，出租方与产权人一致（转租的附产权人同意转租证明），坐落与住所一致，双方签章齐全',
        appliesWhen: [when('premises-type', 'lease')],
      }),
      mat({
        id: 'premises-proof',
        name: '住所使用证明（未办理不动产登记的房屋）',
        type: 'originalOrCopy',
        acceptanceStandard: '提交购房合同，或由所在村（居）委会、街道（乡镇）、园区管委会出具并盖章的房屋使用证明，坐落与住所一致',
        appliesWhen: [when('premises-certified', 'no')],
        remarks: '实行住所申报承诺制的地区，可以《住所（经营场所）申报承诺书》替代',
      }),
      mat({
        id: 'pre-approval-document',
        name: '前置审批许可文件或许可证件',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '相关审批部门',
        acceptanceStandard: '在有效期内，许可对象和许可项目与申请一致',
        appliesWhen: [when('pre-approval', 'yes')],
      }),
      M.poa({ name: '指定代表或者共同委托代理人授权委托书' }),
      M.agentId(),
    ],
    fields: [
      { id: 'companyName', label: '拟设立企业名称', kind: 'text', required: true, help: '经名称自主申报系统申报通过的名称' },
      { id: 'companyType', label: '公司类型', kind: 'select', required: true, options: ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '有限责任公司（非自然人投资或控股的法人独资）'] },
      { id: 'registeredCapital', label: '注册资本（万元）', kind: 'number', required: true, min: 0 },
      { id: 'capitalDeadline', label: '认缴出资期限', kind: 'date', required: true, help: '自公司成立之日起不超过五年（《公司法》第四十七条）' },
      { id: 'legalRepName', label: '法定代表人姓名', kind: 'text', required: true },
      { id: 'businessScope', label: '经营范围', kind: 'textarea', required: true, help: '按《经营范围规范表述目录》选择规范条目' },
      { id: 'domicile', label: '住所', kind: 'text', required: true },
    ],
  }),
  item({
    key: 'company-change',
    serial: '003',
    name: '公司变更登记',
    nameEn: 'Registration of changes to a company',
    aliases: ['营业执照变更', '换营业执照', '公司改名', '变更法人', '公司迁址', '增资', '减资'],
    type: 'administrativeLicence',
    departmentCode: 'SCJGJ',
    themes: ['start-business'],
    handlingItems: [
      ['01', '名称变更登记'],
      ['02', '住所变更登记'],
      ['03', '法定代表人变更登记'],
      ['04', '注册资本变更登记'],
    ],
    conditions: [
      '公司已依法设立且登记状态为存续',
      '自作出变更决议、决定或者法定变更事项发生之日起30日内申请',
      '减少注册资本的，已依法通知债权人并在国家企业信用信息公示系统公告满45日',
    ],
    legalBasis: [
      '《中华人民共和国市场主体登记管理条例》第二十四条',
      '《中华人民共和国公司法》第三十四条、第二百二十四条',
      '《中华人民共和国市场主体登记管理条例实施细则》',
    ],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '营业执照（换发）', type: 'licence', sample: '营业执照（有限责任公司）样本.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'capital-direction', text: '注册资本变更方向', help: '仅办理注册资本变更时回答', options: [{ id: 'increase', label: '增加注册资本' }, { id: 'decrease', label: '减少注册资本' }] },
    ],
    materials: [
      form('application', '公司登记（备案）申请书'),
      M.businessLicence({
        name: '营业执照正、副本',
        type: 'original',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        acceptanceStandard: '登记状态为存续，名称和统一社会信用代码与申请单位一致；换发新照时交回原纸质正、副本',
        remarks: '仅领取电子营业执照的，无需交回纸质执照',
      }),
      mat({
        id: 'resolution',
        name: '股东会决议或股东决定',
        acceptanceStandard: '载明变更事项，符合公司章程规定的表决程序，股东签名（法人股东盖章），决议日期在30日内',
      }),
      mat({
        id: 'articles-amendment',
        name: '公司章程修正案（或修改后的公司章程）',
        acceptanceStandard: '修改内容与变更事项一致，由法定代表人签署或全体股东签名（盖章）',
        handlingItems: ['01', '02', '04'],
      }),
      M.propertyCertificate({ name: '新住所产权证明（不动产权证书）', handlingItems: ['02'], remarks: '租赁房屋的另附租赁合同；未办理不动产登记的提交住所使用证明' }),
      mat({
        id: 'new-legal-rep-appointment',
        name: '新任法定代表人的任职文件及身份证件复印件',
        type: 'originalOrCopy',
        acceptanceStandard: '任免程序符合公司章程，新任法定代表人身份证件在有效期内',
        handlingItems: ['03'],
      }),
      mat({
        id: 'capital-reduction-notice',
        name: '减资公告及债务清偿或者债务担保情况的说明',
        acceptanceStandard: '已在国家企业信用信息公示系统公告满45日，说明由公司盖章',
        handlingItems: ['04'],
        appliesWhen: [when('capital-direction', 'decrease')],
      }),
      M.poa({ name: '指定代表或者共同委托代理人授权委托书' }),
      M.agentId(),
    ],
    fields: [
      { id: 'changeSummary', label: '变更事项（变更前 → 变更后）', kind: 'textarea', required: true },
      { id: 'resolutionDate', label: '变更决议（决定）日期', kind: 'date', required: true, help: '应自决议之日起30日内申请变更登记' },
    ],
  }),
  item({
    key: 'company-dereg',
    serial: '004',
    name: '公司注销登记',
    nameEn: 'Deregistration of a company',
    aliases: ['营业执照注销', '注销公司', '公司关门', '简易注销', '注销营业执照'],
    type: 'administrativeLicence',
    departmentCode: 'SCJGJ',
    coHandling: ['SWJ'],
    themes: ['business-closure'],
    handlingItems: [
      ['01', '一般注销登记'],
      ['02', '简易注销登记'],
    ],
    conditions: [
      '一般注销：已依法成立清算组完成清算，清算报告经股东会确认，已办结清税',
      '简易注销：未发生债权债务或者已将债权债务清偿完结，未发生或已结清清偿费用、职工工资、社会保险费用、法定补偿金、应缴纳税款（滞纳金、罚款），全体投资人书面承诺；公示期20日届满无异议',
      '存在被吊销营业执照、被列入严重违法失信名单等情形的，不适用简易注销',
    ],
    legalBasis: [
      '《中华人民共和国市场主体登记管理条例》第三十一条、第三十二条、第三十三条',
      '《中华人民共和国公司法》第二百三十九条、第二百四十条',
    ],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '准予注销登记通知书', type: 'approvalDocument', sample: '准予注销登记通知书（样本）.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'dissolution-reason', text: '解散原因', options: [{ id: 'resolution', label: '股东会决议解散或章程规定的解散事由出现' }, { id: 'court', label: '人民法院依法予以解散或宣告破产' }] },
    ],
    materials: [
      form('application', '注销登记申请书'),
      M.businessLicence({
        name: '营业执照正、副本',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        acceptanceStandard: '名称和统一社会信用代码与申请单位一致；注销时交回纸质正、副本',
        remarks: '纸质执照遗失的，在国家企业信用信息公示系统公告作废后办理',
      }),
      M.liquidationReport({ handlingItems: ['01'] }),
      mat({
        id: 'dissolution-resolution',
        name: '股东会解散决议',
        acceptanceStandard: '载明解散事由，符合公司章程规定的表决程序，股东签名（盖章）',
        handlingItems: ['01'],
        appliesWhen: [when('dissolution-reason', 'resolution')],
      }),
      mat({
        id: 'court-ruling',
        name: '人民法院解散公司判决或宣告破产、终结破产程序裁定书',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '人民法院',
        acceptanceStandard: '已发生法律效力，当事人名称与申请单位一致',
        appliesWhen: [when('dissolution-reason', 'court')],
      }),
      form('simple-dereg-pledge', '全体投资人承诺书', { handlingItems: ['02'], acceptanceStandard: '全体投资人签名（法人投资人盖章），承诺内容完整，公示期已届满无异议' }),
      mat({
        id: 'tax-clearance',
        sharedMaterialId: 'tax-clearance-certificate',
        name: '清税证明',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '税务部门',
        acceptanceStandard: '税务部门已出具清税信息，纳税人名称与申请单位一致',
        handlingItems: ['01'],
        remarks: '由税务部门通过数据共享推送，免于提交',
      }),
      M.poa({ name: '指定代表或者共同委托代理人授权委托书' }),
      M.agentId(),
    ],
  }),
  item({
    key: 'food-licence',
    serial: '005',
    name: '食品经营许可',
    nameEn: 'Food business licence',
    aliases: ['食品经营许可证', '办食品许可证', '开饭店许可证', '餐饮许可证', '食品证'],
    type: 'administrativeLicence',
    departmentCode: 'SCJGJ',
    themes: ['business-licensing'],
    handlingItems: [
      ['01', '食品经营许可（新办）'],
      ['02', '食品经营许可（延续）'],
      ['03', '食品经营许可（变更）'],
    ],
    conditions: [
      '已取得营业执照等合法主体资格',
      '具有与经营的食品品种、数量相适应的经营场所和设备设施，并与有毒、有害场所保持规定的距离',
      '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度',
      '仅销售预包装食品的，无需许可，请办理“仅销售预包装食品备案”',
    ],
    legalBasis: [
      '《中华人民共和国食品安全法》第三十三条、第三十五条',
      '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    ],
    statutory: wd(10),
    promised: wd(5),
    visits: 0,
    online: true,
    results: [{ name: '食品经营许可证', type: 'licence', sample: '食品经营许可证（样本）.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'onsite-prep', text: '是否从事热食类、冷食类、生食类食品或自制饮品等现场制售', options: yesNo },
    ],
    materials: [
      form('application', '食品经营许可申请书'),
      M.businessLicence(),
      M.legalRepId(),
      mat({
        id: 'layout',
        name: '主要设备设施布局、操作流程等文件',
        type: 'originalOrCopy',
        acceptanceStandard: '平面布局图标明各功能区、设备位置及尺寸，操作流程与经营项目相符',
        handlingItems: ['01', '03'],
        appliesWhen: [when('onsite-prep', 'yes')],
      }),
      mat({
        id: 'safety-rules',
        name: '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录',
        necessity: 'deferrable',
        acceptanceStandard: '制度目录覆盖自查、健康管理、进货查验、事故处置等内容，加盖公章',
        handlingItems: ['01'],
        remarks: '可容缺受理，须在承诺期限内补交',
      }),
      mat({
        id: 'original-licence',
        name: '原食品经营许可证',
        source: 'government',
        issuingDepartment: '市场监督管理部门',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        acceptanceStandard: '在有效期内（延续的须在有效期届满前申请），许可证编号与申请一致',
        handlingItems: ['02', '03'],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'prepack-food-filing',
    serial: '006',
    name: '仅销售预包装食品备案',
    nameEn: 'Filing for sale of prepackaged food only',
    aliases: ['预包装食品备案', '小卖部备案', '便利店食品备案', '卖包装食品'],
    type: 'administrativeFiling',
    departmentCode: 'SCJGJ',
    themes: ['business-licensing'],
    conditions: ['已取得营业执照等合法主体资格', '仅销售预包装食品（含冷藏冷冻）；涉及现场制售的，请办理“食品经营许可”'],
    legalBasis: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    results: [{ name: '仅销售预包装食品备案信息采集表（回执）', type: 'filingReceipt', sample: '仅销售预包装食品备案回执（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness()],
    materials: [form('application', '仅销售预包装食品备案信息采集表'), M.businessLicence(), M.legalRepId(), M.poa(), M.agentId()],
  }),

  // ======================= 公安局 =======================
  item({
    key: 'id-card-renew',
    serial: '001',
    name: '居民身份证换领',
    nameEn: 'Renewal of the resident identity card',
    aliases: ['换身份证', '身份证到期', '身份证过期', '身份证坏了', '身份证换证', '改名换证'],
    type: 'administrativeConfirmation',
    departmentCode: 'GAJ',
    themes: ['household'],
    handlingItems: [
      ['01', '有效期满换领'],
      ['02', '证件损坏换领'],
      ['03', '登记项目变更换领'],
    ],
    conditions: [
      '居民身份证有效期满（可提前3个月申请）、严重损坏不能辨认，或姓名等登记项目变更',
      '领取新证时交回原证',
      '证件丢失、被盗的，请办理“居民身份证补领”',
    ],
    legalBasis: ['《中华人民共和国居民身份证法》第十条、第十一条', '《居民身份证异地受理挂失申报和丢失招领工作规范》'],
    statutory: wd(40),
    promised: wd(10),
    fee: {
      charged: true,
      basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
      items: [{ name: '居民身份证工本费', amount: '20元/证' }],
    },
    visits: [1, '需本人到场采集人像和指纹信息'],
    scope: '跨省通办',
    results: [{ name: '中华人民共和国居民身份证', type: 'certificate', sample: '居民身份证（样本）.pdf' }],
    situations: [{ id: 'under-16', text: '申请人是否未满十六周岁', options: yesNo }],
    materials: [
      form('application', '居民身份证申领登记表', { fillingNotes: '由窗口系统生成，申请人核对信息后签名' }),
      M.householdRegister(),
      M.applicantId({ name: '原居民身份证', acceptanceStandard: '为申请人本人的原证，领取新证时交回；损坏换领的须能识别证件号码' }),
      M.idPhoto({ handlingItems: ['01', '02', '03'] }),
      mat({
        id: 'name-change-proof',
        name: '户口登记项目变更证明',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关（户籍部门）',
        acceptanceStandard: '户籍系统已完成姓名、出生日期等项目变更，变更后信息与申请一致',
        handlingItems: ['03'],
      }),
      mat({
        id: 'guardian-id',
        name: '监护人居民身份证',
        forms: ['paper', 'electronic'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，监护人与户口簿记载的关系一致，监护人陪同到场',
        appliesWhen: [when('under-16', 'yes')],
      }),
    ],
  }),
  item({
    key: 'id-card-reissue',
    serial: '002',
    name: '居民身份证补领',
    nameEn: 'Replacement of a lost resident identity card',
    aliases: ['补身份证', '身份证丢了', '身份证遗失', '身份证被偷', '身份证掉了', '临时身份证'],
    type: 'administrativeConfirmation',
    departmentCode: 'GAJ',
    themes: ['household'],
    conditions: [
      '居民身份证丢失或被盗（已挂失或在受理时同步挂失）',
      '证件有效期满或损坏的，请办理“居民身份证换领”',
    ],
    legalBasis: ['《中华人民共和国居民身份证法》第十条、第十一条', '《中华人民共和国临时居民身份证管理办法》'],
    statutory: wd(40),
    promised: wd(10),
    fee: {
      charged: true,
      basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
      items: [
        { name: '居民身份证工本费', amount: '20元/证' },
        { name: '临时居民身份证工本费（同时申领的）', amount: '10元/证' },
      ],
    },
    visits: [1, '需本人到场采集人像和指纹信息'],
    scope: '跨省通办',
    results: [
      { name: '中华人民共和国居民身份证', type: 'certificate', sample: '居民身份证（样本）.pdf' },
      { name: '中华人民共和国临时居民身份证', type: 'certificate', sample: '临时居民身份证（样本）.pdf' },
    ],
    situations: [
      { id: 'under-16', text: '申请人是否未满十六周岁', options: yesNo },
      { id: 'temp-card', text: '是否同时申领临时居民身份证', help: '补领期间急需使用身份证件的，可当场申领临时居民身份证', options: yesNo },
    ],
    materials: [
      form('application', '居民身份证申领登记表', { fillingNotes: '由窗口系统生成，申请人核对信息后签名' }),
      M.householdRegister(),
      M.idPhoto(),
      form('temp-card-form', '临时居民身份证申领登记表', { appliesWhen: [when('temp-card', 'yes')] }),
      mat({
        id: 'guardian-id',
        name: '监护人居民身份证',
        forms: ['paper', 'electronic'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，监护人与户口簿记载的关系一致，监护人陪同到场',
        appliesWhen: [when('under-16', 'yes')],
      }),
    ],
  }),
  item({
    key: 'hukou-move-in',
    serial: '003',
    name: '户口迁入登记',
    nameEn: 'Household registration transfer (moving in)',
    aliases: ['户口迁移', '迁户口', '落户', '户口迁入', '投靠落户', '买房落户', '人才落户'],
    type: 'administrativeConfirmation',
    departmentCode: 'GAJ',
    themes: ['household'],
    conditions: [
      '符合本市户口迁入政策（夫妻投靠、父母子女投靠、合法稳定住所落户、人才引进等）',
      '迁出地户籍信息真实有效；跨省迁移实行“一站式”办理，无需回迁出地开具准迁证',
    ],
    legalBasis: [
      '《中华人民共和国户口登记条例》第十三条',
      '《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）',
    ],
    statutory: wd(20),
    promised: wd(5),
    visits: [1, VISIT_ID_CHECK],
    scope: '跨省通办',
    results: [{ name: '居民户口簿（迁入后户口页）', type: 'certificate', sample: '居民户口簿（样本）.pdf' }],
    situations: [
      {
        id: 'move-reason',
        text: '迁入原因',
        options: [
          { id: 'spouse', label: '夫妻投靠' },
          { id: 'kin', label: '父母子女投靠' },
          { id: 'house', label: '合法稳定住所落户（购房）' },
          { id: 'talent', label: '人才引进' },
        ],
      },
      {
        id: 'house-owner-relation',
        text: '申请人与住所产权人的关系',
        askWhen: [when('move-reason', 'house')],
        options: [
          { id: 'owner', label: '本人为产权人' },
          { id: 'family', label: '产权人的配偶、子女或父母' },
        ],
      },
    ],
    materials: [
      form('application', '户口迁移申请表'),
      M.applicantId(),
      M.householdRegister({ name: '申请人（迁出地）居民户口簿' }),
      mat({
        id: 'host-household-register',
        name: '迁入地户主居民户口簿',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '户主同意接收迁入并签字，户主页信息清晰；系统调取成功的免于提交',
        appliesWhen: [when('move-reason', 'spouse', 'kin')],
      }),
      M.marriageCertificate({ appliesWhen: [when('move-reason', 'spouse')] }),
      mat({
        id: 'kinship-proof',
        name: '父母子女关系证明（出生医学证明、户籍档案或公证书）',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '卫生健康部门、公安机关或公证机构',
        acceptanceStandard: '能直接证明申请人与投靠人的父母子女关系，姓名与身份证件一致',
        appliesWhen: [when('move-reason', 'kin')],
      }),
      M.propertyCertificate({ name: '迁入地住所不动产权证书', appliesWhen: [when('move-reason', 'house')] }),
      mat({
        id: 'owner-relation-proof',
        name: '与产权人的亲属关系证明',
        type: 'originalOrCopy',
        acceptanceStandard: '结婚证、出生医学证明或户籍证明等，能证明与产权人的配偶、父母子女关系',
        appliesWhen: [when('house-owner-relation', 'family')],
      }),
      mat({
        id: 'talent-proof',
        name: '人才引进认定材料（学历学位证书或职业资格证书、劳动合同）',
        type: 'originalOrCopy',
        acceptanceStandard: '学历学位可经学信网在线核验，劳动合同在有效期内且用人单位在本市注册',
        appliesWhen: [when('move-reason', 'talent')],
      }),
    ],
    fields: [
      { id: 'moveInAddress', label: '迁入地址', kind: 'text', required: true },
      { id: 'moveOutAddress', label: '迁出地户籍地址', kind: 'text', required: true },
      { id: 'accompanying', label: '随迁人员（姓名、与申请人关系）', kind: 'textarea', required: false },
    ],
  }),
  item({
    key: 'birth-registration',
    serial: '004',
    name: '出生登记',
    nameEn: 'Birth registration (household registration of a newborn)',
    aliases: ['新生儿落户', '报户口', '上户口', '宝宝落户', '出生落户', '小孩上户口'],
    type: 'administrativeConfirmation',
    departmentCode: 'GAJ',
    coHandling: ['WJW'],
    themes: ['birth', 'household'],
    conditions: ['婴儿出生后一个月内申报（逾期的仍可申报，需说明情况）', '随父或随母在其常住户口所在地申报出生登记'],
    legalBasis: ['《中华人民共和国户口登记条例》第七条', '《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '居民户口簿（新生儿户口页）', type: 'certificate', sample: '居民户口簿（样本）.pdf' }],
    situations: [
      Q.agentPerson(),
      { id: 'born-abroad', text: '新生儿出生地', options: [{ id: 'domestic', label: '境内出生' }, { id: 'abroad', label: '境外出生' }] },
      { id: 'parents-married', text: '父母婚姻状况', options: [{ id: 'married', label: '已婚（婚内生育）' }, { id: 'unmarried', label: '未婚或非婚生育' }] },
    ],
    materials: [
      form('application', '出生登记申报表'),
      M.birthMedicalCertificate({ appliesWhen: [when('born-abroad', 'domestic')] }),
      mat({
        id: 'foreign-birth-proof',
        name: '境外出生证明（经公证认证）及中国护照或旅行证',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '出生地主管机关、我国驻外使领馆',
        acceptanceStandard: '出生证明经我国驻当地使领馆认证（或附海牙认证）并附中文译本；新生儿未取得外国国籍',
        appliesWhen: [when('born-abroad', 'abroad')],
      }),
      M.guardianId(),
      M.householdRegister({ name: '随迁父（母）居民户口簿' }),
      M.marriageCertificate({ name: '父母结婚证', appliesWhen: [when('parents-married', 'married')] }),
      mat({
        id: 'non-marital-statement',
        name: '非婚生育情况说明',
        acceptanceStandard: '由申报落户的父（母）签名，说明新生儿父母情况；随父落户的附亲子鉴定证明',
        blankForm: '非婚生育情况说明.docx',
        appliesWhen: [when('parents-married', 'unmarried')],
      }),
      M.poa(),
      M.agentId(),
    ],
    fields: [
      { id: 'babyName', label: '新生儿姓名', kind: 'text', required: true, pattern: '^[\\u4e00-\\u9fa5·]{1,20}$', patternMessage: '请输入中文姓名' },
      { id: 'birthDate', label: '出生日期', kind: 'date', required: true },
      { id: 'gender', label: '性别', kind: 'select', required: true, options: ['男', '女'] },
      { id: 'settleWith', label: '落户方式', kind: 'select', required: true, options: ['随父落户', '随母落户'] },
      { id: 'birthCertNo', label: '出生医学证明编号', kind: 'text', required: false, pattern: '^[A-Z][0-9]{9}$', patternMessage: '编号为1位大写字母加9位数字' },
    ],
  }),
  item({
    key: 'residence-permit',
    serial: '005',
    name: '居住证申领',
    nameEn: 'Application for a residence permit',
    aliases: ['办居住证', '暂住证', '居住证', '外地人办证'],
    type: 'administrativeConfirmation',
    departmentCode: 'GAJ',
    themes: ['household'],
    conditions: [
      '离开常住户口所在地，在本市居住半年以上（已办理居住登记满半年）',
      '在本市有合法稳定就业、合法稳定住所或连续就读之一',
    ],
    legalBasis: ['《居住证暂行条例》第二条、第九条、第十三条'],
    statutory: wd(10),
    promised: wd(7),
    visits: [1, '首次申领需本人到场采集人像'],
    scope: '全市通办',
    results: [{ name: '居住证', type: 'certificate', sample: '居住证（样本）.pdf', electronic: true }],
    situations: [
      {
        id: 'residence-basis',
        text: '申领依据',
        options: [
          { id: 'work', label: '合法稳定就业' },
          { id: 'housing', label: '合法稳定住所' },
          { id: 'study', label: '连续就读' },
        ],
      },
    ],
    materials: [
      form('application', '居住证申领登记表'),
      M.applicantId(),
      M.idPhoto(),
      mat({
        id: 'employment-proof',
        name: '就业证明（劳动合同或营业执照）',
        type: 'originalOrCopy',
        acceptanceStandard: '劳动合同在有效期内且用人单位在本市，或本人为营业执照登记的经营者',
        appliesWhen: [when('residence-basis', 'work')],
      }),
      mat({
        id: 'residence-proof',
        name: '住所证明（房屋租赁合同或不动产权证书）',
        type: 'originalOrCopy',
        acceptanceStandard: '房屋坐落在本市，租赁合同在有效期内，与居住登记地址一致',
        appliesWhen: [when('residence-basis', 'housing')],
      }),
      mat({
        id: 'study-proof',
        name: '在读证明（学籍证明）',
        source: 'government',
        issuingDepartment: '就读学校（教育部门学籍系统）',
        acceptanceStandard: '由本市学校出具并盖章，载明学籍状态为在读',
        appliesWhen: [when('residence-basis', 'study')],
      }),
    ],
  }),
  item({
    key: 'no-criminal-record',
    serial: '006',
    name: '无犯罪记录证明开具',
    nameEn: 'Certificate of no criminal record',
    aliases: ['无犯罪证明', '无犯罪记录', '良民证', '开无犯罪证明', '政审证明'],
    type: 'publicService',
    departmentCode: 'GAJ',
    themes: ['household', 'employment'],
    conditions: ['申请人为本市户籍人员，或在本市居住的非本市户籍人员', '用于就业、出国（境）、收养等法律法规规定需要的用途'],
    legalBasis: ['《公安机关办理无犯罪记录证明工作规定》（公通字〔2021〕19号）'],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    scope: '跨省通办',
    results: [{ name: '无犯罪记录证明', type: 'certificate', sample: '无犯罪记录证明（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson()],
    materials: [form('application', '无犯罪记录证明申请表'), M.applicantId(), M.poa(), M.agentId()],
    fields: [{ id: 'purpose', label: '证明用途', kind: 'select', required: true, options: ['就业', '出国（境）', '收养', '其他'] }],
  }),
  item({
    key: 'seal-filing',
    serial: '007',
    name: '公章刻制备案',
    nameEn: 'Filing of company seal engraving',
    aliases: ['刻章', '刻公章', '印章备案', '刻财务章', '刻发票章'],
    type: 'administrativeFiling',
    departmentCode: 'GAJ',
    themes: ['start-business'],
    conditions: ['单位已依法取得营业执照等主体资格', '在依法设立的印章刻制企业刻制公章、财务专用章、发票专用章等'],
    legalBasis: ['《国务院关于取消一批行政许可事项的决定》（国发〔2020〕13号）'],
    statutory: wd(1),
    promised: immediate,
    visits: 0,
    online: true,
    results: [{ name: '印章备案信息回执', type: 'filingReceipt', sample: '印章备案信息回执（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness()],
    materials: [
      form('application', '印章刻制备案表'),
      M.businessLicence(),
      M.legalRepId(),
      M.poa(),
      M.agentId(),
    ],
  }),

  // ======================= 人力资源和社会保障局 =======================
  item({
    key: 'ss-card',
    serial: '001',
    name: '社会保障卡申领',
    nameEn: 'Application for a social security card',
    aliases: ['办社保卡', '社保卡', '补社保卡', '社保卡丢了', '换社保卡', '新生儿社保卡'],
    type: 'publicService',
    departmentCode: 'RSJ',
    themes: ['social-security', 'birth'],
    handlingItems: [
      ['01', '首次申领'],
      ['02', '挂失补领'],
      ['03', '损坏换领'],
    ],
    conditions: ['在本市参加社会保险的人员，或本市户籍人员（含新生儿）', '补领的，原卡已挂失'],
    legalBasis: ['《中华人民共和国社会保险法》第五十八条'],
    statutory: wd(20),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '中华人民共和国社会保障卡', type: 'certificate', sample: '社会保障卡（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), { id: 'minor', text: '申领人是否未满十六周岁', help: '新生儿申领选“是”', options: yesNo }],
    materials: [
      M.applicantId({ name: '申领人居民身份证', appliesWhen: [when('minor', 'no')] }),
      M.householdRegister({ appliesWhen: [when('minor', 'yes')] }),
      M.guardianId({ name: '监护人居民身份证', appliesWhen: [when('minor', 'yes')], acceptanceStandard: '在有效期内，信息清晰完整，监护关系与户口簿或出生医学证明一致' }),
      M.idPhoto({ handlingItems: ['01', '03'], remarks: '可调取公安人像或现场拍摄' }),
      mat({
        id: 'old-card',
        name: '原社会保障卡',
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '人力资源和社会保障部门',
        acceptanceStandard: '为申领人本人的卡片，换领时交回',
        handlingItems: ['03'],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'unemployment-reg',
    serial: '002',
    name: '失业登记',
    nameEn: 'Unemployment registration',
    aliases: ['登记失业', '失业了', '办失业证', '就业创业证', '失业证'],
    type: 'publicService',
    departmentCode: 'RSJ',
    themes: ['employment'],
    conditions: ['法定劳动年龄内，有劳动能力和就业要求，处于无业状态', '在常住地（户籍地或居住地）办理'],
    legalBasis: ['《中华人民共和国就业促进法》第二十二条', '《就业服务与就业管理规定》（劳动和社会保障部令第28号）第六章'],
    statutory: immediate,
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '就业创业证（失业登记）', type: 'certificate', sample: '就业创业证（样本）.pdf', electronic: true }],
    situations: [{ id: 'previously-employed', text: '失业前是否在用人单位就业并参保', options: yesNo }],
    materials: [
      form('application', '失业登记表'),
      M.applicantId(),
      M.terminationCertificate({
        necessity: 'deferrable',
        appliesWhen: [when('previously-employed', 'yes')],
        remarks: '原单位已通过系统报送解除劳动关系信息的免于提交',
      }),
    ],
  }),
  item({
    key: 'unemployment-benefit',
    serial: '003',
    name: '失业保险金申领',
    nameEn: 'Claim for unemployment insurance benefit',
    aliases: ['领失业金', '失业金', '失业保险金', '失业补助'],
    type: 'administrativeBenefit',
    departmentCode: 'RSJ',
    themes: ['employment', 'social-security'],
    conditions: [
      '失业前用人单位和本人已缴纳失业保险费满一年',
      '非因本人意愿中断就业',
      '已进行失业登记，并有求职要求',
    ],
    legalBasis: ['《中华人民共和国社会保险法》第四十五条、第五十条', '《失业保险条例》第十四条、第十六条', '《失业保险金申领发放办法》'],
    statutory: wd(10),
    promised: wd(3),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '失业保险待遇核定通知书', type: 'approvalDocument', sample: '失业保险待遇核定通知书（样本）.pdf', electronic: true }],
    situations: [{ id: 'termination-on-file', text: '原用人单位是否已通过系统报送解除（终止）劳动关系信息', options: yesNo }],
    materials: [
      form('application', '失业保险金申领登记表'),
      M.applicantId(),
      M.terminationCertificate({ appliesWhen: [when('termination-on-file', 'no')] }),
      M.bankCard(),
    ],
  }),
  item({
    key: 'flex-insurance',
    serial: '004',
    name: '灵活就业人员参保登记',
    nameEn: 'Social insurance registration for flexibly employed persons',
    aliases: ['灵活就业参保', '个人交社保', '自由职业交社保', '个体户交社保', '自己交社保'],
    type: 'publicService',
    departmentCode: 'RSJ',
    coHandling: ['YBJ', 'SWJ'],
    themes: ['social-security', 'employment'],
    conditions: ['年满16周岁未达到法定退休年龄的无雇工个体工商户、非全日制从业人员及其他灵活就业人员', '未在用人单位参加职工基本养老保险'],
    legalBasis: ['《中华人民共和国社会保险法》第十条、第二十三条', '《人力资源社会保障部办公厅关于进一步放开灵活就业人员在就业地参加基本养老保险户籍限制的通知》'],
    statutory: immediate,
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '社会保险参保登记回执', type: 'filingReceipt', sample: '社会保险参保登记回执（样本）.pdf', electronic: true }],
    situations: [
      { id: 'insurance-types', text: '参保险种', options: [{ id: 'pension', label: '仅职工基本养老保险' }, { id: 'pension-medical', label: '职工基本养老保险和职工基本医疗保险' }] },
      { id: 'local-hukou', text: '是否本市户籍', options: yesNo },
    ],
    materials: [
      form('application', '灵活就业人员参保登记表'),
      M.applicantId(),
      form('medical-form', '灵活就业人员职工基本医疗保险参保申请表', { appliesWhen: [when('insurance-types', 'pension-medical')] }),
      mat({
        id: 'residence-permit',
        name: '居住证',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，居住地在本市',
        appliesWhen: [when('local-hukou', 'no')],
      }),
      mat({
        id: 'debit-agreement',
        name: '社会保险费银行代扣协议',
        necessity: 'optional',
        acceptanceStandard: '扣款账户为本人名下账户，申请人签名',
        remarks: '也可通过税务部门线上渠道自行缴费',
      }),
    ],
  }),
  item({
    key: 'retirement',
    serial: '005',
    name: '职工退休申请（基本养老保险待遇核定）',
    nameEn: 'Retirement application and pension entitlement assessment',
    aliases: ['办退休', '退休手续', '领养老金', '退休审批', '养老金申领', '退休'],
    type: 'administrativeConfirmation',
    departmentCode: 'RSJ',
    coHandling: ['YBJ'],
    themes: ['retirement', 'social-security'],
    handlingItems: [
      ['01', '达到法定退休年龄退休'],
      ['02', '弹性提前退休'],
    ],
    conditions: [
      '达到法定退休年龄（按《国务院关于渐进式延迟法定退休年龄的办法》确定）；弹性提前退休的，距法定退休年龄不超过三年',
      '累计缴纳基本养老保险费达到国家规定的最低缴费年限',
      '个人社会保险关系已转入或归集到本市',
    ],
    legalBasis: [
      '《中华人民共和国社会保险法》第十六条',
      '《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》',
      '《国务院关于渐进式延迟法定退休年龄的办法》',
    ],
    statutory: wd(20),
    promised: wd(10),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '职工退休（基本养老保险待遇）核准表', type: 'approvalDocument', sample: '职工退休核准表（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      { id: 'insured-as', text: '参保身份', options: [{ id: 'employee', label: '单位职工（由单位申报）' }, { id: 'flexible', label: '灵活就业人员（个人申报）' }] },
      { id: 'deemed-years', text: '是否有需要认定的视同缴费年限（实行个人缴费前的工龄、军龄）', options: yesNo },
    ],
    materials: [
      M.applicantId(),
      form('unit-declaration', '职工退休申报表', { appliesWhen: [when('insured-as', 'employee')], acceptanceStandard: '使用规定格式，由用人单位填写并加盖公章，退休时间与法定（弹性）退休年龄一致' }),
      form('personal-application', '灵活就业人员退休申请表', { appliesWhen: [when('insured-as', 'flexible')] }),
      form('flexible-retirement-request', '弹性提前退休书面申请', { handlingItems: ['02'], acceptanceStandard: '由本人签名，载明选择的退休时间，提前不超过三年；单位职工的附单位知悉意见' }),
      mat({
        id: 'personnel-file',
        name: '职工人事档案',
        acceptanceStandard: '档案完整，招工、转正、工资、军龄等视同缴费年限材料齐全，出生时间记载一致',
        appliesWhen: [when('deemed-years', 'yes')],
        remarks: '由档案保管单位转递或本人密封携带',
      }),
      M.bankCard({ name: '养老金发放银行账户（申请人本人借记卡或社会保障卡金融账户）' }),
      M.poa(),
      M.agentId(),
    ],
    fields: [{ id: 'retireDate', label: '申请退休时间', kind: 'date', required: true }],
  }),
  item({
    key: 'unit-ss-reg',
    serial: '006',
    name: '单位参加社会保险登记',
    nameEn: 'Social insurance registration of an employer',
    aliases: ['社保开户', '单位社保开户', '企业社保登记', '公司交社保'],
    type: 'publicService',
    departmentCode: 'RSJ',
    coHandling: ['YBJ', 'SWJ'],
    themes: ['start-business'],
    conditions: ['用人单位已依法取得营业执照或登记证书', '自成立之日起三十日内申请'],
    legalBasis: ['《中华人民共和国社会保险法》第五十七条'],
    statutory: wd(15),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '单位社会保险登记回执', type: 'filingReceipt', sample: '单位社会保险登记回执（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness()],
    materials: [form('application', '社会保险单位参保登记表'), M.businessLicence(), M.companyBankAccount(), M.poa(), M.agentId()],
  }),

  // ======================= 医疗保障局 =======================
  item({
    key: 'resident-medical-ins',
    serial: '001',
    name: '城乡居民基本医疗保险参保登记',
    nameEn: 'Enrolment in basic medical insurance for urban and rural residents',
    aliases: ['办医保', '居民医保', '新生儿医保', '少儿医保', '交医保', '参加医保'],
    type: 'publicService',
    departmentCode: 'YBJ',
    coHandling: ['SWJ'],
    themes: ['medical-insurance', 'birth'],
    conditions: ['未参加职工基本医疗保险的本市户籍居民、持本市居住证的非户籍居民及在校学生', '新生儿在出生后90日内参保缴费的，自出生之日起享受待遇'],
    legalBasis: ['《中华人民共和国社会保险法》第二十五条', '《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '城乡居民基本医疗保险参保登记回执', type: 'filingReceipt', sample: '医保参保登记回执（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      { id: 'newborn', text: '是否为新生儿参保', options: yesNo },
      { id: 'hukou-done', text: '新生儿是否已办理出生登记（落户）', help: '未落户的可凭出生医学证明先行参保', askWhen: [when('newborn', 'yes')], options: yesNo },
      { id: 'local-hukou', text: '参保人是否本市户籍', askWhen: [when('newborn', 'no')], options: yesNo },
    ],
    materials: [
      form('application', '城乡居民基本医疗保险参保登记表'),
      M.applicantId({ name: '参保人居民身份证', appliesWhen: [when('newborn', 'no')] }),
      M.guardianId({ name: '监护人居民身份证', appliesWhen: [when('newborn', 'yes')], acceptanceStandard: '在有效期内，信息清晰完整，监护关系与出生医学证明一致' }),
      M.householdRegister({ appliesWhen: [when('hukou-done', 'yes')] }),
      M.birthMedicalCertificate({ appliesWhen: [when('hukou-done', 'no')] }),
      mat({
        id: 'residence-permit',
        name: '居住证',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，居住地在本市',
        appliesWhen: [when('local-hukou', 'no')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'remote-medical-filing',
    serial: '002',
    name: '基本医疗保险参保人员异地就医备案',
    nameEn: 'Filing for medical treatment in another region',
    aliases: ['异地就医备案', '异地医保备案', '外地看病备案', '跨省就医', '转诊备案'],
    type: 'publicService',
    departmentCode: 'YBJ',
    themes: ['medical-insurance'],
    conditions: ['本市基本医疗保险参保人员，参保状态正常', '异地长期居住、常驻异地工作、异地转诊或临时外出就医'],
    legalBasis: ['《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）'],
    statutory: immediate,
    promised: immediate,
    visits: 0,
    online: true,
    scope: '跨省通办',
    results: [{ name: '异地就医备案凭证', type: 'filingReceipt', sample: '异地就医备案凭证（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      {
        id: 'filing-type',
        text: '备案类型',
        options: [
          { id: 'long-term', label: '异地长期居住（含异地安置退休）' },
          { id: 'work', label: '常驻异地工作' },
          { id: 'referral', label: '异地转诊' },
          { id: 'temporary', label: '临时外出就医' },
        ],
      },
    ],
    materials: [
      form('application', '基本医疗保险参保人员异地就医备案表'),
      M.applicantId(),
      form('pledge', '异地就医备案个人承诺书', { appliesWhen: [when('filing-type', 'long-term', 'work')], acceptanceStandard: '由参保人本人签名，承诺异地居住或工作情况真实' }),
      mat({
        id: 'referral-proof',
        name: '转诊转院证明',
        type: 'originalOrCopy',
        forms: ['paper', 'electronic'],
        acceptanceStandard: '由本市定点医疗机构出具，载明转诊原因和转往医院，加盖医院印章',
        appliesWhen: [when('filing-type', 'referral')],
      }),
      M.poa(),
      M.agentId(),
    ],
    fields: [
      { id: 'destination', label: '就医地（省、市）', kind: 'text', required: true },
      { id: 'filingStart', label: '备案开始日期', kind: 'date', required: true },
    ],
  }),
  item({
    key: 'maternity-allowance',
    serial: '003',
    name: '生育津贴申领',
    nameEn: 'Claim for maternity allowance',
    aliases: ['生育津贴', '产假工资', '领生育津贴', '生育保险报销', '生育金'],
    type: 'administrativeBenefit',
    departmentCode: 'YBJ',
    themes: ['birth', 'medical-insurance'],
    conditions: ['生育或流产时已参加职工基本医疗保险（生育保险）且按规定缴费', '在生育（流产）之日起一年内申领'],
    legalBasis: ['《中华人民共和国社会保险法》第五十四条、第五十六条', '《女职工劳动保护特别规定》第七条、第八条'],
    statutory: wd(20),
    promised: wd(10),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '生育津贴核定结果通知', type: 'approvalDocument', sample: '生育津贴核定结果通知（样本）.pdf', electronic: true }],
    situations: [
      { id: 'claimant', text: '申领方式', options: [{ id: 'unit', label: '由用人单位申领' }, { id: 'personal', label: '个人申领（单位已注销或灵活就业）' }] },
      { id: 'birth-type', text: '申领情形', options: [{ id: 'birth', label: '生育' }, { id: 'miscarriage', label: '流产' }] },
    ],
    materials: [
      form('application', '生育津贴申领表'),
      M.applicantId(),
      M.birthMedicalCertificate({ appliesWhen: [when('birth-type', 'birth')] }),
      mat({
        id: 'diagnosis',
        name: '医疗机构出具的流产诊断证明',
        type: 'originalOrCopy',
        acceptanceStandard: '载明流产日期和孕周，加盖医疗机构印章',
        appliesWhen: [when('birth-type', 'miscarriage')],
      }),
      M.bankCard({ appliesWhen: [when('claimant', 'personal')] }),
      M.companyBankAccount({
        name: '用人单位银行账户信息',
        necessity: 'required',
        acceptanceStandard: '账户名称与参保单位名称一致，账号、开户行清晰',
        remarks: '生育津贴拨付至单位账户后，由单位按规定支付给职工',
        appliesWhen: [when('claimant', 'unit')],
      }),
    ],
  }),
  item({
    key: 'retiree-medical',
    serial: '004',
    name: '职工基本医疗保险退休人员待遇确认',
    nameEn: 'Confirmation of medical insurance entitlement on retirement',
    aliases: ['退休医保', '医保退休待遇', '退休后医保', '医保视同缴费年限', '医保补缴'],
    type: 'administrativeConfirmation',
    departmentCode: 'YBJ',
    coHandling: ['RSJ'],
    themes: ['retirement', 'medical-insurance'],
    conditions: ['已办理职工退休手续', '职工医保累计缴费年限（含视同缴费年限）达到本市规定；不足的可一次性补缴'],
    legalBasis: ['《中华人民共和国社会保险法》第二十七条'],
    statutory: wd(20),
    promised: wd(5),
    visits: 0,
    online: true,
    results: [{ name: '职工医保退休人员待遇确认通知', type: 'approvalDocument', sample: '职工医保退休待遇确认通知（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      { id: 'years-sufficient', text: '职工医保累计缴费年限是否达到规定（示例：男30年、女25年，含视同缴费年限）', options: yesNo },
    ],
    materials: [
      M.applicantId(),
      M.retirementApproval(),
      form('top-up-application', '职工医保缴费年限一次性补缴申请表', { appliesWhen: [when('years-sufficient', 'no')] }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'medical-reimbursement',
    serial: '005',
    name: '医疗费用手工（零星）报销',
    nameEn: 'Manual reimbursement of medical expenses',
    aliases: ['医保报销', '医药费报销', '手工报销', '零星报销', '看病报销'],
    type: 'administrativeBenefit',
    departmentCode: 'YBJ',
    themes: ['medical-insurance', 'birth'],
    conditions: ['参保人员发生符合规定但未能直接结算的医疗费用（如异地就医未备案、新生儿参保前的医疗费用）', '在费用发生之日起一年内申请'],
    legalBasis: ['《中华人民共和国社会保险法》第二十九条', '《医疗保障基金使用监督管理条例》'],
    statutory: wd(30),
    promised: wd(20),
    visits: 0,
    online: true,
    results: [{ name: '医疗费用报销结算单', type: 'other', sample: '医疗费用报销结算单（样本）.pdf', electronic: true }],
    situations: [
      { id: 'treatment', text: '就医方式', options: [{ id: 'inpatient', label: '住院' }, { id: 'outpatient', label: '门诊' }] },
      { id: 'newborn-costs', text: '是否为新生儿参保前发生的医疗费用', options: yesNo },
    ],
    materials: [
      M.applicantId({ name: '参保人居民身份证' }),
      mat({
        id: 'invoices',
        name: '医疗收费票据',
        forms: ['paper', 'electronic'],
        acceptanceStandard: '为医疗机构开具的正式票据（含电子票据），患者姓名与参保人一致，未经其他渠道报销',
      }),
      mat({
        id: 'cost-list',
        name: '费用明细清单',
        type: 'originalOrCopy',
        acceptanceStandard: '与票据金额一致，加盖医疗机构印章',
      }),
      mat({
        id: 'discharge-summary',
        name: '出院记录（出院小结）',
        type: 'copy',
        acceptanceStandard: '载明入出院日期和诊断，加盖医疗机构印章',
        appliesWhen: [when('treatment', 'inpatient')],
      }),
      M.birthMedicalCertificate({ appliesWhen: [when('newborn-costs', 'yes')] }),
      M.bankCard(),
    ],
  }),

  // ======================= 不动产登记中心 =======================
  item({
    key: 'property-transfer',
    serial: '001',
    name: '不动产转移登记',
    nameEn: 'Real estate transfer registration',
    aliases: ['过户', '房产过户', '二手房过户', '房屋过户', '赠与过户', '继承过户', '办房产证'],
    type: 'administrativeConfirmation',
    departmentCode: 'BDCDJZX',
    coHandling: ['SWJ'],
    themes: ['housing'],
    handlingItems: [
      ['01', '买卖转移登记', wd(1)],
      ['02', '赠与、继承（受遗赠）转移登记'],
    ],
    conditions: [
      '不动产已办理首次登记，权属清晰，无查封、异议登记等限制',
      '买卖、赠与由双方共同申请；继承、受遗赠可单方申请',
      '已申报缴纳相关税费',
    ],
    legalBasis: [
      '《中华人民共和国民法典》第二百零九条',
      '《不动产登记暂行条例》第十四条、第二十条',
      '《不动产登记暂行条例实施细则》第三十八条',
    ],
    statutory: wd(30),
    promised: wd(5),
    fee: {
      charged: true,
      basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）；《财政部 国家发展改革委关于不动产登记收费有关政策问题的通知》（财税〔2016〕79号）',
      items: [
        { name: '住宅类不动产登记费', amount: '80元/件' },
        { name: '非住宅类不动产登记费', amount: '550元/件' },
        { name: '不动产权证书工本费（第一本免收）', amount: '每增加一本10元' },
      ],
    },
    visits: [1, '买卖、赠与须双方共同到场（或委托代理人）签署申请并核验身份（《不动产登记暂行条例》第十四条）'],
    scope: '全市通办',
    results: [{ name: '不动产权证书', type: 'certificate', sample: '不动产权证书（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), { id: 'transferor-married', text: '转让方是否已婚（房屋可能为夫妻共同财产）', options: yesNo }],
    materials: [
      form('application', '不动产登记申请书'),
      M.applicantId({ name: '转让方、受让方居民身份证', acceptanceStandard: '在有效期内，信息清晰完整，与申请书记载的权利人一致；现场核验原件' }),
      M.propertyCertificate({ name: '原不动产权证书' }),
      M.houseSaleContract({ handlingItems: ['01'] }),
      mat({
        id: 'gift-inheritance-proof',
        name: '赠与合同或继承权、受遗赠公证书等权属转移证明',
        acceptanceStandard: '赠与合同经双方签字；继承的提交公证书或全体继承人到场签署的继承材料，附被继承人死亡证明',
        handlingItems: ['02'],
      }),
      M.deedTaxReceipt(),
      mat({
        id: 'transferor-marriage-proof',
        name: '转让方结婚证及配偶同意出售（赠与）的书面意见',
        type: 'original',
        acceptanceStandard: '结婚证与转让方一致；配偶为共有人的须共同申请或出具经签字的同意意见',
        appliesWhen: [when('transferor-married', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
    fields: [
      { id: 'propertyAddress', label: '不动产坐落', kind: 'text', required: true },
      { id: 'unitNo', label: '不动产单元号', kind: 'text', required: false, pattern: '^[0-9A-Z]{28}$', patternMessage: '不动产单元号为28位数字或大写字母' },
      { id: 'price', label: '成交价格（万元）', kind: 'number', required: false, min: 0 },
    ],
  }),
  item({
    key: 'property-mortgage',
    serial: '002',
    name: '不动产抵押登记',
    nameEn: 'Real estate mortgage registration',
    aliases: ['抵押登记', '房产抵押', '房贷抵押', '解押', '抵押注销', '银行抵押'],
    type: 'administrativeConfirmation',
    departmentCode: 'BDCDJZX',
    themes: ['housing'],
    handlingItems: [
      ['01', '抵押权首次登记', wd(3)],
      ['02', '抵押权注销登记', wd(1)],
    ],
    conditions: ['抵押财产权属清晰，无查封等限制', '抵押人与抵押权人共同申请；注销登记可由抵押权人单方申请或双方共同申请'],
    legalBasis: ['《中华人民共和国民法典》第四百零二条', '《不动产登记暂行条例》第十四条、第二十条', '《不动产登记暂行条例实施细则》第六十五条至第七十一条'],
    statutory: wd(30),
    promised: wd(3),
    fee: {
      charged: true,
      basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
      items: [
        { name: '住宅类抵押权首次登记费', amount: '80元/件' },
        { name: '非住宅类抵押权首次登记费', amount: '550元/件' },
        { name: '抵押权注销登记', amount: '不收费' },
      ],
    },
    visits: 0,
    online: true,
    results: [{ name: '不动产登记证明（抵押权）', type: 'certificate', sample: '不动产登记证明（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), { id: 'mortgagee-type', text: '抵押权人类型', options: [{ id: 'bank', label: '银行等金融机构' }, { id: 'other', label: '非金融机构或自然人' }] }],
    materials: [
      form('application', '不动产登记申请书'),
      M.applicantId({ name: '抵押人居民身份证' }),
      M.propertyCertificate({ handlingItems: ['01'] }),
      mat({
        id: 'loan-contract',
        name: '主债权合同及抵押合同',
        acceptanceStandard: '双方签章齐全，抵押财产、担保债权数额、债务履行期限与申请一致',
        handlingItems: ['01'],
      }),
      mat({
        id: 'mortgagee-licence',
        name: '抵押权人（金融机构）营业执照及金融许可证',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '市场监督管理部门、金融监管部门',
        acceptanceStandard: '在有效期内，机构名称与抵押合同一致',
        appliesWhen: [when('mortgagee-type', 'bank')],
      }),
      mat({
        id: 'mortgage-certificate',
        name: '不动产登记证明（抵押权）',
        forms: ['dataSharing', 'paper'],
        source: 'government',
        issuingDepartment: '不动产登记机构',
        acceptanceStandard: '证明号与登记簿一致；电子证明由系统调取',
        handlingItems: ['02'],
      }),
      mat({
        id: 'release-consent',
        name: '抵押权人同意注销的证明（债务已清偿证明）',
        acceptanceStandard: '由抵押权人出具并盖章（自然人签名），载明同意注销的抵押登记证明号',
        handlingItems: ['02'],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'property-records-query',
    serial: '003',
    name: '不动产登记资料查询',
    nameEn: 'Inquiry into real estate registration records',
    aliases: ['查房产', '房产查询', '查档', '无房证明', '不动产查询', '房产信息证明'],
    type: 'publicService',
    departmentCode: 'BDCDJZX',
    themes: ['housing'],
    conditions: ['权利人查询本人名下不动产；利害关系人查询不动产自然状况及是否有查封、抵押等；受委托律师凭委托查询'],
    legalBasis: ['《不动产登记暂行条例》第二十七条', '《不动产登记资料查询暂行办法》'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '不动产登记信息查询结果证明', type: 'other', sample: '不动产登记信息查询结果（样本）.pdf', electronic: true }],
    situations: [
      {
        id: 'requester',
        text: '查询人身份',
        options: [
          { id: 'owner', label: '权利人本人' },
          { id: 'interested', label: '利害关系人' },
          { id: 'lawyer', label: '受委托律师' },
        ],
      },
    ],
    materials: [
      form('application', '不动产登记资料查询申请书'),
      M.applicantId({ name: '查询人居民身份证' }),
      mat({
        id: 'interest-proof',
        name: '存在利害关系的证明材料（买卖意向书、诉讼材料等）',
        type: 'originalOrCopy',
        acceptanceStandard: '能证明查询人与所查不动产存在利害关系，载明不动产坐落',
        appliesWhen: [when('requester', 'interested')],
      }),
      mat({
        id: 'lawyer-proof',
        name: '律师执业证及律师事务所出具的证明、委托人授权委托书',
        acceptanceStandard: '律师执业证在有效期内，所函加盖律师事务所印章，委托书载明查询事项',
        appliesWhen: [when('requester', 'lawyer')],
      }),
    ],
  }),

  // ======================= 民政局 =======================
  item({
    key: 'marriage-reg',
    serial: '001',
    name: '内地居民结婚登记',
    nameEn: 'Marriage registration (mainland residents)',
    aliases: ['领证', '领结婚证', '结婚', '登记结婚', '扯证', '结婚登记'],
    type: 'administrativeConfirmation',
    departmentCode: 'MZJ',
    themes: ['marriage'],
    conditions: [
      '男方年满二十二周岁，女方年满二十周岁',
      '双方完全自愿，均无配偶，且不属于直系血亲或者三代以内旁系血亲',
      '双方亲自到婚姻登记机关申请，不得委托他人代办',
    ],
    legalBasis: ['《中华人民共和国民法典》第一千零四十六条、第一千零四十七条、第一千零四十九条', '《婚姻登记条例》'],
    statutory: immediate,
    promised: immediate,
    visits: [1, '《民法典》第一千零四十九条规定双方须亲自到婚姻登记机关申请结婚登记'],
    scope: '全国通办',
    location: '示例市婚姻登记中心（示例路8号）',
    hours: '工作日 上午9:00-11:30，下午13:30-16:30；5月20日、七夕等特殊日期按公告调整',
    results: [{ name: '结婚证', type: 'certificate', sample: '结婚证（样本）.pdf', electronic: true }],
    situations: [{ id: 'remarriage', text: '双方是否有离婚或丧偶后再婚的情形', options: yesNo }],
    materials: [
      M.applicantId({ name: '男女双方居民身份证', acceptanceStandard: '在有效期内，信息清晰完整，与申请人一致；双方现场核验原件' }),
      form('declaration', '申请结婚登记声明书', { acceptanceStandard: '双方当场在婚姻登记员面前签名，声明无配偶且无禁止结婚的亲属关系', fillingNotes: '须当场签署，不得提前或代签' }),
      mat({
        id: 'couple-photo',
        name: '双方近期半身免冠合影照片（2寸，3张）',
        copies: 3,
        paperSize: 'other',
        necessity: 'optional',
        acceptanceStandard: '红色背景，近6个月内双方半身免冠合影，五官清晰',
        remarks: '婚姻登记中心可现场拍照',
      }),
      mat({
        id: 'previous-marriage-end',
        name: '离婚证、离婚判决书（调解书）或配偶死亡证明',
        type: 'originalOrCopy',
        forms: ['dataSharing', 'paper'],
        source: 'government',
        issuingDepartment: '婚姻登记机关、人民法院或医疗机构',
        acceptanceStandard: '能证明前一婚姻关系已解除；系统可查询到婚姻登记记录的免于提交',
        appliesWhen: [when('remarriage', 'yes')],
      }),
    ],
  }),
  item({
    key: 'divorce-reg',
    serial: '002',
    name: '内地居民离婚登记',
    nameEn: 'Divorce registration (mainland residents)',
    aliases: ['离婚', '协议离婚', '办离婚', '离婚证', '离婚冷静期'],
    type: 'administrativeConfirmation',
    departmentCode: 'MZJ',
    themes: ['marriage'],
    handlingItems: [
      ['01', '离婚登记申请（冷静期前）'],
      ['02', '发给离婚证（冷静期满后）'],
    ],
    conditions: [
      '双方自愿离婚，并对子女抚养、财产以及债务处理等事项协商一致',
      '在内地办理结婚登记；双方亲自到场',
      '自婚姻登记机关收到离婚登记申请之日起三十日为离婚冷静期；期满后三十日内双方亲自到场申请发给离婚证，未申请的视为撤回',
    ],
    legalBasis: ['《中华人民共和国民法典》第一千零七十六条、第一千零七十七条', '《婚姻登记条例》'],
    statutory: immediate,
    promised: immediate,
    visits: [2, '《民法典》第一千零七十七条设定三十日离婚冷静期：申请时双方到场一次，冷静期满后双方再到场领取离婚证'],
    location: '示例市婚姻登记中心（示例路8号）',
    hours: '工作日 上午9:00-11:30，下午13:30-16:30',
    results: [
      { name: '离婚登记申请受理回执单', type: 'filingReceipt', sample: '离婚登记申请受理回执单（样本）.pdf' },
      { name: '离婚证', type: 'certificate', sample: '离婚证（样本）.pdf', electronic: true },
    ],
    materials: [
      M.applicantId({ name: '男女双方居民身份证', acceptanceStandard: '在有效期内，信息清晰完整，与结婚证记载一致；双方现场核验原件' }),
      M.marriageCertificate({
        forms: ['paper', 'dataSharing'],
        copies: 2,
        acceptanceStandard: '双方各持一本，持证人与申请人一致；遗失的经婚姻登记档案查询核实后办理',
      }),
      form('divorce-application', '离婚登记申请书', { handlingItems: ['01'] }),
      mat({
        id: 'divorce-agreement',
        name: '离婚协议书（一式三份）',
        copies: 3,
        acceptanceStandard: '载明双方自愿离婚的意思表示及对子女抚养、财产和债务处理的一致意见，双方签名',
        blankForm: '离婚协议书（参考文本）.docx',
        handlingItems: ['01'],
      }),
      mat({
        id: 'single-photos',
        name: '双方近期2寸单人半身免冠照片（各2张）',
        copies: 4,
        paperSize: 'other',
        necessity: 'optional',
        acceptanceStandard: '近6个月内白底或蓝底单人免冠照片',
        remarks: '婚姻登记中心可现场拍照',
        handlingItems: ['02'],
      }),
    ],
  }),
  item({
    key: 'marriage-cert-reissue',
    serial: '003',
    name: '补领婚姻登记证',
    nameEn: 'Replacement of a marriage or divorce certificate',
    aliases: ['补结婚证', '结婚证丢了', '补离婚证', '离婚证丢了', '婚姻证补办'],
    type: 'administrativeConfirmation',
    departmentCode: 'MZJ',
    themes: ['marriage'],
    conditions: ['结婚证、离婚证遗失或者损毁', '婚姻登记档案可查证；补领结婚证须双方到场，补领离婚证本人到场'],
    legalBasis: ['《婚姻登记条例》', '《婚姻登记工作规范》'],
    statutory: immediate,
    promised: immediate,
    visits: [1, '婚姻登记证补领须当事人亲自到场核验身份'],
    scope: '全国通办',
    location: '示例市婚姻登记中心（示例路8号）',
    results: [{ name: '结婚证（补发）或离婚证（补发）', type: 'certificate', sample: '结婚证（样本）.pdf', electronic: true }],
    situations: [{ id: 'cert-type', text: '补领的证件', options: [{ id: 'marriage', label: '结婚证' }, { id: 'divorce', label: '离婚证' }] }],
    materials: [
      form('application', '申请补领婚姻登记证声明书'),
      M.applicantId(),
      M.spouseId({ type: 'original', appliesWhen: [when('cert-type', 'marriage')], acceptanceStandard: '在有效期内，与婚姻登记档案记载的配偶一致，配偶到场核验原件' }),
      mat({
        id: 'couple-photo',
        name: '双方近期半身免冠合影照片（2寸，2张）',
        copies: 2,
        paperSize: 'other',
        necessity: 'optional',
        acceptanceStandard: '红色背景，近6个月内双方半身免冠合影',
        appliesWhen: [when('cert-type', 'marriage')],
      }),
      mat({
        id: 'single-photo',
        name: '本人近期单人半身免冠照片（2寸，2张）',
        copies: 2,
        paperSize: 'other',
        necessity: 'optional',
        acceptanceStandard: '近6个月内单人免冠照片',
        appliesWhen: [when('cert-type', 'divorce')],
      }),
    ],
  }),
  item({
    key: 'dibao',
    serial: '004',
    name: '最低生活保障审核确认',
    nameEn: 'Minimum living allowance (dibao) eligibility confirmation',
    aliases: ['低保', '办低保', '申请低保', '低保金', '生活困难补助'],
    type: 'administrativeBenefit',
    departmentCode: 'MZJ',
    themes: ['social-assistance'],
    conditions: ['持有本市户籍（或符合规定的常住人口）', '共同生活家庭成员人均收入低于本市最低生活保障标准，且家庭财产状况符合规定'],
    legalBasis: ['《社会救助暂行条例》第九条、第十一条', '《最低生活保障审核确认办法》（民发〔2021〕57号）'],
    statutory: wd(30),
    promised: wd(20),
    visits: [1, '需家庭成员签署经济状况核对授权书，并配合入户调查'],
    scope: '全市通办',
    results: [{ name: '最低生活保障审核确认决定书', type: 'approvalDocument', sample: '最低生活保障审核确认决定书（样本）.pdf' }],
    situations: [
      Q.agentPerson(),
      { id: 'has-income', text: '共同生活家庭成员是否有工资性收入', options: yesNo },
      { id: 'disability-illness', text: '家庭成员中是否有残疾人或重病患者', options: yesNo },
    ],
    materials: [
      form('application', '最低生活保障申请书'),
      M.applicantId(),
      M.householdRegister(),
      form('authorization', '家庭经济状况核对授权书', { acceptanceStandard: '共同生活的成年家庭成员逐一签名，授权核对收入、财产信息' }),
      mat({
        id: 'income-proof',
        name: '家庭成员收入证明',
        type: 'originalOrCopy',
        necessity: 'deferrable',
        acceptanceStandard: '由用人单位出具并盖章，载明近6个月收入；系统可核对的免于提交',
        appliesWhen: [when('has-income', 'yes')],
      }),
      mat({
        id: 'disability-proof',
        name: '残疾人证或二级以上医疗机构诊断证明',
        type: 'originalOrCopy',
        paperSize: 'other',
        acceptanceStandard: '残疾人证在有效期内；诊断证明载明病情并加盖医疗机构印章',
        appliesWhen: [when('disability-illness', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'senior-allowance',
    serial: '005',
    name: '高龄津贴申领',
    nameEn: 'Application for the old-age allowance',
    aliases: ['高龄补贴', '老年补贴', '八十岁补贴', '高龄津贴'],
    type: 'administrativeBenefit',
    departmentCode: 'MZJ',
    themes: ['social-assistance', 'retirement'],
    conditions: ['本市户籍', '年满80周岁'],
    legalBasis: ['《中华人民共和国老年人权益保障法》第三十三条'],
    statutory: wd(20),
    promised: wd(10),
    visits: 0,
    online: true,
    results: [{ name: '高龄津贴核定通知', type: 'approvalDocument', sample: '高龄津贴核定通知（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson()],
    materials: [form('application', '高龄津贴申请表'), M.applicantId(), M.householdRegister(), M.bankCard(), M.poa(), M.agentId()],
  }),

  // ======================= 卫生健康委员会 =======================
  item({
    key: 'birth-medical-cert',
    serial: '001',
    name: '出生医学证明签发',
    nameEn: 'Issuance of the birth medical certificate',
    aliases: ['出生证', '出生证明', '办出生证', '补出生证', '出生医学证明'],
    type: 'administrativeConfirmation',
    departmentCode: 'WJW',
    themes: ['birth'],
    handlingItems: [
      ['01', '首次签发'],
      ['02', '补发、换发'],
    ],
    conditions: ['在本市助产机构出生的新生儿；医疗机构外出生的需经亲子鉴定等核实', '补发的，原证遗失；换发的，原证信息有误或损毁并交回原证'],
    legalBasis: ['《中华人民共和国母婴保健法》第二十三条', '《中华人民共和国母婴保健法实施办法》'],
    statutory: wd(20),
    promised: wd(3),
    visits: 0,
    scope: '全市通办',
    results: [{ name: '出生医学证明', type: 'certificate', sample: '出生医学证明（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      { id: 'birth-place', text: '新生儿出生地点', options: [{ id: 'institution', label: '医疗机构内出生' }, { id: 'outside', label: '医疗机构外出生' }] },
    ],
    materials: [
      form('application', '出生医学证明首次签发登记表', { handlingItems: ['01'] }),
      M.guardianId(),
      mat({
        id: 'delivery-record',
        name: '分娩记录（由助产机构调取）',
        forms: ['electronic'],
        acceptanceStandard: '载明新生儿出生时间、性别、体重及产妇信息，与申请一致',
        handlingItems: ['01'],
        appliesWhen: [when('birth-place', 'institution')],
      }),
      mat({
        id: 'paternity-test',
        name: '亲子鉴定证明及出生情况说明',
        acceptanceStandard: '由具有资质的司法鉴定机构出具，鉴定对象与申请人一致',
        appliesWhen: [when('birth-place', 'outside')],
      }),
      form('reissue-application', '出生医学证明补发（换发）申请表', { handlingItems: ['02'] }),
      M.birthMedicalCertificate({ name: '原出生医学证明（换发的交回）', forms: ['paper'], handlingItems: ['02'], necessity: 'optional', acceptanceStandard: '换发的交回原证正、副页；遗失补发的无需提交' }),
      M.householdRegister({ name: '新生儿居民户口簿（已落户的）', handlingItems: ['02'], necessity: 'optional' }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'vaccination-cert',
    serial: '002',
    name: '预防接种证办理',
    nameEn: 'Issuance of the vaccination certificate',
    aliases: ['接种证', '疫苗本', '打预防针', '预防接种证', '宝宝疫苗证'],
    type: 'publicService',
    departmentCode: 'WJW',
    themes: ['birth'],
    conditions: ['儿童出生后一个月内由监护人办理', '在儿童居住地承担预防接种工作的接种单位或出生医院办理'],
    legalBasis: ['《中华人民共和国疫苗管理法》第四十七条'],
    statutory: immediate,
    promised: immediate,
    visits: [1, '需携带儿童到接种单位建档并接种'],
    location: '示例市民中心受理，居住地社区卫生服务中心预防接种门诊发证',
    results: [{ name: '预防接种证', type: 'certificate', sample: '预防接种证（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson()],
    materials: [
      M.guardianId(),
      M.birthMedicalCertificate(),
      mat({
        id: 'first-dose-record',
        name: '新生儿乙肝疫苗、卡介苗首针接种记录',
        necessity: 'optional',
        acceptanceStandard: '由出生医院出具，载明疫苗名称、接种日期；系统可查询的免于提交',
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'public-place-hygiene',
    serial: '003',
    name: '公共场所卫生许可',
    nameEn: 'Public place hygiene licence',
    aliases: ['卫生许可证', '理发店卫生许可证', '美容美发卫生许可', '宾馆卫生许可', '游泳馆卫生许可'],
    type: 'administrativeLicence',
    departmentCode: 'WJW',
    themes: ['business-licensing'],
    handlingItems: [
      ['01', '公共场所卫生许可（新办）'],
      ['02', '公共场所卫生许可（延续）'],
      ['03', '公共场所卫生许可（变更）'],
    ],
    conditions: ['已取得营业执照', '经营场所的选址、设计、卫生设施符合公共场所卫生标准和要求', '有健全的卫生管理制度和卫生管理人员'],
    legalBasis: ['《公共场所卫生管理条例》第八条', '《公共场所卫生管理条例实施细则》第二十二条'],
    statutory: wd(20),
    promised: wd(5),
    visits: 0,
    online: true,
    results: [{ name: '公共场所卫生许可证', type: 'licence', sample: '公共场所卫生许可证（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness(), { id: 'central-ac', text: '是否使用集中空调通风系统', options: yesNo }],
    materials: [
      form('application', '公共场所卫生许可申请表'),
      M.businessLicence(),
      M.legalRepId(),
      mat({
        id: 'floor-plan',
        name: '经营场所平面图和卫生设施布局图',
        acceptanceStandard: '标明各功能间名称、面积和卫生设施位置，与实际经营场所一致',
        handlingItems: ['01', '03'],
      }),
      mat({
        id: 'hygiene-test-report',
        name: '公共场所卫生检测或评价报告',
        necessity: 'deferrable',
        source: 'applicant',
        acceptanceStandard: '由具有资质的检测机构出具，检测项目覆盖空气质量、微小气候、公共用品用具等，结论合格',
        handlingItems: ['01', '02'],
        remarks: '可容缺受理，在承诺期限内补交；逾期未补交的不予发证',
      }),
      mat({
        id: 'ac-report',
        name: '集中空调通风系统卫生检测或评价报告',
        necessity: 'deferrable',
        acceptanceStandard: '由具有资质的检测机构出具，结论符合《公共场所集中空调通风系统卫生规范》',
        appliesWhen: [when('central-ac', 'yes')],
      }),
      mat({
        id: 'original-licence',
        name: '原公共场所卫生许可证',
        forms: ['dataSharing', 'paper'],
        source: 'government',
        issuingDepartment: '卫生健康部门',
        acceptanceStandard: '在有效期内（延续的须在有效期届满30日前申请），许可证编号与申请一致',
        handlingItems: ['02', '03'],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),

  // ======================= 税务局 =======================
  item({
    key: 'tax-info-confirm',
    serial: '001',
    name: '新办纳税人涉税信息确认',
    nameEn: 'Tax information confirmation for new taxpayers',
    aliases: ['税务登记', '税务报到', '新办企业税务', '办税务', '税务开户'],
    type: 'otherAdministrativePower',
    departmentCode: 'SWJ',
    themes: ['start-business', 'tax'],
    conditions: ['已取得加载统一社会信用代码的营业执照', '自领取营业执照之日起三十日内办理'],
    legalBasis: ['《中华人民共和国税收征收管理法》第十五条', '《税务登记管理办法》'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '税务事项通知书（涉税信息确认）', type: 'filingReceipt', sample: '税务事项通知书（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness(), { id: 'tax-agent', text: '是否委托代理记账机构（涉税专业服务机构）办税', options: yesNo }],
    materials: [
      form('application', '新办纳税人涉税信息确认表'),
      M.businessLicence(),
      M.legalRepId(),
      mat({
        id: 'finance-staff-ids',
        name: '财务负责人、办税人员居民身份证',
        type: 'copy',
        forms: ['paper', 'electronic'],
        source: 'government',
        issuingDepartment: '公安机关',
        acceptanceStandard: '在有效期内，与确认表登记的人员一致；办税人员须完成实名认证',
      }),
      M.companyBankAccount({ remarks: '用于签订税库银三方协议，可在开立账户后补充' }),
      mat({
        id: 'agency-contract',
        name: '代理记账委托协议',
        type: 'originalOrCopy',
        acceptanceStandard: '双方签章齐全，在有效期内，代理机构已取得代理记账许可',
        appliesWhen: [when('tax-agent', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'invoice-application',
    serial: '002',
    name: '发票领用',
    nameEn: 'Application for invoices',
    aliases: ['领发票', '申领发票', '开发票', '发票票种核定', '数电发票额度', '专票'],
    type: 'otherAdministrativePower',
    departmentCode: 'SWJ',
    themes: ['start-business', 'tax'],
    handlingItems: [
      ['01', '首次发票领用（票种核定）'],
      ['02', '发票额度调整'],
    ],
    conditions: ['已完成涉税信息确认和办税人员实名认证', '领用增值税专用发票的，已登记为增值税一般纳税人或按规定可自行开具'],
    legalBasis: ['《中华人民共和国发票管理办法》第十五条', '《中华人民共和国发票管理办法实施细则》'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '税务事项通知书（发票领用）', type: 'other', sample: '税务事项通知书（样本）.pdf', electronic: true }],
    situations: [
      Q.agentBusiness(),
      { id: 'invoice-type', text: '申请的发票种类', options: [{ id: 'ordinary', label: '普通发票' }, { id: 'special', label: '增值税专用发票' }] },
    ],
    materials: [
      form('application', '发票领用申请表'),
      M.businessLicence(),
      M.legalRepId(),
      form('special-limit', '增值税专用发票最高开票限额申请单', { appliesWhen: [when('invoice-type', 'special')] }),
      mat({
        id: 'invoice-seal',
        name: '发票专用章印模',
        necessity: 'optional',
        acceptanceStandard: '印模清晰，单位名称和纳税人识别号与营业执照一致；已开具数电发票的无需提交',
        handlingItems: ['01'],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'iit-annual',
    serial: '003',
    name: '个人所得税综合所得年度汇算',
    nameEn: 'Annual reconciliation of individual income tax',
    aliases: ['个税汇算', '个税退税', '退个税', '个人所得税退税', '个税补税', '个税年度汇算'],
    type: 'otherAdministrativePower',
    departmentCode: 'SWJ',
    themes: ['tax'],
    conditions: ['居民个人在上一纳税年度取得综合所得，需要补税或者申请退税', '在取得所得的次年3月1日至6月30日内办理'],
    legalBasis: ['《中华人民共和国个人所得税法》第二条、第十一条', '《中华人民共和国个人所得税法实施条例》'],
    statutory: immediate,
    promised: immediate,
    visits: 0,
    online: true,
    scope: '跨省通办',
    results: [{ name: '个人所得税年度自行纳税申报表（受理回执）', type: 'filingReceipt', sample: '个人所得税年度申报回执（样本）.pdf', electronic: true }],
    situations: [
      Q.agentPerson(),
      { id: 'refund-or-pay', text: '汇算结果', options: [{ id: 'refund', label: '申请退税' }, { id: 'pay', label: '需要补税' }, { id: 'zero', label: '无需退补' }] },
      { id: 'special-deductions', text: '是否填报专项附加扣除（子女教育、住房贷款利息、赡养老人等）', options: yesNo },
    ],
    materials: [
      form('application', '个人所得税年度自行纳税申报表'),
      M.applicantId(),
      M.bankCard({ name: '退税银行账户（申请人本人借记卡）', appliesWhen: [when('refund-or-pay', 'refund')] }),
      mat({
        id: 'special-deduction-info',
        name: '个人所得税专项附加扣除信息表',
        forms: ['paper', 'electronic'],
        necessity: 'optional',
        acceptanceStandard: '填报信息真实完整，相关证明资料由纳税人留存备查',
        appliesWhen: [when('special-deductions', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'deed-tax',
    serial: '004',
    name: '不动产交易契税申报',
    nameEn: 'Deed tax declaration for real estate transactions',
    aliases: ['交契税', '契税', '房产交易税', '二手房税费', '过户交税', '买房交税'],
    type: 'otherAdministrativePower',
    departmentCode: 'SWJ',
    coHandling: ['BDCDJZX'],
    themes: ['housing', 'tax'],
    conditions: ['已签订土地、房屋权属转移合同', '在办理不动产权属登记前申报缴纳'],
    legalBasis: [
      '《中华人民共和国契税法》第三条、第九条、第十条',
      '《财政部 税务总局 住房城乡建设部关于促进房地产市场平稳健康发展有关税收政策的公告》（2024年第16号）',
    ],
    statutory: immediate,
    promised: immediate,
    visits: [1, '“税费、登记一窗办理”，与不动产转移登记同次到场'],
    results: [{ name: '中华人民共和国税收完税证明', type: 'other', sample: '税收完税证明（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), { id: 'family-home', text: '承受方家庭是否申请享受首套（或第二套）住房契税优惠', options: yesNo }],
    materials: [
      form('application', '契税申报表'),
      M.applicantId({ name: '承受方居民身份证' }),
      M.houseSaleContract(),
      M.propertyCertificate({ name: '转让方不动产权证书' }),
      mat({
        id: 'housing-status',
        sharedMaterialId: 'housing-status-query',
        name: '家庭住房情况查询结果',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '不动产登记机构、住房城乡建设部门',
        acceptanceStandard: '查询对象覆盖承受方本人、配偶及未成年子女，查询结果与申报的住房套数一致',
        appliesWhen: [when('family-home', 'yes')],
      }),
      mat({
        id: 'family-relation',
        name: '家庭成员关系证明（结婚证、户口簿）及家庭住房情况承诺书',
        type: 'originalOrCopy',
        acceptanceStandard: '能证明承受方家庭成员构成，承诺书由承受方及配偶签名',
        appliesWhen: [when('family-home', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'tax-deregistration',
    serial: '005',
    name: '清税申报（注销税务登记）',
    nameEn: 'Tax clearance for deregistration',
    aliases: ['税务注销', '清税证明', '注销税务', '公司注销清税', '清税'],
    type: 'otherAdministrativePower',
    departmentCode: 'SWJ',
    themes: ['business-closure', 'tax'],
    handlingItems: [
      ['01', '即办清税（未办理过涉税事宜或符合承诺制容缺办理条件）', wd(1)],
      ['02', '一般清税'],
    ],
    conditions: ['纳税人已结清应纳税款、滞纳金、罚款', '已缴销发票和税控设备（或已无未开具的纸质发票）'],
    legalBasis: [
      '《中华人民共和国税收征收管理法》第十六条',
      '《中华人民共和国税收征收管理法实施细则》第十五条',
      '《国家税务总局关于进一步优化办理企业税务注销程序的通知》（税总发〔2018〕149号）',
    ],
    statutory: wd(20),
    promised: wd(3),
    visits: 0,
    online: true,
    results: [{ name: '清税证明', type: 'certificate', sample: '清税证明（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness(), { id: 'unused-invoices', text: '是否有未验旧、未缴销的纸质发票', options: yesNo }],
    materials: [
      form('application', '清税申报表'),
      M.businessLicence(),
      M.legalRepId(),
      M.liquidationReport({ handlingItems: ['02'], remarks: '已向市场监管部门提交的，通过数据共享获取' }),
      mat({
        id: 'invoices-to-cancel',
        name: '未使用的纸质发票及发票缴销登记表',
        acceptanceStandard: '发票份数、号码与系统记录一致，缴销登记表加盖公章',
        appliesWhen: [when('unused-invoices', 'yes')],
      }),
      M.poa(),
      M.agentId(),
    ],
  }),

  // ======================= 住房公积金管理中心 =======================
  item({
    key: 'hpf-purchase',
    serial: '001',
    name: '住房公积金提取（购房）',
    nameEn: 'Housing provident fund withdrawal for home purchase',
    aliases: ['公积金买房提取', '买房取公积金', '购房提取', '提公积金（买房）', '公积金付首付'],
    type: 'publicService',
    departmentCode: 'GJJZX',
    themes: ['housing'],
    handlingItems: [
      ['01', '购买新建商品住房提取'],
      ['02', '购买存量住房（二手房）提取'],
    ],
    conditions: [
      '职工本人或配偶购买自住住房，且在购房之日起一年内申请',
      '提取金额不超过账户余额和实际支付的购房款',
      '租房提取请办理“住房公积金提取（租房）”',
    ],
    legalBasis: ['《住房公积金管理条例》第二十四条第一款第（一）项、第二十五条'],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '住房公积金提取业务回单', type: 'other', sample: '住房公积金提取回单（样本）.pdf', electronic: true }],
    situations: [
      { id: 'spouse-joint', text: '是否同时提取配偶的住房公积金', options: yesNo },
      {
        id: 'spouse-fund-local',
        text: '配偶的住房公积金是否在本中心缴存',
        askWhen: [when('spouse-joint', 'yes')],
        options: [
          { id: 'local', label: '在本中心缴存' },
          { id: 'other', label: '在外地公积金中心缴存' },
        ],
      },
    ],
    materials: [
      M.applicantId(),
      M.houseSaleContract({ name: '房屋买卖合同（网签备案）', handlingItems: ['01', '02'] }),
      mat({
        id: 'purchase-invoice',
        name: '购房发票',
        type: 'originalOrCopy',
        forms: ['paper', 'electronic'],
        acceptanceStandard: '购房人与申请人（或配偶）一致，金额与合同一致；电子发票经税务系统查验真实',
        handlingItems: ['01'],
      }),
      M.propertyCertificate({ handlingItems: ['02'] }),
      M.deedTaxReceipt({ handlingItems: ['02'] }),
      M.marriageCertificate({ appliesWhen: [when('spouse-joint', 'yes')] }),
      M.spouseId({ appliesWhen: [when('spouse-joint', 'yes')] }),
      mat({
        id: 'remote-deposit-proof',
        name: '配偶缴存地公积金中心出具的缴存证明',
        type: 'original',
        forms: ['paper', 'electronic'],
        source: 'government',
        issuingDepartment: '配偶缴存地住房公积金管理中心',
        acceptanceStandard: '载明配偶缴存状态和账户余额，加盖业务印章，出具日期在30日内',
        appliesWhen: [when('spouse-fund-local', 'other')],
      }),
      M.bankCard(),
    ],
    fields: [
      { id: 'totalPrice', label: '购房总价（元）', kind: 'number', required: true, min: 0 },
      { id: 'amount', label: '提取金额（元）', kind: 'number', required: true, min: 0, help: '不超过账户余额及实际支付的购房款' },
    ],
  }),
  item({
    key: 'hpf-rent',
    serial: '002',
    name: '住房公积金提取（租房）',
    nameEn: 'Housing provident fund withdrawal for rent',
    aliases: ['租房提取', '租房取公积金', '提公积金（租房）', '公积金付房租', '公积金交房租'],
    type: 'publicService',
    departmentCode: 'GJJZX',
    themes: ['housing'],
    conditions: [
      '职工本人及配偶在本市无自有住房且租赁住房自住',
      '连续足额缴存住房公积金满3个月（示例规则）',
      '购房提取请办理“住房公积金提取（购房）”',
    ],
    legalBasis: ['《住房公积金管理条例》第二十四条第一款第（六）项', '《住房城乡建设部 财政部 人民银行关于放宽提取住房公积金支付房租条件的通知》（建金〔2015〕19号）'],
    statutory: wd(3),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '住房公积金提取业务回单', type: 'other', sample: '住房公积金提取回单（样本）.pdf', electronic: true }],
    situations: [
      { id: 'lease-type', text: '租赁住房类型', options: [{ id: 'public', label: '公共租赁住房' }, { id: 'market', label: '市场租赁住房' }] },
      {
        id: 'above-standard',
        text: '是否按实际房租超出定额标准提取',
        help: '按定额标准提取的无需提交租赁合同',
        askWhen: [when('lease-type', 'market')],
        options: yesNo,
      },
    ],
    materials: [
      M.applicantId(),
      form('no-house-pledge', '无自有住房承诺书', { acceptanceStandard: '由申请人本人签名，承诺本人及配偶在本市无自有住房' }),
      mat({
        id: 'housing-status',
        sharedMaterialId: 'housing-status-query',
        name: '家庭住房情况查询结果',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '不动产登记机构、住房城乡建设部门',
        acceptanceStandard: '查询结果显示申请人及配偶在本市无自有住房',
      }),
      mat({
        id: 'public-lease',
        name: '公共租赁住房租赁合同及租金缴纳凭证',
        type: 'originalOrCopy',
        acceptanceStandard: '承租人为申请人或其配偶，在租赁期内，租金凭证与提取期间对应',
        appliesWhen: [when('lease-type', 'public')],
      }),
      mat({
        id: 'filed-lease',
        name: '住房租赁合同（网签备案）',
        type: 'originalOrCopy',
        acceptanceStandard: '已办理网签备案，承租人为申请人或其配偶，在租赁期内',
        appliesWhen: [when('above-standard', 'yes')],
      }),
      mat({
        id: 'rent-invoice',
        name: '租金发票',
        type: 'originalOrCopy',
        forms: ['paper', 'electronic'],
        acceptanceStandard: '由出租方开具，金额与租赁合同一致，所属期间与提取期间对应',
        appliesWhen: [when('above-standard', 'yes')],
      }),
      M.bankCard(),
    ],
    fields: [
      { id: 'months', label: '提取月数', kind: 'number', required: true, min: 1, max: 12 },
      { id: 'amount', label: '提取金额（元）', kind: 'number', required: true, min: 0, help: '按定额标准（示例：每月不超过1500元）或实际房租计算' },
    ],
  }),
  item({
    key: 'hpf-retire',
    serial: '003',
    name: '住房公积金提取（退休）',
    nameEn: 'Housing provident fund withdrawal on retirement',
    aliases: ['退休提取公积金', '退休取公积金', '公积金销户', '退休销户提取'],
    type: 'publicService',
    departmentCode: 'GJJZX',
    themes: ['retirement', 'housing'],
    conditions: ['职工已办理退休手续', '提取账户全部余额并销户'],
    legalBasis: ['《住房公积金管理条例》第二十四条第一款第（二）项、第二十五条'],
    statutory: wd(3),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '住房公积金提取（销户）业务回单', type: 'other', sample: '住房公积金提取回单（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson()],
    materials: [M.applicantId(), M.retirementApproval(), M.bankCard(), M.poa(), M.agentId()],
  }),
  item({
    key: 'hpf-loan',
    serial: '004',
    name: '住房公积金个人住房贷款',
    nameEn: 'Housing provident fund home loan',
    aliases: ['公积金贷款', '公积金买房贷款', '办公积金贷款', '组合贷款'],
    type: 'publicService',
    departmentCode: 'GJJZX',
    coHandling: ['BDCDJZX'],
    themes: ['housing'],
    conditions: [
      '借款人连续足额缴存住房公积金满6个月（示例规则）',
      '购买本市自住住房，首付款比例符合规定',
      '借款人及配偶信用状况良好，无未结清的住房公积金贷款',
    ],
    legalBasis: ['《住房公积金管理条例》第二十六条', '《个人住房公积金贷款管理办法》（示例）'],
    statutory: wd(15),
    promised: wd(10),
    visits: [1, '借款人及配偶须到场面签借款合同并核验身份'],
    results: [{ name: '住房公积金个人住房借款合同', type: 'other', sample: '住房公积金借款合同（样本）.pdf' }],
    situations: [
      { id: 'marital-status', text: '借款人婚姻状况', options: [{ id: 'married', label: '已婚' }, { id: 'single', label: '未婚、离异或丧偶' }] },
      { id: 'house-kind', text: '所购住房类型', options: [{ id: 'new', label: '新建商品住房' }, { id: 'existing', label: '存量住房（二手房）' }] },
    ],
    materials: [
      form('application', '住房公积金个人住房贷款申请表'),
      M.applicantId({ name: '借款人居民身份证' }),
      M.marriageCertificate({ appliesWhen: [when('marital-status', 'married')] }),
      M.spouseId({ appliesWhen: [when('marital-status', 'married')] }),
      form('single-statement', '婚姻状况声明', { appliesWhen: [when('marital-status', 'single')] }),
      M.houseSaleContract(),
      mat({
        id: 'down-payment',
        name: '首付款发票或收据',
        type: 'originalOrCopy',
        forms: ['paper', 'electronic'],
        acceptanceStandard: '付款人为借款人或其配偶，金额达到规定首付比例',
      }),
      M.propertyCertificate({ name: '出售方不动产权证书', appliesWhen: [when('house-kind', 'existing')] }),
      mat({
        id: 'income-proof',
        name: '借款人收入证明',
        necessity: 'deferrable',
        acceptanceStandard: '由用人单位出具并盖章，载明近12个月月均收入；公积金缴存基数可核实的免于提交',
      }),
    ],
    fields: [
      { id: 'loanAmount', label: '申请贷款金额（万元）', kind: 'number', required: true, min: 1, max: 120, help: '示例上限：120万元' },
      { id: 'loanYears', label: '贷款年限（年）', kind: 'number', required: true, min: 1, max: 30 },
      { id: 'repayment', label: '还款方式', kind: 'select', required: true, options: ['等额本息', '等额本金'] },
    ],
  }),
  item({
    key: 'hpf-unit-reg',
    serial: '005',
    name: '住房公积金单位缴存登记',
    nameEn: 'Employer registration for housing provident fund',
    aliases: ['公积金开户', '单位公积金开户', '企业公积金登记', '公司交公积金'],
    type: 'publicService',
    departmentCode: 'GJJZX',
    themes: ['start-business'],
    conditions: ['单位已依法取得营业执照或登记证书', '新设立的单位自设立之日起30日内办理'],
    legalBasis: ['《住房公积金管理条例》第十三条、第十四条'],
    statutory: wd(5),
    promised: immediate,
    visits: 0,
    online: true,
    scope: '全省通办',
    results: [{ name: '住房公积金单位缴存登记回执', type: 'filingReceipt', sample: '住房公积金单位登记回执（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness()],
    materials: [form('application', '住房公积金单位缴存登记表'), M.businessLicence(), M.companyBankAccount(), M.poa(), M.agentId()],
  }),

  // ======================= 交通运输局 =======================
  item({
    key: 'road-freight',
    serial: '001',
    name: '道路货物运输经营许可',
    nameEn: 'Road freight transport operating licence',
    aliases: ['道路运输经营许可证', '货运许可', '办道路运输证', '物流公司许可', '货运资质'],
    type: 'administrativeLicence',
    departmentCode: 'JTYSJ',
    themes: ['transport', 'business-licensing'],
    handlingItems: [
      ['01', '道路普通货物运输经营许可（新办）'],
      ['02', '道路普通货物运输经营许可（延续）'],
    ],
    conditions: [
      '有与其经营业务相适应并经检测合格的车辆',
      '有符合规定条件的驾驶人员（取得相应从业资格证）',
      '有健全的安全生产管理制度',
      '使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需办理本许可',
    ],
    legalBasis: ['《中华人民共和国道路运输条例》第二十一条、第二十四条', '《道路货物运输及站场管理规定》'],
    statutory: wd(20),
    promised: wd(5),
    visits: 0,
    online: true,
    results: [{ name: '道路运输经营许可证', type: 'licence', sample: '道路运输经营许可证（样本）.pdf', electronic: true }],
    situations: [Q.agentBusiness(), { id: 'vehicles-ready', text: '是否已购置营运车辆', options: yesNo }],
    materials: [
      form('application', '道路货物运输经营申请表'),
      M.businessLicence(),
      M.legalRepId(),
      mat({
        id: 'driver-qualification',
        name: '拟聘驾驶人员的机动车驾驶证及从业资格证',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关交通管理部门、交通运输部门',
        acceptanceStandard: '驾驶证准驾车型与车辆相符，从业资格证在有效期内；系统调取成功的免于提交',
      }),
      mat({
        id: 'safety-rules',
        name: '安全生产管理制度文本',
        necessity: 'deferrable',
        acceptanceStandard: '包括安全生产责任制、安全生产业务操作规程、安全生产监督检查、驾驶员和车辆安全生产管理制度，加盖公章',
        remarks: '可容缺受理，在承诺期限内补交',
      }),
      mat({
        id: 'vehicle-licence',
        name: '机动车行驶证及车辆技术等级评定结论',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关交通管理部门',
        acceptanceStandard: '车辆所有人与申请人一致，检验有效，技术等级达到二级以上',
        appliesWhen: [when('vehicles-ready', 'yes')],
      }),
      form('vehicle-pledge', '拟投入车辆承诺书', { appliesWhen: [when('vehicles-ready', 'no')], acceptanceStandard: '载明拟购车辆数量、类型、技术参数，加盖公章' }),
      M.poa(),
      M.agentId(),
    ],
    fields: [
      { id: 'vehicleCount', label: '车辆数量（辆）', kind: 'number', required: true, min: 1 },
      { id: 'operationScope', label: '经营范围', kind: 'select', required: true, options: ['道路普通货物运输', '货物专用运输（集装箱）', '大型物件运输'] },
    ],
  }),
  item({
    key: 'driving-school-filing',
    serial: '002',
    name: '机动车驾驶员培训业务备案',
    nameEn: 'Filing for driver training business',
    aliases: ['驾校备案', '驾培备案', '开驾校', '驾驶员培训'],
    type: 'administrativeFiling',
    departmentCode: 'JTYSJ',
    themes: ['transport', 'business-licensing'],
    conditions: ['已取得营业执照', '有与培训业务相适应的教学车辆、教练员和教练场地', '有健全的安全生产管理制度和教学管理制度'],
    legalBasis: ['《中华人民共和国道路运输条例》', '《机动车驾驶员培训管理规定》'],
    statutory: wd(5),
    promised: wd(3),
    visits: 0,
    online: true,
    results: [{ name: '机动车驾驶员培训备案证明', type: 'filingReceipt', sample: '机动车驾驶员培训备案证明（样本）.pdf', electronic: true }],
    situations: [
      { id: 'training-type', text: '培训类型', options: [{ id: 'ordinary', label: '普通机动车驾驶员培训' }, { id: 'professional', label: '道路运输驾驶员从业资格培训' }] },
      { id: 'site-owner', text: '教练场地来源', options: [{ id: 'own', label: '自有' }, { id: 'lease', label: '租赁' }] },
    ],
    materials: [
      form('application', '机动车驾驶员培训备案表'),
      M.businessLicence(),
      M.legalRepId(),
      mat({
        id: 'site-proof',
        name: '教练场地使用权证明（不动产权证书或土地使用权证）',
        type: 'originalOrCopy',
        source: 'government',
        issuingDepartment: '不动产登记机构',
        acceptanceStandard: '场地面积和技术条件符合《机动车驾驶员培训教练场技术要求》，坐落与备案一致',
      }),
      mat({
        id: 'site-lease',
        name: '教练场地租赁合同',
        type: 'originalOrCopy',
        acceptanceStandard: '租赁期限不少于3年，出租方与产权人一致，双方签章齐全',
        appliesWhen: [when('site-owner', 'lease')],
      }),
      mat({
        id: 'vehicle-list',
        name: '教学车辆行驶证及车辆清单',
        type: 'copy',
        source: 'government',
        issuingDepartment: '公安机关交通管理部门',
        acceptanceStandard: '车辆所有人为申请人，检验有效，车型与培训类型相符',
      }),
      mat({
        id: 'instructor-list',
        name: '教练员名册及驾驶证',
        type: 'copy',
        acceptanceStandard: '教练员人数与车辆数相适应，驾驶证准驾车型相符',
      }),
      mat({
        id: 'professional-materials',
        name: '从业资格培训教学大纲、理论教室及教学设施说明',
        acceptanceStandard: '符合道路运输驾驶员从业资格培训大纲要求，加盖公章',
        appliesWhen: [when('training-type', 'professional')],
      }),
    ],
  }),
  item({
    key: 'transport-qualification',
    serial: '003',
    name: '经营性道路客货运输驾驶员从业资格证核发',
    nameEn: 'Qualification certificate for commercial road transport drivers',
    aliases: ['从业资格证', '货运资格证', '客运资格证', '办从业资格证', '换从业资格证', '补从业资格证'],
    type: 'administrativeLicence',
    departmentCode: 'JTYSJ',
    themes: ['transport', 'employment'],
    handlingItems: [
      ['01', '首次申领（考试合格后发证）'],
      ['02', '有效期届满换证'],
      ['03', '遗失、损毁补证', wd(1)],
    ],
    conditions: [
      '取得相应的机动车驾驶证：货运1年以上，客运3年以上',
      '年龄不超过60周岁',
      '3年内无重大以上交通责任事故',
      '首次申领的，经相关道路交通安全、运输法规和机动车维修、货物装载等知识考试合格',
    ],
    legalBasis: ['《中华人民共和国道路运输条例》第九条、第二十二条', '《道路运输从业人员管理规定》'],
    statutory: wd(10),
    promised: wd(5),
    visits: [1, '首次申领需到考试点参加从业资格考试'],
    scope: '跨省通办',
    results: [{ name: '中华人民共和国道路运输从业人员从业资格证', type: 'certificate', sample: '道路运输从业资格证（样本）.pdf', electronic: true }],
    situations: [{ id: 'vehicle-class', text: '从业类别', options: [{ id: 'passenger', label: '道路旅客运输驾驶员' }, { id: 'freight', label: '道路货物运输驾驶员' }] }],
    materials: [
      form('application', '道路运输从业人员从业资格申请表'),
      M.applicantId(),
      mat({
        id: 'driving-licence',
        name: '机动车驾驶证',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '公安机关交通管理部门',
        acceptanceStandard: '准驾车型与从业类别相符，驾龄符合要求，状态正常；系统调取成功的免于提交',
      }),
      M.idPhoto({ handlingItems: ['01', '02', '03'] }),
      mat({
        id: 'accident-record',
        name: '3年内无重大以上交通责任事故记录证明',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '公安机关交通管理部门',
        acceptanceStandard: '查询期间覆盖申请前3年，无重大以上交通责任事故记录',
        appliesWhen: [when('vehicle-class', 'passenger')],
      }),
      mat({
        id: 'old-certificate',
        name: '原从业资格证',
        forms: ['dataSharing', 'paper'],
        paperSize: 'other',
        source: 'government',
        issuingDepartment: '交通运输部门',
        acceptanceStandard: '持证人与申请人一致，换证的在有效期届满前30日内申请',
        handlingItems: ['02'],
      }),
      mat({
        id: 'continuing-education',
        name: '继续教育记录',
        forms: ['dataSharing'],
        source: 'government',
        issuingDepartment: '交通运输部门',
        acceptanceStandard: '有效期内按规定完成继续教育',
        handlingItems: ['02'],
      }),
    ],
  }),

  // ======================= 供水 / 供电 / 燃气 =======================
  item({
    key: 'water-transfer',
    serial: '001',
    name: '用水户名变更（供水过户）',
    nameEn: 'Transfer of a water supply account',
    aliases: ['水过户', '自来水过户', '水表过户', '改水费户名'],
    type: 'publicService',
    departmentCode: 'GSGS',
    themes: ['housing'],
    conditions: ['房屋权属已转移或正在办理转移登记', '原户名下水费已结清'],
    legalBasis: ['《城市供水条例》（国务院令第158号）'],
    statutory: wd(3),
    promised: immediate,
    visits: 0,
    online: true,
    results: [{ name: '用水户名变更确认单', type: 'other', sample: '用水户名变更确认单（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), Q.newOwnerHasCertificate()],
    materials: [
      form('application', '用水户名变更申请表'),
      M.applicantId({ name: '新户主居民身份证' }),
      M.propertyCertificate({ appliesWhen: [when('new-owner-has-certificate', 'yes')] }),
      M.houseSaleContract({ appliesWhen: [when('new-owner-has-certificate', 'no')] }),
      mat({
        id: 'bill-settled',
        name: '水费结清凭证',
        forms: ['electronic'],
        necessity: 'optional',
        acceptanceStandard: '截至抄表日无欠费；系统可查询的免于提交',
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'power-transfer',
    serial: '001',
    name: '用电更名过户',
    nameEn: 'Transfer of an electricity account',
    aliases: ['电过户', '电费过户', '电表过户', '用电过户'],
    type: 'publicService',
    departmentCode: 'GDGS',
    themes: ['housing'],
    conditions: ['房屋权属已转移或正在办理转移登记', '原户名下电费已结清', '用电地址、容量、类别不变'],
    legalBasis: ['《电力供应与使用条例》', '《供电营业规则》（国家发展和改革委员会令2024年第14号）'],
    statutory: wd(3),
    promised: immediate,
    visits: 0,
    online: true,
    results: [{ name: '用电更名过户确认单', type: 'other', sample: '用电更名过户确认单（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), Q.newOwnerHasCertificate()],
    materials: [
      form('application', '用电业务办理申请表（更名过户）'),
      M.applicantId({ name: '新户主居民身份证' }),
      M.propertyCertificate({ appliesWhen: [when('new-owner-has-certificate', 'yes')] }),
      M.houseSaleContract({ appliesWhen: [when('new-owner-has-certificate', 'no')] }),
      mat({
        id: 'supply-contract',
        name: '供用电合同（新签）',
        copies: 2,
        acceptanceStandard: '由新户主签名，户名与身份证件一致',
        blankForm: '居民供用电合同.docx',
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
  item({
    key: 'gas-transfer',
    serial: '001',
    name: '燃气用户更名过户',
    nameEn: 'Transfer of a gas account',
    aliases: ['燃气过户', '煤气过户', '天然气过户', '气表过户'],
    type: 'publicService',
    departmentCode: 'RQGS',
    themes: ['housing'],
    conditions: ['房屋权属已转移或正在办理转移登记', '原户名下燃气费已结清，燃气设施安全检查合格'],
    legalBasis: ['《城镇燃气管理条例》（国务院令第583号）'],
    statutory: wd(3),
    promised: wd(1),
    visits: 0,
    online: true,
    results: [{ name: '燃气用户更名过户确认单', type: 'other', sample: '燃气用户更名过户确认单（样本）.pdf', electronic: true }],
    situations: [Q.agentPerson(), Q.newOwnerHasCertificate()],
    materials: [
      form('application', '燃气用户更名过户申请表'),
      M.applicantId({ name: '新户主居民身份证' }),
      M.propertyCertificate({ appliesWhen: [when('new-owner-has-certificate', 'yes')] }),
      M.houseSaleContract({ appliesWhen: [when('new-owner-has-certificate', 'no')] }),
      mat({
        id: 'supply-contract',
        name: '供用气合同（新签）',
        copies: 2,
        acceptanceStandard: '由新户主签名，户名与身份证件一致',
        blankForm: '居民供用气合同.docx',
      }),
      M.poa(),
      M.agentId(),
    ],
  }),
];

// ---------------------------------------------------------------------------
// Bundles (一件事)
// ---------------------------------------------------------------------------

const byKey = Object.fromEntries(items.map((i) => [i.key, i.value]));
function ref(key, o = {}) {
  const it = byKey[key];
  if (!it) throw new Error(`bundle references unknown item ${key}`);
  const r = { basicCode: it.basicCode };
  if (o.handling) r.handlingItemCode = `${it.basicCode}-${o.handling}`;
  if (o.optional) r.optional = true;
  return r;
}

const bundles = [
  {
    id: 'start-business',
    name: '开办企业一件事',
    nameEn: 'Starting a business (one thing)',
    aliases: ['开公司', '办营业执照', '企业开办', '新办企业'],
    description: '一次申请，同步办理公司设立登记、公章刻制备案、涉税信息确认和发票领用、单位社保参保登记、住房公积金单位缴存登记，营业执照和印章一次领取。',
    themeIds: ['start-business'],
    items: [
      ref('llc-reg'),
      ref('seal-filing'),
      ref('tax-info-confirm'),
      ref('invoice-application', { handling: '01', optional: true }),
      ref('unit-ss-reg'),
      ref('hpf-unit-reg', { optional: true }),
    ],
  },
  {
    id: 'newborn',
    name: '新生儿出生一件事',
    nameEn: 'Birth of a child (one thing)',
    aliases: ['新生儿落户', '宝宝出生', '出生一件事', '新生儿办证'],
    description: '一次申请，联办出生医学证明、预防接种证、出生登记（落户）、城乡居民医保参保登记和社会保障卡申领。',
    themeIds: ['birth'],
    items: [
      ref('birth-medical-cert', { handling: '01' }),
      ref('vaccination-cert', { optional: true }),
      ref('birth-registration'),
      ref('resident-medical-ins'),
      ref('ss-card', { handling: '01' }),
    ],
  },
  {
    id: 'property-transfer-utilities',
    name: '二手房转移登记及水电气联动过户一件事',
    nameEn: 'Second-hand home transfer with utilities (one thing)',
    aliases: ['二手房过户', '房产过户', '水电气过户', '不动产登记+水电气'],
    description: '一窗提交契税申报、不动产转移登记与供水、供电、燃气过户申请，登簿后自动推送水电气企业办理过户。',
    themeIds: ['housing'],
    items: [
      ref('deed-tax'),
      ref('property-transfer', { handling: '01' }),
      ref('water-transfer'),
      ref('power-transfer'),
      ref('gas-transfer', { optional: true }),
    ],
  },
  {
    id: 'retirement',
    name: '退休一件事',
    nameEn: 'Retirement (one thing)',
    aliases: ['办退休', '退休手续', '退休联办'],
    description: '一次申请，联办职工退休（养老保险待遇核定）、职工医保退休人员待遇确认和住房公积金退休提取。',
    themeIds: ['retirement'],
    items: [ref('retirement'), ref('retiree-medical'), ref('hpf-retire', { optional: true })],
  },
  {
    id: 'company-closure',
    name: '企业注销一件事',
    nameEn: 'Closing a company (one thing)',
    aliases: ['注销公司', '公司注销', '企业注销'],
    description: '一次提交清税申报与公司注销登记，税务部门出具清税信息后市场监管部门即时办理注销。',
    themeIds: ['business-closure'],
    items: [ref('tax-deregistration', { handling: '02' }), ref('company-dereg', { handling: '01' })],
  },
  {
    id: 'unemployment',
    name: '失业一件事',
    nameEn: 'Unemployment (one thing)',
    aliases: ['失业了', '领失业金', '失业登记'],
    description: '一次申请，联办失业登记、失业保险金申领，并可同步办理灵活就业人员参保登记。',
    themeIds: ['employment'],
    items: [ref('unemployment-reg'), ref('unemployment-benefit'), ref('flex-insurance', { optional: true })],
  },
];

// ---------------------------------------------------------------------------
// Assemble, self-check, write
// ---------------------------------------------------------------------------

const catalog = {
  schemaVersion: 1,
  version: '2026.11.1',
  effectiveDate: '2026-11-01',
  publisher: '示例市政务服务管理办公室（示例数据）',
  sampleData: true,
  departments: departments.map(({ code, name, nameEn, shortName }) => ({ code, name, nameEn, shortName })),
  themes,
  items: items.map((i) => i.value),
  bundles,
};

/** The data-quality rules of the brief, checked here so a bad edit fails the build. */
function selfCheck(c) {
  const errs = [];
  const dup = (arr, what) => {
    const seen = new Set();
    for (const x of arr) {
      if (seen.has(x)) errs.push(`duplicate ${what}: ${x}`);
      seen.add(x);
    }
  };
  const days = (l) => (l.kind === 'immediate' ? 0 : l.days);
  dup(c.departments.map((d) => d.code), 'department code');
  dup(c.themes.map((t) => t.id), 'theme id');
  dup(c.items.map((i) => i.basicCode), 'basicCode');
  dup(c.items.flatMap((i) => i.handlingItems.map((h) => h.code)), 'handling item code');
  dup(c.bundles.map((b) => b.id), 'bundle id');
  const deptCodes = new Set(c.departments.map((d) => d.code));
  const themeIds = new Set(c.themes.map((t) => t.id));
  const usedDepts = new Set();
  for (const it of c.items) {
    const p = `${it.basicCode} ${it.name}`;
    if (!/^\d{12}$/.test(it.basicCode)) errs.push(`${p}: basicCode not 12 digits`);
    if (!deptCodes.has(it.departmentCode)) errs.push(`${p}: unknown department`);
    usedDepts.add(it.departmentCode);
    for (const d of it.coHandlingDepartmentCodes) {
      if (!deptCodes.has(d)) errs.push(`${p}: unknown co-handling ${d}`);
      if (d === it.departmentCode) errs.push(`${p}: co-handling equals implementing department`);
    }
    for (const t of it.themeIds) if (!themeIds.has(t)) errs.push(`${p}: unknown theme ${t}`);
    if ((it.promisedLimit.kind === 'immediate') !== (it.caseType === 'immediate')) errs.push(`${p}: 即办 ⇔ 即办件`);
    if (days(it.promisedLimit) > days(it.statutoryLimit)) errs.push(`${p}: promised > statutory`);
    for (const h of it.handlingItems) {
      if (h.code.length > 36) errs.push(`${p}: handling code too long`);
      if (h.promisedLimit && days(h.promisedLimit) > days(it.statutoryLimit)) errs.push(`${p}: ${h.code} promised > statutory`);
      if (h.promisedLimit && h.promisedLimit.kind === 'immediate' && it.caseType !== 'immediate') errs.push(`${p}: ${h.code} 即办 on a 承诺件`);
    }
    if (it.onSiteVisits.count !== 0 && !it.onSiteVisits.reason) errs.push(`${p}: visits without reason`);
    if (it.fee.charged && (!it.fee.basis || it.fee.items.length === 0)) errs.push(`${p}: fee without basis/items`);
    for (const r of it.results) if (!r.sample) errs.push(`${p}: result ${r.name} without sample`);
    if (JSON.stringify(it.fee).includes('"无"')) errs.push(`${p}: fee text 无`);
    if (it.materials.length < 3 || it.materials.length > 9) errs.push(`${p}: ${it.materials.length} materials (want 3–9)`);
    dup(it.materials.map((m) => `${p}/${m.id}`), 'material id');
    dup(it.situations.map((q) => `${p}/${q.id}`), 'question id');
    const hcodes = new Set(it.handlingItems.map((h) => h.code));
    const qIndex = new Map(it.situations.map((q, i) => [q.id, i]));
    const checkCond = (cond, where, before) => {
      const qi = qIndex.get(cond.questionId);
      if (qi === undefined) return errs.push(`${p}: ${where} references unknown question ${cond.questionId}`);
      if (before !== undefined && qi >= before) errs.push(`${p}: ${where} askWhen references itself or a later question`);
      const opts = new Set(it.situations[qi].options.map((o) => o.id));
      for (const o of cond.optionIds) if (!opts.has(o)) errs.push(`${p}: ${where} references unknown option ${cond.questionId}=${o}`);
    };
    const referenced = new Set();
    it.situations.forEach((q, i) => {
      dup(q.options.map((o) => `${p}/${q.id}/${o.id}`), 'option id');
      for (const cond of q.askWhen) {
        checkCond(cond, `question ${q.id}`, i);
        referenced.add(cond.questionId);
      }
    });
    for (const m of it.materials) {
      for (const cond of m.appliesWhen ?? []) {
        checkCond(cond, `material ${m.id}`);
        referenced.add(cond.questionId);
      }
      for (const h of m.handlingItems ?? []) if (!hcodes.has(h)) errs.push(`${p}: material ${m.id} handling item ${h} not in item`);
      if (m.forms.includes('dataSharing') && m.source !== 'government') errs.push(`${p}: ${m.id} dataSharing from non-government`);
      const onlyShared = m.forms.length === 1 && m.forms[0] === 'dataSharing';
      if (m.copies === 0 && !onlyShared) errs.push(`${p}: ${m.id} copies 0`);
      if (m.source === 'government' && !m.issuingDepartment) errs.push(`${p}: ${m.id} government source without issuing department`);
      if (m.necessity === 'deferrable' && (m.id === 'application' || m.sharedMaterialId === 'applicant-id-card')) errs.push(`${p}: ${m.id} may not be deferrable`);
    }
    for (const q of it.situations) if (!referenced.has(q.id)) errs.push(`${p}: question ${q.id} has no effect`);
  }
  for (const d of deptCodes) if (!usedDepts.has(d)) errs.push(`department ${d} implements no item`);
  const itemByCode = new Map(c.items.map((i) => [i.basicCode, i]));
  for (const b of c.bundles) {
    for (const t of b.themeIds) if (!themeIds.has(t)) errs.push(`bundle ${b.id}: unknown theme ${t}`);
    for (const r of b.items) {
      const it = itemByCode.get(r.basicCode);
      if (!it) errs.push(`bundle ${b.id}: unknown item ${r.basicCode}`);
      else if (r.handlingItemCode && !it.handlingItems.some((h) => h.code === r.handlingItemCode)) errs.push(`bundle ${b.id}: ${r.handlingItemCode} not in ${r.basicCode}`);
    }
    // a shared question must have the same options wherever it is asked within the bundle
    const shared = new Map();
    for (const r of b.items) {
      for (const q of itemByCode.get(r.basicCode)?.situations ?? []) {
        if (!q.sharedQuestionId) continue;
        const sig = q.options.map((o) => o.id).join('|');
        if (shared.has(q.sharedQuestionId) && shared.get(q.sharedQuestionId) !== sig) errs.push(`bundle ${b.id}: shared question ${q.sharedQuestionId} has different options`);
        shared.set(q.sharedQuestionId, sig);
      }
    }
  }
  // same sharedMaterialId ⇒ same source (one document)
  const srcOf = new Map();
  for (const it of c.items)
    for (const m of it.materials) {
      if (!m.sharedMaterialId) continue;
      const prev = srcOf.get(m.sharedMaterialId);
      if (prev && prev !== m.source) errs.push(`sharedMaterialId ${m.sharedMaterialId} has different sources`);
      srcOf.set(m.sharedMaterialId, m.source);
    }
  return errs;
}

// ---------------------------------------------------------------------------
// Data sharing (一数一源): the 电子证照目录, the materials a licence can stand in for (and whose),
// and the results a 办结 issues as licences (docs/data-sharing-window.md). Codes as the service's
// registry names them.
// ---------------------------------------------------------------------------

const BUSINESS_LICENCE_ITEMS = ['330001003000', '330001004000', '330001005000', '330001006000', '330002007000', '330003006000', '330007003000', '330008001000', '330008002000', '330008005000', '330009005000', '330010001000', '330010002000'];
const HOUSEHOLD_REGISTER_ITEMS = ['330001001000', '330002001000', '330002002000', '330002003000', '330002004000', '330003001000', '330004001000', '330006004000', '330006005000'];
const MARRIAGE_CERTIFICATE_ITEMS = ['330002003000', '330002004000', '330006002000', '330009001000', '330009004000'];

function linkLicence(basicCode, materialId, typeCode, holder) {
  const m = catalog.items.find((i) => i.basicCode === basicCode)?.materials.find((x) => x.id === materialId);
  if (!m) throw new Error(`no material ${basicCode}/${materialId} to link ${typeCode}`);
  (m.licences ??= []).push({ typeCode, holder });
}
function issueLicence(basicCode, resultName, typeCode) {
  const r = catalog.items.find((i) => i.basicCode === basicCode)?.results.find((x) => x.name === resultName);
  if (!r) throw new Error(`no result ${basicCode}/${resultName} to issue ${typeCode}`);
  r.licenceTypeCode = typeCode;
}
for (const code of BUSINESS_LICENCE_ITEMS) linkLicence(code, 'business-licence', 'business-licence', 'organisation');
for (const code of HOUSEHOLD_REGISTER_ITEMS) linkLicence(code, 'household-register', 'household-register', 'applicant');
for (const code of MARRIAGE_CERTIFICATE_ITEMS) linkLicence(code, 'marriage-certificate', 'marriage-certificate', 'applicant');
for (const it of catalog.items)
  for (const m of it.materials) if (m.id === 'property-certificate' && m.forms.includes('dataSharing')) linkLicence(it.basicCode, m.id, 'real-estate-certificate', 'property');
linkLicence('330001005000', 'original-licence', 'food-business-licence', 'organisation');
issueLicence('330001001000', '营业执照（个体工商户）', 'business-licence');
issueLicence('330001002000', '营业执照', 'business-licence');
issueLicence('330001003000', '营业执照（换发）', 'business-licence');
issueLicence('330001005000', '食品经营许可证', 'food-business-licence');
issueLicence('330006001000', '结婚证', 'marriage-certificate');
issueLicence('330002001000', '中华人民共和国居民身份证', 'resident-id-card');
catalog.licenceTypes = [
  { code: 'business-licence', name: '营业执照', nameEn: 'Business licence', issuingDepartmentCode: 'SCJGJ', holderIdType: 'uscc' },
  { code: 'food-business-licence', name: '食品经营许可证', nameEn: 'Food business licence', issuingDepartmentCode: 'SCJGJ', holderIdType: 'uscc' },
  { code: 'resident-id-card', name: '居民身份证', nameEn: 'Resident identity card', issuingDepartmentCode: 'GAJ', holderIdType: 'residentId' },
  { code: 'household-register', name: '居民户口簿', nameEn: 'Household register', issuingDepartmentCode: 'GAJ', holderIdType: 'residentId' },
  { code: 'marriage-certificate', name: '结婚证', nameEn: 'Marriage certificate', issuingDepartmentCode: 'MZJ', holderIdType: 'residentId' },
  { code: 'real-estate-certificate', name: '不动产权证书', nameEn: 'Real estate title certificate', issuingDepartmentCode: 'BDCDJZX', holderIdType: 'property' },
];

const errors = selfCheck(catalog);
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(catalog, null, 2) + '\n', 'utf8');
console.log(
  `wrote ${outFile}: ${catalog.items.length} items, ${catalog.departments.length} departments, ${catalog.themes.length} themes, ${catalog.bundles.length} bundles`,
);
