/**
 * Importing a catalog file: size limit → JSON syntax → structure (zod) → data quality.
 * Every problem comes back as a CatalogIssue (bilingual message, `items[0].materials[1].necessity`
 * style path), all of them at once rather than the first only, so the catalog office can
 * fix a file in one pass. Never throws, whatever the input.
 */
import type { z } from 'zod';
import { Bundle, Catalog, CATALOG_SCHEMA_VERSION, Department, Item, Theme } from './schema';
import { type CatalogIssue, type PathSegment, makeIssue, quote } from './issues';
import { checkCatalogQuality } from './quality';
import { describeJsonSyntaxError, findJsonSyntaxError, lineColumnAt } from './json-syntax';
import { labels } from './format';

export type { CatalogIssue } from './issues';

/** Files above this are refused before parsing (the real national lists are a few MB). */
export const MAX_CATALOG_BYTES = 20 * 1024 * 1024;
/** At most this many errors (and as many warnings) are listed; then one "and N more". */
export const MAX_LISTED_ISSUES = 200;

export type ParseCatalogResult =
  | { ok: true; catalog: Catalog; warnings: CatalogIssue[] }
  /** `errors` holds the blocking issues; `warnings` the non-blocking quality warnings, if it got that far. */
  | { ok: false; errors: CatalogIssue[]; warnings: CatalogIssue[] };

/** UTF-8 size of a string, without TextEncoder (core stays platform-free). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Parses and checks a catalog file's text. */
export function parseCatalogText(text: string): ParseCatalogResult {
  try {
    if (typeof text !== 'string')
      return fail([makeIssue('error', 'import.notText', '', '目录文件内容不是文本', 'the catalog file content is not text')]);
    // Cheap bounds first: every UTF-16 unit is ≥ 1 byte and ≤ 3 bytes.
    const size = text.length > MAX_CATALOG_BYTES ? text.length : text.length * 3 > MAX_CATALOG_BYTES ? utf8ByteLength(text) : 0;
    if (size > MAX_CATALOG_BYTES)
      return fail([
        makeIssue(
          'error',
          'import.tooLarge',
          '',
          `文件过大（至少 ${mb(size)} MB），目录文件不能超过 ${mb(MAX_CATALOG_BYTES)} MB`,
          `the file is too large (at least ${mb(size)} MB); a catalog file may be at most ${mb(MAX_CATALOG_BYTES)} MB`,
        ),
      ]);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // UTF-8 BOM from Windows editors
    if (body.trim() === '')
      return fail([makeIssue('error', 'import.empty', '', '目录文件为空', 'the catalog file is empty')]);

    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      return fail([jsonSyntaxIssue(body, text.length - body.length, e)]);
    }
    return parseCatalogData(data);
  } catch (e) {
    return fail([internalIssue(e)]);
  }
}

/**
 * Checks already-parsed data (e.g. a JSON module bundled with the app): structure, then
 * quality. Never throws.
 */
export function parseCatalogData(data: unknown): ParseCatalogResult {
  try {
    const parsed = Catalog.safeParse(data);
    if (!parsed.success) {
      // Structure errors, and everything the checks find in the entries that did parse: the
      // catalog office fixes the whole file in one pass instead of learning of a bad
      // department reference only once the structure is right.
      const structural = mapZodIssues(parsed.error.issues, data);
      const rest = qualityOfValidPart(data);
      return fail([...structural, ...rest.filter((i) => i.severity === 'error')], rest.filter((i) => i.severity !== 'error'));
    }
    const catalog = parsed.data;
    const quality = checkCatalogQuality(catalog);
    const errors = quality.filter((i) => i.severity === 'error');
    const warnings = quality.filter((i) => i.severity !== 'error');
    if (errors.length > 0) return fail(errors, warnings);
    return { ok: true, catalog, warnings: cap(warnings) };
  } catch (e) {
    return fail([internalIssue(e)]);
  }
}

/** The top-level lists of a catalog file, each entry checked on its own. */
const ENTRY_LISTS = [
  ['departments', Department, 'code'],
  ['themes', Theme, 'id'],
  ['items', Item, 'basicCode'],
  ['bundles', Bundle, 'id'],
] as const;

/**
 * The quality checks run on the entries of a structurally broken file that parse on their
 * own, with paths and messages pointing at the entries' places in the file. Entries with
 * errors of their own are left out; references to them (by code / id) are not reported as
 * unknown. [] when the file is not even an object.
 */
