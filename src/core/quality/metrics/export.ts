/** The dashboards for spreadsheets: RFC 4180 CSV (with a BOM, for Excel) and a plain table. */
import type { Locale, Localized } from '../../i18n';
import type { Dashboard, MetricRow } from './dashboard';
import type { Dimension } from './dataset';
import { RATING_LABELS, RATING_LEVELS } from './ratings';

// ---- CSV -------------------------------------------------------------------------------------------------

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

const GROUP_HEADERS: Record<Dimension, Localized> = {
  centre: L('中心', 'Centre'),
  window: L('窗口', 'Window'),
  clerk: L('窗口人员', 'Clerk'),
  item: L('事项编码', 'Item code'),
  day: L('日期', 'Date'),
};

type Column = [Localized, (r: MetricRow) => number | null, 'count' | 'rate' | 'minutes' | 'score'];

const COLUMNS: Column[] = [
  [L('办件数', 'Cases'), (r) => r.cases, 'count'],
  [L('受理数', 'Accepted'), (r) => r.accepted, 'count'],
  [L('一次性告知数', 'One-time notices'), (r) => r.notices, 'count'],
  [L('不予受理数', 'Refusals'), (r) => r.refusals, 'count'],
  [L('一次办成率(%)', 'One-visit rate (%)'), (r) => r.oneVisitRate, 'rate'],
  [L('告知率(%)', 'Notice rate (%)'), (r) => r.noticeRate, 'rate'],
  [L('不予受理率(%)', 'Refusal rate (%)'), (r) => r.refusalRate, 'rate'],
  [L('容缺受理数', 'Deferred (容缺) cases'), (r) => r.deferred, 'count'],
  [L('容缺率(%)', 'Deferral rate (%)'), (r) => r.deferredRate, 'rate'],
  [L('容缺逾期未补材料数', 'Overdue supplements'), (r) => r.overdueSupplements, 'count'],
  [L('已分办数', 'Dispatched'), (r) => r.dispatched, 'count'],
  [L('部门退回数', 'Department returns'), (r) => r.departmentReturns, 'count'],
  [L('部门退回率(%)', 'Department return rate (%)'), (r) => r.departmentReturnRate, 'rate'],
  [L('窗口办理时长中位数(分钟)', 'Handling time median (min)'), (r) => r.handlingMedianSeconds, 'minutes'],
  [L('窗口办理时长P90(分钟)', 'Handling time P90 (min)'), (r) => r.handlingP90Seconds, 'minutes'],
  [L('办结数', 'Approved'), (r) => r.approved, 'count'],
  [L('承诺时限内办结数', 'Approved by the promised date'), (r) => r.approvedOnTime, 'count'],
  [L('承诺时限达成率(%)', 'Promised-date compliance (%)'), (r) => r.promisedDateCompliance, 'rate'],
  [L('评价数', 'Ratings'), (r) => r.rated, 'count'],
  ...RATING_LEVELS.map((level): Column => [RATING_LABELS[level], (r) => r.ratings[level], 'count']),
  [L('培训平均分', 'Training average'), (r) => r.trainingAverage, 'score'],
  [L('培训次数', 'Training results'), (r) => r.trainingCount, 'count'],
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; a leading =, +, -, @ is defused for Excel. */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function formatNumber(v: number | null, kind: Column[2]): string {
  if (v === null || !Number.isFinite(v)) return '';
  switch (kind) {
    case 'rate':
      return (Math.round(v * 1000) / 10).toFixed(1);
    case 'minutes':
      return (Math.round((v / 60) * 10) / 10).toFixed(1);
    case 'score':
      return (Math.round(v * 10) / 10).toFixed(1);
    default:
      return String(v);
  }
}

export interface CsvOptions {
  /** The first column's header (default: 分组 / Group, or the dashboard's dimension). */
  groupBy?: Dimension;
  /** A name for each key (centre name, clerk name, item name…): adds a second column. */
  labelOf?: (key: string) => string | undefined;
}

/**
 * Rows (or a dashboard, its total row last) as CSV for Excel: RFC 4180 (CRLF, quoted
 * fields), UTF-8 with a BOM so Excel reads the Chinese headers. Rates in percent with one
 * decimal, handling times in minutes; an empty field is a figure with no denominator.
 */
export function metricsToCsv(rows: readonly MetricRow[] | Dashboard, locale: Locale, options: CsvOptions = {}): string {
  const dashboard = Array.isArray(rows) ? null : (rows as Dashboard);
  const list: readonly MetricRow[] = dashboard ? [...dashboard.rows, dashboard.total] : (rows as readonly MetricRow[]);
  const groupBy = options.groupBy ?? dashboard?.groupBy;
  const totalLabel = locale === 'zh-CN' ? '合计' : 'Total';
  const header = [groupBy ? GROUP_HEADERS[groupBy][locale] : locale === 'zh-CN' ? '分组' : 'Group'];
  if (options.labelOf) header.push(locale === 'zh-CN' ? '名称' : 'Name');
  for (const [label] of COLUMNS) header.push(label[locale]);
  const lines = [header.map(csvField).join(',')];
  for (const r of list) {
    const isTotal = dashboard !== null && r === dashboard.total;
    const cells = [isTotal ? totalLabel : r.key];
    if (options.labelOf) cells.push(isTotal ? '' : (options.labelOf(r.key) ?? ''));
    const out = cells.map(csvField);
    for (const [, get, kind] of COLUMNS) out.push(formatNumber(get(r), kind));
    lines.push(out.join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---- a table for spreadsheets (Excel export) ---------------------------------------------------------------

export interface MetricsTable {
  header: string[];
  /** What each column holds: 'text' for the key (and name), else how its numbers are formatted. */
  kinds: ('text' | 'count' | 'rate' | 'minutes' | 'score')[];
  /** One row per group, the total last; numbers as numbers (rates in percent, times in minutes, one decimal), null for no denominator. */
  rows: (string | number | null)[][];
}

/** The same columns as `metricsToCsv`, as typed cells (for .xlsx: numbers stay numbers). */
export function metricsTable(rows: readonly MetricRow[] | Dashboard, locale: Locale, options: CsvOptions = {}): MetricsTable {
  const dashboard = Array.isArray(rows) ? null : (rows as Dashboard);
  const list: readonly MetricRow[] = dashboard ? [...dashboard.rows, dashboard.total] : (rows as readonly MetricRow[]);
  const groupBy = options.groupBy ?? dashboard?.groupBy;
  const header = [groupBy ? GROUP_HEADERS[groupBy][locale] : locale === 'zh-CN' ? '分组' : 'Group'];
  const kinds: MetricsTable['kinds'] = ['text'];
  if (options.labelOf) {
    header.push(locale === 'zh-CN' ? '名称' : 'Name');
    kinds.push('text');
  }
  for (const [label, , kind] of COLUMNS) {
    header.push(label[locale]);
    kinds.push(kind);
  }
  const out: (string | number | null)[][] = [];
  for (const r of list) {
    const isTotal = dashboard !== null && r === dashboard.total;
    const cells: (string | number | null)[] = [isTotal ? (locale === 'zh-CN' ? '合计' : 'Total') : r.key];
    if (options.labelOf) cells.push(isTotal ? '' : (options.labelOf(r.key) ?? ''));
    for (const [, get, kind] of COLUMNS) {
      const s = formatNumber(get(r), kind);
      cells.push(s === '' ? null : Number(s));
    }
    out.push(cells);
  }
  return { header, kinds, rows: out };
}
