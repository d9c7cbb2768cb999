import { describe, expect, it } from 'vitest';
import {
  HolidayDataFile,
  HolidayYear,
  formatHolidayDataErrors,
  parseHolidayData,
  parseHolidayDataText,
  type HolidayDataError,
} from './holidayData';

const y2025 = {
  year: 2025,
  holidays: ['2025-01-01', '2025-10-01', '2025-10-02'],
  makeupWorkdays: ['2025-09-28', '2025-10-11'],
};
const y2026 = {
  year: 2026,
  holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-15'],
  makeupWorkdays: ['2026-01-04'],
};
const file = (years: unknown[]): string => JSON.stringify({ schemaVersion: 1, years });

function errorsOf(text: string): HolidayDataError[] {
  const r = parseHolidayDataText(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const pathsAndCodes = (errs: HolidayDataError[]): [string, string][] => errs.map((e) => [e.path, e.code]);

describe('holiday data file', () => {
  it('accepts a valid file, with optional source and publishedAt', () => {
    const r = parseHolidayDataText(file([y2025, { ...y2026, source: '国办通知', publishedAt: '2025-11-04' }]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.years.map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('allows holidays on weekends and empty lists', () => {
    expect(HolidayYear.safeParse({ year: 2025, holidays: ['2025-02-01'], makeupWorkdays: [] }).success).toBe(true);
    expect(HolidayYear.safeParse({ year: 2030, holidays: [], makeupWorkdays: [] }).success).toBe(true);
  });

  it('tolerates a UTF-8 BOM (files saved by Notepad)', () => {
    expect(parseHolidayDataText(`\uFEFF${file([y2025])}`).ok).toBe(true);
  });

  it('never throws on bad JSON or non-text input', () => {
    for (const bad of ['', '{', 'null,', "{ schemaVersion: 1 }", '\u0000']) {
      const errs = errorsOf(bad);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatchObject({ path: '', code: 'json' });
      expect(errs[0]!.message['zh-CN']).toContain('JSON');
    }
    expect(parseHolidayDataText(undefined as unknown as string).ok).toBe(false);
    expect(parseHolidayDataText(42 as unknown as string).ok).toBe(false);
  });

  it('rejects JSON that is not an object', () => {
    for (const text of ['null', '[]', '"x"', '1']) {
      const errs = errorsOf(text);
      expect(errs[0]).toMatchObject({ path: '', code: 'wrongType' });
    }
  });

  it('reports missing fields, wrong types and unknown keys with paths', () => {
    expect(pathsAndCodes(errorsOf('{"schemaVersion":1}'))).toEqual([['years', 'required']]);
    expect(pathsAndCodes(errorsOf('{"years":[]}'))).toContainEqual(['schemaVersion', 'required']);
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, year: '2025' }])))).toEqual([['years[0].year', 'wrongType']]);
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, holidays: '2025-01-01' }])))).toEqual([['years[0].holidays', 'wrongType']]);
    expect(pathsAndCodes(errorsOf(file([y2025, { year: 2026, holidays: [] }])))).toEqual([
      ['years[1].makeupWorkdays', 'required'],
    ]);
    const unknown = errorsOf(file([{ ...y2025, makeupWorkDays: [] }]));
    expect(pathsAndCodes(unknown)).toEqual([['years[0]', 'unknownKey']]);
    expect(unknown[0]!.message['en-US']).toContain('makeupWorkDays');
    expect(unknown[0]!.message['zh-CN']).toContain('makeupWorkDays');
  });

  it('reports an unsupported schema version and an empty file', () => {
    expect(pathsAndCodes(errorsOf(JSON.stringify({ schemaVersion: 2, years: [y2025] })))).toEqual([
      ['schemaVersion', 'schemaVersion'],
    ]);
    expect(pathsAndCodes(errorsOf(file([])))).toEqual([['years', 'noYears']]);
  });

  it('reports year range problems', () => {
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, year: 2025.5 }])))).toContainEqual(['years[0].year', 'yearRange']);
    expect(pathsAndCodes(errorsOf(file([{ year: 1800, holidays: [], makeupWorkdays: [] }])))).toEqual([
      ['years[0].year', 'yearRange'],
    ]);
  });

  it('reports bad dates at their exact index', () => {
    const bad = { ...y2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-30'] };
    const errs = errorsOf(file([y2025, bad]));
    expect(pathsAndCodes(errs)).toEqual([['years[1].holidays[3]', 'invalidDate']]);
    expect(errs[0]!.message['zh-CN']).toContain('2026-02-30');
    expect(errs[0]!.message['en-US']).toContain('2026-02-30');
    expect(formatHolidayDataErrors(errs, 'en-US')).toEqual(['years[1].holidays[3]: The date 2026-02-30 does not exist.']);
    expect(formatHolidayDataErrors(errs, 'zh-CN')).toEqual(['years[1].holidays[3]: 日期 2026-02-30 不存在。']);

    expect(pathsAndCodes(errorsOf(file([{ ...y2025, holidays: ['2025-1-1'] }])))).toEqual([
      ['years[0].holidays[0]', 'dateFormat'],
    ]);
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, makeupWorkdays: [20250928] }])))).toEqual([
      ['years[0].makeupWorkdays[0]', 'wrongType'],
    ]);
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, publishedAt: '2024-11-31' }])))).toEqual([
      ['years[0].publishedAt', 'invalidDate'],
    ]);
  });

  it('reports dates outside the year, unsorted and duplicate dates', () => {
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, holidays: ['2024-12-31', '2025-01-01'] }])))).toEqual([
      ['years[0].holidays[0]', 'wrongYear'],
    ]);
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, makeupWorkdays: ['2026-01-04'] }])))).toEqual([
      ['years[0].makeupWorkdays[0]', 'wrongYear'],
    ]);
    const unsorted = errorsOf(file([{ ...y2025, holidays: ['2025-01-01', '2025-10-02', '2025-10-01'] }]));
    expect(pathsAndCodes(unsorted)).toEqual([['years[0].holidays[2]', 'notSorted']]);
    expect(unsorted[0]!.message['en-US']).toContain('2025-10-01 comes after 2025-10-02');
    expect(pathsAndCodes(errorsOf(file([{ ...y2025, holidays: ['2025-01-01', '2025-01-01'] }])))).toEqual([
      ['years[0].holidays[1]', 'duplicate'],
    ]);
  });

  it('reports a date that is both a holiday and a make-up day, and make-up days on weekdays', () => {
    const both = errorsOf(file([{ ...y2025, holidays: ['2025-09-28'], makeupWorkdays: ['2025-09-28'] }]));
    expect(pathsAndCodes(both)).toEqual([['years[0].makeupWorkdays[0]', 'holidayAndMakeup']]);
    const weekday = errorsOf(file([{ ...y2025, makeupWorkdays: ['2025-01-27', '2025-09-28'] }]));
    expect(pathsAndCodes(weekday)).toEqual([['years[0].makeupWorkdays[0]', 'makeupNotWeekend']]);
    expect(weekday[0]!.message['zh-CN']).toContain('周一');
    expect(weekday[0]!.message['en-US']).toContain('Monday');
  });

  it('reports a year given twice, pointing at the first', () => {
    const errs = errorsOf(file([y2025, y2026, y2025]));
    expect(pathsAndCodes(errs)).toEqual([['years[2].year', 'duplicateYear']]);
    expect(errs[0]!.message['en-US']).toContain('years[0]');
  });

  it('reports several problems at once, each with its own path', () => {
    const errs = errorsOf(
      file([
        { ...y2025, makeupWorkdays: ['2025-01-27'] },
        { ...y2026, holidays: ['2026-01-01', '2026-13-01'] },
      ]),
    );
    expect(pathsAndCodes(errs)).toEqual(
      expect.arrayContaining([
        ['years[0].makeupWorkdays[0]', 'makeupNotWeekend'],
        ['years[1].holidays[1]', 'invalidDate'],
      ]),
    );
  });

  it('gives every error a message in both locales', () => {
    const errs = [
      ...errorsOf('{'),
      ...errorsOf(file([{ ...y2025, makeupWorkdays: ['2025-01-27'] }])),
      ...errorsOf(file([{ ...y2025, year: 'x', extra: 1 }])),
    ];
    for (const e of errs) {
      expect(e.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message['en-US'].length).toBeGreaterThan(5);
      expect(e.message['en-US']).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('parseHolidayData validates already-parsed values; the schema alone enforces the rules', () => {
    expect(parseHolidayData({ schemaVersion: 1, years: [y2025] }).ok).toBe(true);
    expect(HolidayDataFile.safeParse({ schemaVersion: 1, years: [{ ...y2025, makeupWorkdays: ['2025-01-27'] }] }).success).toBe(
      false,
    );
  });
});
