/**
 * Fictional applicants for generated drills: deterministic from a seed (the same catalog
 * change gives the same drill), realistic in form, valid by the standards' check characters
 * (GB 11643-1999, GB 32100-2015) — and clearly sample data: addresses in 示例市, phones
 * 138-0000-xxxx, company names starting with 示例.
 */
import { USCC_CHARSET, residentIdCheckChar, usccCheckChar } from '../identity';
import { fnv1a32, mulberry32 } from '../quality/stats';

/** FNV-1a, 32 bits (quality/stats.ts). */
export function hashSeed(seed: string): number {
  return fnv1a32(seed);
}

/** A small deterministic generator (mulberry32, quality/stats.ts) over the seed. */
function rng(seed: string): () => number {
  return mulberry32(hashSeed(seed));
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const GIVEN_NAMES = ['晓明', '思远', '雨桐', '建国', '丽华', '子涵', '文博', '佳怡', '海峰', '静怡', '志强', '秀英', '浩然', '欣悦', '国平', '美玲'];
const COMPANY_WORDS = ['青禾', '远帆', '云栖', '木森', '启明', '嘉禾', '晨曦', '立信'];
const COMPANY_TRADES = ['餐饮管理', '科技', '商贸', '物流', '文化传媒', '建材'];

/** A valid resident ID born on `birthDate` (YYYY-MM-DD), sequence 1–999 (odd = male). */
export function residentIdFor(regionCode: string, birthDate: string, sequence: number): string {
  const body = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** A valid USCC: 9 (market regulation) 1 (company) + area code + 9-character organisation code. */
export function usccFor(areaCode: string, orgCode9: string, authority = '9', category = '1'): string {
  const body = `${authority}${category}${areaCode}${orgCode9}`;
  return body + usccCheckChar(body);
}

export interface FictionalPerson {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface FictionalOrganisation {
  name: string;
  uscc: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string;
  phone: string;
  address: string;
}

/** An adult (25–60 years old on `drillDate`) from 示例市. */
export function fictionalPerson(seed: string, drillDate: string): FictionalPerson {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const year = Number(drillDate.slice(0, 4)) - 25 - Math.floor(r() * 35);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const seq = 1 + Math.floor(r() * 998);
  return {
    name: pick(SURNAMES) + pick(GIVEN_NAMES),
    idNumber: residentIdFor('330106', birth, seq),
    phone: `1380000${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
    address: `示例市示例区示例路${1 + Math.floor(r() * 200)}号`,
  };
}

export function fictionalOrganisation(seed: string, drillDate: string): FictionalOrganisation {
  const r = rng(`${seed}/org`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const rep = fictionalPerson(`${seed}/rep`, drillDate);
  let org = 'MA2';
  for (let i = 0; i < 6; i++) org += USCC_CHARSET[Math.floor(r() * USCC_CHARSET.length)]!;
  return {
    name: `示例市${pick(COMPANY_WORDS)}${pick(COMPANY_TRADES)}有限公司`,
    uscc: usccFor('330106', org),
    legalRepresentative: rep.name,
    legalRepresentativeIdNumber: rep.idNumber,
    phone: rep.phone,
    address: `示例市示例区创业路${1 + Math.floor(r() * 300)}号`,
  };
}
