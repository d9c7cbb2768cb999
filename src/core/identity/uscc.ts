/**
 * Unified social credit code, 18 characters (GB 32100-2015, 统一社会信用代码):
 * pos 1 registering authority, pos 2 organisation category, 3–8 area code,
 * 9–17 organisation code, 18 check character.
 *
 * Charset: 0-9 A-H J-N P-R T U W X Y (values 0–30; no I O Z S V).
 * wᵢ = 3^(i-1) mod 31; check = 31 − (Σ cᵢ·wᵢ mod 31), 31 → 0.
 *
 * Some real codes issued early fail the checksum, so 'checksum', 'authority' and
 * 'category' are soft problems (see isOverridableUsccProblem): the UI should warn
 * and let the clerk confirm against the original licence, not hard-block.
 */
import { normalizeIdentityInput } from './normalize';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/**
 * Registering-authority codes accepted in position 1. GB 32100-2015 itself lists
 * 1 机构编制, 5 民政, 9 工商 (now 市场监管), Y 其他; further codes were assigned
 * later (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室,
 * N 农业 …). Accepted loosely: 1–9, A–H, N, Y.
 */
export const USCC_AUTHORITY_CODES = '123456789ABCDEFGHNY';

/**
 * Position 2 (organisation category, e.g. 91 企业, 92 个体工商户, 93 农民专业合作社,
 * 11 机关, 12 事业单位, 51 社会团体, 52 民办非企业单位, 53 基金会): checked loosely as 1–9.
 */
export const USCC_CATEGORY_CODES = '123456789';

export type UsccProblem = 'empty' | 'length' | 'characters' | 'checksum' | 'authority' | 'category';

export type UsccCheck =
  | {
      ok: true;
      kind: 'uscc';
      /** 18 characters, upper case. */
      normalized: string;
      /** Position 1. */
      authority: string;
      /** Position 2. */
      category: string;
      /** Positions 3–8. */
      areaCode: string;
      /** Positions 9–17. */
      organizationCode: string;
    }
  | ({ ok: false; kind: 'uscc'; normalized: string } & (
      | { reason: 'checksum'; /** the check character positions 1–17 call for */ expected: string }
      | { reason: Exclude<UsccProblem, 'checksum'>; expected?: undefined }
    ));

/** Problems the clerk may override after checking the original licence. */
export function isOverridableUsccProblem(reason: UsccProblem): boolean {
  return reason === 'checksum' || reason === 'authority' || reason === 'category';
}

/** The check character for 17 USCC characters. Throws RangeError on other input. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('body must be 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = USCC_CHARSET.indexOf(body17[i]!);
    if (v < 0) throw new RangeError(`character ${JSON.stringify(body17[i])} is not in the USCC charset`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c]!;
}

const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * Checks a USCC as typed or pasted (spaces, full-width and lower-case letters are
 * fine). Problems in order: empty, length, characters, checksum, authority, category.
 */
export function checkUscc(s: string): UsccCheck {
  const normalized = normalizeIdentityInput(s);
  const fail = (reason: Exclude<UsccProblem, 'checksum'>): UsccCheck => ({ ok: false, kind: 'uscc', normalized, reason });
  if (normalized.length === 0) return fail('empty');
  if (normalized.length !== 18) return fail('length');
  if (!USCC_PATTERN.test(normalized)) return fail('characters');
  const expected = usccCheckChar(normalized.slice(0, 17));
  if (normalized[17] !== expected) return { ok: false, kind: 'uscc', normalized, reason: 'checksum', expected };
  if (!USCC_AUTHORITY_CODES.includes(normalized[0]!)) return fail('authority');
  if (!USCC_CATEGORY_CODES.includes(normalized[1]!)) return fail('category');
  return {
    ok: true,
    kind: 'uscc',
    normalized,
    authority: normalized[0]!,
    category: normalized[1]!,
    areaCode: normalized.slice(2, 8),
    organizationCode: normalized.slice(8, 17),
  };
}

/** True when `s` passes every check of checkUscc (soft problems included). */
export function isValidUscc(s: string): boolean {
  return checkUscc(s).ok;
}
