/** Clerk-facing texts for identity-number problems, zh-CN and en-US. */
import type { Locale } from '../i18n';
import type { ResidentIdProblem } from './residentId';
import type { UsccProblem } from './uscc';

/**
 * A problem to explain. A failed `checkResidentId` / `checkUscc` result can be
 * passed as is; `normalized` (optional) lets the length message give the count.
 */
export type IdentityProblem =
  | { kind: 'residentId'; reason: ResidentIdProblem; expected?: string; normalized?: string }
  | { kind: 'uscc'; reason: UsccProblem; expected?: string; normalized?: string };

function residentIdMessage(p: Extract<IdentityProblem, { kind: 'residentId' }>, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const count = p.normalized !== undefined ? p.normalized.length : undefined;
  switch (p.reason) {
    case 'empty':
      return zh ? '请输入公民身份号码。' : 'Enter the resident ID number.';
    case 'length':
      return zh
        ? `公民身份号码应为 18 位${count !== undefined ? `，当前为 ${count} 位` : ''}。15 位的旧号码已停止使用，请核对新证件。`
        : `A resident ID number has 18 characters${count !== undefined ? `; this one has ${count}` : ''}. Old 15-digit numbers are no longer in use: check the current card.`;
    case 'characters':
      return zh
        ? '公民身份号码前 17 位应为数字，最后一位为数字或 X。'
        : 'The first 17 characters of a resident ID must be digits; the last is a digit or X.';
    case 'birthDate':
      return zh
        ? '第 7–14 位的出生日期不是有效日期，请核对。'
        : 'The birth date in characters 7–14 is not a valid date. Check the number.';
    case 'futureBirthDate':
      return zh
        ? '第 7–14 位的出生日期晚于今天，请核对。'
        : 'The birth date in characters 7–14 is after today. Check the number.';
    case 'checksum':
      return zh
        ? `校验位不符${p.expected ? `：按前 17 位计算，最后一位应为 ${p.expected}` : ''}。请逐位核对号码是否录入有误。`
        : `The check character does not match${p.expected ? `: from the first 17 characters it should be ${p.expected}` : ''}. Check each character for a typing error.`;
  }
}

function usccMessage(p: Extract<IdentityProblem, { kind: 'uscc' }>, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const count = p.normalized !== undefined ? p.normalized.length : undefined;
  const override = zh
    ? '部分早期赋码的代码可能无法通过校验：核对营业执照或登记证书原件无误后，可确认继续。'
    : 'Some codes issued early fail this check: after comparing with the original licence or certificate, you may confirm and continue.';
  switch (p.reason) {
    case 'empty':
      return zh ? '请输入统一社会信用代码。' : 'Enter the unified social credit code.';
    case 'length':
      return zh
        ? `统一社会信用代码应为 18 位${count !== undefined ? `，当前为 ${count} 位` : ''}。`
        : `A unified social credit code has 18 characters${count !== undefined ? `; this one has ${count}` : ''}.`;
    case 'characters':
      return zh
        ? '统一社会信用代码只含数字和大写字母，且不含 I、O、Z、S、V。'
        : 'A unified social credit code has only digits and capital letters, never I, O, Z, S or V.';
    case 'checksum':
      return zh
        ? `校验码不符${p.expected ? `：按前 17 位计算，最后一位应为 ${p.expected}` : ''}。请先核对是否录入有误。${override}`
        : `The check character does not match${p.expected ? `: from the first 17 characters it should be ${p.expected}` : ''}. First check for a typing error. ${override}`;
    case 'authority':
      return zh
        ? `第 1 位登记管理部门代码不常见。${override}`
        : `The registering-authority code (character 1) is unusual. ${override}`;
    case 'category':
      return zh
        ? `第 2 位机构类别代码不常见。${override}`
        : `The organisation-category code (character 2) is unusual. ${override}`;
  }
}

export function identityProblemMessage(problem: IdentityProblem, locale: Locale): string {
  return problem.kind === 'residentId' ? residentIdMessage(problem, locale) : usccMessage(problem, locale);
}
