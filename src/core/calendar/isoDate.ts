/**
 * Calendar dates as ISO strings (YYYY-MM-DD) and integer day numbers.
 *
 * Pure integer arithmetic (proleptic Gregorian calendar; day 0 = 1970-01-01),
 * so nothing here depends on the local time zone, on `Date` at all, or on the
 * clock. Years 0001–9999 only (four-digit ISO years).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** True when year/month/day name a day that exists (year 1–9999). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Days since 1970-01-01 (negative before). Algorithm: H. Hinnant, days_from_civil. */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumberFromCivil. */
export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Parses a strict YYYY-MM-DD string; null when malformed or not a real date. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

/** Day number of an ISO date, or null when it is not a real YYYY-MM-DD date. */
export function isoToDayNumber(s: string): number | null {
  const p = parseIsoDate(s);
  return p ? dayNumberFromCivil(p.year, p.month, p.day) : null;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function dayNumberToIso(dayNumber: number): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return formatIsoDate(year, month, day);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday; throws RangeError on a malformed date. */
export function weekdayOfIso(s: string): number {
  return weekdayOfDayNumber(requireIsoDayNumber(s, 'date'));
}

export function isWeekendDayNumber(dayNumber: number): boolean {
  const w = weekdayOfDayNumber(dayNumber);
  return w === 0 || w === 6;
}

/** Day number of `s`, or a RangeError naming `what` when `s` is not a real YYYY-MM-DD date. */
export function requireIsoDayNumber(s: string, what: string): number {
  const n = typeof s === 'string' ? isoToDayNumber(s) : null;
  if (n === null) throw new RangeError(`${what} must be a real date in YYYY-MM-DD form, got ${JSON.stringify(s)}`);
  return n;
}

/** Adds calendar days to an ISO date. */
export function addCalendarDays(s: string, days: number): string {
  return dayNumberToIso(requireIsoDayNumber(s, 'date') + days);
}
