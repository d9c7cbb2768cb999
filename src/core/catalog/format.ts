/**
 * Display helpers for catalog values, in both UI languages. Pure: no i18next here,
 * so the same texts serve the UI, printed notices and the catalog diff.
 */
import type { Locale, Localized } from '../i18n';
import type { Fee, Item, ItemField, ItemType, Material, SpecialProcedure, TimeLimit, Theme, CaseType } from './schema';

export type MaterialTypeValue = Material['type'];
export type MaterialFormValue = Material['forms'][number];
export type NecessityValue = Material['necessity'];
export type MaterialSourceValue = Material['source'];
export type PaperSizeValue = NonNullable<Material['paperSize']>;
export type ResultTypeValue = Item['results'][number]['type'];
export type ThemeAudienceValue = Theme['audience'];
export type FieldKindValue = ItemField['kind'];

export interface CatalogLabels {
  itemType: Record<ItemType, string>;
  materialType: Record<MaterialTypeValue, string>;
  materialForm: Record<MaterialFormValue, string>;
  necessity: Record<NecessityValue, string>;
  materialSource: Record<MaterialSourceValue, string>;
  caseType: Record<CaseType, string>;
  resultType: Record<ResultTypeValue, string>;
  paperSize: Record<PaperSizeValue, string>;
  themeAudience: Record<ThemeAudienceValue, string>;
  fieldKind: Record<FieldKindValue, string>;
}

/** Labels for the catalog's enumerations, keyed by locale: `labels['zh-CN'].necessity.deferrable` = 容缺后补. */
export const labels: Record<Locale, CatalogLabels> = {
  'zh-CN': {
    itemType: {
      administrativeLicence: '行政许可',
      administrativeConfirmation: '行政确认',
      administrativeBenefit: '行政给付',
      administrativeAward: '行政奖励',
      administrativeAdjudication: '行政裁决',
      administrativeFiling: '行政备案',
      otherAdministrativePower: '其他行政权力',
      publicService: '公共服务',
      administrativeLevy: '行政征收',
      administrativePenalty: '行政处罚',
      administrativeCoercion: '行政强制',
      administrativeInspection: '行政检查',
    },
    materialType: { original: '原件', copy: '复印件', originalOrCopy: '原件或复印件' },
    materialForm: { paper: '纸质', electronic: '电子', scan: '扫描件', dataSharing: '系统调取（免提交）' },
    necessity: { required: '必要', optional: '非必要', deferrable: '容缺后补' },
    materialSource: { applicant: '申请人自备', government: '政府部门核发' },
    caseType: { immediate: '即办件', promised: '承诺件' },
    resultType: {
      licence: '证照',
      certificate: '证明',
      approvalDocument: '批准文书',
      filingReceipt: '备案回执',
      other: '其他',
    },
    paperSize: { A4: 'A4', A3: 'A3', other: '其他' },
    themeAudience: { person: '个人', business: '法人' },
    fieldKind: { text: '文本', textarea: '多行文本', number: '数字', date: '日期', select: '选择' },
  },
  'en-US': {
    itemType: {
      administrativeLicence: 'Administrative licence',
      administrativeConfirmation: 'Administrative confirmation',
      administrativeBenefit: 'Administrative benefit',
      administrativeAward: 'Administrative award',
      administrativeAdjudication: 'Administrative adjudication',
      administrativeFiling: 'Administrative filing',
      otherAdministrativePower: 'Other administrative power',
      publicService: 'Public service',
      administrativeLevy: 'Administrative levy',
      administrativePenalty: 'Administrative penalty',
      administrativeCoercion: 'Administrative coercion',
      administrativeInspection: 'Administrative inspection',
    },
    materialType: { original: 'Original', copy: 'Copy', originalOrCopy: 'Original or copy' },
    materialForm: {
      paper: 'Paper',
      electronic: 'Electronic',
      scan: 'Scanned copy',
      dataSharing: 'Fetched by data sharing (no submission)',
    },
    necessity: { required: 'Required', optional: 'Optional', deferrable: 'Deferrable (supply later)' },
    materialSource: { applicant: 'Provided by the applicant', government: 'Issued by a government department' },
    caseType: { immediate: 'Same-day case', promised: 'Promised-time case' },
    resultType: {
      licence: 'Licence',
      certificate: 'Certificate',
      approvalDocument: 'Approval document',
      filingReceipt: 'Filing receipt',
      other: 'Other',
    },
    paperSize: { A4: 'A4', A3: 'A3', other: 'Other' },
    themeAudience: { person: 'Individuals', business: 'Businesses' },
    fieldKind: { text: 'Text', textarea: 'Long text', number: 'Number', date: 'Date', select: 'Choice' },
  },
};

