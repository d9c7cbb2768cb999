/**
 * The code sets of the national implementation-list exchange (政务服务平台基础数据规范, 事项管理
 * data set) that the import reads, each mapped to the catalog's value. A code outside its set is
 * reported with its path, never guessed. The tables are written out in docs/catalog-format.md.
 */
import type { ItemType, SigningRequirement, UseLevel } from '../schema';

/** 事项类型 (task_type). */
export const TASK_TYPE: Readonly<Record<string, ItemType>> = {
  '01': 'administrativeLicence', // 行政许可
  '02': 'administrativePenalty', // 行政处罚
  '03': 'administrativeCoercion', // 行政强制
  '04': 'administrativeLevy', // 行政征收
  '05': 'administrativeBenefit', // 行政给付
  '06': 'administrativeInspection', // 行政检查
  '07': 'administrativeConfirmation', // 行政确认
  '08': 'administrativeAward', // 行政奖励
  '09': 'administrativeAdjudication', // 行政裁决
  '10': 'otherAdministrativePower', // 其他行政权力
  '11': 'administrativeFiling', // 行政备案
  '20': 'publicService', // 公共服务
};

/** 行使层级 (use_level). */
export const USE_LEVEL: Readonly<Record<string, UseLevel>> = {
  '1': 'national', // 国家级
  '2': 'provincial', // 省级
  '3': 'municipal', // 市级
  '4': 'county', // 县级
  '5': 'township', // 镇（乡、街道）级
  '6': 'village', // 村（社区）级
};

/** 时限单位 (anticipate_type, promise_type, special_date_type). */
export const LIMIT_UNIT: Readonly<Record<string, 'workingDays' | 'calendarDays' | 'immediate'>> = {
  '1': 'workingDays', // 工作日
  '2': 'calendarDays', // 自然日
  '4': 'immediate', // 当场（即办）
};
/** The day count platforms use for 无法定时限 (no statutory limit). */
export const NO_LIMIT_DAYS = 500;

/** 办件类型 (project_type). */
export const PROJECT_TYPE: Readonly<Record<string, 'immediate' | 'promised'>> = { '1': 'immediate', '2': 'promised' };

/** 服务对象 (serve_type), several joined by , or ;. */
export const SERVE_TYPE = {
  '1': 'person', // 自然人
  '2': 'enterprise', // 企业法人
  '3': 'institution', // 事业法人
  '4': 'socialOrganisation', // 社会组织法人
  '5': 'unincorporated', // 非法人企业
  '6': 'government', // 行政机关
  '9': 'other', // 其他组织
} as const;

/** 办理形式 (handle_type), several joined by , or ;: 网上办理 makes the item online. */
export const HANDLE_TYPE: Readonly<Record<string, 'window' | 'online' | 'post'>> = { '1': 'window', '2': 'online', '3': 'post' };

/** 审批结果类型 (result_type). */
export const RESULT_TYPE: Readonly<Record<string, 'licence' | 'approvalDocument' | 'certificate' | 'filingReceipt' | 'other'>> = {
  '10': 'licence', // 证照
  '20': 'approvalDocument', // 批文
  '30': 'certificate', // 证明
  '40': 'filingReceipt', // 备案回执
  '99': 'other', // 其他
};

/** 材料类型 (material_type). 原件和复印件 = the original is seen and the copy kept. */
export const MATERIAL_TYPE: Readonly<Record<string, 'original' | 'copy' | 'originalOrCopy' | 'originalAndCopy'>> = {
  '1': 'original', // 原件
  '2': 'copy', // 复印件
  '3': 'originalAndCopy', // 原件和复印件
  '4': 'originalOrCopy', // 原件或复印件
};

/** 材料形式 (material_form). */
export const MATERIAL_FORM: Readonly<Record<string, readonly ('paper' | 'electronic')[]>> = {
  '1': ['paper'], // 纸质
  '2': ['electronic'], // 电子
  '3': ['paper', 'electronic'], // 纸质和电子
};

/** 必要性 (is_need). */
export const IS_NEED: Readonly<Record<string, 'required' | 'optional' | 'deferrable'>> = {
  '1': 'required', // 必要
  '0': 'optional', // 非必要
  '2': 'deferrable', // 容缺后补
};

/** 来源渠道 (source_type). 其他 keeps its explanation as the source note. */
export const SOURCE_TYPE: Readonly<Record<string, 'applicant' | 'government' | 'other'>> = {
  '1': 'applicant', // 申请人自备
  '2': 'government', // 政府部门核发
  '3': 'other', // 其他
};

/** 纸质规格 (page_format). */
export const PAGE_FORMAT: Readonly<Record<string, 'A4' | 'A3' | 'other'>> = { '1': 'A4', '2': 'A3', '9': 'other', A4: 'A4', A3: 'A3' };

/** 是 / 否 flags (is_fee, is_online_handle, is_generate_ecert, is_reduce). */
export const YES_NO: Readonly<Record<string, boolean>> = { '1': true, '0': false, Y: true, N: false, 是: true, 否: false };

/**
 * 签字盖章要求 (sign_ask) is free text: the requirements it names. 复印件盖“与原件无异”章 is told
 * apart from a plain 公章 so the window checks the right stamp.
 */
export function signingRequirementsOf(text: string): SigningRequirement[] {
  const t = text.normalize('NFKC');
  const out: SigningRequirement[] = [];
  if (/签字|签名|亲笔/.test(t)) out.push('signature');
  if (/手印|指印|捺印/.test(t)) out.push('fingerprint');
  if (/与原件(无异|一致|相符)/.test(t)) out.push('copyCertified');
  if (/公章|单位印章|单位盖章|加盖.{0,6}章/.test(t.replace(/与原件(无异|一致|相符).{0,3}章/g, ''))) out.push('officialSeal');
  return out;
}
