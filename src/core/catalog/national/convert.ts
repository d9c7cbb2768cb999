/**
 * The national implementation-list exchange (事项管理 data set, as provincial platforms export it)
 * → a OneWindow catalog. One record per implementation (实施清单): AUDIT_ITEM and its child tables.
 *
 * Nothing is dropped silently: every source field is either placed in the catalog, or known
 * exchange bookkeeping (cd_batch, cd_time …, counted apart), or listed in the report as
 * `unplaced`. A code outside its code set is listed as `unknownCodes` (with its path), never
 * guessed; a record that cannot become an item at all is listed in `problems`. Pure.
 */
import type { Localized } from '../../i18n';
import type { CatalogInput, SpecialProcedure, TimeLimit } from '../schema';
import { splitNumberedList } from '../quality';
import { csvRecords } from './csv';
import {
  HANDLE_TYPE,
  IS_NEED,
  LIMIT_UNIT,
  MATERIAL_FORM,
  MATERIAL_TYPE,
  NO_LIMIT_DAYS,
  PAGE_FORMAT,
  PROJECT_TYPE,
  RESULT_TYPE,
  SERVE_TYPE,
  SOURCE_TYPE,
  TASK_TYPE,
  USE_LEVEL,
  YES_NO,
  signingRequirementsOf,
} from './codes';

type Row = Record<string, unknown>;

/** The tables of one implementation record, in the national names. */
export const NATIONAL_TABLES = [
  'AUDIT_ITEM',
  'AUDIT_ITEM_EXTEND',
  'AUDIT_ITEM_BUSINESS',
  'AUDIT_ITEM_WINDOW',
  'AUDIT_ITEM_BYLAW',
  'AUDIT_ITEM_SPECIAL',
  'AUDIT_ITEM_CHARGE',
  'AUDIT_MATERIAL',
  'AUDIT_ITEM_CONDITION',
  'AUDIT_MATERIAL_CONDITION',
  'AUDIT_QA',
] as const;
export type NationalTable = (typeof NATIONAL_TABLES)[number];
/** Tables with one row per implementation; the others are lists. */
const SINGLE: ReadonlySet<string> = new Set(['AUDIT_ITEM', 'AUDIT_ITEM_EXTEND']);

/** Exchange bookkeeping: carried by every table, describes the transfer rather than the item. */
export const EXCHANGE_FIELDS: ReadonlySet<string> = new Set([
  'rowguid', 'id', 'cd_operation', 'cd_time', 'cd_batch', 'data_source', 'create_time', 'update_time', 'version', 'version_date', 'order_num', 'task_code',
]);

/** The fields each table's rows may carry that the import places (lower case). */
export const PLACED_FIELDS: Readonly<Record<NationalTable, readonly string[]>> = {
  AUDIT_ITEM: [
    'catalog_code', 'task_name', 'task_type', 'dept_code', 'dept_name', 'use_level',
    'anticipate_day', 'anticipate_type', 'anticipate_day_explain', 'promise_day', 'promise_type', 'promise_day_explain',
    'project_type', 'is_fee', 'limit_scene_num', 'serve_type', 'handle_type', 'accept_name', 'link_way', 'supervise_way',
    'accept_condition', 'by_law', 'transact_addr', 'transact_time',
  ],
  AUDIT_ITEM_EXTEND: ['result_type', 'result_name', 'result_sample', 'scene_reason', 'is_online_handle', 'handle_area', 'is_generate_ecert'],
  AUDIT_ITEM_BUSINESS: ['ywcode', 'yw_name', 'promise_day', 'promise_type', 'promise_day_explain', 'transact_addr', 'transact_time'],
  AUDIT_ITEM_WINDOW: ['window_name', 'window_address', 'office_hour', 'window_phone'],
  AUDIT_ITEM_BYLAW: ['law_name', 'law_number', 'clause_number', 'clause_content'],
  AUDIT_ITEM_SPECIAL: ['special_name', 'special_date', 'special_date_type', 'special_desc'],
  AUDIT_ITEM_CHARGE: ['charge_name', 'charge_standard', 'charge_basis', 'is_reduce', 'reduce_explain', 'ywcode'],
  AUDIT_MATERIAL: [
    'material_code', 'material_name', 'material_type', 'material_form', 'original_amount', 'copy_amount', 'page_num', 'page_format',
    'is_need', 'source_type', 'source_explain', 'accept_stand', 'by_law', 'sign_ask', 'fill_explian', 'is_generate_ecert', 'ywcode',
    'empty_table', 'sample_table', 'remark',
  ],
  AUDIT_ITEM_CONDITION: ['condition_content'],
  AUDIT_MATERIAL_CONDITION: ['condition_code', 'condition_name', 'material_code'],
  AUDIT_QA: ['question', 'answer'],
};

