import defaultCatalogJson from '../../../resources/catalog/default-catalog.json';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_CATALOG_BYTES, MAX_LISTED_ISSUES, cap, mapZodIssues, parseCatalogData, parseCatalogText, utf8ByteLength } from './import';
import { makeCatalog, makeCatalogText } from '../../../test/fixtures/catalog';
import { makeIssue, type CatalogIssue } from './issues';

/** Fixture as plain JSON data, to break in ways the types would not allow. */
function rawCatalog(): any {
  return JSON.parse(makeCatalogText());
}
function errorsOf(text: string): CatalogIssue[] {
  const r = parseCatalogText(text);
  if (r.ok) throw new Error('expected the import to fail');
  return r.errors;
}
const paths = (issues: CatalogIssue[]) => issues.map((i) => i.path);

describe('parseCatalogText: success', () => {
  it('accepts the fixture and returns the parsed catalog with defaults applied', () => {
    const raw = rawCatalog();
    delete raw.items[0].materials[0].appliesWhen; // defaults to []
    const r = parseCatalogText(JSON.stringify(raw));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.catalog.items[0]!.materials[0]!.appliesWhen).toEqual([]);
    expect(r.catalog).toEqual(makeCatalog());
  });

  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const r = parseCatalogText(`\uFEFF${makeCatalogText().replace(/\n/g, '\r\n')}`);
    expect(r.ok).toBe(true);
  });

  it('returns quality warnings without failing', () => {
    const raw = rawCatalog();
    raw.items[1].aliases.push('食品经营许可');
    const r = parseCatalogText(JSON.stringify(raw));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => `${w.severity} ${w.code} @ ${w.path}`)).toEqual([
      'warning search.aliasCollision @ items[1].aliases[1]',
    ]);
  });
});

describe('parseCatalogText: JSON syntax', () => {
  it('reports a syntax error with line and column', () => {
    const text = makeCatalogText().replace('"version": "2026.11.1",', '"version": "2026.11.1"');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(e.code).toBe('json.syntax');
    expect(e.path).toBe('');
    // line 3 is "version" without its comma; the error is where line 4 begins.
    expect(e.position).toMatchObject({ line: 4, column: 3 });
    expect(e.message['zh-CN']).toBe(`JSON 语法错误（第 4 行，第 3 列）：此处应为 "," 或 "}"，实际为 '"'（可能缺少逗号）`);
    expect(e.message['en-US']).toContain('line 4, column 3');
  });

  it('reports a truncated file', () => {
    const text = makeCatalogText();
    const errors = errorsOf(text.slice(0, text.length / 2));
    expect(errors[0]!.code).toBe('json.syntax');
    expect(errors[0]!.message['en-US']).toMatch(/unexpected end of file|closing double quote/);
  });

  it('reports an empty file', () => {
    expect(errorsOf('')[0]!.code).toBe('import.empty');
    expect(errorsOf(' \n\t ')[0]!.code).toBe('import.empty');
    expect(errorsOf('\uFEFF')[0]!.code).toBe('import.empty');
  });

  it('offsets count the BOM', () => {
    const e = errorsOf('\uFEFF{,}')[0]!;
    expect(e.position).toEqual({ line: 1, column: 2, offset: 2 });
  });
});

