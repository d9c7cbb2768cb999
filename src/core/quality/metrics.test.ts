import { describe, expect, it } from 'vitest';
import type { AcceptDecision, IntakeCase } from '../intake/case';
import { recordDecision } from '../intake/case';
import { makeCaseNumber } from '../intake/caseNumber';
import { makeRefusal } from '../intake/decision';
import { AT, CASE_ID, FOOD, HYGIENE, IDS, USCCS, hotelSubject, makeDraft, organisationApplicant, personApplicant } from '../../../test/fixtures/intake';
import type { StatusEvent } from '../sync/protocol';
import {
  applicantIdOf,
  computeDashboard,
  computeDashboards,
  csvField,
  metricsToCsv,
  prepareMetricCases,
  toMetricCase,
  trainingAverages,
  type MetricCase,
  type MetricEvent,
  type Rating,
  type TrainingScore,
} from './metrics';
import { epochSeconds } from './stats';

// ---- a known data set --------------------------------------------------------------------------

const ev = (kind: MetricEvent['kind'], departmentCode: string | null = 'SCJG', at = '2026-12-03T02:00:00Z'): MetricEvent => ({ kind, at, departmentCode });

function mc(o: Partial<MetricCase> & Pick<MetricCase, 'id' | 'clerkId' | 'date' | 'decision'>): MetricCase {
  const decidedAt = `${o.date}T10:00:00+08:00`;
  return {
    caseNumber: `N-${o.id}`,
    centreCode: '330106',
    windowNo: '12',
    itemCodes: ['A'],
    departmentCodes: [],
    applicantId: null,
    createdAt: `${o.date}T09:50:00+08:00`,
    decidedAt,
    decidedSec: epochSeconds(decidedAt)!,
    handlingSeconds: 600,
    deferred: false,
    overdueSupplements: 0,
    events: [],
    approvedDate: null,
    promisedDate: null,
    rating: null,
    ...o,
  };
}

const CASES: MetricCase[] = [
  mc({ id: 'c1', clerkId: 'C1', date: '2026-11-30', decision: 'accept', applicantId: 'P1', handlingSeconds: 600, departmentCodes: ['SCJG'], events: [ev('dispatched'), ev('approved')], approvedDate: '2026-12-03', promisedDate: '2026-12-05', rating: 'verySatisfied' }),
  mc({ id: 'c2', clerkId: 'C1', date: '2026-11-30', decision: 'oneTimeNotice', applicantId: 'P2', handlingSeconds: 300 }),
  mc({ id: 'c3', clerkId: 'C1', date: '2026-12-01', decision: 'accept', applicantId: 'P2', handlingSeconds: 900, departmentCodes: ['SCJG'], events: [ev('dispatched'), ev('correctionRequested')], promisedDate: '2026-12-08', rating: 'dissatisfied' }),
  mc({ id: 'c4', clerkId: 'C2', windowNo: '13', date: '2026-11-30', decision: 'accept', itemCodes: ['A', 'B'], applicantId: 'P3', handlingSeconds: 1800, deferred: true, overdueSupplements: 1, departmentCodes: ['SCJG', 'WSJ'], events: [ev('dispatched'), ev('dispatched', 'WSJ'), ev('approved'), ev('approved', 'WSJ')], approvedDate: '2026-12-10', promisedDate: '2026-12-08', rating: 'satisfied' }),
  mc({ id: 'c5', clerkId: 'C2', windowNo: '13', date: '2026-12-01', decision: 'refuse', itemCodes: ['B'], applicantId: 'P4', handlingSeconds: 120 }),
  mc({ id: 'c6', clerkId: 'C2', windowNo: '13', date: '2026-12-02', decision: 'accept', itemCodes: ['B'], applicantId: 'P2', handlingSeconds: 1200 }),
  mc({ id: 'c7', clerkId: 'C3', centreCode: '330108', windowNo: '1', date: '2026-12-02', decision: 'accept', applicantId: 'P5', handlingSeconds: 60, departmentCodes: ['SCJG'], events: [ev('received', null), ev('dispatched'), ev('returned')] }),
];

const TRAINING: TrainingScore[] = [
  { clerkId: 'C1', score: 80, date: '2026-11-30', centreCode: '330106' },
  { clerkId: 'C1', score: 90, date: '2026-12-01', centreCode: '330106' },
  { clerkId: 'C2', score: 70, date: '2026-12-01', centreCode: '330106' },
  { clerkId: 'C9', score: 60, date: '2026-10-01' },
];

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

