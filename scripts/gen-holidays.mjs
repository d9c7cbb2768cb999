#!/usr/bin/env node
/**
 * Generates resources/holidays/holidays.json (HolidayDataFile, schemaVersion 1)
 * from the npm package `chinese-days` (dist/chinese-days.json: `holidays` and
 * `workdays` maps keyed by ISO date).
 *
 *   node scripts/gen-holidays.mjs                 # years 2025 2026 → resources/holidays/holidays.json
 *   node scripts/gen-holidays.mjs 2025 2026 2027  # choose the years
 *   node scripts/gen-holidays.mjs --check         # exit 1 if the committed file is out of date
 *
 * Output is deterministic (no timestamps), so --check can run in CI.
 * The result is validated again by the zod schema in src/core/calendar when loaded.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'resources', 'holidays', 'holidays.json');
const require = createRequire(import.meta.url);

const DEFAULT_YEARS = [2025, 2026];

/** The State Council notices (国务院办公厅关于 YYYY 年部分节假日安排的通知) the package follows. */
const NOTICES = {
  2025: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号） https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  2026: '国务院办公厅关于2026年部分节假日安排的通知 https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
};

const args = process.argv.slice(2);
const check = args.includes('--check');
const yearArgs = args.filter((a) => a !== '--check');
for (const a of yearArgs) {
  if (!/^\d{4}$/.test(a)) {
    console.error(`not a year: ${a}`);
    process.exit(2);
  }
}
const years = yearArgs.length ? yearArgs.map(Number) : DEFAULT_YEARS;

const pkg = require('chinese-days/package.json');
const data = require('chinese-days/dist/chinese-days.json');

function weekday(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function datesOf(map, year) {
  return Object.keys(map)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();
}

const out = { schemaVersion: 1, years: [] };
for (const year of years) {
  const holidays = datesOf(data.holidays, year);
  const makeupWorkdays = datesOf(data.workdays, year);
  if (holidays.length === 0) {
    console.error(`chinese-days ${pkg.version} has no holidays for ${year}; update the package first.`);
    process.exit(1);
  }
  for (const d of makeupWorkdays) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) throw new Error(`${d}: make-up working day is not a weekend day`);
    if (holidays.includes(d)) throw new Error(`${d}: both holiday and make-up working day`);
  }
  const source = [NOTICES[year], `data: npm chinese-days ${pkg.version}`].filter(Boolean).join('; ');
  out.years.push({ year, holidays, makeupWorkdays, source });
}

const text = `${JSON.stringify(out, null, 2)}\n`;
if (check) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {
    /* missing counts as different */
  }
  if (current !== text) {
    console.error(`${outFile} is out of date: run node scripts/gen-holidays.mjs ${years.join(' ')}`);
    process.exit(1);
  }
  console.log(`${outFile} is up to date (${years.join(', ')}).`);
} else {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}: ${out.years.map((y) => `${y.year} (${y.holidays.length} days off, ${y.makeupWorkdays.length} make-up days)`).join(', ')}`);
}