/** 即办 / 5个工作日 / 60个自然日 / 无法定时限 — Same day / 5 working days / 60 calendar days / No statutory limit. */
export function formatTimeLimit(limit: TimeLimit, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (limit.kind) {
    case 'immediate':
      return zh ? '即办' : 'Same day';
    case 'none':
      return zh ? '无法定时限' : 'No statutory limit';
    case 'workingDays':
      return zh ? `${limit.days}个工作日` : `${limit.days} working day${limit.days === 1 ? '' : 's'}`;
    case 'calendarDays':
      return zh ? `${limit.days}个自然日` : `${limit.days} calendar day${limit.days === 1 ? '' : 's'}`;
  }
}

/** The limit with its explanation (时限说明) when it has one. */
export function formatTimeLimitWithExplanation(limit: TimeLimit, locale: Locale): string {
  const base = formatTimeLimit(limit, locale);
  const why = limit.explanation?.trim();
  if (!why) return base;
  return locale === 'zh-CN' ? `${base}（${why}）` : `${base} (${why})`;
}

/**
 * Days a limit stands for when comparing limits: 即办 counts as 0; no limit as Infinity; a
 * calendar-day limit in working days at the usual 5 in 7 (rounded up), so 60 自然日 ≈ 43 工作日.
 */
export function timeLimitDays(limit: TimeLimit): number {
  switch (limit.kind) {
    case 'immediate':
      return 0;
    case 'none':
      return Number.POSITIVE_INFINITY;
    case 'workingDays':
      return limit.days;
    case 'calendarDays':
      return Math.ceil((limit.days * 5) / 7);
  }
}

/** 特别程序: 专家评审（20个工作日）：… — printed on the acceptance notice. */
export function formatSpecialProcedure(p: SpecialProcedure, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const unit = p.unit ?? 'workingDays';
  const days =
    p.days === undefined
      ? ''
      : zh
        ? `${p.days}个${unit === 'calendarDays' ? '自然日' : '工作日'}`
        : `${p.days} ${unit === 'calendarDays' ? 'calendar' : 'working'} day${p.days === 1 ? '' : 's'}`;
  const desc = p.description?.trim();
  if (zh) return `${p.name}${days ? `（${days}）` : ''}${desc ? `：${desc}` : ''}`;
  return `${p.name}${days ? ` (${days})` : ''}${desc ? `: ${desc}` : ''}`;
}

export interface FormatFeeOptions {
  /** Append the fee basis (收费依据). */
  withBasis?: boolean;
}

/**
 * 不收费 (never 无) / Free of charge; a charged fee lists its items:
 * 收费：工本费 20元；加急费 30元 / Charged: 工本费 20元; 加急费 30元.
 */
export function formatFee(fee: Fee, locale: Locale, options: FormatFeeOptions = {}): string {
  const zh = locale === 'zh-CN';
  if (!fee.charged) return zh ? '不收费' : 'Free of charge';
  const items = (fee.items ?? []).map((i) => `${i.name} ${i.amount}`.trim());
  let out = zh ? '收费' : 'Charged';
  if (items.length > 0) out += (zh ? '：' : ': ') + items.join(zh ? '；' : '; ');
  const basis = fee.basis?.trim();
  if (options.withBasis && basis) out += zh ? `（依据：${basis}）` : ` (basis: ${basis})`;
  return out;
}

/** 0次 / 1次（原因） — No visit / 1 visit (reason). */
export function formatOnSiteVisits(visits: Item['onSiteVisits'], locale: Locale): string {
  const reason = visits.reason?.trim();
  if (locale === 'zh-CN') return `${visits.count}次${reason ? `（${reason}）` : ''}`;
  const base = visits.count === 0 ? 'No visit' : `${visits.count} visit${visits.count === 1 ? '' : 's'}`;
  return `${base}${reason ? ` (${reason})` : ''}`;
}

/** 是 / 否 — Yes / No. */
export function formatYesNo(value: boolean, locale: Locale): string {
  if (locale === 'zh-CN') return value ? '是' : '否';
  return value ? 'Yes' : 'No';
}

/** Joins a list for display: ；in Chinese (entries may contain 、 and ，), ; in English. */
export function formatList(values: readonly string[], locale: Locale): string {
  return values.join(locale === 'zh-CN' ? '；' : '; ');
}

/** Builds a Localized from one function of the locale. */
export function localize(f: (locale: Locale) => string): Localized {
  return { 'zh-CN': f('zh-CN'), 'en-US': f('en-US') };
}

/** The same text in both languages (names, codes, legal texts). */
export function sameInBoth(text: string): Localized {
  return { 'zh-CN': text, 'en-US': text };
}