export interface SourceNote {
  /** Where in the export: `list[2].AUDIT_MATERIAL[0].page_color`. */
  path: string;
  field: string;
  value: string;
}

export interface NationalProblem {
  path: string;
  message: Localized;
}

export interface NationalImportReport {
  /** Implementation records read (list entries). */
  implementations: number;
  /** Items the catalog got (one per implementation converted). */
  items: number;
  /** Distinct basic codes among them. */
  basicCodes: number;
  materials: number;
  /** Source fields with a value that no catalog field holds. */
  unplaced: SourceNote[];
  /** Code values outside their code set. */
  unknownCodes: SourceNote[];
  /** Records or rows that could not be converted (missing key fields …). */
  problems: NationalProblem[];
  /** Exchange bookkeeping fields seen (not catalog content). */
  bookkeepingFields: number;
}

export interface NationalFrame {
  version: string;
  effectiveDate: string;
  publisher: string;
}

export interface NationalConversion {
  catalog: CatalogInput;
  report: NationalImportReport;
}

/** True when anything in the export would not reach the catalog. */
export function wouldLoseData(report: NationalImportReport): boolean {
  return report.unplaced.length > 0 || report.unknownCodes.length > 0 || report.problems.length > 0;
}

/** Is this parsed JSON a national export (`{ list: [{ AUDIT_ITEM: … }] }`) rather than a OneWindow catalog? */
export function isNationalExport(data: unknown): boolean {
  if (!isRow(data)) return false;
  const list = data['list'];
  return Array.isArray(list) && list.length > 0 && list.every((r) => isRow(r) && isRow(r['AUDIT_ITEM']));
}

function isRow(v: unknown): v is Row {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Field names are compared in lower case (exports use either). */
function lowerKeys(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k.trim().toLowerCase()] = v;
  return out;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * CSV tables (one file per table, file name = table name) → the JSON shape: child rows join
 * their implementation by task_code.
 */
export function nationalExportFromCsv(files: Readonly<Record<string, string>>): { data: { list: Row[] }; problems: NationalProblem[] } {
  const problems: NationalProblem[] = [];
  const tables = new Map<string, Record<string, string>[]>();
  for (const [name, content] of Object.entries(files)) {
    const table = name.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '').toUpperCase();
    if (!(NATIONAL_TABLES as readonly string[]).includes(table)) {
      problems.push({ path: name, message: { 'zh-CN': `未知的数据表文件 ${name}（不属于事项管理数据集），其内容未导入`, 'en-US': `unknown table file ${name} (not part of the item data set); its content was not imported` } });
      continue;
    }
    tables.set(table, csvRecords(content));
  }
  const base = tables.get('AUDIT_ITEM') ?? [];
  if (base.length === 0)
    problems.push({ path: 'AUDIT_ITEM.csv', message: { 'zh-CN': '缺少 AUDIT_ITEM.csv（事项基本信息表）或其中没有数据', 'en-US': 'AUDIT_ITEM.csv (the item table) is missing or empty' } });
  const byCode = new Map<string, Row>();
  const list: Row[] = [];
  base.forEach((row) => {
    const code = text(lowerKeys(row)['task_code']);
    const record: Row = { AUDIT_ITEM: row };
    list.push(record);
    if (code) byCode.set(code, record);
  });
  for (const [table, rows] of tables) {
    if (table === 'AUDIT_ITEM') continue;
    rows.forEach((row, r) => {
      const code = text(lowerKeys(row)['task_code']);
      const record = byCode.get(code);
      if (!record) {
        problems.push({
          path: `${table}.csv 第 ${r + 2} 行`,
          message: {
            'zh-CN': `${table}.csv 第 ${r + 2} 行的实施编码 ${code ? `“${code}”` : '（空）'} 在 AUDIT_ITEM.csv 中不存在，该行未导入`,
            'en-US': `${table}.csv line ${r + 2}: implementation code ${code ? `"${code}"` : '(empty)'} is not in AUDIT_ITEM.csv; the row was not imported`,
          },
        });
        return;
      }
      if (SINGLE.has(table)) record[table] = row;
      else ((record[table] ??= []) as Row[]).push(row);
    });
  }
  return { data: { list }, problems };
}

