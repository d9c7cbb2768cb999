/**
 * The item catalog (政务服务事项实施清单 / 办事指南), modelled on the national
 * implementation-list elements (GB/T 39554.1-2020 coding).
 *
 * Structure only lives here (zod). Cross-field data-quality rules — the ones a
 * catalog office checks before publishing — live in ./quality.ts, so that a
 * structural error and a quality error both come back as `path: reason`.
 */
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** 事项类型 */
export const itemTypes = [
  'administrativeLicence', // 行政许可
  'administrativeConfirmation', // 行政确认
  'administrativeBenefit', // 行政给付
  'administrativeAward', // 行政奖励
  'administrativeAdjudication', // 行政裁决
  'administrativeFiling', // 行政备案
  'otherAdministrativePower', // 其他行政权力
  'publicService', // 公共服务
  // The other kinds of power of the national implementation lists (the window rarely takes
  // them in, but a province's list carries them and a catalog must hold the whole list).
  'administrativeLevy', // 行政征收
  'administrativePenalty', // 行政处罚
  'administrativeCoercion', // 行政强制
  'administrativeInspection', // 行政检查
] as const;
export const ItemType = z.enum(itemTypes);
export type ItemType = z.infer<typeof ItemType>;

/** 时限说明: the list's own words about a limit (what counts, what stops the clock). */
const limitExplanation = z.string().trim().min(1).optional();

/**
 * 法定/承诺办结时限, with its unit: working days (行政许可法 Art. 82), calendar days (自然日 —
 * e.g. the 60 days of the 居民身份证法), 即办 (same day), or `none` — no statutory limit
 * (无法定办结时限; only meaningful as a statutory limit). `explanation` = 时限说明.
 */
export const TimeLimit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('immediate'), explanation: limitExplanation }), // 即办
  z.strictObject({ kind: z.literal('workingDays'), days: z.number().int().positive().max(365), explanation: limitExplanation }),
  z.strictObject({ kind: z.literal('calendarDays'), days: z.number().int().positive().max(730), explanation: limitExplanation }), // 自然日
  z.strictObject({ kind: z.literal('none'), explanation: limitExplanation }), // 无法定时限
]);
export type TimeLimit = z.infer<typeof TimeLimit>;
/** A limit that counts days (working or calendar). */
export type CountedLimit = Extract<TimeLimit, { days: number }>;

/**
 * 特别程序 (机构评审, 听证, 检验检测, 专家评审 …): time not counted in the limit, which the applicant
 * must be told of — printed on the acceptance notice.
 */
export const SpecialProcedure = z.strictObject({
  name: nonEmpty, // 特别程序名称
  days: z.number().int().min(0).max(3650).optional(), // 时限 (absent: 视情况而定)
  unit: z.enum(['workingDays', 'calendarDays']).default('workingDays'),
  description: z.string().trim().optional(), // 特别程序说明
});
export type SpecialProcedure = z.infer<typeof SpecialProcedure>;

/** 签字盖章要求: what the window checks on the paper. */
export const SigningRequirement = z.enum([
  'signature', // 申请人签字（签名）
  'fingerprint', // 按手印
  'officialSeal', // 加盖公章（单位印章）
  'copyCertified', // 复印件加盖“与原件无异（一致）”章
]);
export type SigningRequirement = z.infer<typeof SigningRequirement>;

/** 办件类型 */
export const CaseType = z.enum(['immediate', 'promised']); // 即办件 / 承诺件
export type CaseType = z.infer<typeof CaseType>;

/** 材料类型 */
export const MaterialType = z.enum(['original', 'copy', 'originalOrCopy']); // 原件 / 复印件 / 原件或复印件
/** 材料形式; `dataSharing` = 系统调取、免提交 (State Council Decree 716). */
export const MaterialForm = z.enum(['paper', 'electronic', 'scan', 'dataSharing']);
/** 必要性: 必要 / 非必要 / 容缺后补 */
export const Necessity = z.enum(['required', 'optional', 'deferrable']);
/** 来源渠道: 申请人自备 / 政府部门核发 */
export const MaterialSource = z.enum(['applicant', 'government']);
export const PaperSize = z.enum(['A4', 'A3', 'other']);

/**
 * A material applies when every condition holds; a condition holds when the
 * answer to `questionId` is one of `optionIds`. No conditions = always applies.
 */
/**
 * A licence that can stand in for a material (data sharing, 免提交): which licence type
 * (a code of the catalog's 电子证照目录) and whose it must be.
 */
export const MaterialLicence = z.strictObject({
  typeCode: nonEmpty, // 证照类型代码
  holder: z.enum(['applicant', 'agent', 'organisation', 'property']), // 持证主体
});
export type MaterialLicence = z.infer<typeof MaterialLicence>;

export const Condition = z.strictObject({
  questionId: nonEmpty,
  optionIds: z.array(nonEmpty).min(1),
});
export type Condition = z.infer<typeof Condition>;

