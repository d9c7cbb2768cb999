/**
 * National import benchmark: a province-size implementation list (3 000 implementations — the
 * sample export's four records repeated with their own codes and departments, ~5 materials
 * each) converted from JSON and from CSV, then checked with every catalog rule, as the catalog
 * page and `npm run catalog -- from-national` do. Target: ≤ 10 s for the whole JSON import.
 *
 *   npx tsx test/bench/national.bench.ts      (or via test/bench/run.ts national)
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importNationalCsv, importNationalExport } from '../../src/core/catalog/national';
import { fmt, formatBenchResult, type BenchOptions, type BenchResult } from './report';

const IMPLEMENTATIONS = 3000;
const TARGET_MS = 10_000;
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const frame = { version: '2026.12.1', effectiveDate: '2026-12-01', publisher: '基准测试' };

type Row = Record<string, unknown>;

/** `n` records from the sample export, each with its own implementation, basic and handling codes. */
export function makeProvinceExport(n = IMPLEMENTATIONS): { list: Row[] } {
  const sample = JSON.parse(readFileSync('test/fixtures/national/export.json', 'utf8')) as { list: Row[] };
  const list: Row[] = [];
  for (let i = 0; i < n; i++) {
    const base = sample.list[i % sample.list.length]!;
    const text = JSON.stringify(base);
    const item = base['AUDIT_ITEM'] as Row;
    const task = String(item['task_code']);
    const catalog = String(item['catalog_code']);
    const suffix = String(i).padStart(5, '0');
    const renamed = text
      .replaceAll(task, `${task.slice(0, -5)}${suffix}`)
      .replaceAll(`"${catalog}-`, `"${catalog.slice(0, 7)}${suffix}-`)
      .replaceAll(`"catalog_code":"${catalog}"`, `"catalog_code":"${catalog.slice(0, 7)}${String(Math.floor(i / 2)).padStart(5, '0')}"`)
      .replaceAll(/"dept_code":"([^"]+)"/g, `"dept_code":"$1-${i % 40}"`);
    list.push(JSON.parse(renamed) as Row);
  }
  return { list };
}

function toCsv(data: { list: Row[] }): Record<string, string> {
  const tables = new Map<string, Row[]>();
  for (const record of data.list)
    for (const [table, rows] of Object.entries(record))
      for (const row of Array.isArray(rows) ? rows : [rows]) tables.set(table, [...(tables.get(table) ?? []), row as Row]);
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const out: Record<string, string> = {};
  for (const [table, rows] of tables) {
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    out[`${table}.csv`] = [header, ...rows.map((r) => header.map((h) => String(r[h] ?? '')))].map((l) => l.map(cell).join(',')).join('\r\n');
  }
  return out;
}

export async function runNationalBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const data = makeProvinceExport();
  const csv = toCsv(data);
  const bytes = Buffer.byteLength(JSON.stringify(data));
  log(`national: ${data.list.length} implementations, ${(bytes / 1048576).toFixed(1)} MB of JSON`);
  const t0 = now();
  const json = importNationalExport(JSON.parse(JSON.stringify(data)), frame);
  const jsonMs = now() - t0;
  const t1 = now();
  const fromCsv = importNationalCsv(csv, frame);
  const csvMs = now() - t1;
  if (!json.clean || !fromCsv.clean) throw new Error(`bench export did not import cleanly: ${JSON.stringify(json.result.ok ? json.report.problems.slice(0, 3) : json.result.errors.slice(0, 3))}`);
  return {
    name: 'national implementation-list import',
    figures: [
      { label: 'implementations / items / materials', value: `${json.report.implementations} / ${json.report.items} / ${json.report.materials}` },
      { label: 'JSON size', value: fmt(bytes / 1048576, 1), unit: 'MB' },
      { label: 'JSON: convert + check', value: fmt(jsonMs, 0), unit: 'ms' },
      { label: 'CSV (11 tables): read + convert + check', value: fmt(csvMs, 0), unit: 'ms' },
    ],
    checks: [{ label: 'JSON import of 3 000 implementations', target: `≤ ${TARGET_MS} ms`, value: `${fmt(jsonMs, 0)} ms`, pass: jsonMs <= TARGET_MS }],
    pass: jsonMs <= TARGET_MS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runNationalBench({ log: console.log })
    .then((r) => {
      console.log(formatBenchResult(r));
      process.exit(r.pass ? 0 : 1);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
