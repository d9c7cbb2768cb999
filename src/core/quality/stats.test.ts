import { describe, expect, it } from 'vitest';
import { drawWithoutReplacement, epochSeconds, fnv1a32, isoWeekOf, mulberry32, quantileSorted, rngFor, sortedNumbers } from './stats';

describe('mulberry32', () => {
  it('is reproducible, in [0, 1), and differs by seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('gives independent streams per key', () => {
    expect(rngFor(1, 'a')()).toBe(rngFor(1, 'a')());
    expect(rngFor(1, 'a')()).not.toBe(rngFor(1, 'b')());
    expect(rngFor(1, 'a')()).not.toBe(rngFor(2, 'a')());
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c); // FNV-1a test vector
  });

  it('draws distinct elements without touching the input', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const d = drawWithoutReplacement(items, 5, mulberry32(7));
    expect(new Set(d).size).toBe(5);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(drawWithoutReplacement(items, 50, mulberry32(7)).sort((a, b) => a - b)).toEqual(items);
    expect(drawWithoutReplacement(items, 0, mulberry32(7))).toEqual([]);
  });
});

describe('quantiles', () => {
  it('interpolates linearly (type 7)', () => {
    const s = sortedNumbers([5, 1, 4, 2, 3]);
    expect([...s]).toEqual([1, 2, 3, 4, 5]);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(4.6);
    expect(quantileSorted(s, 0.1)).toBeCloseTo(1.4);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(5);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('time', () => {
  it('reads epoch seconds of stored timestamps, whatever the offset', () => {
    expect(epochSeconds('1970-01-01T00:00:07Z')).toBe(7);
    expect(epochSeconds('2026-11-30T09:15:30+08:00')).toBe(epochSeconds('2026-11-30T01:15:30Z'));
    expect(epochSeconds('2026-11-30T01:15:30.123Z')! - epochSeconds('2026-11-30T01:15:00Z')!).toBe(30);
    expect(epochSeconds('2026-11-30')).toBeNull();
  });

  it('gives ISO weeks (Monday first; week 1 holds the first Thursday)', () => {
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49'); // a Monday
    expect(isoWeekOf('2026-12-06')).toBe('2026-W49'); // the Sunday after
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(() => isoWeekOf('2026-02-30')).toThrow(RangeError);
  });
});
