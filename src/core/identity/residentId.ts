/**
 * Resident identity number, 18 characters (GB 11643-1999, 公民身份号码):
 * 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male),
 * check character over ISO 7064 MOD 11-2.
 *
 * Only the structure is checked, never whether the number was issued. The address
 * code is not checked against GB/T 2260 (codes change over time, and the same
 * format is used by residence permits for HK/Macau/Taiwan residents, 81/82/83…,
 * and by the 2023 foreigners' permanent residence card, 9…).
 */
import { isRealDate } from '../calendar/isoDate';
import { normalizeIdentityInput } from './normalize';

export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** S mod 11 = 0…10 → this character. */
const RESIDENT_ID_CHECK_CHARS = '10X98765432';
/** Without `today`, birth dates before this are rejected. */
export const EARLIEST_BIRTH_DATE = '1850-01-01';

export type ResidentIdProblem = 'empty' | 'length' | 'characters' | 'birthDate' | 'futureBirthDate' | 'checksum';

export type ResidentIdCheck =
  | {
      ok: true;
      kind: 'residentId';
      /** 18 characters, upper-case X. */
      normalized: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'male' | 'female';
      /** First six digits (address code at first registration). */
      regionCode: string;
    }
  | ({ ok: false; kind: 'residentId'; normalized: string } & (
      | { reason: 'checksum'; /** the check character the first 17 digits call for */ expected: string }
      | { reason: Exclude<ResidentIdProblem, 'checksum'>; expected?: undefined }
    ));

/** The check character for 17 digits. Throws RangeError if `body17` is not 17 ASCII digits. */
export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK_CHARS[sum % 11]!;
}

function requireToday(today: string | undefined): string | undefined {
  if (today === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`today must be a real date in YYYY-MM-DD form, got ${JSON.stringify(today)}`);
  }
  return today;
}

/**
 * Checks a resident ID as typed or pasted (see normalizeIdentityInput: spaces,
 * full-width digits, lower-case x are fine).
 *
 * The birth date must exist and be on or after 1850-01-01. With `today`
 * (YYYY-MM-DD, passed in because core has no clock) it must also not be after
 * today ('futureBirthDate'). Problems are reported in the order empty, length,
 * characters, birthDate, futureBirthDate, checksum.
 * Throws RangeError only when `today` is given and malformed.
 */
export function checkResidentId(s: string, today?: string): ResidentIdCheck {
  const todayIso = requireToday(today);
  const normalized = normalizeIdentityInput(s);
  const fail = (reason: Exclude<ResidentIdProblem, 'checksum'>): ResidentIdCheck => ({
    ok: false,
    kind: 'residentId',
    normalized,
    reason,
  });
  if (normalized.length === 0) return fail('empty');
  if (normalized.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(normalized)) return fail('characters');

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isRealDate(year, month, day) || birthDate < EARLIEST_BIRTH_DATE) return fail('birthDate');
  if (todayIso !== undefined && birthDate > todayIso) return fail('futureBirthDate');

  const expected = residentIdCheckChar(normalized.slice(0, 17));
  if (normalized[17] !== expected) return { ok: false, kind: 'residentId', normalized, reason: 'checksum', expected };

  return {
    ok: true,
    kind: 'residentId',
    normalized,
    birthDate,
    sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}

/**
 * True when `s` is a structurally valid 18-character resident ID. Without
 * `today` the birth date need only exist and be ≥ 1850-01-01; with `today`
 * (YYYY-MM-DD) it must also not be in the future.
 */
export function isValidResidentId(s: string, today?: string): boolean {
  return checkResidentId(s, today).ok;
}
