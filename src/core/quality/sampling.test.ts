import { describe, expect, it } from 'vitest';
import { handlingBounds, itemSetKey, sampleForReview, SamplingSettings, type ReviewableCase } from './sampling';
import { mulberry32 } from './stats';

let nextId = 0;
function rc(o: Partial<ReviewableCase> = {}): ReviewableCase {
  nextId += 1;
  return {
    id: `case-${String(nextId).padStart(4, '0')}`,
    clerkId: 'C1',
    itemCodes: ['A'],
    date: '2026-11-30',
    decision: 'accept',
    handlingSeconds: 600,
    deferred: false,
    events: [],
    ...o,
  };
}

/** `n` plain cases of a clerk in the week of 2026-11-30 (W49), handling times all 600 s. */
const plain = (n: number, clerkId = 'C1', date = '2026-11-30') => Array.from({ length: n }, () => rc({ clerkId, date }));
const noOutliers = { minCasesForPercentiles: 1000, shortSeconds: 0, longSeconds: 1e9 };

describe('random share per clerk and week', () => {
  it('draws max(min, ⌈share × n⌉) of each clerk’s week, at most all', () => {
    const cases = [...plain(30, 'C1'), ...plain(5, 'C2'), ...plain(2, 'C3')];
    const r = sampleForReview(cases, { share: 0.1, minPerClerk: 3, ...noOutliers }, mulberry32(1));
    expect(r.groups).toEqual([
      { week: '2026-W49', clerkId: 'C1', cases: 30, randomQuota: 3, sampled: 3 }, // ⌈0.1 × 30⌉ = 3, not 4
      { week: '2026-W49', clerkId: 'C2', cases: 5, randomQuota: 3, sampled: 3 },
      { week: '2026-W49', clerkId: 'C3', cases: 2, randomQuota: 2, sampled: 2 },
    ]);
    expect(r.sampled.every((s) => s.reasons.join() === 'random')).toBe(true);
    expect(sampleForReview(cases, { share: 0.25, minPerClerk: 0, ...noOutliers }, mulberry32(1)).groups.map((g) => g.randomQuota)).toEqual([8, 2, 1]);
    expect(sampleForReview(cases, { share: 0, minPerClerk: 0, ...noOutliers }, mulberry32(1)).sampled).toEqual([]);
    expect(sampleForReview(cases, { share: 1, minPerClerk: 0, ...noOutliers }, mulberry32(1)).sampled).toHaveLength(37);
  });

  it('samples each ISO week apart', () => {
    const cases = [...plain(10, 'C1', '2026-11-30'), ...plain(10, 'C1', '2026-12-06'), ...plain(10, 'C1', '2026-12-07')];
    const r = sampleForReview(cases, { share: 0.2, minPerClerk: 0, ...noOutliers }, mulberry32(1));
    expect(r.groups.map((g) => [g.week, g.cases, g.randomQuota])).toEqual([
      ['2026-W49', 20, 4],
      ['2026-W50', 10, 2],
    ]);
    expect(r.sampled.filter((s) => s.week === '2026-W50')).toHaveLength(2);
  });

  it('is deterministic given the seed', () => {
    const cases = plain(200);
    const settings = { share: 0.1, minPerClerk: 0, ...noOutliers };
    const a = sampleForReview(cases, settings, mulberry32(2026));
    expect(sampleForReview(cases, settings, mulberry32(2026))).toEqual(a);
    expect(sampleForReview([...cases].reverse(), settings, mulberry32(2026))).toEqual(a); // input order does not matter
    expect(sampleForReview(cases, settings, mulberry32(2027)).sampled.map((s) => s.caseId)).not.toEqual(a.sampled.map((s) => s.caseId));
    expect(sampleForReview(cases, settings, { seed: 5 })).toEqual(sampleForReview(cases, settings, { seed: 5 }));
  });

  it('with { seed }, a new case of one clerk leaves the other clerks’ samples alone', () => {
    const settings = { share: 0.2, minPerClerk: 0, ...noOutliers };
    const c1 = plain(20, 'C1');
    const c2 = plain(20, 'C2');
    const picked = (r: ReturnType<typeof sampleForReview>, clerk: string) => r.sampled.filter((s) => s.clerkId === clerk).map((s) => s.caseId);
    const before = sampleForReview([...c1, ...c2], settings, { seed: 9 });
    const after = sampleForReview([...c1, ...c2, rc({ clerkId: 'C1', id: 'case-0000' })], settings, { seed: 9 });
    expect(picked(after, 'C2')).toEqual(picked(before, 'C2'));
    // the shared stream does not promise that
    expect(picked(before, 'C2')).toHaveLength(4);
  });

  it('draws roughly uniformly', () => {
    const cases = plain(10);
    const hits = new Map<string, number>();
    const rng = mulberry32(77);
    for (let i = 0; i < 2000; i += 1)
      for (const s of sampleForReview(cases, { share: 0.3, minPerClerk: 0, ...noOutliers }, rng).sampled) hits.set(s.caseId, (hits.get(s.caseId) ?? 0) + 1);
    for (const c of cases) expect(hits.get(c.id)! / 2000).toBeGreaterThan(0.25); // expected 0.3
    for (const c of cases) expect(hits.get(c.id)! / 2000).toBeLessThan(0.35);
  });
});

