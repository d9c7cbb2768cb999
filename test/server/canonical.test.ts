/**
 * The service's one-pass canonical JSON (store.ts canonicalJsonOfParsed) gives the same text
 * as the protocol's canonicalJson for anything JSON.parse can produce — the content hash of
 * every case depends on it (a mismatch is re-checked with canonicalJson all the same).
 */
import { describe, expect, it } from 'vitest';
import { hotelSubject } from '../../src/core/intake/fixtures';
import { canonicalJson } from '../../src/core/sync/protocol';
import { canonicalJsonOfParsed } from '../../src/server/store';
import { makeCase } from './helpers';

const parsed = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('canonicalJsonOfParsed', () => {
  it('matches canonicalJson on cases of every shape', () => {
    for (const c of [makeCase(), makeCase({ subject: hotelSubject() }), makeCase({ status: 'noticeIssued' }), makeCase({ status: 'draft' })]) {
      const v = parsed(c);
      expect(canonicalJsonOfParsed(v)).toBe(canonicalJson(v));
    }
  });

  it('matches canonicalJson on the corners of JSON', () => {
    const corners: unknown[] = [
      null,
      true,
      0,
      -0,
      1e21,
      1.5e-7,
      -123.456,
      '',
      'a"b\\c\n\u2028\u0000',
      '汉字',
      [],
      {},
      [[], {}, [null, [1, [2, [3]]]]],
      { b: 1, a: 2, A: 3, _: 4, '': 5, é: 6, 汉: 7, '10': 8, '9': 9, ' a': 10 },
      JSON.parse('{"__proto__": {"x": 1}, "constructor": 2, "toJSON": 3}'),
      { nested: { z: [{ y: 1, x: [{ w: null }] }], a: { c: 'd', b: 'e' } } },
    ];
    for (const v of corners) expect(canonicalJsonOfParsed(v), JSON.stringify(v)).toBe(canonicalJson(v));
  });

  it('matches canonicalJson on random JSON', () => {
    let seed = 20261128;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const key = () => String.fromCharCode(...Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => [97, 65, 48, 95, 0x4e00, 0xe9, 0x1f600 % 0xffff][Math.floor(rnd() * 7)]! + Math.floor(rnd() * 5)));
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 4 || r < 0.3) return [null, true, false, Math.floor(rnd() * 1e6) / 100, -rnd(), key()][Math.floor(rnd() * 6)];
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 5) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 6) }, () => [key(), gen(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const v = parsed(gen(0));
      expect(canonicalJsonOfParsed(v)).toBe(canonicalJson(v));
    }
  });
});