/** Converts a national export (already parsed JSON, or from nationalExportFromCsv) into a catalog. Never throws. */
export function convertNationalExport(data: unknown, frame: NationalFrame): NationalConversion {
  const report: NationalImportReport = { implementations: 0, items: 0, basicCodes: 0, materials: 0, unplaced: [], unknownCodes: [], problems: [], bookkeepingFields: 0 };
  const departments = new Map<string, string>();
  const items: Record<string, unknown>[] = [];
  const list = isRow(data) && Array.isArray(data['list']) ? (data['list'] as unknown[]) : [];
  if (list.length === 0)
    report.problems.push({ path: 'list', message: { 'zh-CN': '导出文件中没有实施清单记录（list 为空或不存在）', 'en-US': 'the export holds no implementation records (list is empty or missing)' } });
  if (isRow(data))
    for (const k of Object.keys(data))
      if (k !== 'list') report.unplaced.push({ path: k, field: k, value: text(data[k]).slice(0, 80) });

  list.forEach((raw, n) => {
    report.implementations += 1;
    const at = `list[${n}]`;
    if (!isRow(raw) || !isRow(raw['AUDIT_ITEM'])) {
      report.problems.push({ path: at, message: { 'zh-CN': `${at} 不是实施清单记录（缺少 AUDIT_ITEM）`, 'en-US': `${at} is not an implementation record (no AUDIT_ITEM)` } });
      return;
    }
    const item = convertRecord(raw, at, report, departments);
    if (item) items.push(item);
  });

  report.items = items.length;
  report.basicCodes = new Set(items.map((i) => i['basicCode'])).size;
  report.materials = items.reduce((n, i) => n + (i['materials'] as unknown[]).length, 0);
  const catalog = {
    schemaVersion: 1,
    version: frame.version,
    effectiveDate: frame.effectiveDate,
    publisher: frame.publisher,
    departments: [...departments].map(([code, name]) => ({ code, name })),
    items,
  } as unknown as CatalogInput;
  return { catalog, report };
}

