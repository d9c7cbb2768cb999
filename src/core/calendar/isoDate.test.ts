import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  civilFromDayNumber,
  dayNumberFromCivil,
  dayNumberToIso,
  isIsoDate,
  isLeapYear,
  isoToDayNumber,
  parseIsoDate,
  weekdayOfDayNumber,
  weekdayOfIso,
} from './isoDate';

describe('isoDate', () => {
  it('agrees with Date.UTC day counts and weekdays for 1850–2150', () => {
    const start = Date.UTC(1850, 0, 1) / 86_400_000;
    const end = Date.UTC(2150, 11, 31) / 86_400_000;
    const mismatches: string[] = [];
    for (let dn = start; dn <= end; dn += 1) {
      const d = new Date(dn * 86_400_000);
      const civil = civilFromDayNumber(dn);
      const expected = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      if (civil.year !== expected.year || civil.month !== expected.month || civil.day !== expected.day) mismatches.push(`civil ${dn}`);
      if (dayNumberFromCivil(civil.year, civil.month, civil.day) !== dn) mismatches.push(`days ${dn}`);
      if (weekdayOfDayNumber(dn) !== d.getUTCDay()) mismatches.push(`weekday ${dn}`);
      if (dayNumberToIso(dn) !== d.toISOString().slice(0, 10)) mismatches.push(`iso ${dn}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('parses strict YYYY-MM-DD only, real days only', () => {
    expect(parseIsoDate('2025-10-01')).toEqual({ year: 2025, month: 10, day: 1 });
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-1-1')).toBe(false);
    expect(isIsoDate('2025-10-01T00:00')).toBe(false);
    expect(isIsoDate(' 2025-10-01')).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate(20251001)).toBe(false);
    expect(isoToDayNumber('1970-01-01')).toBe(0);
    expect(isoToDayNumber('1969-12-31')).toBe(-1);
  });

  it('knows leap years and weekdays', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(weekdayOfIso('2025-10-01')).toBe(3); // Wednesday
    expect(weekdayOfIso('2025-09-28')).toBe(0); // Sunday
    expect(weekdayOfIso('2026-02-14')).toBe(6); // Saturday
    expect(() => weekdayOfIso('2025-02-30')).toThrow(RangeError);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2025-01-01', 365)).toBe('2026-01-01');
  });
});