describe('metricsToCsv', () => {
  it('writes RFC 4180 CSV with a BOM, localized headers and the total last', () => {
    const csv = metricsToCsv(computeDashboard(CASES, { groupBy: 'clerk' }), 'zh-CN', { labelOf: (k) => ({ C1: '李娜', C2: '王, "芳"' })[k] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(6); // header, 3 clerks, total, ''
    expect(lines[0]!.startsWith('窗口人员,名称,办件数,受理数,一次性告知数,不予受理数,一次办成率(%)')).toBe(true);
    expect(lines[0]).toContain('非常满意');
    expect(lines[1]!.startsWith('C1,李娜,3,2,1,0,50.0,')).toBe(true);
    expect(lines[2]!.startsWith('C2,"王, ""芳""",3,2,0,1,100.0,')).toBe(true);
    expect(lines[4]!.startsWith('合计,,7,5,1,1,80.0,14.3,14.3,1,20.0,1,4,2,50.0,10.0,24.0,2,1,50.0,3,1,1,0,1,0,,0')).toBe(true);
    const en = metricsToCsv(computeDashboard(CASES, { groupBy: 'day' }).rows, 'en-US', { groupBy: 'day' });
    expect(en.slice(1).split('\r\n')[0]!.startsWith('Date,Cases,Accepted,One-time notices,Refusals,One-visit rate (%)')).toBe(true);
    expect(metricsToCsv([], 'en-US').slice(1).startsWith('Group,Cases')).toBe(true);
  });

  it('quotes and defuses fields', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@a')).toBe("'@a");
  });
});

// ---- the adapter ----------------------------------------------------------------------------------

const made = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 42 });
const CASE_NUMBER = made.ok ? made.value : '';
const OTHER = '0b7e2a1c-3d4e-4f50-9a6b-7c8d9e0f1a2b';

function accepted(): IntakeCase {
  const draft = { ...makeDraft({ subject: hotelSubject() }), applicant: organisationApplicant(), agent: null };
  const decision: AcceptDecision = {
    kind: 'accept',
    at: '2026-11-30T09:27:30+08:00',
    by: 'C0107',
    caseNumber: CASE_NUMBER,
    promisedDates: [
      { basicCode: HYGIENE, itemName: '公共场所卫生许可', handlingItemCodes: [], limit: { kind: 'workingDays', days: 5 }, date: '2026-12-07', provisional: false },
      { basicCode: FOOD, itemName: '食品经营许可', handlingItemCodes: [], limit: { kind: 'workingDays', days: 3 }, date: '2026-12-03', provisional: false },
    ],
    received: [],
  };
  return recordDecision(draft, decision);
}

const event = (cursor: number, kind: StatusEvent['kind'], departmentCode: string | null, at: string, caseId = CASE_ID): StatusEvent => ({
  cursor,
  caseId,
  caseNumber: CASE_NUMBER,
  kind,
  departmentCode,
  at,
});

