/**
 * Holiday data (全国年节及纪念日放假安排) as shipped in resources/holidays/holidays.json
 * and as imported by a user from a file, so that next year's calendar (published by
 * the State Council each autumn) can be loaded without a new release.
 *
 * Structure and cross-field rules are both in the zod schemas, so
 * `HolidayDataFile.safeParse` alone guarantees a file the calendar can trust.
 * `parseHolidayDataText` never throws: it turns any problem (bad JSON included)
 * into `{ path, code, message: { 'zh-CN', 'en-US' } }` entries, paths like
 * `years[1].holidays[3]`.
 */
import { z } from 'zod';
import type { Locale, Localized } from '../i18n';
import { isoToDayNumber, parseIsoDate, weekdayOfDayNumber } from './isoDate';

export type BilingualText = Localized;

export const HOLIDAY_SCHEMA_VERSION = 1;
export const MIN_HOLIDAY_YEAR = 1949;
export const MAX_HOLIDAY_YEAR = 9999;

export type HolidayDataErrorCode =
  | 'json' // not JSON at all
  | 'required' // a field is missing
  | 'wrongType' // wrong JSON type (string where a number belongs …)
  | 'unknownKey' // a key the format does not have (typo guard)
  | 'schemaVersion' // unsupported schemaVersion
  | 'yearRange' // year not an integer in 1949–9999
  | 'dateFormat' // not YYYY-MM-DD
  | 'invalidDate' // YYYY-MM-DD but no such day (2025-02-29)
  | 'wrongYear' // a date outside the entry's year
  | 'notSorted' // dates must be ascending
  | 'duplicate' // the same date twice in one list
  | 'holidayAndMakeup' // a date both a day off and a make-up working day
  | 'makeupNotWeekend' // make-up working days are Saturdays or Sundays by definition
  | 'duplicateYear' // the same year twice in one file
  | 'noYears' // a file with no years
  | 'invalid'; // anything else the schema rejects

