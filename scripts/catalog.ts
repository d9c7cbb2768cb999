/**
 * Catalog tools for the catalog office.
 *
 *   npm run catalog -- from-national <export.json | dir-of-csv> --out <catalog.json>
 *        [--version 2026.12.1] [--effective 2026-12-01] [--publisher 示范市政务服务数据管理局]
 *
 * Converts a national implementation-list export (事项管理 data set: a JSON file whose `list`
 * holds one record per implementation, or a directory with one CSV per table) into a OneWindow
 * catalog, checks it with exactly the rules the app uses at import, and prints how many
 * implementations, items and materials it took in and every source field it could not place.
 * Exit code: 0 clean (catalog written); 1 when anything would be lost or the catalog fails the
 * check (nothing written: the app refuses the same export); 2 on bad usage.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importNationalCsv, importNationalExport, wouldLoseData, type NationalImportResult } from '../src/core/catalog/national';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run catalog -- from-national <export.json|dir-of-csv> --out <catalog.json> [--version Y.M.N] [--effective YYYY-MM-DD] [--publisher NAME]');
  process.exit(2);
}

const [command, source, ...rest] = process.argv.slice(2);
if (command !== 'from-national' || !source) usage();
const opts = new Map<string, string>();
for (let i = 0; i < rest.length; i += 2) {
  const key = rest[i];
  const value = rest[i + 1];
  if (!key?.startsWith('--') || value === undefined) usage(`bad option ${key ?? ''}`);
  opts.set(key.slice(2), value);
}
const out = opts.get('out') ?? usage('--out is required');
const today = new Date().toISOString().slice(0, 10);
const [y, m] = today.split('-');
const frame = {
  version: opts.get('version') ?? `${y}.${Number(m)}.1`,
  effectiveDate: opts.get('effective') ?? today,
  publisher: opts.get('publisher') ?? '政务服务事项实施清单（国家标准格式导入）',
};

let outcome: NationalImportResult;
try {
  if (statSync(source).isDirectory()) {
    const files: Record<string, string> = {};
    for (const name of readdirSync(source)) if (/\.csv$/i.test(name)) files[name] = readFileSync(join(source, name), 'utf8');
    outcome = importNationalCsv(files, frame);
  } else {
    const text = readFileSync(source, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      console.error(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      process.exit(1);
    }
    outcome = importNationalExport(data, frame);
  }
} catch (e) {
  console.error(`${source}: cannot read (${e instanceof Error ? e.message : String(e)})`);
  process.exit(1);
}

const { report, result } = outcome;
const lost = wouldLoseData(report);
console.log(`implementations read: ${report.implementations}`);
console.log(`items taken in:       ${report.items} (${report.basicCodes} basic codes)`);
console.log(`materials taken in:   ${report.materials}`);
console.log(`bookkeeping fields:   ${report.bookkeepingFields} (exchange metadata, not catalog content)`);
const section = (title: string, lines: string[]) => {
  if (lines.length === 0) return;
  console.log(`\n${title} (${lines.length}):`);
  for (const l of lines) console.log(`  ${l}`);
};
section('source fields not placed', report.unplaced.map((u) => `${u.path} = ${JSON.stringify(u.value)}`));
section('unknown code values', report.unknownCodes.map((u) => `${u.path} = ${JSON.stringify(u.value)}`));
section('not converted', report.problems.map((p) => `${p.path}: ${p.message['en-US']}`));
if (result.ok) {
  section('catalog warnings', result.warnings.map((w) => `${w.path}: ${w.message['en-US']}`));
  if (!lost) {
    writeFileSync(out, JSON.stringify(result.catalog, null, 2) + '\n');
    console.log(`\nwrote ${out} (catalog ${result.catalog.version}, ${result.catalog.items.length} items)`);
  }
} else {
  section('catalog errors', result.errors.map((e) => `${e.path}: ${e.message['en-US']}`));
  section('catalog warnings', result.warnings.map((w) => `${w.path}: ${w.message['en-US']}`));
  console.log('\nno catalog written: it does not pass the checks the app applies at import');
}
if (lost) console.log('\nFAILED: some of the export would be lost (see above); no catalog written');
process.exit(lost || !result.ok ? 1 : 0);