describe('toMetricCase', () => {
  const events: StatusEvent[] = [
    event(1, 'received', null, '2026-11-30T01:30:00Z'),
    event(2, 'dispatched', 'SCJG', '2026-11-30T01:30:01Z'),
    event(3, 'dispatched', 'WSJ', '2026-11-30T01:30:01Z'),
    event(9, 'approved', 'WSJ', '2026-12-04T17:00:00Z'), // 01:00 on 12-05 in Beijing
    event(5, 'approved', 'SCJG', '2026-12-02T03:00:00Z'),
    event(5, 'approved', 'SCJG', '2026-12-02T03:00:00Z'), // pulled twice
    event(7, 'returned', 'XX', '2026-12-02T03:00:00Z', OTHER),
  ];
  const ratings: Rating[] = [
    { caseNumber: CASE_NUMBER, level: 'satisfied', at: '2026-11-30T10:00:00+08:00' },
    { caseNumber: CASE_NUMBER, level: 'verySatisfied', at: '2026-11-30T03:00:00Z' },
    { caseNumber: 'other', level: 'veryDissatisfied', at: '2026-11-30T12:00:00+08:00' },
  ];

  it('flattens a decided case with its events, ratings and deferral', () => {
    const m = toMetricCase(accepted(), events, ratings, {
      asOf: '2026-12-11',
      deferral: {
        materials: [
          { key: 'a', deadline: '2026-12-10', suppliedOn: null }, // outstanding past the deadline
          { key: 'b', deadline: '2026-12-10', suppliedOn: '2026-12-09' },
          { key: 'c', deadline: '2026-12-10', suppliedOn: '2026-12-12' }, // late
        ],
      },
    })!;
    expect(m).toMatchObject({
      id: CASE_ID,
      caseNumber: CASE_NUMBER,
      centreCode: '330106',
      windowNo: '12',
      clerkId: 'C0107',
      itemCodes: [HYGIENE, FOOD],
      departmentCodes: ['SCJG', 'WSJ'],
      applicantId: USCCS.hotelCompany,
      createdAt: AT,
      date: '2026-11-30',
      decidedAt: '2026-11-30T09:27:30+08:00',
      decision: 'accept',
      handlingSeconds: 12 * 60 + 30,
      deferred: true,
      overdueSupplements: 2,
      approvedDate: '2026-12-05',
      promisedDate: '2026-12-07',
      rating: 'verySatisfied', // 11:00 in Beijing, the latest
    });
    expect(m.events.map((e) => e.kind)).toEqual(['received', 'dispatched', 'dispatched', 'approved', 'approved']);
    expect(m.decidedSec).toBe(epochSeconds('2026-11-30T09:27:30+08:00'));
  });

  it('is not approved until every department approved, and counts without a deferral', () => {
    const m = toMetricCase(accepted(), [events[0]!, events[1]!, events[2]!, events[4]!], [], { departmentOf: (code) => (code === FOOD ? 'SCJG' : 'WSJ') })!;
    expect(m).toMatchObject({ approvedDate: null, rating: null, deferred: false, overdueSupplements: 0, departmentCodes: ['SCJG', 'WSJ'] });
    const lateOnly = toMetricCase(accepted(), [], [], { deferral: { materials: [{ key: 'a', deadline: '2026-12-10', suppliedOn: null }] } })!;
    expect(lateOnly.overdueSupplements).toBe(0); // no asOf: an outstanding one is not known to be overdue
    const notDispatched = toMetricCase(accepted(), [], [], { departmentOf: (code) => (code === FOOD ? 'SCJG' : undefined) })!;
    expect(notDispatched.departmentCodes).toEqual(['SCJG']);
  });

  it('gives null for a draft and handles a refusal', () => {
    expect(toMetricCase(makeDraft(), events, ratings)).toBeNull();
    const r = makeRefusal({ at: '2026-11-30T09:20:00+08:00', by: 'C0107', caseNumber: CASE_NUMBER, reason: { code: 'notRequiringLicence' } });
    if (!r.ok) throw new Error('refusal');
    const refused = recordDecision({ ...makeDraft(), applicant: personApplicant(), agent: null }, r.decision);
    const m = toMetricCase(refused, [], [], { deferral: { materials: [{ key: 'a', deadline: '2026-12-10', suppliedOn: null }] }, asOf: '2026-12-31' })!;
    expect(m).toMatchObject({ decision: 'refuse', itemCodes: [FOOD], promisedDate: null, deferred: false, overdueSupplements: 0, handlingSeconds: 300, applicantId: IDS.zhangWei });
  });

  it('normalises the applicant id', () => {
    const person = { ...personApplicant(), idNumber: ' 330106 19900307 1236 ' };
    expect(applicantIdOf({ applicant: person })).toBe(IDS.zhangWei);
    expect(applicantIdOf({ applicant: { ...person, idNumber: '１１０１０５１９４９１２３１００２ｘ' } })).toBe(IDS.standardExample);
    expect(applicantIdOf({ applicant: { ...person, idType: 'other', idTypeLabel: '护照', idNumber: 'e1234567' } })).toBe('护照:E1234567');
    expect(applicantIdOf({ applicant: { ...organisationApplicant(), uscc: USCCS.hotelCompany.toLowerCase() } })).toBe(USCCS.hotelCompany);
    expect(applicantIdOf({ applicant: { kind: 'person' } })).toBeNull();
    expect(applicantIdOf({})).toBeNull();
  });
});
