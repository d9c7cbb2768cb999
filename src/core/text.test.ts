import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, JsonTooDeepError } from './kernel';
import { findUnstorableString, jsonDepthExceeds, MAX_JSON_DEPTH, safeText, textProblem, textProblemMessage } from './text';

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
};

describe('textProblem', () => {
  it('says what is wrong', () => {
    expect(textProblem('张伟')).toBeNull();
    expect(textProblem('张\u0000伟')).toBe('control');
    expect(textProblem('a\nb')).toBe('control');
    expect(textProblem('a\nb\tc\r\n', { multiline: true })).toBeNull();
    expect(textProblem('a\u0000b', { multiline: true })).toBe('control');
    expect(textProblem('\u0085')).toBe('control');
    expect(textProblem('x\uD83D')).toBe('surrogate');
    expect(textProblem('\uDE00x')).toBe('surrogate');
    expect(textProblem('😀')).toBeNull();
    expect(textProblem('abc\u202Efdp.exe')).toBe('bidi');
    expect(textProblem('\u200B\u200C\uFEFF')).toBe('invisible');
    expect(textProblem('\u3164')).toBe('invisible');
    expect(textProblem('x'.repeat(501))).toBe('tooLong');
    expect(textProblem('x'.repeat(2000), { multiline: true })).toBeNull();
    expect(textProblem('x'.repeat(11), { max: 10 })).toBe('tooLong');
  });

  it('has a message in both languages for every problem', () => {
    for (const p of ['control', 'bidi', 'surrogate', 'invisible', 'tooLong'] as const) {
      expect(textProblemMessage(p, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
      expect(textProblemMessage(p, 'en-US')).toMatch(/^[A-Z]/);
    }
    expect(textProblemMessage('tooLong', 'zh-CN', { max: 50 }, '申请人姓名')).toBe('申请人姓名不能超过 50 个字符。');
  });
});

describe('safeText', () => {
  it('trims, requires visible text, and names the problem in params', () => {
    expect(safeText().parse('  张伟 ')).toBe('张伟');
    expect(safeText().safeParse('').success).toBe(false);
    const r = safeText().safeParse('张\u0000伟');
    expect(r.success).toBe(false);
    expect((r.error!.issues[0] as { params?: unknown }).params).toEqual({ textProblem: 'control' });
    expect(safeText({ allowEmpty: true }).parse(' ')).toBe('');
  });

  it('never lets through a string that PostgreSQL’s jsonb or UTF-8 would refuse (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const r = safeText({ multiline: true, allowEmpty: true }).safeParse(s);
        if (r.success) expect(findUnstorableString(r.data)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('nesting depth', () => {
  it('finds the first value nested too deep, iteratively (100,000 levels)', () => {
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH - 1))).toBeNull();
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH + 1))).not.toBeNull();
    expect(jsonDepthExceeds(nest(100_000))).toHaveLength(MAX_JSON_DEPTH);
    expect(jsonDepthExceeds({ a: [1, 2, { b: 'x' }] }, 3)).toBeNull();
    expect(jsonDepthExceeds({ a: [1, 2, { b: {} }] }, 3)).toEqual(['a', 2, 'b']);
  });

  it('canonicalJson refuses a hostile depth with its own error instead of overflowing the stack', () => {
    expect(() => canonicalJson(nest(100_000))).toThrow(JsonTooDeepError);
    expect(() => canonicalJson({ z: nest(6_000), a: 1 })).toThrow(JsonTooDeepError);
    expect(canonicalJson(nest(100))).toBe(JSON.stringify(nest(100)));
  });

  it('findUnstorableString gives the path of a bad key or value', () => {
    expect(findUnstorableString({ a: [{ b: 'ok' }, 'x\u0000'] })).toEqual(['a', 1]);
    expect(findUnstorableString({ 'k\uD800': 1 })).toEqual(['k\uD800']);
    expect(findUnstorableString({ a: 'line\nbreak' })).toBeNull();
  });
});
