import { describe, expect, it } from 'vitest';
import { formatPath, makeIssue, quote } from './issues';

describe('formatPath', () => {
  it('formats property access with indices', () => {
    expect(formatPath(['items', 3, 'materials', 2, 'necessity'])).toBe('items[3].materials[2].necessity');
    expect(formatPath(['items', 0])).toBe('items[0]');
    expect(formatPath(['version'])).toBe('version');
  });
  it('is empty for the root, and starts with an index for a top-level array', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });
  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['a b', 'x'])).toBe('["a b"].x');
    expect(formatPath(['items', 0, '名称'])).toBe('items[0]["名称"]');
    expect(formatPath(['x', ''])).toBe('x[""]');
  });
});

describe('makeIssue / quote', () => {
  it('builds a bilingual issue with a formatted path', () => {
    expect(makeIssue('warning', 'c', ['a', 1], '中', 'en')).toEqual({
      path: 'a[1]',
      code: 'c',
      severity: 'warning',
      message: { 'zh-CN': '中', 'en-US': 'en' },
    });
  });
  it('quotes and shortens values', () => {
    expect(quote('XYZ')).toBe('"XYZ"');
    expect(quote(5)).toBe('"5"');
    expect(quote('x'.repeat(100), 10)).toBe(`"${'x'.repeat(9)}…"`);
    expect(quote(undefined)).toBe('"undefined"');
  });
});