export const Material = z.strictObject({
  id: nonEmpty, // unique within the item
  /** Same id across items/bundles = the same document; a bundle collects it once (一套材料). */
  sharedMaterialId: nonEmpty.optional(),
  name: nonEmpty, // 材料名称
  type: MaterialType, // 材料类型
  forms: z.array(MaterialForm).min(1), // 材料形式
  copies: z.number().int().min(0).max(99), // 份数 (0 only when fetched by data sharing)
  paperSize: PaperSize.optional(), // 纸质规格
  necessity: Necessity, // 必要性
  source: MaterialSource, // 来源渠道
  issuingDepartment: nonEmpty.optional(), // 出具单位 when source = government
  acceptanceStandard: nonEmpty, // 受理标准
  legalBasis: nonEmpty.optional(), // 要求提供材料的依据
  blankForm: nonEmpty.optional(), // 空白表格 (reference / file name)
  sample: nonEmpty.optional(), // 示例样表
  fillingNotes: nonEmpty.optional(), // 填报须知
  remarks: nonEmpty.optional(), // 备注
  appliesWhen: z.array(Condition).default([]), // 情形 that make it apply
  /** Handling items (业务办理项 codes) it belongs to; empty = all of the item's. */
  handlingItems: z.array(nonEmpty).default([]),
  /** Licences the window may fetch instead of paper (valid on the intake date, holder matching). */
  licences: z.array(MaterialLicence).optional(),
  /** 原件份数 / 复印件份数 as the list gives them separately (`copies` stays the total taken in). */
  originalCount: z.number().int().min(0).max(99).optional(),
  copyCount: z.number().int().min(0).max(99).optional(),
  pageCount: z.number().int().min(0).max(9999).optional(), // 页数
  signing: z.array(SigningRequirement).optional(), // 签字盖章要求
  signingNote: z.string().trim().min(1).optional(), // the list's own words (签字盖章要求原文)
  sourceNote: z.string().trim().min(1).optional(), // 来源渠道说明
});
export type Material = z.infer<typeof Material>;

export const SituationOption = z.strictObject({ id: nonEmpty, label: nonEmpty });
/** 情形 as a question with options (情形引导). */
export const SituationQuestion = z.strictObject({
  id: nonEmpty, // unique within the item
  /** Same id across the items of a bundle = asked once for the bundle. */
  sharedQuestionId: nonEmpty.optional(),
  text: nonEmpty,
  help: nonEmpty.optional(),
  options: z.array(SituationOption).min(2),
  /** Asked only when these hold (a follow-up question). */
  askWhen: z.array(Condition).default([]),
});
export type SituationQuestion = z.infer<typeof SituationQuestion>;

export const Fee = z.discriminatedUnion('charged', [
  z.strictObject({ charged: z.literal(false) }), // shown as 不收费 — never 无
  z.strictObject({
    charged: z.literal(true),
    basis: z.string().trim(), // 收费依据 (quality rule: required)
    items: z.array(
      z.strictObject({
        name: nonEmpty,
        amount: nonEmpty,
        basis: z.string().trim().min(1).optional(), // 该项收费依据 when it differs
        reduction: z.string().trim().min(1).optional(), // 减免政策
      }),
    ), // 收费项目与标准
    reductions: z.array(nonEmpty).optional(), // 减免情形
  }),
]);
export type Fee = z.infer<typeof Fee>;

/** 业务办理项: the smallest unit (新设 / 变更 / 延续 / 注销 …). */
export const HandlingItem = z.strictObject({
  code: z.string().trim().min(1).max(36), // 实施编码 (up to 36 chars)
  name: nonEmpty,
  promisedLimit: TimeLimit.optional(), // overrides the item's when set
  /** Basic information that differs for this handling item (overrides the item's when set). */
  fee: Fee.optional(),
  location: z.string().trim().min(1).optional(),
  hours: z.string().trim().min(1).optional(),
  acceptanceConditions: z.array(nonEmpty).optional(),
});
export type HandlingItem = z.infer<typeof HandlingItem>;


export const ResultDocument = z.strictObject({
  name: nonEmpty, // 审批结果名称
  type: z.enum(['licence', 'certificate', 'approvalDocument', 'filingReceipt', 'other']), // 审批结果类型
  sample: z.string().trim().optional(), // 审批结果样本 (quality rule: required)
  electronic: z.boolean().default(false), // 电子证照
  /** The licence type a 办结 issues as an electronic licence (a code of the catalog's licence types). */
  licenceTypeCode: nonEmpty.optional(),
});

/** Item-specific field for the intake's dynamic form (declared by the catalog). */
export const ItemField = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: nonEmpty,
  kind: z.enum(['text', 'textarea', 'number', 'date', 'select']),
  required: z.boolean().default(false),
  options: z.array(nonEmpty).optional(), // for select
  pattern: z.string().optional(), // regex for text
  patternMessage: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  help: z.string().optional(),
});
export type ItemField = z.infer<typeof ItemField>;

/** 行使层级 */
export const UseLevel = z.enum(['national', 'provincial', 'municipal', 'county', 'township', 'village']);
export type UseLevel = z.infer<typeof UseLevel>;
/** 服务对象 */
export const ServiceObject = z.enum(['person', 'enterprise', 'institution', 'socialOrganisation', 'unincorporated', 'government', 'other']);

