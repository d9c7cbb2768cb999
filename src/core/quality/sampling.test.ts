import { describe, expect, it } from 'vitest';
import { handlingBounds, handlingFlagExplanation, itemSetKey, sampleForReview, SamplingSettings, type ReviewableCase } from './sampling';
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
const noOutliers = { minCasesForPercentiles: 1000 };

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
    expect(r.sampled[0]!.bounds).toMatchObject({ basis: 'item', n: 20 });
    expect(r.sampled[0]!.bounds!.low).toBeCloseTo(290);
    expect(r.sampled[0]!.bounds!.high).toBeCloseTo(1810);
  });

  it('flags nothing by handling time while the item and the centre have too few cases (no fixed 3-minute rule)', () => {
    // 3 cases of B, 2 of 2 minutes: a quick item, not a suspicious one
    const b = [rc({ itemCodes: ['B'], handlingSeconds: 120 }), rc({ itemCodes: ['B'], handlingSeconds: 130 }), rc({ itemCodes: ['B'], handlingSeconds: 4000 })];
    const r = sampleForReview(b, { share: 0, minPerClerk: 0 }, mulberry32(1));
    expect(r.sampled).toEqual([]);
    expect(handlingBounds(b, { share: 0, minPerClerk: 0 }).fallback).toBeNull();
  });

  it('compares an item with too few cases against the whole centre, and bundles against their item set', () => {
    const b = [rc({ itemCodes: ['B'], handlingSeconds: 100 }), rc({ itemCodes: ['B'], handlingSeconds: 500 }), rc({ itemCodes: ['B'], handlingSeconds: 4000 })];
    const bundle = Array.from({ length: 10 }, (_, i) => rc({ itemCodes: i % 2 ? ['B', 'A'] : ['A', 'B'], handlingSeconds: 3000 + i * 100 }));
    const unknown = rc({ itemCodes: ['C'], handlingSeconds: null });
    const r = sampleForReview([...b, ...bundle, unknown], { share: 0, minPerClerk: 0 }, mulberry32(1));
    const byId = new Map(r.sampled.map((s) => [s.caseId, s]));
    // B has 3 cases: the centre's 13 handling times (100 … 4000 s) decide: P10 = 1000
    expect(byId.get(b[0]!.id)).toMatchObject({ reasons: ['shortHandling'], bounds: { basis: 'centre', n: 13 } });
    expect(byId.get(b[0]!.id)!.bounds!.low).toBeCloseTo(1000);
    expect(byId.has(b[1]!.id)).toBe(true); // 500 s is in the centre's quickest tenth too
    expect(byId.get(b[2]!.id)!.reasons).toEqual(['longHandling']);
    // the bundle's 3000 … 3900 s are normal among bundles (P10 = 3090, P90 = 3810)
    expect(bundle.filter((c) => byId.has(c.id)).map((c) => c.handlingSeconds)).toEqual([3000, 3900]);
    expect(byId.get(bundle[0]!.id)!.bounds).toMatchObject({ basis: 'item', n: 10 });
    expect(byId.has(unknown.id)).toBe(false);
    expect(itemSetKey(['B', 'A'])).toBe('A+B');
    expect(itemSetKey(['A'])).toBe('A');
  });

  it('explains a flag with the cases compared and the bound crossed', () => {
    const e = handlingFlagExplanation('shortHandling', 120, { low: 252, high: 900, basis: 'item', n: 23 });
    expect(e['zh-CN']).toBe('办理用时 2 分钟，短于同一事项近期 23 件办理用时的最短 10%（P10 = 4.2 分钟）');
    expect(e['en-US']).toContain('P10 = 4.2 min');
    const c = handlingFlagExplanation('longHandling', 5400, { low: 252, high: 3600, basis: 'centre', n: 140 });
    expect(c['zh-CN']).toBe('办理用时 90 分钟，长于该事项近期案件不足，改与全中心 140 件办理用时的最长 10%（P90 = 60 分钟）');
    expect(c['en-US']).toContain("whole centre's 140 recent cases");
  });

  it('can take the item bounds from a longer reference period', () => {
    const week = [rc({ handlingSeconds: 300 }), rc({ handlingSeconds: 320 })];
    const history = Array.from({ length: 50 }, (_, i) => ({ itemCodes: ['A'], handlingSeconds: 400 + i * 10 }));
    const r = sampleForReview(week, { share: 0, minPerClerk: 0 }, mulberry32(1), { reference: history });
    expect(r.sampled.map((s) => s.reasons)).toEqual([['shortHandling'], ['shortHandling']]);
    expect(handlingBounds(history, { share: 0, minPerClerk: 0 }).get('A')).toMatchObject({ basis: 'item', n: 50 });
  });

  it('validates its settings', () => {
    expect(SamplingSettings.safeParse({ share: 1.5, minPerClerk: 0 }).success).toBe(false);
    expect(SamplingSettings.safeParse({ share: 0.1, minPerClerk: -1 }).success).toBe(false);
    expect(SamplingSettings.parse({ share: 0.1, minPerClerk: 2 })).toEqual({ share: 0.1, minPerClerk: 2, minCasesForPercentiles: 10 });
    expect(() => sampleForReview([], { share: 2, minPerClerk: 0 }, mulberry32(1))).toThrow();
  });
});