describe('parseCatalogText: structure (zod)', () => {
  it('gives exact paths and bilingual messages for the common zod issues', () => {
    const raw = rawCatalog();
    raw.items[0].materials[1].necessity = 'maybe'; // invalid_value (enum)
    raw.items[0].materials[0].copies = -1; // too_small (number)
    raw.items[0].materials[2].forms = []; // too_small (array)
    raw.items[0].name = 42; // invalid_type
    delete raw.items[1].legalBasis; // missing
    raw.items[1].basicCode = '1234567890123'; // too_big (string)
    raw.items[0].statutoryLimit = { kind: 'weeks', days: 3 }; // discriminated union
    raw.effectiveDate = '2026/11/01'; // invalid_format (regex)
    raw.schemaVersion = 2; // invalid_value (literal)
    raw.publisher = '   '; // too_small (string, after trim)
    raw.items[1].fields = [{ id: '1st', label: 'x', kind: 'text' }]; // regex
    const errors = errorsOf(JSON.stringify(raw));
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(paths(errors).sort()).toEqual(
      [
        'schemaVersion',
        'effectiveDate',
        'publisher',
        'items[0].name',
        'items[0].statutoryLimit.kind',
        'items[0].materials[0].copies',
        'items[0].materials[1].necessity',
        'items[0].materials[2].forms',
        'items[1].basicCode',
        'items[1].legalBasis',
        'items[1].fields[0].id',
        // the bundle still names items[1] by its old code: reported in the same pass
        'bundles[0].items[0].basicCode',
      ].sort(),
    );
    expect(byPath['items[0].materials[1].necessity']!.message).toEqual({
      'zh-CN': '文本 "maybe" 不是有效值，可选值：required（必要）、optional（非必要）、deferrable（容缺后补）',
      'en-US': 'the string "maybe" is not an allowed value; allowed: required, optional, deferrable',
    });
    expect(byPath['items[0].materials[1].necessity']!.code).toBe('schema.invalid_value');
    expect(byPath['items[0].materials[0].copies']!.message['zh-CN']).toBe('不能小于 0（当前为 -1）');
    expect(byPath['items[0].materials[2].forms']!.message['en-US']).toBe('needs at least 1 entry, has none');
    expect(byPath['items[0].name']!.message).toEqual({
      'zh-CN': '应为文本（字符串），实际为数字 42',
      'en-US': 'expected a string, received the number 42',
    });
    expect(byPath['items[1].legalBasis']!.message).toEqual({
      'zh-CN': '缺少必填字段 "legalBasis"',
      'en-US': 'required field "legalBasis" is missing',
    });
    expect(byPath['items[1].basicCode']!.message['zh-CN']).toBe('不能超过 12 个字符（当前为 13 个）');
    expect(byPath['items[0].statutoryLimit.kind']!.message['zh-CN']).toBe(
      '文本 "weeks" 不是有效值，可选值：immediate（即办）、workingDays（工作日）、calendarDays（自然日）、none（无法定时限）',
    );
    expect(byPath.effectiveDate!.message['zh-CN']).toContain('YYYY-MM-DD');
    expect(byPath.schemaVersion!.message['en-US']).toBe('expected 1, received the number 2');
    expect(byPath.publisher!.message).toEqual({ 'zh-CN': '不能为空', 'en-US': 'must not be empty' });
    expect(byPath['items[1].fields[0].id']!.message['en-US']).toContain('must start with a letter');
    for (const e of errors) {
      expect(e.severity).toBe('error');
      expect(e.message['zh-CN'].length).toBeGreaterThan(0);
      expect(e.message['en-US'].length).toBeGreaterThan(0);
    }
  });

  it('names a missing enum field and lists the allowed values', () => {
    const raw = rawCatalog();
    delete raw.items[0].materials[3].necessity;
    const [e] = errorsOf(JSON.stringify(raw));
    expect(e!.path).toBe('items[0].materials[3].necessity');
    expect(e!.message['zh-CN']).toBe('缺少必填字段 "necessity"，可选值：required（必要）、optional（非必要）、deferrable（容缺后补）');
  });

  it('handles a missing discriminator and a wrong container type', () => {
    const raw = rawCatalog();
    raw.items[0].fee = {};
    raw.items[1].materials = 'none';
    raw.departments = {};
    const errors = errorsOf(JSON.stringify(raw));
    expect(paths(errors)).toEqual(['departments', 'items[0].fee.charged', 'items[1].materials']);
    expect(errors[1]!.message['en-US']).toBe('required field "charged" is missing; allowed: false, true');
    expect(errors[2]!.message['zh-CN']).toBe('应为数组（列表），实际为文本 "none"');
  });

  it('rejects a document that is not an object', () => {
    for (const text of ['[]', '"x"', '42', 'null', 'true']) {
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.path).toBe('');
      expect(errors[0]!.code).toBe('schema.invalid_type');
    }
  });

  it('lists every error, capped at MAX_LISTED_ISSUES plus one "and N more"', () => {
    const raw = rawCatalog();
    const material = raw.items[0].materials[0];
    raw.items[0].materials = Array.from({ length: 300 }, (_, i) => ({ ...material, id: `m${i}`, necessity: 'x' }));
    const errors = errorsOf(JSON.stringify(raw));
    expect(errors).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(errors[0]!.path).toBe('items[0].materials[0].necessity');
    expect(errors[MAX_LISTED_ISSUES - 1]!.path).toBe(`items[0].materials[${MAX_LISTED_ISSUES - 1}].necessity`);
    const more = errors[MAX_LISTED_ISSUES]!;
    expect(more.code).toBe('import.moreIssues');
    expect(more.message['zh-CN']).toContain('还有 100 个问题');
    expect(more.message['en-US']).toContain('100 more issues');
  });
});

