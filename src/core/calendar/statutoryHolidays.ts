/**
 * The statutory holidays fixed by rule (全国年节及纪念日放假办法, as amended in 2024, in force
 * 2025-01-01; 13 days), computable for any year before the State Council publishes that
 * year's arrangement:
 *
 *   元旦 1/1 · 春节 除夕 and 正月初一–初三 · 清明 (the solar term) · 劳动节 5/1–5/2 ·
 *   端午 五月初五 · 中秋 八月十五 · 国庆 10/1–10/3
 *
 * Only the make-up arrangement (调休: bridged weekdays and the weekend days worked in exchange)
 * stays unknown until publication, so a date counted over such a year is still provisional,
 * but it no longer lands on New Year's Day or the Spring Festival.
 *
 * Lunar dates and the solar term come from `chinese-days` (a pure table-driven library; its
 * lunar table covers 1901–2099). Its helpers build dates in the machine's time zone, so every
 * date goes in as a local `Date` built from its parts and comes out as its own local parts:
 * the answer is the same whatever the time zone.
 */
// The default export: the package is CommonJS whose named exports Node's ESM loader cannot
// see (the service imports the calendar too), while bundlers read its ES build.
import chineseDays from 'chinese-days';
import { addCalendarDays } from './isoDate';

/** Years the lunar table of `chinese-days` covers (the 除夕 of 1901 needs 1900's table). */
export const STATUTORY_RULE_MIN_YEAR = 1901;
export const STATUTORY_RULE_MAX_YEAR = 2099;

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** The solar date of a lunar date in the same numbered lunar year (never a leap month). */
function fromLunar(lunarYear: number, lunarMonth: number, lunarDay: number): string {
  // A local Date from parts, read back by the library with local getters: no zone shift.
  return chineseDays.getSolarDateFromLunar(new Date(lunarYear, lunarMonth - 1, lunarDay)).date;
}

/**
 * 清明 of a year. The library parses the day it computed as UTC midnight and formats it with
 * local getters, which reads one day early west of Greenwich: undo that shift there.
 */
function qingming(year: number): string {
  const raw = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const shifted = new Date(Date.UTC(2000, 0, 1)).getDate() !== 1;
  return shifted ? addCalendarDays(raw, 1) : raw;
}

export interface StatutoryHoliday {
  date: string;
  /** The holiday's name as the rule names it (元旦, 春节, …). */
  name: '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';
}

const cache = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory days off of a Gregorian year by rule, ascending (a day that is two holidays
 * at once, such as 中秋 on 10/3 in 2028, appears once). Empty outside the years the lunar
 * table covers, where only the weekend rule can be applied.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const list = computeStatutoryHolidays(year);
  cache.set(year, list);
  return list;
}

/** statutoryHolidays without the per-year cache. */
export function computeStatutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_RULE_MIN_YEAR || year > STATUTORY_RULE_MAX_YEAR) return [];
  const list: StatutoryHoliday[] = [];
  const add = (date: string, name: StatutoryHoliday['name']): void => {
    if (!list.some((h) => h.date === date)) list.push({ date, name });
  };
  add(iso(year, 1, 1), '元旦');
  // 春节: 正月初一 of the lunar year that starts in this Gregorian year, the eve (除夕, the last
  // day of the twelfth month, 29th or 30th) before it and 初二, 初三 after it.
  const newYear = fromLunar(year, 1, 1);
  for (const offset of [-1, 0, 1, 2]) add(addCalendarDays(newYear, offset), '春节');
  add(qingming(year), '清明节');
  add(iso(year, 5, 1), '劳动节');
  add(iso(year, 5, 2), '劳动节');
  add(fromLunar(year, 5, 5), '端午节');
  add(fromLunar(year, 8, 15), '中秋节');
  for (const d of [1, 2, 3]) add(iso(year, 10, d), '国庆节');
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return list;
}
