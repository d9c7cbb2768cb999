import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { computeStatutoryHolidays, statutoryHolidays, STATUTORY_RULE_MAX_YEAR } from './statutoryHolidays';
import { defaultCalendar } from './index';

const dates = (year: number): string[] => statutoryHolidays(year).map((h) => h.date);
const named = (year: number, name: string): string[] => statutoryHolidays(year).filter((h) => h.name === name).map((h) => h.date);

describe('statutory holidays by rule (全国年节及纪念日放假办法, 2024 amendment)', () => {
  it('has the 13 days of the rule in 2025, 2026, 2027, 2029 and 2030', () => {
    for (const y of [2025, 2026, 2027, 2029, 2030]) expect(dates(y), String(y)).toHaveLength(13);
  });

  it('every day by rule is a day off in the published 2025 and 2026 arrangements', () => {
    for (const y of [2025, 2026]) {
      const published = new Set(defaultCalendar.yearData(y)!.holidays);
      for (const d of dates(y)) expect(published.has(d), `${d} published as a day off`).toBe(true);
    }
  });

  it('matches the published 2025 and 2026 fixed-rule days', () => {
    expect(named(2025, '春节')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(named(2025, '清明节')).toEqual(['2025-04-04']);
    expect(named(2025, '端午节')).toEqual(['2025-05-31']);
    expect(named(2025, '中秋节')).toEqual(['2025-10-06']);
    expect(named(2026, '春节')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(named(2026, '清明节')).toEqual(['2026-04-05']);
    expect(named(2026, '端午节')).toEqual(['2026-06-19']);
    expect(named(2026, '中秋节')).toEqual(['2026-09-25']);
  });

  it('computes the lunar holidays of 2027–2030 (known 正月初一, 五月初五, 八月十五) and 清明', () => {
    // 春节: 除夕 and 初一–初三
    expect(named(2027, '春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(named(2028, '春节')).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
    expect(named(2029, '春节')).toEqual(['2029-02-12', '2029-02-13', '2029-02-14', '2029-02-15']);
    expect(named(2030, '春节')).toEqual(['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
    expect([2027, 2028, 2029, 2030].map((y) => named(y, '端午节')[0])).toEqual(['2027-06-09', '2028-05-28', '2029-06-16', '2030-06-05']);
    expect([2027, 2029, 2030].map((y) => named(y, '中秋节')[0])).toEqual(['2027-09-15', '2029-09-22', '2030-09-12']);
    expect([2027, 2028, 2029, 2030].map((y) => named(y, '清明节')[0])).toEqual(['2027-04-05', '2028-04-04', '2029-04-04', '2030-04-05']);
  });

  it('a day that is two holidays at once counts once (中秋 on 国庆 10/3 in 2028)', () => {
    expect(dates(2028)).toHaveLength(12);
    expect(statutoryHolidays(2028).find((h) => h.date === '2028-10-03')).toBeDefined();
  });

  it('fixed-date holidays: 元旦, 劳动节 5/1–5/2, 国庆 10/1–10/3', () => {
    expect(named(2030, '元旦')).toEqual(['2030-01-01']);
    expect(named(2030, '劳动节')).toEqual(['2030-05-01', '2030-05-02']);
    expect(named(2030, '国庆节')).toEqual(['2030-10-01', '2030-10-02', '2030-10-03']);
  });

  it('is ascending and gives nothing outside the years the lunar table covers', () => {
    const d = dates(2029);
    expect([...d].sort()).toEqual(d);
    expect(statutoryHolidays(STATUTORY_RULE_MAX_YEAR + 1)).toEqual([]);
    expect(statutoryHolidays(1800)).toEqual([]);
  });

  it('is the same in any time zone (the library reads dates in local time)', () => {
    // A worker cannot change its own time zone: ask fresh Node processes.
    const script =
      "import('./src/core/calendar/statutoryHolidays.ts').then((m) => " +
      'console.log(JSON.stringify([2027, 2028, 2041, 2099].map((y) => m.computeStatutoryHolidays(y)))))';
    const expected = [2027, 2028, 2041, 2099].map((y) => computeStatutoryHolidays(y));
    for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(JSON.parse(out), tz).toEqual(expected);
    }
    expect(expected[0]).toEqual(statutoryHolidays(2027));
  }, 30_000);
});

describe('provisional years with the rule applied', () => {
  it('a promised date past the published years skips 元旦 and 春节 but stays provisional', () => {
    // 2027: Thu 2/4 + 1 → Fri 2/5 is 除夕, 2/6–2/7 weekend, 2/8 初三 → Tue 2/9
    expect(defaultCalendar.addWorkingDays('2027-02-04', 1)).toEqual({ date: '2027-02-09', provisional: true });
    expect(defaultCalendar.describeDay('2027-10-01')).toMatchObject({ kind: 'holiday', official: false });
  });
});
