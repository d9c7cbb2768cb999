/**
 * Working-day arithmetic (行政许可法 Art. 82): statutory holidays are
 * not working days, weekend days declared make-up working days (调休上班) are.
 *
 * Years with official data follow it exactly. Any other year takes the statutory holidays
 * fixed by rule (see statutoryHolidays.ts) off Monday–Friday; only its make-up arrangement
 * (调休) is unknown, so every result that depended on such a year is marked
 * `provisional: true` and the UI says the date may still move once the State Council
 * publishes that year's arrangement.
 */
import { HolidayYear, type HolidayDataFile, HOLIDAY_SCHEMA_VERSION, formatIssuePath } from './holidayData';
import {
  civilFromDayNumber,
  dayNumberToIso,
  isWeekendDayNumber,
  isoToDayNumber,
  requireIsoDayNumber,
} from './isoDate';
import { statutoryHolidays } from './statutoryHolidays';

/** Day numbers of the by-rule statutory holidays per year, built once per year asked. */
const ruleHolidayDays = new Map<number, ReadonlySet<number>>();
function ruleHolidays(year: number): ReadonlySet<number> {
  let set = ruleHolidayDays.get(year);
  if (!set) {
    set = new Set(statutoryHolidays(year).map((h) => isoToDayNumber(h.date)).filter((n): n is number => n !== null));
    ruleHolidayDays.set(year, set);
  }
  return set;
}

/** Upper bound for n in addWorkingDays (about 140 years), so a bad input cannot spin forever. */
export const MAX_WORKING_DAYS = 36_500;

export interface AddWorkingDaysResult {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** True when the count ran through a year without official holiday data. */
  provisional: boolean;
}

export interface WorkingDaysBetweenResult {
  /** Working days d with a < d ≤ b (negative when b < a). */
  days: number;
  /** True when the counted range touches a year without official holiday data. */
  provisional: boolean;
}

export type DayKind =
  | 'workday' // Monday–Friday, not a holiday
  | 'weekend' // Saturday/Sunday, not a make-up day
  | 'holiday' // statutory day off (放假), whatever the weekday; by rule alone in a year without data
  | 'makeupWorkday'; // weekend day declared a working day (调休上班)

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** False when the year has no official data (statutory holidays by rule, weekends, no 调休). */
  official: boolean;
}

interface YearIndex {
  data: HolidayYear;
  holidays: ReadonlySet<number>;
  makeup: ReadonlySet<number>;
}

function indexYear(y: HolidayYear): YearIndex {
  const toDays = (list: readonly string[]): Set<number> =>
    new Set(list.map((d) => isoToDayNumber(d)).filter((n): n is number => n !== null));
  return { data: y, holidays: toDays(y.holidays), makeup: toDays(y.makeupWorkdays) };
}

function validateYears(years: readonly HolidayYear[]): HolidayYear[] {
  const out: HolidayYear[] = [];
  const seen = new Set<number>();
  years.forEach((y, i) => {
    const r = HolidayYear.safeParse(y);
    if (!r.success) {
      const first = r.error.issues[0];
      const where = formatIssuePath(['years', i, ...(first?.path ?? [])]);
      throw new TypeError(`invalid holiday data at ${where}: ${first?.message ?? 'invalid'}`);
    }
    if (seen.has(r.data.year)) throw new TypeError(`invalid holiday data: year ${r.data.year} given twice`);
    seen.add(r.data.year);
    out.push(r.data);
  });
  return out;
}

function requireCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`n must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${String(n)}`);
  }
}

/** An immutable working-day calendar built from validated per-year holiday data. */
export class WorkingDayCalendar {
  private readonly byYear: ReadonlyMap<number, YearIndex>;

  /** Throws TypeError when the data breaks the HolidayYear rules or repeats a year. */
  constructor(years: readonly HolidayYear[] = []) {
    const map = new Map<number, YearIndex>();
    for (const y of validateYears(years)) map.set(y.year, indexYear(y));
    this.byYear = map;
  }

  /** Years with official data, ascending. */
  knownYears(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.byYear.has(year);
  }

  /** The official data for a year, if loaded. */
  yearData(year: number): HolidayYear | undefined {
    return this.byYear.get(year)?.data;
  }

  /** All years as a file (for saving merged data). */
  toDataFile(): HolidayDataFile {
    return {
      schemaVersion: HOLIDAY_SCHEMA_VERSION,
      years: this.knownYears().map((y) => this.byYear.get(y)!.data),
    };
  }

  /**
   * A new calendar with `other`'s years replacing this calendar's same years
   * wholesale (not date by date): newer data imported from a file wins.
   */
  merge(other: WorkingDayCalendar | readonly HolidayYear[]): WorkingDayCalendar {
    const incoming = other instanceof WorkingDayCalendar ? other.toDataFile().years : validateYears(other);
    const merged = new Map<number, HolidayYear>();
    for (const y of this.knownYears()) merged.set(y, this.byYear.get(y)!.data);
    for (const y of incoming) merged.set(y.year, y);
    return new WorkingDayCalendar([...merged.values()]);
  }