function qualityOfValidPart(data: unknown): CatalogIssue[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const raw = data as Record<string, unknown>;
  const valid: Record<string, unknown[]> = {};
  const positions: Record<string, number[]> = {};
  const setAside: Record<string, Set<string>> = {};
  for (const [key, schema, idKey] of ENTRY_LISTS) {
    const list = Array.isArray(raw[key]) ? (raw[key] as unknown[]) : [];
    valid[key] = [];
    positions[key] = [];
    setAside[key] = new Set();
    list.forEach((entry, i) => {
      const r = schema.safeParse(entry);
      if (r.success) {
        valid[key]!.push(r.data);
        positions[key]!.push(i);
      } else {
        const id = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[idKey] : undefined;
        if (typeof id === 'string') setAside[key]!.add(id);
      }
    });
  }
  // The frame around the entries is not checked here (its own errors are in the structural list).
  const frame = {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    version: '',
    effectiveDate: '',
    publisher: '',
    sampleData: false,
    departments: valid['departments'],
    themes: valid['themes'],
    items: valid['items'],
    bundles: valid['bundles'],
  } as Catalog;
  const issues = checkCatalogQuality(frame, {
    departmentCodes: setAside['departments'],
    themeIds: setAside['themes'],
    basicCodes: setAside['items'],
  });
  // Back to the file's own positions: items[1] of the valid part may be items[3] of the file.
  const place = (text: string): string =>
    text.replace(/\b(departments|themes|items|bundles)\[(\d+)\]/g, (m, key: string, n: string) => {
      const at = positions[key]?.[Number(n)];
      return at === undefined ? m : `${key}[${at}]`;
    });
  return issues.map((i) => ({ ...i, path: place(i.path), message: { 'zh-CN': place(i.message['zh-CN']), 'en-US': place(i.message['en-US']) } }));
}

function fail(errors: CatalogIssue[], warnings: CatalogIssue[] = []): ParseCatalogResult {
  return { ok: false, errors: cap(errors), warnings: cap(warnings) };
}

/** Keeps the first MAX_LISTED_ISSUES and adds one issue saying how many more there are. */
export function cap(issues: CatalogIssue[], max = MAX_LISTED_ISSUES): CatalogIssue[] {
  if (issues.length <= max) return issues;
  const more = issues.length - max;
  const severity = issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
  return [
    ...issues.slice(0, max),
    makeIssue(
      severity,
      'import.moreIssues',
      '',
      `……还有 ${more} 个问题未列出`,
      `… and ${more} more issue${more === 1 ? '' : 's'} not listed`,
    ),
  ];
}

function internalIssue(e: unknown): CatalogIssue {
  const detail = e instanceof Error ? e.message : String(e);
  return makeIssue(
    'error',
    'import.internal',
    '',
    `无法读取目录文件（内部错误：${detail}）`,
    `the catalog file could not be read (internal error: ${detail})`,
  );
}

function jsonSyntaxIssue(body: string, bomOffset: number, thrown: unknown): CatalogIssue {
  const found = findJsonSyntaxError(body);
  if (found) {
    const message = describeJsonSyntaxError(found);
    const issue = makeIssue('error', 'json.syntax', '', message['zh-CN'], message['en-US']);
    issue.position = { line: found.line, column: found.column, offset: found.offset + bomOffset };
    return issue;
  }
  // Our scanner found nothing (should not happen): use the engine's position if it gives one.
  const engine = thrown instanceof Error ? thrown.message : String(thrown);
  const m = /position (\d+)/.exec(engine);
  const issue = makeIssue('error', 'json.syntax', '', `JSON 语法错误：${engine}`, `JSON syntax error: ${engine}`);
  if (m?.[1]) {
    const offset = Number(m[1]);
    const { line, column } = lineColumnAt(body, offset);
    issue.position = { line, column, offset: offset + bomOffset };
    issue.message = {
      'zh-CN': `JSON 语法错误（第 ${line} 行，第 ${column} 列）：${engine}`,
      'en-US': `JSON syntax error at line ${line}, column ${column}: ${engine}`,
    };
  }
  return issue;
}

// ---- zod issues → CatalogIssue ----------------------------------------------------------

type ZodIssue = z.core.$ZodIssue;

const EXPECTED_ZH: Record<string, string> = {
  string: '文本（字符串）',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  array: '数组（列表）',
  object: '对象',
  null: 'null',
  undefined: '空',
};
const EXPECTED_EN: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
  array: 'an array',
  object: 'an object',
};

