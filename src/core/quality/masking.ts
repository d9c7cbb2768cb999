/**
 * What each role sees of the applicant's personal data (PIPL: minimum necessary).
 *
 * Two views:
 * - `list`: lists, dashboards, review samples, the audit history, exports — anything showing
 *   many cases. Cases are told apart by case number there.
 * - `case`: one case opened to work on (the clerk) or to review (the supervisor).
 *
 * | field            | clerk list | clerk case | trainer (any) | supervisor list | supervisor case |
 * |------------------|------------|------------|---------------|-----------------|-----------------|
 * | idNumber         | masked     | full       | masked        | masked          | full            |
 * | name             | full       | full       | masked        | masked          | full            |
 * | phone            | masked     | full       | masked        | masked          | full            |
 * | address          | masked     | full       | masked        | masked          | full            |
 * | uscc, orgName    | full       | full       | full          | full            | full            |
 *
 * Why: the clerk takes the data in and must recognise an applicant who comes back (result
 * pick-up, 容缺 supplements) by name — never by a full ID in a list. The supervisor judges
 * "applicant-data errors" in the rubric, which needs the values of the one case reviewed,
 * not of every case in a list. The trainer works on drills: never on live personal data, so
 * everything personal is masked whatever the view. A USCC and an organisation's name are
 * public registration data (企业信用信息公示) and are not masked; a legal representative's
 * name and ID number are a person's and are masked as such.
 *
 * Masks: ID 110105********002X (first 6, last 4: maskIdNumber), name 王*明 / 王* / 欧**娜,
 * phone 138****5678, address: the first 6 characters then ****.
 */
import type { ApplicantDraft } from '../intake/case';
import { maskIdNumber } from '../identity/mask';
import type { Role } from './roles';

export type MaskedField = 'idNumber' | 'name' | 'phone' | 'address' | 'uscc' | 'organisationName';
export type MaskView = 'list' | 'case';

type Policy = Record<MaskedField, Record<Role, Record<MaskView, boolean>>>;

const both = (list: boolean, kase: boolean) => ({ list, case: kase });

/** true = shown in full. */
export const MASKING_POLICY: Policy = {
  idNumber: { clerk: both(false, true), trainer: both(false, false), supervisor: both(false, true) },
  name: { clerk: both(true, true), trainer: both(false, false), supervisor: both(false, true) },
  phone: { clerk: both(false, true), trainer: both(false, false), supervisor: both(false, true) },
  address: { clerk: both(false, true), trainer: both(false, false), supervisor: both(false, true) },
  uscc: { clerk: both(true, true), trainer: both(true, true), supervisor: both(true, true) },
  organisationName: { clerk: both(true, true), trainer: both(true, true), supervisor: both(true, true) },
};

/** Whether `role` sees `field` in full in `view`. Unknown roles or fields see nothing in full. */
export function canSee(field: MaskedField, role: Role, view: MaskView = 'list'): boolean {
  return MASKING_POLICY[field]?.[role]?.[view] === true;
}

/** 王*明, 王*, 欧**娜, * — by characters (code points), first and last kept. */
export function maskName(s: string): string {
  const chars = [...s.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 138****5678 (11 or more characters: first 3, last 4); shorter: only the last 4 (or nothing under 7). */
export function maskPhone(s: string): string {
  const t = s.replace(/\s+/g, '');
  const chars = [...t];
  if (chars.length < 7) return '*'.repeat(chars.length);
  if (chars.length < 11) return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** The first 6 characters (province, city) then ****; shorter addresses are masked whole. */
export function maskAddress(s: string): string {
  const chars = [...s.trim()];
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}****`;
}

function mask(value: string, field: MaskedField): string {
  switch (field) {
    case 'idNumber':
      return maskIdNumber(value);
    case 'name':
      return maskName(value);
    case 'phone':
      return maskPhone(value);
    case 'address':
      return maskAddress(value);
    default:
      return value;
  }
}

/**
 * `value` as `role` may see it in `view` (default 'list', the safe one): in full, or masked.
 * null / undefined give ''.
 */
export function maskForRole(value: string | null | undefined, field: MaskedField, role: Role, view: MaskView = 'list'): string {
  if (value === null || value === undefined) return '';
  return canSee(field, role, view) ? value : mask(value, field);
}

/** A copy of the applicant with every field as `role` may see it in `view`. */
export function maskApplicantForRole<A extends ApplicantDraft>(a: A, role: Role, view: MaskView = 'list'): A {
  const m = (v: string | undefined, f: MaskedField) => (v === undefined ? undefined : maskForRole(v, f, role, view));
  if (a.kind === 'person') {
    return { ...a, name: m(a.name, 'name'), idNumber: m(a.idNumber, 'idNumber'), phone: m(a.phone, 'phone'), address: m(a.address, 'address') };
  }
  return {
    ...a,
    name: m(a.name, 'organisationName'),
    uscc: m(a.uscc, 'uscc'),
    legalRepresentative: m(a.legalRepresentative, 'name'),
    legalRepresentativeIdNumber: m(a.legalRepresentativeIdNumber, 'idNumber'),
    phone: m(a.phone, 'phone'),
    address: m(a.address, 'address'),
  };
}