export interface HolidayDataError {
  /** `years[1].holidays[3]`; '' for the whole file. */
  path: string;
  code: HolidayDataErrorCode;
  message: BilingualText;
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Params = Record<string, string | number>;

function messageFor(code: HolidayDataErrorCode, p: Params): BilingualText {
  switch (code) {
    case 'json':
      return { 'zh-CN': `文件不是有效的 JSON：${p.detail}`, 'en-US': `The file is not valid JSON: ${p.detail}` };
    case 'required':
      return { 'zh-CN': '缺少必填项。', 'en-US': 'This field is required.' };
    case 'wrongType':
      return {
        'zh-CN': `类型错误：应为${typeZh(String(p.expected))}。`,
        'en-US': `Wrong type: expected ${typeEn(String(p.expected))}.`,
      };
    case 'unknownKey':
      return {
        'zh-CN': `不认识的字段：${p.keys}（请检查拼写）。`,
        'en-US': `Unknown field(s): ${p.keys} (check the spelling).`,
      };
    case 'schemaVersion':
      return {
        'zh-CN': `不支持的格式版本，应为 schemaVersion: ${HOLIDAY_SCHEMA_VERSION}。`,
        'en-US': `Unsupported format version; expected schemaVersion: ${HOLIDAY_SCHEMA_VERSION}.`,
      };
    case 'yearRange':
      return {
        'zh-CN': `年份应为 ${MIN_HOLIDAY_YEAR}–${MAX_HOLIDAY_YEAR} 之间的整数。`,
        'en-US': `The year must be a whole number from ${MIN_HOLIDAY_YEAR} to ${MAX_HOLIDAY_YEAR}.`,
      };
    case 'dateFormat':
      return {
        'zh-CN': `日期格式应为 YYYY-MM-DD（例如 2025-10-01），实际为 ${p.value}。`,
        'en-US': `Dates must be written YYYY-MM-DD (for example 2025-10-01), got ${p.value}.`,
      };
    case 'invalidDate':
      return { 'zh-CN': `日期 ${p.value} 不存在。`, 'en-US': `The date ${p.value} does not exist.` };
    case 'wrongYear':
      return {
        'zh-CN': `日期 ${p.value} 不属于 ${p.year} 年。`,
        'en-US': `The date ${p.value} is not in the year ${p.year}.`,
      };
    case 'notSorted':
      return {
        'zh-CN': `日期应按先后顺序排列：${p.value} 排在了 ${p.previous} 之后。`,
        'en-US': `Dates must be in ascending order: ${p.value} comes after ${p.previous}.`,
      };
    case 'duplicate':
      return { 'zh-CN': `日期 ${p.value} 重复出现。`, 'en-US': `The date ${p.value} is listed twice.` };
    case 'holidayAndMakeup':
      return {
        'zh-CN': `日期 ${p.value} 不能既是放假日又是调休上班日。`,
        'en-US': `The date ${p.value} cannot be both a holiday and a make-up working day.`,
      };
    case 'makeupNotWeekend': {
      const wd = Number(p.weekday);
      return {
        'zh-CN': `调休上班日应为周六或周日，${p.value} 是${WEEKDAY_ZH[wd] ?? ''}。`,
        'en-US': `A make-up working day must be a Saturday or Sunday; ${p.value} is a ${WEEKDAY_EN[wd] ?? ''}.`,
      };
    }
    case 'duplicateYear':
      return {
        'zh-CN': `${p.year} 年重复出现（另见 ${p.other}）。`,
        'en-US': `The year ${p.year} appears more than once (see also ${p.other}).`,
      };
    case 'noYears':
      return { 'zh-CN': '文件中没有任何年份的数据。', 'en-US': 'The file contains no years.' };
    case 'invalid':
      return { 'zh-CN': `数据无效：${p.detail}`, 'en-US': `Invalid data: ${p.detail}` };
  }
}

function typeZh(t: string): string {
  const map: Record<string, string> = {
    string: '文本',
    number: '数字',
    int: '整数',
    array: '数组',
    object: '对象',
    boolean: '布尔值',
  };
  return map[t] ?? t;
}
function typeEn(t: string): string {
  const map: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    array: 'a list',
    object: 'an object',
    boolean: 'true/false',
  };
  return map[t] ?? t;
}

/** Adds a custom issue carrying our code and parameters (read back by toHolidayDataErrors). */
function report(
  ctx: { addIssue: (issue: { code: 'custom'; message: string; path?: PropertyKey[]; params?: Params }) => void },
  code: HolidayDataErrorCode,
  params: Params,
  path?: PropertyKey[],
): void {
  ctx.addIssue({
    code: 'custom',
    message: messageFor(code, params)['en-US'],
    ...(path ? { path } : {}),
    params: { ...params, holidayCode: code },
  });
}

/** One ISO date in a holiday list; must be a real day. */
export const HolidayDate = z.string().superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) report(ctx, 'dateFormat', { value: JSON.stringify(s) });
  else if (!parseIsoDate(s)) report(ctx, 'invalidDate', { value: s });
});

/** Publication date of the notice; a real YYYY-MM-DD date. */
const PublishedAt = HolidayDate;

export const HolidayYear = z
  .strictObject({
    year: z.number().superRefine((y, ctx) => {
      if (!Number.isInteger(y) || y < MIN_HOLIDAY_YEAR || y > MAX_HOLIDAY_YEAR) report(ctx, 'yearRange', {});
    }),
    /** Days off (放假日), including weekend days inside a holiday span. Ascending, unique. */
    holidays: z.array(HolidayDate),
    /** Weekend days declared working days (调休上班日). Ascending, unique. */
    makeupWorkdays: z.array(HolidayDate),
    /** Where the data comes from (the notice's title / URL). */
    source: z.string().optional(),
    /** When the notice was published (YYYY-MM-DD). */
    publishedAt: PublishedAt.optional(),
  })
  .superRefine((entry, ctx) => {
    const checkList = (key: 'holidays' | 'makeupWorkdays'): void => {
      const list = entry[key];
      list.forEach((d, i) => {
        const path = [key, i];
        if (!d.startsWith(`${String(entry.year).padStart(4, '0')}-`)) {
          report(ctx, 'wrongYear', { value: d, year: entry.year }, path);
          return;
        }
        const prev = list[i - 1];
        if (prev !== undefined) {
          if (d === prev) report(ctx, 'duplicate', { value: d }, path);
          else if (d < prev) report(ctx, 'notSorted', { value: d, previous: prev }, path);
        }
      });
    };
    checkList('holidays');
    checkList('makeupWorkdays');

    const holidays = new Set(entry.holidays);
    entry.makeupWorkdays.forEach((d, i) => {
      const path = ['makeupWorkdays', i];
      if (holidays.has(d)) report(ctx, 'holidayAndMakeup', { value: d }, path);
      const dn = isoToDayNumber(d);
      if (dn !== null) {
        const weekday = weekdayOfDayNumber(dn);
        if (weekday !== 0 && weekday !== 6) report(ctx, 'makeupNotWeekend', { value: d, weekday }, path);
      }
    });
  });
