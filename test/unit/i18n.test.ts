import { describe, expect, it } from 'vitest';
import { messagesEn as enUS, messagesZh as zhCN } from '../../src/renderer/src/i18n/resources';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}
function get(obj: object, path: string): string {
  return path.split('.').reduce<any>((o, k) => o[k], obj);
}

describe('UI strings', () => {
  it('English has exactly the Chinese keys', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });
  it('every string is non-empty and both languages use the same placeholders', () => {
    for (const k of keys(zhCN)) {
      const zh = get(zhCN, k);
      const en = get(enUS, k);
      expect(zh.trim(), k).not.toBe('');
      expect(en.trim(), k).not.toBe('');
      expect(placeholders(en), k).toEqual(placeholders(zh));
    }
  });
});