/** Reads one table row: fields are taken with `take`; whatever is left over is reported. */
class RowReader {
  private readonly row: Row;
  private readonly used = new Set<string>();
  constructor(
    raw: Row,
    private readonly path: string,
    private readonly report: NationalImportReport,
  ) {
    this.row = lowerKeys(raw);
  }
  take(field: string): string {
    this.used.add(field);
    return text(this.row[field]);
  }
  /** A coded field: the mapped value, or undefined (reported) for a code outside the set. Empty → undefined. */
  code<T>(field: string, set: Readonly<Record<string, T>>): T | undefined {
    const v = this.take(field);
    if (v === '') return undefined;
    if (Object.prototype.hasOwnProperty.call(set, v)) return set[v];
    this.report.unknownCodes.push({ path: `${this.path}.${field}`, field, value: v });
    return undefined;
  }
  /** Several codes joined by , ; 、 or |. */
  codes<T>(field: string, set: Readonly<Record<string, T>>): T[] {
    const v = this.take(field);
    const out: T[] = [];
    for (const part of v.split(/[,;，；、|]/).map((s) => s.trim()).filter(Boolean)) {
      if (Object.prototype.hasOwnProperty.call(set, part)) {
        const mapped = set[part]!;
        if (!out.includes(mapped)) out.push(mapped);
      } else this.report.unknownCodes.push({ path: `${this.path}.${field}`, field, value: part });
    }
    return out;
  }
  int(field: string): number | undefined {
    const v = this.take(field);
    if (v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      this.report.unknownCodes.push({ path: `${this.path}.${field}`, field, value: v });
      return undefined;
    }
    return n;
  }
  /** Reports every field with a value that was not taken (bookkeeping counted apart). */
  finish(): void {
    for (const [field, value] of Object.entries(this.row)) {
      if (this.used.has(field)) continue;
      const v = text(value);
      if (EXCHANGE_FIELDS.has(field)) {
        this.report.bookkeepingFields += 1;
        continue;
      }
      if (v === '') continue; // an empty field loses nothing
      this.report.unplaced.push({ path: `${this.path}.${field}`, field, value: v.length > 80 ? `${v.slice(0, 80)}…` : v });
    }
  }
}

function rowsOf(record: Row, table: NationalTable, at: string, report: NationalImportReport): { reader: RowReader; path: string }[] {
  const v = record[table];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: { reader: RowReader; path: string }[] = [];
  list.forEach((row, k) => {
    const path = Array.isArray(v) ? `${at}.${table}[${k}]` : `${at}.${table}`;
    if (!isRow(row)) {
      report.problems.push({ path, message: { 'zh-CN': `${path} 不是一行数据（应为对象）`, 'en-US': `${path} is not a row (expected an object)` } });
      return;
    }
    out.push({ reader: new RowReader(row, path, report), path });
  });
  return out;
}

/**
 * 时限 + 单位 + 说明 → TimeLimit. 500 days (the platforms' sentinel) = no statutory limit; 0 days
 * = 即办; 当场 = 即办. undefined when there is nothing to read (or the unit is unknown, reported).
 */
function limitOf(r: RowReader, dayField: string, typeField: string, explainField: string): TimeLimit | undefined {
  const days = r.int(dayField);
  const unit = r.code(typeField, LIMIT_UNIT);
  const explanation = r.take(explainField);
  const ex = explanation ? { explanation } : {};
  if (unit === 'immediate') return { kind: 'immediate', ...ex };
  if (days === NO_LIMIT_DAYS || (days === undefined && /无法定|没有法定|无时限/.test(explanation))) return { kind: 'none', ...ex };
  if (days === undefined || unit === undefined) return undefined;
  if (days === 0) return { kind: 'immediate', ...ex };
  return { kind: unit, days, ...ex };
}

