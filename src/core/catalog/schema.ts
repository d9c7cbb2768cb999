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
] as const;
export const ItemType = z.enum(itemTypes);
export type ItemType = z.infer<typeof ItemType>;

/** 法定/承诺办结时限: working days (行政许可法 Art. 82), or 即办 (same day). */
export const TimeLimit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('immediate') }), // 即办
  z.strictObject({ kind: z.literal('workingDays'), days: z.number().int().positive().max(365) }),
]);
export type TimeLimit = z.infer<typeof TimeLimit>;

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

/** 业务办理项: the smallest unit (新设 / 变更 / 延续 / 注销 …). */
export const HandlingItem = z.strictObject({
  code: z.string().trim().min(1).max(36), // 实施编码 (up to 36 chars)
  name: nonEmpty,
  promisedLimit: TimeLimit.optional(), // overrides the item's when set
});
export type HandlingItem = z.infer<typeof HandlingItem>;

export const Fee = z.discriminatedUnion('charged', [
  z.strictObject({ charged: z.literal(false) }), // shown as 不收费 — never 无
  z.strictObject({
    charged: z.literal(true),
    basis: z.string().trim(), // 收费依据 (quality rule: required)
    items: z.array(z.strictObject({ name: nonEmpty, amount: nonEmpty })), // 收费项目与标准
  }),
]);
export type Fee = z.infer<typeof Fee>;

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

export const Item = z.strictObject({
  basicCode: z.string().trim().min(1).max(12), // 基本编码 (12 chars in the national list)
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
});
export type Item = z.infer<typeof Item>;

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
