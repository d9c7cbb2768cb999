import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import bundled from '../../../resources/holidays/holidays.json';
import {
  HolidayDataFile,
  WorkingDayCalendar,
  addWorkingDays,
  defaultCalendar,
  isWorkingDay,
  parseHolidayDataText,
  workingDaysBetween,
} from './index';

describe('bundled holiday data (resources/holidays/holidays.json)', () => {
  it('passes the schema and covers 2025 and 2026', () => {
    expect(HolidayDataFile.safeParse(bundled).success).toBe(true);
    expect(defaultCalendar).toBeInstanceOf(WorkingDayCalendar);
    expect(defaultCalendar.knownYears()).toEqual([2025, 2026]);
  });

  it('2025 make-up working days are 1/26, 2/8, 4/27, 9/28, 10/11', () => {
    expect(defaultCalendar.yearData(2025)?.makeupWorkdays).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('2026 make-up working days are 1/4, 2/14, 2/28, 5/9, 9/20, 10/10', () => {
    expect(defaultCalendar.yearData(2026)?.makeupWorkdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('matches the chinese-days package it is generated from (scripts/gen-holidays.mjs)', () => {
    for (const y of defaultCalendar.knownYears()) {
      const data = defaultCalendar.yearData(y)!;
      const of = (map: Record<string, string>) => Object.keys(map).filter((d) => d.startsWith(`${y}-`)).sort();
      expect(data.holidays, String(y)).toEqual(of(chineseDays.holidays));
      expect(data.makeupWorkdays, String(y)).toEqual(of(chineseDays.workdays));
      expect(data.source).toMatch(/chinese-days/);
    }
  });

  it('has the statutory holiday spans', () => {
    const off = (from: string, to: string) => {
      const list = defaultCalendar.yearData(Number(from.slice(0, 4)))!.holidays;
      return list.filter((d) => d >= from && d <= to);
    };
    expect(off('2025-10-01', '2025-10-31')).toHaveLength(8); // 国庆节、中秋节 10/1–10/8
    expect(off('2025-01-28', '2025-02-04')).toHaveLength(8); // 春节 1/28–2/4
    expect(off('2026-02-15', '2026-02-23')).toHaveLength(9); // 春节 2/15–2/23
    expect(off('2026-10-01', '2026-10-31')).toHaveLength(7); // 国庆节 10/1–10/7
  });

  it('the raw file text parses with parseHolidayDataText too', () => {
    const text = readFileSync(join(__dirname, '../../../resources/holidays/holidays.json'), 'utf8');
    expect(parseHolidayDataText(text).ok).toBe(true);
  });
});

describe('module-level functions use the bundled calendar', () => {
  it('addWorkingDays', () => {
    expect(addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
    expect(addWorkingDays('2026-02-13', 2)).toEqual({ date: '2026-02-24', provisional: false });
    expect(addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true }); // 1/1 is 元旦 by rule
    expect(addWorkingDays('2025-10-05', 0)).toEqual({ date: '2025-10-05', provisional: false });
    expect(() => addWorkingDays('2025-10-05', -1)).toThrow(RangeError);
  });

  it('isWorkingDay and workingDaysBetween', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(workingDaysBetween('2025-09-30', '2025-10-09')).toEqual({ days: 1, provisional: false });
  });

  it('newer imported data can be merged over the default without touching it', () => {
    const imported = parseHolidayDataText(
      JSON.stringify({ schemaVersion: 1, years: [{ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: [] }] }),
    );
    if (!imported.ok) throw new Error('fixture');
    const cal = defaultCalendar.merge(imported.data.years);
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
    expect(addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true }); // 1/1 is 元旦 by rule
  });
});

describe('purity', () => {
  it('calendar and identity sources use no clock, DOM, network or platform modules', () => {
    const dirs = [__dirname, join(__dirname, '../identity')];
    const forbidden = [/Date\.now\(/, /new Date\(\s*\)/, /\bfetch\(/, /from ['"](react|dexie|electron)/, /\bwindow\./, /\bdocument\./];
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
        const src = readFileSync(join(dir, f), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '') // comments may talk about documents and dates
          .replace(/\/\/.*$/gm, '');
        for (const re of forbidden) expect(re.test(src), `${f}: ${re}`).toBe(false);
      }
    }
  });
});