describe('parseCatalogText: quality', () => {
  it('fails on quality errors, after the structure passed, with their paths', () => {
    const raw = rawCatalog();
    raw.items[0].departmentCode = 'XYZ';
    raw.items[1].fee = { charged: true, basis: '无', items: [] };
    raw.items[1].aliases.push('食品经营许可'); // a warning
    const r = parseCatalogText(JSON.stringify(raw));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.code} @ ${e.path}`)).toEqual([
      'ref.department @ items[0].departmentCode',
      'fee.noneText @ items[1].fee.basis',
      'fee.itemsRequired @ items[1].fee.items',
    ]);
    expect(r.errors[0]!.message['zh-CN']).toBe('引用的部门编码 "XYZ" 不存在');
    expect(r.warnings.map((w) => w.code)).toEqual(['search.aliasCollision']);
  });
});

describe('parseCatalogText: every problem in one pass', () => {
  it('reports a bad department reference together with the schema errors elsewhere', () => {
    const raw = rawCatalog();
    raw.items[0].materials[0].necessity = 'x'; // structure
    raw.items[1].departmentCode = 'XYZ'; // reference, in an item that parses on its own
    raw.items[1].fee = { charged: true, basis: '无', items: [] }; // quality
    const r = parseCatalogText(JSON.stringify(raw));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.code} @ ${e.path}`)).toEqual([
      'schema.invalid_value @ items[0].materials[0].necessity',
      'ref.department @ items[1].departmentCode',
      'fee.noneText @ items[1].fee.basis',
      'fee.itemsRequired @ items[1].fee.items',
    ]);
  });

  it('points at the entry\'s place in the file even when earlier entries are broken', () => {
    const raw = rawCatalog();
    raw.departments[0].name = 42; // the first department does not parse
    raw.items[0].basicCode = 7; // the first item does not parse
    raw.items.push({ ...raw.items[1], name: '另一个事项' }); // items[2] repeats items[1]'s code
    const errors = errorsOf(JSON.stringify(raw));
    const dup = errors.find((e) => e.code === 'duplicate.basicCode')!;
    expect(dup.path).toBe('items[2].basicCode');
    expect(dup.message['en-US']).toContain('same as items[1]');
  });

  it('a reference to an entry that is present but broken is not reported as unknown', () => {
    const raw = rawCatalog();
    const used = raw.items[0].departmentCode;
    const d = raw.departments.findIndex((x: { code: string }) => x.code === used);
    raw.departments[d].name = ''; // the department is there, with an error of its own
    const errors = errorsOf(JSON.stringify(raw));
    expect(errors.map((e) => e.path)).toEqual([`departments[${d}].name`]);
  });

  it('lists bundle references to missing items next to the structure errors', () => {
    const raw = rawCatalog();
    raw.publisher = '';
    raw.bundles = [{ id: 'B9', name: '一件事', description: '两个事项', items: [{ basicCode: raw.items[0].basicCode }, { basicCode: '999999999999' }] }];
    const codes = errorsOf(JSON.stringify(raw)).map((e) => `${e.code} @ ${e.path}`);
    expect(codes).toContain('ref.bundleItem @ bundles[0].items[1].basicCode');
    expect(codes.some((c) => c.endsWith('@ publisher'))).toBe(true);
  });
});

describe('parseCatalogText: limits and robustness', () => {
  it('rejects files above 20 MB with a clear message', () => {
    const big = `{"publisher": "${'x'.repeat(MAX_CATALOG_BYTES)}"}`;
    const errors = errorsOf(big);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('import.tooLarge');
    expect(errors[0]!.message['zh-CN']).toContain('不能超过 20.0 MB');
    expect(errors[0]!.message['en-US']).toContain('at most 20.0 MB');
  });

  it('measures size in UTF-8 bytes (Chinese text counts 3 bytes a character)', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('中文')).toBe(6);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('\uD800')).toBe(3); // lone surrogate
    const chinese = '中'.repeat(Math.ceil(MAX_CATALOG_BYTES / 3) + 1); // < 20M characters, > 20 MB
    expect(chinese.length).toBeLessThan(MAX_CATALOG_BYTES);
    expect(errorsOf(chinese)[0]!.code).toBe('import.tooLarge');
  });

  it('never throws, on random, truncated and mutated input', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const text = makeCatalogText();
    const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', '0', '-1', '1e999', 'true', '"items"', '"无"', '\u0000', '中', '\\', ' '];
    const inputs: unknown[] = [undefined, null, 42, {}, [], '\uD800', '__proto__', '{"__proto__": {"x": 1}}', '{"constructor": {}}'];
    for (let i = 0; i < 400; i++) {
      inputs.push(text.slice(0, Math.floor(next() * text.length)));
      const chars = [...text];
      for (let k = 0; k < 3; k++) chars.splice(Math.floor(next() * chars.length), 1, pieces[Math.floor(next() * pieces.length)]!);
      inputs.push(chars.join(''));
      inputs.push(Array.from({ length: Math.floor(next() * 40) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    }
    for (const input of inputs) {
      let r: ReturnType<typeof parseCatalogText> | undefined;
      expect(() => (r = parseCatalogText(input as string))).not.toThrow();
      expect(r).toBeDefined();
      if (r && !r.ok) {
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(typeof e.path).toBe('string');
          expect(e.message['zh-CN']).toBeTruthy();
          expect(e.message['en-US']).toBeTruthy();
        }
      }
    }
  });

  it('mutated-but-valid-JSON catalogs never throw in the zod or quality stages', () => {
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const values: unknown[] = [null, 0, -1, 1.5, '', '无', 'x', true, [], {}, [null], { kind: 'immediate' }];
    const walk = (node: any, mutate: () => boolean): void => {
      if (node === null || typeof node !== 'object') return;
      for (const key of Object.keys(node)) {
        if (mutate()) {
          const r = next();
          if (r < 0.3) delete node[key];
          else node[key] = values[Math.floor(next() * values.length)];
        } else walk(node[key], mutate);
      }
    };
    for (let i = 0; i < 150; i++) {
      const raw = rawCatalog();
      walk(raw, () => next() < 0.03);
      expect(() => parseCatalogText(JSON.stringify(raw))).not.toThrow();
      expect(() => parseCatalogData(raw)).not.toThrow();
    }
  });
});