function convertRecord(record: Row, at: string, report: NationalImportReport, departments: Map<string, string>): Record<string, unknown> | undefined {
  for (const key of Object.keys(record))
    if (!(NATIONAL_TABLES as readonly string[]).includes(key))
      report.unplaced.push({ path: `${at}.${key}`, field: key, value: text(record[key]).slice(0, 80) });

  const base = new RowReader(record['AUDIT_ITEM'] as Row, `${at}.AUDIT_ITEM`, report);
  const implementationCode = base.take('task_code');
  const basicCode = base.take('catalog_code');
  const name = base.take('task_name');
  const type = base.code('task_type', TASK_TYPE);
  const departmentCode = base.take('dept_code');
  const departmentName = base.take('dept_name');
  const level = base.code('use_level', USE_LEVEL);
  const statutoryLimit = limitOf(base, 'anticipate_day', 'anticipate_type', 'anticipate_day_explain');
  const promisedLimit = limitOf(base, 'promise_day', 'promise_type', 'promise_day_explain');
  const caseType = base.code('project_type', PROJECT_TYPE);
  const charged = base.code('is_fee', YES_NO);
  const visits = base.int('limit_scene_num');
  const serviceObjects = base.codes('serve_type', SERVE_TYPE);
  const handleTypes = base.codes('handle_type', HANDLE_TYPE);
  const acceptingOffice = base.take('accept_name');
  const consultPhone = base.take('link_way');
  const complaintPhone = base.take('supervise_way');
  const conditionBlob = base.take('accept_condition');
  const byLawText = base.take('by_law');
  const address = base.take('transact_addr');
  const time = base.take('transact_time');
  base.finish();

  const missing: string[] = [];
  if (!implementationCode) missing.push('task_code');
  if (!basicCode) missing.push('catalog_code');
  if (!name) missing.push('task_name');
  if (!departmentCode) missing.push('dept_code');
  if (!type) missing.push('task_type');
  if (!statutoryLimit) missing.push('anticipate_day/anticipate_type');
  if (!promisedLimit) missing.push('promise_day/promise_type');
  if (missing.length > 0) {
    report.problems.push({
      path: `${at}.AUDIT_ITEM`,
      message: {
        'zh-CN': `${at}（${name || implementationCode || '未命名'}）缺少或无法读取 ${missing.join('、')}，该实施清单未导入`,
        'en-US': `${at} (${name || implementationCode || 'unnamed'}): ${missing.join(', ')} missing or unreadable; the implementation was not imported`,
      },
    });
    return undefined;
  }
  if (!departments.has(departmentCode) || departments.get(departmentCode) === departmentCode)
    departments.set(departmentCode, departmentName || departmentCode);

  // ---- extend ----
  let online = handleTypes.includes('online');
  const results: Record<string, unknown>[] = [];
  let visitReason = '';
  let serviceScope = '';
  for (const { reader } of rowsOf(record, 'AUDIT_ITEM_EXTEND', at, report)) {
    const resultType = reader.code('result_type', RESULT_TYPE);
    const resultName = reader.take('result_name');
    const sample = reader.take('result_sample');
    const electronic = reader.code('is_generate_ecert', YES_NO);
    if (resultName) results.push({ name: resultName, type: resultType ?? 'other', ...(sample ? { sample } : {}), electronic: electronic ?? false });
    visitReason = reader.take('scene_reason');
    const isOnline = reader.code('is_online_handle', YES_NO);
    if (isOnline !== undefined) online = online || isOnline;
    serviceScope = reader.take('handle_area');
    reader.finish();
  }

  // ---- handling items (业务办理项) ----
  const handlingItems: Record<string, unknown>[] = [];
  for (const { reader, path } of rowsOf(record, 'AUDIT_ITEM_BUSINESS', at, report)) {
    const code = reader.take('ywcode');
    const ywName = reader.take('yw_name');
    const limit = limitOf(reader, 'promise_day', 'promise_type', 'promise_day_explain');
    const location = reader.take('transact_addr');
    const hours = reader.take('transact_time');
    reader.finish();
    if (!code || !ywName) {
      report.problems.push({ path, message: { 'zh-CN': `${path} 缺少业务办理项编码或名称，未导入`, 'en-US': `${path}: handling item code or name missing; not imported` } });
      continue;
    }
    handlingItems.push({ code, name: ywName, ...(limit ? { promisedLimit: limit } : {}), ...(location ? { location } : {}), ...(hours ? { hours } : {}) });
  }
  if (handlingItems.length === 0) handlingItems.push({ code: implementationCode, name });

  // ---- windows → place and hours ----
  const places: string[] = [];
  const hours: string[] = [];
  for (const { reader } of rowsOf(record, 'AUDIT_ITEM_WINDOW', at, report)) {
    const w = reader.take('window_name');
    const a = reader.take('window_address');
    const h = reader.take('office_hour');
    const p = reader.take('window_phone');
    reader.finish();
    const place = [w, a].filter(Boolean).join('：') + (p ? `（电话 ${p}）` : '');
    if (place) places.push(place);
    if (h && !hours.includes(h)) hours.push(h);
  }
  if (address) places.unshift(address);
  if (time && !hours.includes(time)) hours.unshift(time);

  // ---- legal basis ----
  const legalBasis: string[] = [];
  for (const { reader } of rowsOf(record, 'AUDIT_ITEM_BYLAW', at, report)) {
    const law = reader.take('law_name');
    const number = reader.take('law_number');
    const clause = reader.take('clause_number');
    const content = reader.take('clause_content');
    reader.finish();
    const lawText = law ? (law.startsWith('《') ? law : `《${law}》`) : '';
    const line = `${lawText}${number ? `（${number}）` : ''}${clause}${content ? `：${content}` : ''}`.trim();
    if (line) legalBasis.push(line);
  }
  if (legalBasis.length === 0 && byLawText) legalBasis.push(...splitNumberedList(byLawText));

  // ---- special procedures ----
  const specialProcedures: SpecialProcedure[] = [];
  for (const { reader, path } of rowsOf(record, 'AUDIT_ITEM_SPECIAL', at, report)) {
    const specialName = reader.take('special_name');
    const days = reader.int('special_date');
    const unit = reader.code('special_date_type', LIMIT_UNIT);
    const description = reader.take('special_desc');
    reader.finish();
    if (!specialName) {
      report.problems.push({ path, message: { 'zh-CN': `${path} 缺少特别程序名称，未导入`, 'en-US': `${path}: special procedure name missing; not imported` } });
      continue;
    }
    specialProcedures.push({
      name: specialName,
      ...(days !== undefined ? { days } : {}),
      unit: unit === 'calendarDays' ? 'calendarDays' : 'workingDays',
      ...(description ? { description } : {}),
    });
  }

  // ---- fees (per handling item when ywcode is set) ----
  type FeeLine = { name: string; amount: string; basis?: string; reduction?: string };
  const feeLines = new Map<string, FeeLine[]>();
  for (const { reader, path } of rowsOf(record, 'AUDIT_ITEM_CHARGE', at, report)) {
    const feeName = reader.take('charge_name');
    const amount = reader.take('charge_standard');
    const basis = reader.take('charge_basis');
    const reduce = reader.code('is_reduce', YES_NO);
    const reduction = reader.take('reduce_explain');
    const yw = reader.take('ywcode');
    reader.finish();
    if (!feeName || !amount) {
      report.problems.push({ path, message: { 'zh-CN': `${path} 缺少收费项目名称或标准，未导入`, 'en-US': `${path}: fee name or amount missing; not imported` } });
      continue;
    }
    const line: FeeLine = { name: feeName, amount, ...(basis ? { basis } : {}), ...(reduction ? { reduction } : reduce ? { reduction: '可减免' } : {}) };
    const list = feeLines.get(yw) ?? [];
    list.push(line);
    feeLines.set(yw, list);
  }
  const feeOf = (lines: FeeLine[]) => {
    const bases = [...new Set(lines.map((l) => l.basis).filter((b): b is string => !!b))];
    const common = bases.length === 1 && lines.every((l) => l.basis === bases[0]) ? bases[0]! : '';
    const reductions = lines.map((l) => l.reduction).filter((r): r is string => !!r);
    return {
      charged: true,
      basis: common,
      items: lines.map((l) => ({ name: l.name, amount: l.amount, ...(l.basis && !common ? { basis: l.basis } : {}), ...(l.reduction ? { reduction: l.reduction } : {}) })),
      ...(reductions.length > 0 ? { reductions } : {}),
    };
  };
  let fee: Record<string, unknown> = { charged: false };
  const itemLevel = feeLines.get('') ?? [];
  if (itemLevel.length > 0) fee = feeOf(itemLevel);
  else if (charged) {
    const all = [...feeLines.values()].flat();
    fee = all.length > 0 ? feeOf(all) : { charged: true, basis: '', items: [] };
  }
  for (const [yw, lines] of feeLines) {
    if (yw === '') continue;
    const h = handlingItems.find((x) => x['code'] === yw);
    if (h) h['fee'] = feeOf(lines);
    else report.problems.push({ path: `${at}.AUDIT_ITEM_CHARGE`, message: { 'zh-CN': `收费项目引用的业务办理项 ${yw} 不存在`, 'en-US': `a fee names handling item ${yw}, which does not exist` } });
  }

  // ---- acceptance conditions ----
  const acceptanceConditions: string[] = [];
  for (const { reader } of rowsOf(record, 'AUDIT_ITEM_CONDITION', at, report)) {
    const c = reader.take('condition_content');
    reader.finish();
    if (c) acceptanceConditions.push(c);
  }
  // A blob stays one entry: the quality rule asks the catalog office to make it a list.
  if (acceptanceConditions.length === 0 && conditionBlob) acceptanceConditions.push(conditionBlob);

  // ---- material conditions → situation questions ----
  const situations: Record<string, unknown>[] = [];
  const conditionOfMaterial = new Map<string, string[]>();
  for (const { reader, path } of rowsOf(record, 'AUDIT_MATERIAL_CONDITION', at, report)) {
    const code = reader.take('condition_code');
    const cname = reader.take('condition_name');
    const materialCode = reader.take('material_code');
    reader.finish();
    if (!code || !cname) {
      report.problems.push({ path, message: { 'zh-CN': `${path} 缺少情形编码或名称，未导入`, 'en-US': `${path}: condition code or name missing; not imported` } });
      continue;
    }
    const qid = `c${code}`;
    if (!situations.some((s) => s['id'] === qid))
      situations.push({ id: qid, text: `是否属于以下情形：${cname}？`, options: [{ id: 'yes', label: '是' }, { id: 'no', label: '否' }] });
    if (materialCode) conditionOfMaterial.set(materialCode, [...(conditionOfMaterial.get(materialCode) ?? []), qid]);
  }

  // ---- materials ----
  const materials: Record<string, unknown>[] = [];
  const handlingCodes = new Set(handlingItems.map((h) => h['code'] as string));
  for (const { reader, path } of rowsOf(record, 'AUDIT_MATERIAL', at, report)) {
    const code = reader.take('material_code');
    const mname = reader.take('material_name');
    const mtype = reader.code('material_type', MATERIAL_TYPE);
    const forms = reader.code('material_form', MATERIAL_FORM);
    const originalCount = reader.int('original_amount');
    const copyCount = reader.int('copy_amount');
    const pageCount = reader.int('page_num');
    const paperSize = reader.code('page_format', PAGE_FORMAT);
    const necessity = reader.code('is_need', IS_NEED);
    const source = reader.code('source_type', SOURCE_TYPE);
    const sourceNote = reader.take('source_explain');
    const acceptanceStandard = reader.take('accept_stand');
    const basis = reader.take('by_law');
    const signAsk = reader.take('sign_ask');
    const fillingNotes = reader.take('fill_explian');
    const electronicLicence = reader.code('is_generate_ecert', YES_NO);
    const yw = reader.take('ywcode');
    const blankForm = reader.take('empty_table');
    const sample = reader.take('sample_table');
    const remarks = reader.take('remark');
    reader.finish();
    if (!mname || !mtype || !forms || !necessity || !source) {
      report.problems.push({
        path,
        message: {
          'zh-CN': `${path}（${mname || '未命名材料'}）缺少或无法读取材料名称、类型、形式、必要性或来源渠道，该材料未导入`,
          'en-US': `${path} (${mname || 'unnamed material'}): name, type, form, necessity or source missing or unreadable; the material was not imported`,
        },
      });
      continue;
    }
    const id = code || `m${materials.length + 1}`;
    const handling = yw.split(/[,;，；]/).map((s) => s.trim()).filter(Boolean);
    for (const h of handling)
      if (!handlingCodes.has(h)) report.problems.push({ path: `${path}.ywcode`, message: { 'zh-CN': `材料 ${mname} 引用的业务办理项 ${h} 不存在`, 'en-US': `material ${mname} names handling item ${h}, which does not exist` } });
    const signing = signAsk ? signingRequirementsOf(signAsk) : [];
    const allForms = [...forms, ...(electronicLicence && !forms.includes('electronic') ? (['electronic'] as const) : [])];
    const total = (originalCount ?? 0) + (copyCount ?? 0);
    const questions = conditionOfMaterial.get(code) ?? [];
    materials.push({
      id,
      name: mname,
      type: mtype === 'originalAndCopy' ? 'original' : mtype,
      forms: allForms,
      copies: total > 0 ? total : 1,
      ...(originalCount !== undefined ? { originalCount } : {}),
      ...(copyCount !== undefined ? { copyCount } : {}),
      ...(pageCount !== undefined ? { pageCount } : {}),
      ...(paperSize ? { paperSize } : {}),
      necessity,
      source: source === 'government' ? 'government' : 'applicant',
      ...(source === 'government' && sourceNote ? { issuingDepartment: sourceNote } : {}),
      ...(sourceNote ? { sourceNote } : source === 'other' ? { sourceNote: '其他' } : {}),
      acceptanceStandard, // empty: the catalog check reports it at the material's path
      ...(basis ? { legalBasis: basis } : {}),
      ...(blankForm ? { blankForm } : {}),
      ...(sample ? { sample } : {}),
      ...(fillingNotes ? { fillingNotes } : {}),
      ...(remarks ? { remarks } : {}),
      ...(signing.length > 0 ? { signing } : {}),
      ...(signAsk ? { signingNote: signAsk } : {}),
      appliesWhen: questions.map((q) => ({ questionId: q, optionIds: ['yes'] })),
      handlingItems: handling.filter((h) => handlingCodes.has(h)),
    });
  }
  // Condition rows naming no material in this record: the question would have no effect.
  for (const code of conditionOfMaterial.keys())
    if (!materials.some((m) => m['id'] === code))
      report.problems.push({ path: `${at}.AUDIT_MATERIAL_CONDITION`, message: { 'zh-CN': `情形引用的材料 ${code} 不存在`, 'en-US': `a condition names material ${code}, which does not exist` } });

  // ---- QA ----
  const faqs: { question: string; answer: string }[] = [];
  for (const { reader } of rowsOf(record, 'AUDIT_QA', at, report)) {
    const question = reader.take('question');
    const answer = reader.take('answer');
    reader.finish();
    if (question && answer) faqs.push({ question, answer });
  }

  return {
    basicCode,
    implementationCode,
    name,
    aliases: [],
    type,
    departmentCode,
    ...(level ? { level } : {}),
    ...(acceptingOffice ? { acceptingOffice } : {}),
    ...(serviceObjects.length > 0 ? { serviceObjects } : {}),
    coHandlingDepartmentCodes: [],
    themeIds: [],
    handlingItems,
    acceptanceConditions,
    legalBasis,
    statutoryLimit,
    promisedLimit,
    ...(specialProcedures.length > 0 ? { specialProcedures } : {}),
    caseType: caseType ?? (promisedLimit?.kind === 'immediate' ? 'immediate' : 'promised'),
    fee,
    onSiteVisits: { count: visits ?? 0, ...(visitReason ? { reason: visitReason } : {}) },
    results,
    online,
    ...(serviceScope ? { serviceScope } : {}),
    ...(places.length > 0 ? { location: places.join('；') } : {}),
    ...(hours.length > 0 ? { hours: hours.join('；') } : {}),
    ...(consultPhone ? { consultPhone } : {}),
    ...(complaintPhone ? { complaintPhone } : {}),
    situations,
    materials,
    ...(faqs.length > 0 ? { faqs } : {}),
  };
}