export const Item = z.strictObject({
  basicCode: z.string().trim().min(1).max(12), // 基本编码 (12 chars in the national list)
  /**
   * 实施编码: one per implementing department and level; what identifies the item. Absent in
   * catalogs written before it existed: then the basic code stands for it (implementationCodeOf).
   */
  implementationCode: z.string().trim().min(1).max(64).optional(),
  level: UseLevel.optional(), // 行使层级
  acceptingOffice: z.string().trim().min(1).optional(), // 受理机构 when not the department itself
  serviceObjects: z.array(ServiceObject).optional(), // 服务对象
  name: nonEmpty, // 事项名称
  nameEn: nonEmpty.optional(),
  aliases: z.array(nonEmpty).default([]), // what applicants call it (俗称)
  type: ItemType,
  departmentCode: nonEmpty, // 实施主体
  coHandlingDepartmentCodes: z.array(nonEmpty).default([]), // 联办机构
  themeIds: z.array(nonEmpty).default([]), // life / business themes
  handlingItems: z.array(HandlingItem).min(1), // 业务办理项
  acceptanceConditions: z.array(nonEmpty).min(1), // 受理条件
  legalBasis: z.array(nonEmpty).min(1), // 设定依据
  statutoryLimit: TimeLimit, // 法定办结时限
  promisedLimit: TimeLimit, // 承诺办结时限
  specialProcedures: z.array(SpecialProcedure).optional(), // 特别程序 (not counted in the limits)
  caseType: CaseType, // 办件类型
  fee: Fee, // 是否收费 + 收费依据
  onSiteVisits: z.strictObject({ count: z.number().int().min(0).max(10), reason: z.string().trim().optional() }), // 到办事现场次数
  results: z.array(ResultDocument).default([]), // 审批结果
  online: z.boolean().default(false), // 是否网办
  serviceScope: z.string().trim().optional(), // 通办范围
  location: z.string().trim().optional(), // 办理地点
  hours: z.string().trim().optional(), // 办理时间
  consultPhone: z.string().trim().optional(), // 咨询方式
  complaintPhone: z.string().trim().optional(), // 投诉方式
  situations: z.array(SituationQuestion).default([]),
  materials: z.array(Material).min(1),
  fields: z.array(ItemField).default([]),
  faqs: z.array(z.strictObject({ question: nonEmpty, answer: nonEmpty })).optional(), // 常见问题
});
export type Item = z.infer<typeof Item>;

/** The item's implementation code; the basic code for an item of a catalog written before 实施编码 existed. */
export function implementationCodeOf(item: Pick<Item, 'basicCode' | 'implementationCode'>): string {
  return item.implementationCode ?? item.basicCode;
}

export const Department = z.strictObject({
  code: nonEmpty, // 实施主体编码
  name: nonEmpty,
  nameEn: nonEmpty.optional(),
  shortName: nonEmpty.optional(),
});
export type Department = z.infer<typeof Department>;

export const Theme = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  nameEn: nonEmpty.optional(),
  audience: z.enum(['person', 'business']), // 个人 / 法人 themes
});
export type Theme = z.infer<typeof Theme>;

/** 一件事: several items of several departments taken in as one. */
export const Bundle = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  nameEn: nonEmpty.optional(),
  aliases: z.array(nonEmpty).default([]),
  description: nonEmpty,
  themeIds: z.array(nonEmpty).default([]),
  items: z
    .array(
      z.strictObject({
        basicCode: nonEmpty,
        /** Which implementation when several departments implement the basic code. */
        implementationCode: nonEmpty.optional(),
        handlingItemCode: nonEmpty.optional(),
        optional: z.boolean().default(false), // the clerk may drop it for this applicant
      }),
    )
    .min(2),
});
export type Bundle = z.infer<typeof Bundle>;

export const CATALOG_SCHEMA_VERSION = 1;

/** 电子证照目录: a licence type the centre's registry knows. */
export const LicenceType = z.strictObject({
  code: nonEmpty, // 证照类型代码
  name: nonEmpty, // 证照名称
  nameEn: nonEmpty.optional(),
  issuingDepartmentCode: nonEmpty, // 发证部门
  holderIdType: z.enum(['residentId', 'uscc', 'property']), // how its holder is identified
});
export type LicenceType = z.infer<typeof LicenceType>;

export const Catalog = z.strictObject({
  schemaVersion: z.literal(CATALOG_SCHEMA_VERSION),
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d{1,3}$/, 'expected YYYY.M.N, e.g. 2026.11.1'),
  effectiveDate: isoDate,
  publisher: nonEmpty, // the catalog office that published it
  sampleData: z.boolean().default(false),
  departments: z.array(Department).min(1),
  themes: z.array(Theme).default([]),
  items: z.array(Item).min(1),
  bundles: z.array(Bundle).default([]),
  licenceTypes: z.array(LicenceType).optional(),
});
export type Catalog = z.infer<typeof Catalog>;
export type CatalogInput = z.input<typeof Catalog>;