describe('mapZodIssues: codes the catalog schema rarely produces', () => {
  const map = (schema: z.ZodType, data: unknown) => {
    const r = schema.safeParse(data);
    if (r.success) throw new Error('expected failure');
    return mapZodIssues(r.error.issues, data);
  };
  it('unrecognized_keys', () => {
    const errors = map(z.object({ a: z.strictObject({ b: z.string() }) }), { a: { b: 'x', c: 1, d: 2 } });
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['a.c', 'schema.unrecognized_keys'],
      ['a.d', 'schema.unrecognized_keys'],
    ]);
    expect(errors[0]!.message).toEqual({ 'zh-CN': '未知字段 "c"（拼写错误？该字段不属于目录格式）', 'en-US': 'unknown field "c" (a typo? it is not part of the catalog format)' });
  });
  it('invalid_union without a discriminator explains the closest branch', () => {
    const schema = z.object({ v: z.union([z.object({ x: z.string(), y: z.string() }), z.object({ n: z.number() })]) });
    const errors = map(schema, { v: { x: 'ok', y: 5 } });
    // The second branch has 1 issue (n missing), the first 1 too (y wrong type); the first listed wins ties.
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('v.y');
    expect(errors[0]!.message['en-US']).toBe('expected a string, received the number 5');
  });
  it('too_big on numbers and arrays, exclusive bounds', () => {
    const schema = z.object({ n: z.number().lt(3), a: z.array(z.string()).max(1), m: z.number().max(10) });
    const errors = map(schema, { n: 3, a: ['a', 'b'], m: 11 });
    expect(errors.map((e) => [e.path, e.message['zh-CN']])).toEqual([
      ['n', '必须小于 3（当前为 3）'],
      ['a', '最多 1 项（当前为 2 项）'],
      ['m', '不能大于 10（当前为 11）'],
    ]);
  });
  it('falls back to zod\'s English message for other codes', () => {
    const [e] = map(z.object({ n: z.number().multipleOf(5) }), { n: 7 });
    expect(e!.code).toBe('schema.not_multiple_of');
    expect(e!.message['en-US']).toBe(e!.message['zh-CN'].replace('数据不符合要求：', ''));
  });
});

describe('cap', () => {
  it('leaves short lists alone', () => {
    const list = [makeIssue('error', 'c', '', 'a', 'a')];
    expect(cap(list, 2)).toBe(list);
  });
  it('keeps warnings as warnings', () => {
    const list = Array.from({ length: 3 }, () => makeIssue('warning', 'w', '', 'a', 'a'));
    const capped = cap(list, 2);
    expect(capped).toHaveLength(3);
    expect(capped[2]).toMatchObject({ code: 'import.moreIssues', severity: 'warning' });
    expect(capped[2]!.message['en-US']).toContain('1 more issue not listed');
  });
});

describe('parseCatalogData', () => {
  it('checks already-parsed data', () => {
    expect(parseCatalogData(makeCatalog()).ok).toBe(true);
    const r = parseCatalogData({ schemaVersion: 1 });
    expect(r.ok).toBe(false);
  });
});

// The shipped default catalog (resources/catalog/default-catalog.json, maintained separately).
// Warnings (e.g. an alias shared by two items) are allowed; errors are not.
describe('the default catalog', () => {
  it('imports with no errors', () => {
    const r = parseCatalogText(JSON.stringify(defaultCatalogJson));
    const errors = r.ok ? [] : r.errors.map((e) => `${e.code} @ ${e.path}: ${e.message['zh-CN']}`);
    expect(errors).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
