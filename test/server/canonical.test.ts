/**
 * The protocol's one-pass canonicalJson (the service hashes every pushed case with it) gives
 * the same text as the plain definition — entries without undefined, sorted by key, each
 * value canonical — for anything JSON.parse can produce: the content hash of every case
 * depends on it.
 */
import { describe, expect, it } from 'vitest';
import { hotelSubject } from '../fixtures/intake';
import { canonicalJson } from '../../src/core/kernel';
import { makeCase } from './helpers';

const parsed = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** The plain definition (the protocol's first implementation). */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${reference(x)}`).join(',')}}`;
}

describe('canonicalJson (one pass)', () => {
  it('matches canonicalJson on cases of every shape', () => {
    for (const c of [makeCase(), makeCase({ subject: hotelSubject() }), makeCase({ status: 'noticeIssued' }), makeCase({ status: 'draft' })]) {
      const v = parsed(c);
      expect(canonicalJson(v)).toBe(reference(v));
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
    for (const v of corners) expect(canonicalJson(v), JSON.stringify(v)).toBe(reference(v));
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
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('gives the same text when the value is already in canonical order (the service reads canonical text back) and when it only looks so', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 4 || r < 0.3) return [null, true, 3.25, '汉字"\\', 'z'][Math.floor(rnd() * 5)];
      if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [String.fromCharCode(97 + Math.floor(rnd() * 26), 0x4e00 + Math.floor(rnd() * 3)), gen(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const sorted = JSON.parse(reference(parsed(gen(0)))) as unknown; // keys in canonical order
      expect(canonicalJson(sorted)).toBe(reference(sorted));
    }
    // Sorted on the surface, yet JSON.stringify would write something else: the slow path answers.
    const fn = () => 1;
    const lookalikes: unknown[] = [
      { a: 1, b: fn }, // a function member: canonical writes null, JSON.stringify leaves it out
      { a: { toJSON: fn } },
      { a: new Date(0) }, // not a plain object: canonical sees no keys
      { a: [undefined, 1] },
      { a: undefined, b: 2 },
      { '2': 1, '10': 2 }, // integer keys come first in property order, not in sort order
      Object.assign(Object.create(null) as object, { a: 1, b: 2 }),
      undefined,
    ];
    for (const v of lookalikes) expect(canonicalJson(v)).toBe(reference(v));
  });
});