function has(o: unknown, key: PathSegment): boolean {
  if (o === null || typeof o !== 'object') return false;
  if (Array.isArray(o)) return typeof key === 'number' && key >= 0 && key < o.length;
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The raw input at a path; `present: false` when a key along the way is missing. */
function valueAt(data: unknown, path: readonly PathSegment[]): { present: boolean; value: unknown } {
  let cur = data;
  for (const seg of path) {
    if (!has(cur, seg)) return { present: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return { present: true, value: cur };
}

function describeValue(v: unknown, locale: 'zh' | 'en'): string {
  const zh = locale === 'zh';
  if (v === null) return 'null';
  if (Array.isArray(v)) return zh ? `数组（${v.length} 项）` : `an array (${v.length} entries)`;
  switch (typeof v) {
    case 'string':
      return zh ? `文本 ${quote(v)}` : `the string ${quote(v)}`;
    case 'number':
      return zh ? `数字 ${v}` : `the number ${v}`;
    case 'boolean':
      return zh ? `布尔值 ${v}` : `the boolean ${v}`;
    case 'object':
      return zh ? '对象' : 'an object';
    default:
      return String(v);
  }
}

/** Chinese label of an enum value when the catalog defines one: `deferrable（容缺后补）`. */
const ZH_ENUM_LABELS: Record<string, string> = (() => {
  const out: Record<string, string> = {};
  const zh = labels['zh-CN'];
  for (const table of [
    zh.itemType,
    zh.materialType,
    zh.materialForm,
    zh.necessity,
    zh.materialSource,
    zh.caseType,
    zh.resultType,
    zh.paperSize,
    zh.themeAudience,
    zh.fieldKind,
  ] as Record<string, string>[])
    for (const [k, v] of Object.entries(table)) if (!(k in out) && k !== v) out[k] = v;
  out.workingDays = '工作日';
  return out;
})();
const LIMIT_KIND_ZH: Record<string, string> = { immediate: '即办', workingDays: '工作日', calendarDays: '自然日', none: '无法定时限' };

function allowedList(values: readonly unknown[], lastKey: PathSegment | undefined, locale: 'zh' | 'en'): string {
  return values
    .map((v) => {
      const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
      if (locale === 'en' || typeof v !== 'string') return s;
      const label = lastKey === 'kind' ? LIMIT_KIND_ZH[v] : ZH_ENUM_LABELS[v];
      return label ? `${s}（${label}）` : s;
    })
    .join(locale === 'zh' ? '、' : ', ');
}

const KNOWN_FORMATS: Record<string, { zh: string; en: string }> = {
  version: { zh: '版本号格式应为 YYYY.M.N，例如 2026.11.1', en: 'the version must look like YYYY.M.N, e.g. 2026.11.1' },
  effectiveDate: { zh: '日期格式应为 YYYY-MM-DD，例如 2026-11-01', en: 'the date must look like YYYY-MM-DD, e.g. 2026-11-01' },
};

/** Maps zod issues to CatalogIssues, against the raw input (to name missing fields and bad values). */
export function mapZodIssues(issues: readonly ZodIssue[], data: unknown, prefix: readonly PathSegment[] = []): CatalogIssue[] {
  const out: CatalogIssue[] = [];
  for (const issue of issues) {
    const path: PathSegment[] = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    // A union with no match: explain using the branch that came closest.
    if (issue.code === 'invalid_union' && !issue.discriminator && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (best && best.length > 0) {
        out.push(...mapZodIssues(best, data, path));
        continue;
      }
    }
    // One issue per unknown key, pointing at the key itself (items[2].materials[0].sampel).
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(mapZodIssue({ ...issue, keys: [key] }, [...path, key], data));
      continue;
    }
    out.push(mapZodIssue(issue, path, data));
  }
  return out;
}

function mapZodIssue(issue: ZodIssue, path: PathSegment[], data: unknown): CatalogIssue {
  const { present, value } = valueAt(data, path);
  const last = path[path.length - 1];
  const field = last === undefined ? '' : String(last);
  const code = `schema.${issue.code ?? 'custom'}`;
  const make = (zh: string, en: string) => makeIssue('error', code, path, zh, en);
  const missing = () =>
    typeof last === 'number'
      ? make(`缺少第 ${last + 1} 项`, `entry ${last} is missing`)
      : make(`缺少必填字段 ${quote(field)}`, `required field ${quote(field)} is missing`);

  switch (issue.code) {
    case 'invalid_type': {
      if (!present || value === undefined) return missing();
      const exZh = EXPECTED_ZH[issue.expected] ?? issue.expected;
      const exEn = EXPECTED_EN[issue.expected] ?? issue.expected;
      return make(`应为${exZh}，实际为${describeValue(value, 'zh')}`, `expected ${exEn}, received ${describeValue(value, 'en')}`);
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') {
        if (min <= 1) return make('不能为空', 'must not be empty');
        return make(`至少需要 ${min} 个字符`, `must be at least ${min} characters long`);
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(value) ? value.length : 0;
        if (min <= 1) return make('至少需要 1 项，当前为空', 'needs at least 1 entry, has none');
        return make(`至少需要 ${min} 项，当前为 ${n} 项`, `needs at least ${min} entries, has ${n}`);
      }
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return inclusive
          ? make(`不能小于 ${min}（当前为 ${String(value)}）`, `must be at least ${min} (is ${String(value)})`)
          : make(`必须大于 ${min}（当前为 ${String(value)}）`, `must be greater than ${min} (is ${String(value)})`);
      }
      return make(`数值过小（最小 ${min}）`, issue.message);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') {
        const n = typeof value === 'string' ? value.trim().length : 0;
        return make(`不能超过 ${max} 个字符（当前为 ${n} 个）`, `must be at most ${max} characters long (is ${n})`);
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(value) ? value.length : 0;
        return make(`最多 ${max} 项（当前为 ${n} 项）`, `may have at most ${max} entries (has ${n})`);
      }
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return inclusive
          ? make(`不能大于 ${max}（当前为 ${String(value)}）`, `must be at most ${max} (is ${String(value)})`)
          : make(`必须小于 ${max}（当前为 ${String(value)}）`, `must be less than ${max} (is ${String(value)})`);
      }
      return make(`数值过大（最大 ${max}）`, issue.message);
    }
    case 'invalid_value': {
      const values = issue.values;
      if (!present || value === undefined) {
        const m = missing();
        m.message['zh-CN'] += `，可选值：${allowedList(values, last, 'zh')}`;
        m.message['en-US'] += `; allowed: ${allowedList(values, last, 'en')}`;
        return m;
      }
      if (values.length === 1)
        return make(
          `应为 ${allowedList(values, last, 'zh')}，实际为${describeValue(value, 'zh')}`,
          `expected ${allowedList(values, last, 'en')}, received ${describeValue(value, 'en')}`,
        );
      return make(
        `${describeValue(value, 'zh')} 不是有效值，可选值：${allowedList(values, last, 'zh')}`,
        `${describeValue(value, 'en')} is not an allowed value; allowed: ${allowedList(values, last, 'en')}`,
      );
    }
    case 'invalid_format': {
      const known = KNOWN_FORMATS[field];
      const got = describeValue(value, 'zh');
      const gotEn = describeValue(value, 'en');
      if (known) return make(`${known.zh}（当前为${got}）`, `${known.en} (is ${gotEn})`);
      if (issue.format === 'regex') {
        const pattern = 'pattern' in issue && issue.pattern ? issue.pattern : '';
        if (field === 'id' && path.includes('fields'))
          return make(
            `字段编号须以英文字母开头，只含字母、数字和下划线（当前为${got}）`,
            `a field id must start with a letter and contain only letters, digits and underscores (is ${gotEn})`,
          );
        return make(`格式不正确：${got}，应匹配 ${pattern}`, `invalid format: ${gotEn} must match ${pattern}`);
      }
      return make(`格式不正确：${got}（应为 ${issue.format}）`, `invalid format: ${gotEn} (expected ${issue.format})`);
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => quote(k)).join(', ');
      return make(`未知字段 ${keys}（拼写错误？该字段不属于目录格式）`, `unknown field ${keys} (a typo? it is not part of the catalog format)`);
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
        // zod puts the discriminator key at the end of the path already; be tolerant if not.
        const discPath = last === issue.discriminator ? path : [...path, issue.discriminator];
        const d = valueAt(data, discPath);
        const shownField = String(issue.discriminator);
        if (!d.present || d.value === undefined)
          return makeIssue(
            'error',
            code,
            discPath,
            `缺少必填字段 ${quote(shownField)}，可选值：${allowedList(options, issue.discriminator, 'zh')}`,
            `required field ${quote(shownField)} is missing; allowed: ${allowedList(options, issue.discriminator, 'en')}`,
          );
        return makeIssue(
          'error',
          code,
          discPath,
          `${describeValue(d.value, 'zh')} 不是有效值，可选值：${allowedList(options, issue.discriminator, 'zh')}`,
          `${describeValue(d.value, 'en')} is not an allowed value; allowed: ${allowedList(options, issue.discriminator, 'en')}`,
        );
      }
      return make(`不符合任何允许的格式（${issue.message}）`, `matches none of the allowed forms (${issue.message})`);
    }
    default:
      return make(`数据不符合要求：${issue.message}`, issue.message);
  }
}

