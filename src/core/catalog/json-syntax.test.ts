import { describe, expect, it } from 'vitest';
import { describeJsonSyntaxError, findJsonSyntaxError, lineColumnAt } from './json-syntax';
import { mulberry32 as rng } from '../quality/stats';

const jsonOk = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

describe('lineColumnAt', () => {
  it('counts lines across \\n, \\r\\n and \\r', () => {
    expect(lineColumnAt('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('abc', 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumnAt('a\nbc', 3)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('a\r\nbc', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('a\rb', 2)).toEqual({ line: 2, column: 1 });
  });
});

describe('findJsonSyntaxError', () => {
  const cases: [string, string, number, number][] = [
    // text, kind, line, column
    ['{"a": 1,}', 'trailingComma', 1, 8],
    ['[1, 2,]', 'trailingComma', 1, 6],
    ['{\n  "a": 1\n  "b": 2\n}', 'expectedCommaOrBrace', 3, 3],
    ['[1 2]', 'expectedCommaOrBracket', 1, 4],
    ["{'a': 1}", 'expectedPropertyName', 1, 2],
    ['{"a" 1}', 'expectedColon', 1, 6],
    ['{"a": }', 'expectedValue', 1, 7],
    ['{"a": 1', 'unexpectedEnd', 1, 8],
    ['{"a": "x', 'unterminatedString', 1, 7],
    ['"a\\qb"', 'badEscape', 1, 3],
    ['"a\\u12G4"', 'badEscape', 1, 3],
    ['"a\nb"', 'controlCharacter', 1, 3],
    ['01', 'badNumber', 1, 1],
    ['-', 'unexpectedEnd', 1, 2],
    ['1.', 'unexpectedEnd', 1, 3],
    ['1.e5', 'badNumber', 1, 1],
    ['{} x', 'trailingData', 1, 4],
    ['tru', 'unexpectedEnd', 1, 4],
    ['nul x', 'expectedValue', 1, 1],
    ['', 'unexpectedEnd', 1, 1],
    ['{"a"：1}', 'expectedColon', 1, 5],
  ];
  it.each(cases)('%j → %s at %i:%i', (text, kind, line, column) => {
    expect(jsonOk(text)).toBe(false);
    const e = findJsonSyntaxError(text);
    expect(e).toMatchObject({ kind, line, column });
  });

  it('accepts valid JSON', () => {
    for (const s of ['{}', '[]', '0', '-0.5e+10', '"\\u00e9\\n"', ' {"a": [1, {"b": null}, true, false]} ', '"中文"'])
      expect(findJsonSyntaxError(s)).toBeNull();
  });

  it('does not overflow on deep nesting', () => {
    const deep = '['.repeat(200_000);
    expect(findJsonSyntaxError(deep)?.kind).toBe('unexpectedEnd');
    expect(findJsonSyntaxError(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)).toBeNull();
  });

  it('agrees with JSON.parse on random and mutated inputs', () => {
    const next = rng(42);
    const alphabet = ['{', '}', '[', ']', '"', ':', ',', ' ', '\n', '1', '0', '-', '.', 'e', 't', 'r', 'u', 'n', 'l', 'a', '\\', 'f', 's', '中', '，', "'"];
    const base = JSON.stringify({ a: [1, -2.5e3, 'x\\y"z', null, true, false, { b: '中文' }], c: {} }, null, 1);
    for (let round = 0; round < 3000; round++) {
      let s: string;
      if (round % 2 === 0) {
        const len = Math.floor(next() * 20);
        s = Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      } else {
        const chars = [...base];
        const edits = 1 + Math.floor(next() * 3);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(next() * chars.length);
          const op = next();
          if (op < 0.33) chars.splice(at, 1);
          else if (op < 0.66) chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]!);
          else chars[at] = alphabet[Math.floor(next() * alphabet.length)]!;
        }
        s = chars.join('');
      }
      const found = findJsonSyntaxError(s);
      expect({ s, valid: found === null }).toEqual({ s, valid: jsonOk(s) });
    }
  });
});

describe('describeJsonSyntaxError', () => {
  it('gives line and column in both languages', () => {
    const e = findJsonSyntaxError('{\n  "a": 1,\n}')!;
    const m = describeJsonSyntaxError(e);
    expect(m['zh-CN']).toBe('JSON 语法错误（第 2 行，第 9 列）：多余的逗号：最后一项之后不能有 ","');
    expect(m['en-US']).toBe('JSON syntax error at line 2, column 9: trailing comma: there must be no "," after the last entry');
  });
  it('hints at full-width punctuation and single quotes', () => {
    expect(describeJsonSyntaxError(findJsonSyntaxError('{"a": 1，"b": 2}')!)['zh-CN']).toContain('英文半角标点');
    expect(describeJsonSyntaxError(findJsonSyntaxError("{'a': 1}")!)['en-US']).toContain('double quotes');
  });
});
