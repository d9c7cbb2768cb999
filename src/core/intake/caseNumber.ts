/**
 * 办件编号 (case number): unique across workstations without coordination, short enough
 * to read out over the counter or the phone, with a check character.
 *
 *     330106-261130-7K0042-M
 *     │      │      │ │    └ check character
 *     │      │      │ └ sequence of that workstation on that day, 0001–9999 (kept by the caller)
 *     │      │      └ workstation code, 2 symbols, unique within the centre (configured)
 *     │      └ date of the decision in China, YYMMDD (2000–2099)
 *     └ centre code: the 6-digit GB/T 2260 area code of the service centre
 *
 * Uniqueness: (centre, day, workstation, sequence) — no two workstations share a code
 * within a centre, and each keeps its own daily counter; no network round trip needed.
 *
 * Alphabet (29 symbols): the digits and the capital letters without I O S Z U V B
 * (1/I, 0/O, 5/S, 2/Z, U/V and 8/B are confused when written or read out):
 * `0123456789ACDEFGHJKLMNPQRTWXY`. Lower case, spaces, dashes, full-width forms are
 * accepted on input, and O→0, I→1.
 *
 * Check character: a pure system in the manner of ISO/IEC 7064 (MOD 29-2): the 19
 * symbols' values vᵢ satisfy Σ vᵢ·2^(19−i) ≡ 1 (mod 29), the check symbol having weight
 * 1. 29 is prime and 2 is a primitive root mod 29, so the 19 weights are distinct and
 * non-zero: every single substitution and every transposition of two symbols (adjacent
 * or not, across the dashes too) changes the sum, and is detected. Because the modulus
 * equals the alphabet size, the check character is one of the 29 symbols (no '*').
 */
import { toHalfWidth } from '../identity/normalize';
import { isRealDate } from '../calendar/isoDate';
import type { Locale } from '../i18n';

export const CASE_NUMBER_ALPHABET = '0123456789ACDEFGHJKLMNPQRTWXY';
const MOD = 29;
const RADIX = 2;

/** Workstation code: 2 symbols of the alphabet (841 per centre). */
export const WORKSTATION_CODE_PATTERN = /^[0-9ACDEFGHJKLMNPQRTWXY]{2}$/;
export const MAX_DAILY_SEQUENCE = 9999;

const VALUE = new Map<string, number>([...CASE_NUMBER_ALPHABET].map((c, i) => [c, i]));

export interface CaseNumberParts {
  /** 6-digit area code of the centre, e.g. '330106'. */
  centreCode: string;
  /** The decision's date in China, YYYY-MM-DD (2000–2099). */
  date: string;
  /** 2 symbols of CASE_NUMBER_ALPHABET, unique within the centre. */
  workstationCode: string;
  /** That workstation's count of case numbers that day, 1–9999. */
  sequence: number;
}

function sumOf(symbols: string): number | null {
  let p = 0;
  for (const c of symbols) {
    const v = VALUE.get(c);
    if (v === undefined) return null;
    p = ((p + v) * RADIX) % MOD;
  }
  return p;
}

/** The check character for a string of alphabet symbols (dashes excluded). Throws RangeError on other characters. */
export function caseNumberCheckChar(body: string): string {
  const p = sumOf(body);
  if (p === null) throw new RangeError(`not in the case-number alphabet: ${JSON.stringify(body)}`);
  return CASE_NUMBER_ALPHABET[(((1 - p) % MOD) + MOD) % MOD]!;
}

/** True when `symbols` (body + check character, no dashes) satisfies the check. */
export function hasValidCheckChar(symbols: string): boolean {
  if (symbols.length < 2) return false;
  const p = sumOf(symbols.slice(0, -1));
  const c = VALUE.get(symbols[symbols.length - 1]!);
  return p !== null && c !== undefined && (p + c) % MOD === 1;
}

export type CaseNumberResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'centreCode' | 'date' | 'workstationCode' | 'sequence' };