export type HolidayYear = z.infer<typeof HolidayYear>;

export const HolidayDataFile = z
  .strictObject({
    schemaVersion: z.literal(HOLIDAY_SCHEMA_VERSION),
    years: z.array(HolidayYear),
  })
  .superRefine((file, ctx) => {
    if (file.years.length === 0) report(ctx, 'noYears', {}, ['years']);
    const seen = new Map<number, number>();
    file.years.forEach((y, i) => {
      const first = seen.get(y.year);
      if (first !== undefined) report(ctx, 'duplicateYear', { year: y.year, other: `years[${first}]` }, ['years', i, 'year']);
      else seen.set(y.year, i);
    });
  });
export type HolidayDataFile = z.infer<typeof HolidayDataFile>;

export type HolidayDataResult = { ok: true; data: HolidayDataFile } | { ok: false; errors: HolidayDataError[] };

/** `['years', 1, 'holidays', 3]` → `years[1].holidays[3]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function toHolidayDataErrors(issues: readonly z.core.$ZodIssue[], input: unknown): HolidayDataError[] {
  return issues.map((issue): HolidayDataError => {
    const path = formatIssuePath(issue.path);
    const err = (code: HolidayDataErrorCode, params: Params = {}): HolidayDataError => ({
      path,
      code,
      message: messageFor(code, params),
    });
    const last = issue.path[issue.path.length - 1];
    switch (issue.code) {
      case 'custom': {
        const params = (issue.params ?? {}) as Params;
        const code = params.holidayCode as HolidayDataErrorCode | undefined;
        return code ? err(code, params) : err('invalid', { detail: issue.message });
      }
      case 'invalid_type':
        if (valueAt(input, issue.path) === undefined) return err('required');
        if (last === 'year' && issue.expected === 'number') return err('wrongType', { expected: 'int' });
        return err('wrongType', { expected: issue.expected });
      case 'invalid_value':
        if (valueAt(input, issue.path) === undefined) return err('required');
        if (last === 'schemaVersion') return err('schemaVersion');
        return err('invalid', { detail: issue.message });
      case 'unrecognized_keys':
        return err('unknownKey', { keys: issue.keys.join(', ') });
      default:
        return err('invalid', { detail: issue.message });
    }
  });
}

/** Validates already-parsed JSON. Never throws. */
export function parseHolidayData(input: unknown): HolidayDataResult {
  const r = HolidayDataFile.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, errors: toHolidayDataErrors(r.error.issues, input) };
}

/** Validates the text of a holiday data file (a UTF-8 BOM is tolerated). Never throws. */
export function parseHolidayDataText(text: string): HolidayDataResult {
  let json: unknown;
  try {
    if (typeof text !== 'string') throw new TypeError('expected text');
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: '', code: 'json', message: messageFor('json', { detail }) }] };
  }
  return parseHolidayData(json);
}

/** `years[1].holidays[3]: …` lines for display or logs. */
export function formatHolidayDataErrors(errors: readonly HolidayDataError[], locale: Locale): string[] {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message[locale]}` : e.message[locale]));
}
