import { describe, expect, it } from 'vitest';
import { CASES, mc, TRAINING } from '../../../../test/fixtures/metrics';
import { computeDashboard, computeDashboards, trainingAverages } from './dashboard';
import { prepareMetricCases } from './dataset';

describe('computeDashboard', () => {
  it('computes every figure of the total', () => {
    const { total } = computeDashboard(CASES, { groupBy: 'centre' });
    expect(total).toMatchObject({
      key: 'total',
      cases: 7,
      accepted: 5,
      notices: 1,
      refusals: 1,
      oneVisit: 4, // c3 follows a notice to P2 for item A
      oneVisitRate: 0.8,
      deferred: 1,
      deferredRate: 0.2,
      overdueSupplements: 1,
      casesWithOverdueSupplements: 1,
      dispatched: 4,
      departmentReturns: 2,
      departmentReturnRate: 0.5,
      handlingMedianSeconds: 600,
      approved: 2,
      approvedOnTime: 1,
      promisedDateCompliance: 0.5,
      rated: 3,
      ratings: { verySatisfied: 1, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, veryDissatisfied: 0 },
      trainingAverage: null,
      trainingCount: 0,
    });
    expect(total.noticeRate).toBeCloseTo(1 / 7);
    expect(total.refusalRate).toBeCloseTo(1 / 7);
    expect(total.handlingP90Seconds).toBeCloseTo(1440); // [60,120,300,600,900,1200,1800] at 0.9: 1200 + 0.4 × 600
  });

  it('groups by centre, window, clerk, item and day', () => {
    const byCentre = computeDashboard(CASES, { groupBy: 'centre' });
    expect(byCentre.rows.map((r) => [r.key, r.cases])).toEqual([
      ['330106', 6],
      ['330108', 1],
    ]);
    const byWindow = computeDashboard(CASES, { groupBy: 'window' });
    expect(byWindow.rows.map((r) => [r.key, r.cases])).toEqual([
      ['330106/12', 3],
      ['330106/13', 3],
      ['330108/1', 1],
    ]);
    const byClerk = computeDashboard(CASES, { groupBy: 'clerk' });
    expect(byClerk.rows.map((r) => [r.key, r.cases, r.accepted, r.oneVisitRate, r.refusals])).toEqual([
      ['C1', 3, 2, 0.5, 0],
      ['C2', 3, 2, 1, 1],
      ['C3', 1, 1, 1, 0],
    ]);
    const byItem = computeDashboard(CASES, { groupBy: 'item' });
    expect(byItem.rows.map((r) => [r.key, r.cases])).toEqual([
      ['A', 5],
      ['B', 3],
    ]);
    expect(byItem.total.cases).toBe(7); // the bundle counts once in the total
    const byDay = computeDashboard(CASES, { groupBy: 'day' });
    expect(byDay.rows.map((r) => [r.key, r.cases])).toEqual([
      ['2026-11-30', 3],
      ['2026-12-01', 2],
      ['2026-12-02', 2],
    ]);
    const all = computeDashboards(CASES);
    expect(Object.keys(all).sort()).toEqual(['centre', 'clerk', 'day', 'item', 'window']);
    expect(all.item.rows).toEqual(byItem.rows);
  });

  it('filters by date range, centre, window, clerk, item and department', () => {
    const t = (filters: Parameters<typeof computeDashboard>[1]['filters']) => computeDashboard(CASES, { groupBy: 'clerk', filters }).total.cases;
    expect(t({ from: '2026-12-01', to: '2026-12-01' })).toBe(2);
    expect(t({ from: '2026-12-01' })).toBe(4);
    expect(t({ to: '2026-11-30' })).toBe(3);
    expect(t({ centreCode: '330108' })).toBe(1);
    expect(t({ centreCode: ['330106', '330108'] })).toBe(7);
    expect(t({ window: '330106/13' })).toBe(3);
    expect(t({ clerkId: ['C1', 'C3'] })).toBe(4);
    expect(t({ itemCode: 'B' })).toBe(3);
    expect(t({ departmentCode: 'WSJ' })).toBe(1);
    expect(t({ departmentCode: 'SCJG', from: '2026-12-01' })).toBe(2);
    // item rows are limited to the filtered items
    const itemB = computeDashboard(CASES, { groupBy: 'item', filters: { itemCode: 'B' } });
    expect(itemB.rows.map((r) => r.key)).toEqual(['B']);
  });

  it('a case taken in again after a notice (再次受理) is one matter with it: never one-visit, even without a matching applicant ID', () => {
    // a company being founded has no USCC: without the link its acceptance would count as one visit
    const notice = mc({ id: 'n1', clerkId: 'C1', date: '2026-11-30', decision: 'oneTimeNotice', applicantId: null });
    const again = mc({ id: 'a1', clerkId: 'C2', date: '2026-12-01', decision: 'accept', applicantId: null });
    expect(computeDashboard([notice, again], { groupBy: 'clerk' }).total).toMatchObject({ accepted: 1, oneVisit: 1 });
    const linked = { ...again, followsUp: 'n1' };
    expect(computeDashboard([notice, linked], { groupBy: 'clerk' }).total).toMatchObject({ cases: 2, accepted: 1, oneVisit: 0, oneVisitRate: 0 });
    // an ID corrected on the second visit, and a look-back shorter than the gap, change nothing
    const corrected = { ...linked, applicantId: 'P9' };
    expect(computeDashboard([{ ...notice, applicantId: 'P8' }, corrected], { groupBy: 'clerk', oneVisitLookbackDays: 0.5 }).total.oneVisit).toBe(0);
    // an acceptance at the first visit stays one-visit
    expect(computeDashboard([mc({ id: 'a2', clerkId: 'C2', date: '2026-12-01', decision: 'accept', applicantId: null, followsUp: null })], { groupBy: 'clerk' }).total.oneVisit).toBe(1);
  });

  it('counts an earlier notice outside the filter, and only for the same applicant and item', () => {
    // c3 (12-01) alone: its notice c2 (11-30) is outside the date filter but still counts
    const d = computeDashboard(CASES, { groupBy: 'clerk', filters: { from: '2026-12-01', clerkId: 'C1' } });
    expect(d.total).toMatchObject({ accepted: 1, oneVisit: 0, oneVisitRate: 0 });
    // within a look-back shorter than the gap the notice no longer counts
    expect(computeDashboard(CASES, { groupBy: 'clerk', oneVisitLookbackDays: 0.5 }).total.oneVisit).toBe(5);
    expect(computeDashboard(CASES, { groupBy: 'clerk', oneVisitLookbackDays: 2 }).total.oneVisit).toBe(4);
    // a notice decided after the acceptance does not count
    const later = CASES.map((c) => (c.id === 'c2' ? { ...c, decidedSec: CASES[2]!.decidedSec + 60 } : c));
    expect(computeDashboard(later, { groupBy: 'clerk' }).total.oneVisit).toBe(5);
    // a prepared dataset gives the same figures
    const data = prepareMetricCases(CASES);
    expect(computeDashboard(data, { groupBy: 'day' })).toEqual(computeDashboard(CASES, { groupBy: 'day' }));
  });

  it('gives null rates without a denominator and empty dashboards for no cases', () => {
    const d = computeDashboard([], { groupBy: 'centre' });
    expect(d.rows).toEqual([]);
    expect(d.total).toMatchObject({ cases: 0, oneVisitRate: null, noticeRate: null, departmentReturnRate: null, handlingMedianSeconds: null, promisedDateCompliance: null });
  });

  it('averages training scores per clerk', () => {
    const d = computeDashboard(CASES, { groupBy: 'clerk', trainingScores: TRAINING, filters: { from: '2026-11-01' } });
    expect(d.rows.map((r) => [r.key, r.trainingAverage, r.trainingCount])).toEqual([
      ['C1', 85, 2],
      ['C2', 70, 1],
      ['C3', null, 0],
    ]);
    expect(d.total.trainingAverage).toBeCloseTo(80);
    const unfiltered = computeDashboard(CASES, { groupBy: 'clerk', trainingScores: TRAINING });
    expect(unfiltered.rows.find((r) => r.key === 'C9')).toMatchObject({ cases: 0, trainingAverage: 60 });
    expect(computeDashboard(CASES, { groupBy: 'centre', trainingScores: TRAINING }).rows.every((r) => r.trainingCount === 0)).toBe(true);
    expect(trainingAverages(TRAINING, { centreCode: '330106' })).toEqual(
      new Map([
        ['C1', { average: 85, count: 2 }],
        ['C2', { average: 70, count: 1 }],
      ]),
    );
  });
});