describe('always sampled', () => {
  it('takes every 容缺, department return, refusal, with its reasons', () => {
    const deferred = rc({ deferred: true });
    const correction = rc({ events: [{ kind: 'dispatched', at: 'x', departmentCode: 'D' }, { kind: 'correctionRequested', at: 'x', departmentCode: 'D' }] });
    const returned = rc({ events: [{ kind: 'returned', at: 'x', departmentCode: 'D' }] });
    const denied = rc({ events: [{ kind: 'denied', at: 'x', departmentCode: 'D' }] });
    const approved = rc({ events: [{ kind: 'approved', at: 'x', departmentCode: 'D' }] });
    const refused = rc({ decision: 'refuse', deferred: false });
    const both = rc({ deferred: true, events: [{ kind: 'returned', at: 'x', departmentCode: 'D' }] });
    const notice = rc({ decision: 'oneTimeNotice' });
    const r = sampleForReview([deferred, correction, returned, denied, approved, refused, both, notice], { share: 0, minPerClerk: 0, ...noOutliers }, mulberry32(1));
    expect(r.sampled.map((s) => [s.caseId, s.reasons])).toEqual([
      [deferred.id, ['deferred']],
      [correction.id, ['departmentReturn']],
      [returned.id, ['departmentReturn']],
      [denied.id, ['departmentReturn']],
      [refused.id, ['refusal']],
      [both.id, ['deferred', 'departmentReturn']],
    ]);
    // drawn at random as well: both reasons
    const all = sampleForReview([deferred], { share: 1, minPerClerk: 0, ...noOutliers }, mulberry32(1));
    expect(all.sampled[0]!.reasons).toEqual(['random', 'deferred']);
  });

  it('takes handling times below P10 or above P90 of the item', () => {
    // item A: 20 cases, 100 … 2000 s → P10 = 290, P90 = 1810
    const a = Array.from({ length: 20 }, (_, i) => rc({ itemCodes: ['A'], handlingSeconds: (i + 1) * 100 }));
    const r = sampleForReview(a, { share: 0, minPerClerk: 0 }, mulberry32(1));
    expect(r.sampled.map((s) => [s.handlingSeconds, s.reasons])).toEqual([
      [100, ['shortHandling']],
      [200, ['shortHandling']],
      [1900, ['longHandling']],
      [2000, ['longHandling']],
    ]);
    expect(r.sampled[0]!.bounds).toMatchObject({ basis: 'percentile', n: 20 });
    expect(r.sampled[0]!.bounds!.low).toBeCloseTo(290);
    expect(r.sampled[0]!.bounds!.high).toBeCloseTo(1810);
  });

  it('uses fixed thresholds for an item with fewer than 10 cases, and item sets for bundles', () => {
    const b = [rc({ itemCodes: ['B'], handlingSeconds: 100 }), rc({ itemCodes: ['B'], handlingSeconds: 500 }), rc({ itemCodes: ['B'], handlingSeconds: 4000 })];
    const bundle = Array.from({ length: 10 }, (_, i) => rc({ itemCodes: i % 2 ? ['B', 'A'] : ['A', 'B'], handlingSeconds: 3000 + i * 100 }));
    const unknown = rc({ itemCodes: ['C'], handlingSeconds: null });
    const r = sampleForReview([...b, ...bundle, unknown], { share: 0, minPerClerk: 0 }, mulberry32(1));
    const reasons = new Map(r.sampled.map((s) => [s.caseId, s.reasons]));
    expect(reasons.get(b[0]!.id)).toEqual(['shortHandling']); // < 180 s
    expect(reasons.has(b[1]!.id)).toBe(false);
    expect(reasons.get(b[2]!.id)).toEqual(['longHandling']); // > 3600 s
    // the bundle's 3000 … 3900 s are normal among bundles (P10 = 3090, P90 = 3810), not against B's fixed 3600 s
    expect(bundle.filter((c) => reasons.has(c.id)).map((c) => c.handlingSeconds)).toEqual([3000, 3900]);
    expect(reasons.has(unknown.id)).toBe(false);
    expect(itemSetKey(['B', 'A'])).toBe('A+B');
    expect(itemSetKey(['A'])).toBe('A');
    const custom = sampleForReview(b, { share: 0, minPerClerk: 0, shortSeconds: 50, longSeconds: 5000 }, mulberry32(1));
    expect(custom.sampled).toEqual([]);
  });

  it('can take the item bounds from a longer reference period', () => {
    const week = [rc({ handlingSeconds: 300 }), rc({ handlingSeconds: 320 })];
    const history = Array.from({ length: 50 }, (_, i) => ({ itemCodes: ['A'], handlingSeconds: 400 + i * 10 }));
    const r = sampleForReview(week, { share: 0, minPerClerk: 0 }, mulberry32(1), { reference: history });
    expect(r.sampled.map((s) => s.reasons)).toEqual([['shortHandling'], ['shortHandling']]);
    expect(handlingBounds(history, { share: 0, minPerClerk: 0 }).get('A')).toMatchObject({ basis: 'percentile', n: 50 });
  });

  it('validates its settings', () => {
    expect(SamplingSettings.safeParse({ share: 1.5, minPerClerk: 0 }).success).toBe(false);
    expect(SamplingSettings.safeParse({ share: 0.1, minPerClerk: -1 }).success).toBe(false);
    expect(SamplingSettings.parse({ share: 0.1, minPerClerk: 2 })).toEqual({ share: 0.1, minPerClerk: 2, minCasesForPercentiles: 10, shortSeconds: 180, longSeconds: 3600 });
    expect(() => sampleForReview([], { share: 2, minPerClerk: 0 }, mulberry32(1))).toThrow();
  });
});
