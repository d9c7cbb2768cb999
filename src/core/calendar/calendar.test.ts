import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar, createCalendar, MAX_WORKING_DAYS } from './calendar';
import type { HolidayYear } from './holidayData';
import { parseHolidayDataText } from './holidayData';
import { addCalendarDays } from './isoDate';
import bundledText from '../../../resources/holidays/holidays.json?raw';

/** The bundled file, parsed independently of index.ts. */
function bundledYears(): HolidayYear[] {
  const r = parseHolidayDataText(bundledText);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data.years;
}
const cal = createCalendar(bundledYears());

describe('WorkingDayCalendar over the bundled data (2025, 2026)', () => {
  it('knows its years', () => {
    expect(cal.knownYears()).toEqual([2025, 2026]);
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
    expect(cal.yearData(2027)).toBeUndefined();
  });

  it('classifies days', () => {
    expect(cal.describeDay('2025-10-01')).toEqual({ date: '2025-10-01', kind: 'holiday', working: false, official: true });
    expect(cal.describeDay('2025-09-28')).toMatchObject({ kind: 'makeupWorkday', working: true });
    expect(cal.describeDay('2025-09-27')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.describeDay('2025-09-29')).toMatchObject({ kind: 'workday', working: true });
    // a year without data still has its statutory holidays, by rule
    expect(cal.describeDay('2027-01-01')).toEqual({ date: '2027-01-01', kind: 'holiday', working: false, official: false });
    expect(cal.describeDay('2027-01-04')).toEqual({ date: '2027-01-04', kind: 'workday', working: true, official: false });
    expect(cal.describeDay('2027-01-02')).toMatchObject({ kind: 'weekend', official: false });
  });

  it('isWorkingDay: holidays out, make-up days in', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) expect(cal.isWorkingDay(d), d).toBe(true);
    for (const d of ['2025-01-01', '2025-01-28', '2025-02-04', '2025-05-05', '2025-10-08']) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // ordinary Sunday
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025/10/01')).toThrow(RangeError);
  });

  describe('2025 National Day and Mid-Autumn (10/1–10/8 off; 9/28 Sun and 10/11 Sat worked)', () => {
    it('the day before the holiday + 1 is the first day back', () => {
      expect(cal.addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
    });

    it('counts the make-up Sunday 9/28 and Saturday 10/11', () => {
      // Fri 9/26 → Sat 9/27 (off), Sun 9/28 (worked)
      expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
      const seq = [1, 2, 3, 4, 5, 6, 7].map((n) => cal.addWorkingDays('2025-09-26', n).date);
      expect(seq).toEqual(['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13']);
    });

    it('a start on a holiday or weekend counts from the next working day', () => {
      expect(cal.addWorkingDays('2025-10-01', 1).date).toBe('2025-10-09');
      expect(cal.addWorkingDays('2025-10-03', 3).date).toBe('2025-10-11');
      expect(cal.addWorkingDays('2025-09-27', 1).date).toBe('2025-09-28');
    });

    it('a 20-working-day limit accepted on 2025-09-25', () => {
      // 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11 (7), 10/13–17 (12), 10/20–24 (17), 10/27, 10/28, 10/29 → 20
      expect(cal.addWorkingDays('2025-09-25', 20)).toEqual({ date: '2025-10-29', provisional: false });
    });
  });

  describe('2026 Spring Festival (2/15–2/23 off; 2/14 Sat and 2/28 Sat worked)', () => {
    it('steps over the holiday and counts the make-up Saturdays', () => {
      const seq = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => cal.addWorkingDays('2026-02-12', n).date);
      expect(seq).toEqual([
        '2026-02-13', // Fri
        '2026-02-14', // Sat, worked
        '2026-02-24', // Tue, first day back
        '2026-02-25',
        '2026-02-26',
        '2026-02-27',
        '2026-02-28', // Sat, worked
        '2026-03-02', // Mon
      ]);
      expect(cal.isWorkingDay('2026-02-23')).toBe(false); // a Monday inside the holiday
      expect(cal.addWorkingDays('2026-02-15', 1).date).toBe('2026-02-24');
    });

    it('counts the make-up Sunday 2026-01-04 after New Year', () => {
      expect(cal.addWorkingDays('2025-12-31', 1)).toEqual({ date: '2026-01-04', provisional: false });
    });
  });

  describe('provisional results past the known years', () => {
    it('is not provisional while the count stays inside known years', () => {
      expect(cal.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
    });

    it('crossing into 2027 skips weekends and the statutory holidays by rule, and is provisional', () => {
      // 12/31 (2026), then 2027-01-01 Fri is 元旦 (by rule, though 2027 is not published), Mon 1/4, Tue 1/5
      expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: true });
      expect(cal.addWorkingDays('2027-03-01', 5)).toEqual({ date: '2027-03-08', provisional: true });
    });

    it('a start in an unknown year does not itself make the result provisional', () => {
      expect(cal.addWorkingDays('2024-12-31', 1)).toEqual({ date: '2025-01-02', provisional: false });
      expect(cal.addWorkingDays('2024-12-30', 1)).toEqual({ date: '2024-12-31', provisional: true });
    });
  });

  describe('n', () => {
    it('n = 0 returns the start date unchanged, even on a holiday', () => {
      expect(cal.addWorkingDays('2025-10-01', 0)).toEqual({ date: '2025-10-01', provisional: false });
      expect(cal.addWorkingDays('2027-06-05', 0)).toEqual({ date: '2027-06-05', provisional: false });
    });

    it('rejects negative, fractional, non-finite and huge n with RangeError', () => {
      for (const n of [-1, 1.5, Number.NaN, Infinity, MAX_WORKING_DAYS + 1]) {
        expect(() => cal.addWorkingDays('2025-01-02', n), String(n)).toThrow(RangeError);
      }
      expect(() => cal.addWorkingDays('2025-01-02', '3' as unknown as number)).toThrow(RangeError);
      expect(cal.addWorkingDays('2025-01-02', MAX_WORKING_DAYS).provisional).toBe(true);
    });

    it('rejects a malformed start date with RangeError', () => {
      expect(() => cal.addWorkingDays('2025-02-29', 1)).toThrow(RangeError);
      expect(() => cal.addWorkingDays('', 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days d with a < d ≤ b', () => {
      expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toEqual({ days: 1, provisional: false });
      expect(cal.workingDaysBetween('2025-09-26', '2025-10-13')).toEqual({ days: 7, provisional: false });
      expect(cal.workingDaysBetween('2025-10-01', '2025-10-08')).toEqual({ days: 0, provisional: false });
    });

    it('is 0 for the same day and negative when b is before a', () => {
      expect(cal.workingDaysBetween('2025-10-09', '2025-10-09').days).toBe(0);
      expect(cal.workingDaysBetween('2025-10-01', '2025-10-01').days).toBe(0); // not -0
      expect(cal.workingDaysBetween('2025-10-09', '2025-09-30')).toEqual({ days: -1, provisional: false });
    });

    it('whole years: 248 working days in 2025 and in 2026', () => {
      // 365 − 104 weekend days − 18 (2025) / 19 (2026) weekday holidays + 5 / 6 make-up days
      expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toEqual({ days: 248, provisional: false });
      expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toEqual({ days: 248, provisional: false });
      // 2027 by rule: 261 weekdays less 7 statutory days on weekdays (1/1, 2/5, 2/8, 4/5, 6/9, 9/15, 10/1)
      expect(cal.workingDaysBetween('2026-12-31', '2027-12-31')).toEqual({ days: 254, provisional: true });
    });

    it('rejects malformed dates', () => {
      expect(() => cal.workingDaysBetween('2025-10-1', '2025-10-09')).toThrow(RangeError);
    });

    it('property: workingDaysBetween(a, addWorkingDays(a, n).date) === n', () => {
      const failures: string[] = [];
      for (let i = 0; i < 730; i += 3) {
        const a = addCalendarDays('2025-01-01', i);
        for (const n of [0, 1, 2, 5, 10, 20, 60]) {
          const r = cal.addWorkingDays(a, n);
          const back = cal.workingDaysBetween(a, r.date);
          if (back.days !== n || back.provisional !== r.provisional) failures.push(`${a} +${n}`);
          if (n > 0 && !cal.isWorkingDay(r.date)) failures.push(`${a} +${n} lands on a day off`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});

describe('building and merging calendars', () => {
  const fake2027: HolidayYear = { year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] };

  it('an empty calendar is Monday–Friday less the statutory holidays by rule, all provisional', () => {
    const empty = new WorkingDayCalendar();
    expect(empty.knownYears()).toEqual([]);
    // 10/1–10/3 国庆 and 10/6 中秋 by rule; the published bridge days (10/7, 10/8) are not known
    expect(empty.addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-07', provisional: true });
  });

  it('merge adds a year: crossing into it is no longer provisional', () => {
    const merged = cal.merge([fake2027]);
    expect(merged.knownYears()).toEqual([2025, 2026, 2027]);
    expect(merged.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: false });
    // the original is unchanged (calendars are immutable)
    expect(cal.knownYears()).toEqual([2025, 2026]);
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: true });
    // the imported 2027 has no 春节: its data wins over the rule
    expect(merged.isWorkingDay('2027-02-08')).toBe(true);
    expect(cal.isWorkingDay('2027-02-08')).toBe(false);
  });

  it('merge replaces a year wholesale, not date by date', () => {
    const revised: HolidayYear = {
      year: 2025,
      holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07'],
      makeupWorkdays: ['2025-10-11'],
      source: 'test revision',
    };
    const merged = cal.merge(createCalendar([revised]));
    expect(merged.yearData(2025)).toEqual(revised);
    expect(merged.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-08');
    expect(merged.isWorkingDay('2025-09-28')).toBe(false); // no longer a make-up day
    expect(merged.isWorkingDay('2025-01-01')).toBe(true); // not in the replacement: gone
    expect(merged.yearData(2026)).toEqual(cal.yearData(2026)); // other years kept
  });

  it('toDataFile round-trips through the file parser', () => {
    const merged = cal.merge([fake2027]);
    const r = parseHolidayDataText(JSON.stringify(merged.toDataFile()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(createCalendar(r.data.years).knownYears()).toEqual([2025, 2026, 2027]);
  });

  it('rejects invalid data with a TypeError naming the path', () => {
    expect(() => createCalendar([{ year: 2025, holidays: ['2025-02-30'], makeupWorkdays: [] }])).toThrow(
      /years\[0\]\.holidays\[0\]/,
    );
    expect(() => createCalendar([fake2027, fake2027])).toThrow(TypeError);
    expect(() => cal.merge([{ year: 2027, holidays: [], makeupWorkdays: ['2027-01-04'] }])).toThrow(TypeError); // a Monday
  });
});