/** Builds a case number; reports which part is malformed instead of throwing. */
export function makeCaseNumber(parts: CaseNumberParts): CaseNumberResult {
  if (!/^\d{6}$/.test(parts.centreCode)) return { ok: false, reason: 'centreCode' };
  const m = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(parts.date);
  if (!m || !isRealDate(Number(`20${m[1]}`), Number(m[2]), Number(m[3]))) return { ok: false, reason: 'date' };
  if (!WORKSTATION_CODE_PATTERN.test(parts.workstationCode)) return { ok: false, reason: 'workstationCode' };
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1 || parts.sequence > MAX_DAILY_SEQUENCE)
    return { ok: false, reason: 'sequence' };
  const yymmdd = `${m[1]}${m[2]}${m[3]}`;
  const third = `${parts.workstationCode}${String(parts.sequence).padStart(4, '0')}`;
  const check = caseNumberCheckChar(parts.centreCode + yymmdd + third);
  return { ok: true, value: `${parts.centreCode}-${yymmdd}-${third}-${check}` };
}

export type CaseNumberValidation =
  | { ok: true; normalized: string; parts: CaseNumberParts }
  | { ok: false; reason: 'format' | 'date' | 'sequence' | 'checksum'; normalized: string };

/** Cleans typed input: full-width → half-width, drops whitespace, dashes and dots, upper case, O→0, I→1. */
export function normalizeCaseNumberInput(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\u200B-\u200D\uFEFF\-‐‑‒–—―−_.·]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/I/g, '1');
}

/** Validates a typed or scanned case number (tolerant of case, spaces, missing dashes). */
export function validateCaseNumber(input: string): CaseNumberValidation {
  const s = normalizeCaseNumberInput(input);
  const m = /^(\d{6})(\d{2})(\d{2})(\d{2})([0-9A-Z]{2})(\d{4})([0-9A-Z])$/.exec(s);
  if (!m || !hasValidSymbols(s)) return { ok: false, reason: 'format', normalized: s };
  const [centreCode, yy, mm, dd, ws, seq] = m.slice(1, 7) as [string, string, string, string, string, string];
  if (!isRealDate(2000 + Number(yy), Number(mm), Number(dd))) return { ok: false, reason: 'date', normalized: s };
  const sequence = Number(seq);
  if (sequence < 1) return { ok: false, reason: 'sequence', normalized: s };
  if (!hasValidCheckChar(s)) return { ok: false, reason: 'checksum', normalized: s };
  return {
    ok: true,
    normalized: `${centreCode}-${yy}${mm}${dd}-${ws}${seq}-${s[18]}`,
    parts: { centreCode, date: `20${yy}-${mm}-${dd}`, workstationCode: ws, sequence },
  };
}

function hasValidSymbols(s: string): boolean {
  for (const c of s) if (!VALUE.has(c)) return false;
  return true;
}

/** The four groups of a valid case number, e.g. ['330106', '261130', '7K0042', 'M']; null when invalid. */
export function caseNumberGroups(input: string): [string, string, string, string] | null {
  const v = validateCaseNumber(input);
  if (!v.ok) return null;
  return v.normalized.split('-') as [string, string, string, string];
}

const ZH_DIGITS = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * For reading aloud: symbol by symbol, groups separated by a pause.
 * zh-CN reads 1 as 幺 (as on the phone, so it is not heard as 七) and names the check
 * character: '三三零幺零六，二六幺幺三零，七K零零四二，校验位M'.
 * en-US: '3 3 0 1 0 6, 2 6 1 1 3 0, 7 K 0 0 4 2, check M'.
 * Returns null when the input is not a valid case number.
 */
export function formatCaseNumberForSpeech(input: string, locale: Locale): string | null {
  const groups = caseNumberGroups(input);
  if (!groups) return null;
  const [a, b, c, check] = groups;
  if (locale === 'zh-CN') {
    const say = (g: string) => [...g].map((ch) => (/\d/.test(ch) ? ZH_DIGITS[Number(ch)] : ch)).join('');
    return `${say(a)}，${say(b)}，${say(c)}，校验位${say(check)}`;
  }
  const say = (g: string) => [...g].join(' ');
  return `${say(a)}, ${say(b)}, ${say(c)}, check ${check}`;
}