  private kindOf(dayNumber: number): { kind: DayKind; official: boolean } {
    const year = civilFromDayNumber(dayNumber).year;
    const idx = this.byYear.get(year);
    const weekend = isWeekendDayNumber(dayNumber);
    if (!idx) {
      if (ruleHolidays(year).has(dayNumber)) return { kind: 'holiday', official: false };
      return { kind: weekend ? 'weekend' : 'workday', official: false };
    }
    if (idx.holidays.has(dayNumber)) return { kind: 'holiday', official: true };
    if (idx.makeup.has(dayNumber)) return { kind: 'makeupWorkday', official: true };
    return { kind: weekend ? 'weekend' : 'workday', official: true };
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const k = this.kindOf(dayNumber).kind;
    return k === 'workday' || k === 'makeupWorkday';
  }

  private isOfficialDayNumber(dayNumber: number): boolean {
    return this.byYear.has(civilFromDayNumber(dayNumber).year);
  }

  /** What kind of day `iso` is. Throws RangeError on a malformed date. */
  describeDay(iso: string): DayInfo {
    const dn = requireIsoDayNumber(iso, 'date');
    const { kind, official } = this.kindOf(dn);
    return { date: iso, kind, working: kind === 'workday' || kind === 'makeupWorkday', official };
  }

  /** Throws RangeError on a malformed date. Years without data: Monday–Friday less the statutory holidays by rule. */
  isWorkingDay(iso: string): boolean {
    return this.isWorkingDayNumber(requireIsoDayNumber(iso, 'date'));
  }

  /**
   * The n-th working day after `startIso` (the start day itself never counts,
   * so a start on a holiday or weekend is fine). n = 0 returns the start date
   * unchanged with provisional false. Throws RangeError when the date is malformed
   * or n is not an integer in 0…MAX_WORKING_DAYS.
   */
  addWorkingDays(startIso: string, n: number): AddWorkingDaysResult {
    let dn = requireIsoDayNumber(startIso, 'startIso');
    requireCount(n);
    let provisional = false;
    let left = n;
    while (left > 0) {
      dn += 1;
      if (!provisional && !this.isOfficialDayNumber(dn)) provisional = true;
      if (this.isWorkingDayNumber(dn)) left -= 1;
    }
    return { date: dayNumberToIso(dn), provisional };
  }

  /**
   * The date `n` calendar days (自然日) after `startIso`. A period counted in calendar days
   * whose last day is a rest day or holiday ends on the first working day after it (the rule
   * for periods in 行政处罚法 / 民事诉讼法 and the practice of the service centres), so the
   * applicant is never told to come on a closed day. n = 0 returns the start date.
   */
  addCalendarDays(startIso: string, n: number): AddWorkingDaysResult {
    let dn = requireIsoDayNumber(startIso, 'startIso');
    requireCount(n);
    if (n === 0) return { date: startIso, provisional: false };
    dn += n;
    let provisional = !this.isOfficialDayNumber(dn);
    while (!this.isWorkingDayNumber(dn)) {
      dn += 1;
      if (!this.isOfficialDayNumber(dn)) provisional = true;
    }
    return { date: dayNumberToIso(dn), provisional };
  }

  /**
   * The due date of a limit counted from `startIso`: working days through the working-day
   * calendar, calendar days with addCalendarDays, 即办 the same day. null for `none` (no limit).
   */
  dueDate(startIso: string, limit: { kind: string; days?: number }): AddWorkingDaysResult | null {
    if (limit.kind === 'immediate') return { date: startIso, provisional: false };
    if (limit.kind === 'workingDays' && limit.days !== undefined) return this.addWorkingDays(startIso, limit.days);
    if (limit.kind === 'calendarDays' && limit.days !== undefined) return this.addCalendarDays(startIso, limit.days);
    return null;
  }

  /**
   * Working days d with a < d ≤ b, so that
   * `workingDaysBetween(a, addWorkingDays(a, n).date).days === n`.
   * Negative when b is before a; 0 when equal. Throws RangeError on malformed dates.
   */
  workingDaysBetween(a: string, b: string): WorkingDaysBetweenResult {
    const da = requireIsoDayNumber(a, 'a');
    const db = requireIsoDayNumber(b, 'b');
    const [lo, hi, sign] = da <= db ? [da, db, 1] : [db, da, -1];
    if (hi - lo > MAX_WORKING_DAYS * 2) throw new RangeError('date range too long');
    let days = 0;
    let provisional = false;
    for (let d = lo + 1; d <= hi; d += 1) {
      if (!provisional && !this.isOfficialDayNumber(d)) provisional = true;
      if (this.isWorkingDayNumber(d)) days += 1;
    }
    return { days: sign * days || 0, provisional };
  }
}

/** Same as `new WorkingDayCalendar(years)`. */
export function createCalendar(years: readonly HolidayYear[] = []): WorkingDayCalendar {
  return new WorkingDayCalendar(years);
}
