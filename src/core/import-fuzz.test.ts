/**
 * The workstation's import paths that are pure core — catalog, holiday data, training pack —
 * fuzzed with fast-check: whatever the file holds (mutated real files, random JSON, hostile
 * strings, values nested thousands deep, broken text), the import never throws and either
 * accepts or answers a list of `path: reason` problems in both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultPackJson from '../../resources/training/default-pack.json';
import holidaysJson from '../../resources/holidays/holidays.json';
import { parseHolidayData, parseHolidayDataText } from './calendar/holidayData';
import { makeCatalogText } from '../../test/fixtures/catalog';
import { parseCatalogData, parseCatalogText } from './catalog/import';
import { defaultCatalog } from '../../test/fixtures/training';
import { parseScenarioPackData, parseScenarioPackText } from './training/scenario';

const hostileString = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('\u0000', '\uD800', '\u202E', '\u200B', 'x'.repeat(100_000)));
const nested = fc.integer({ min: 20, max: 20_000 }).map((depth) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, nested, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, -1, 1.5, true, [], {}));

/** The document with the value at one of its paths (chosen by `pick`) replaced by `v`. */
function mutateAt(root: unknown, pick: number, v: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root));
  const paths: (string | number)[][] = [];
  const walk = (x: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...path, i]));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, [...path, k]);
  };
  walk(copy, []);
  if (paths.length < 2) return v;
  const path = paths[1 + (pick % (paths.length - 1))]!;
  let parent = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg];
  parent[path.at(-1)!] = v;
  return copy;
}

/** Text a file may hold: the real text cut, spliced with junk, or junk. */
const brokenText = (real: string) =>
  fc.oneof(
    fc.tuple(fc.nat(real.length), fc.nat(real.length), hostileString).map(([a, b, s]) => real.slice(0, Math.min(a, b)) + s + real.slice(Math.max(a, b))),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', '\uFEFF', '{', '[[[[[[[[', '{"a":'.repeat(50_000), 'null', '"x"'),
  );

type Problem = { path: string; message: Record<'zh-CN' | 'en-US', string> };
function expectProblems(r: { ok: true } | { ok: false; errors: Problem[] }) {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe('string');
    expect(e.message['zh-CN']).toEqual(expect.any(String));
    expect(e.message['en-US']).toEqual(expect.any(String));
  }
}

const opts = { numRuns: 60, interruptAfterTimeLimit: 5_000, markInterruptAsFailure: false } as const;

describe('import paths under fuzzing: never throw, always path: reason', () => {
  const catalogText = makeCatalogText();
  const catalogData = JSON.parse(catalogText);
  const holidayText = JSON.stringify(holidaysJson);
  const packText = JSON.stringify(defaultPackJson);
  const catalog = defaultCatalog();

  it('catalog import', () => {
    fc.assert(fc.property(fc.nat(), hostileValue, (pick, v) => expectProblems(parseCatalogData(mutateAt(catalogData, pick, v)))), opts);
    fc.assert(fc.property(brokenText(catalogText), (t) => expectProblems(parseCatalogText(t))), opts);
  });

  it('holiday data import', () => {
    const data = JSON.parse(holidayText);
    fc.assert(fc.property(fc.nat(), hostileValue, (pick, v) => expectProblems(parseHolidayData(mutateAt(data, pick, v)))), opts);
    fc.assert(fc.property(brokenText(holidayText), (t) => expectProblems(parseHolidayDataText(t))), opts);
  });

  it('training pack import', () => {
    const data = JSON.parse(packText);
    fc.assert(fc.property(fc.nat(), hostileValue, (pick, v) => expectProblems(parseScenarioPackData(mutateAt(data, pick, v), catalog))), opts);
    fc.assert(fc.property(brokenText(packText), (t) => expectProblems(parseScenarioPackText(t, catalog))), opts);
  });
});
