import { describe, expect, it } from 'vitest';
import { computeDashboard, metricsTable, metricsToCsv, type MetricCase } from './metrics';
import { deferralInfoOf, ratingOf, trainingScoreOf } from './sources';

describe('sources', () => {
  it('a 容缺 record: each material with the deadline and the first day (China) it was supplied', () => {
    const info = deferralInfoOf({
      materials: [{ key: 'a' }, { key: 'b' }],
      deadline: { date: '2026-12-10' },
      supplements: [
        { key: 'a', at: '2026-12-11T01:00:00+08:00' },
        { key: 'a', at: '2026-12-09T23:30:00Z' }, // 12-10 in China
      ],
    });
    expect(info).toEqual({ materials: [{ key: 'a', deadline: '2026-12-10', suppliedOn: '2026-12-10' }, { key: 'b', deadline: '2026-12-10', suppliedOn: null }] });
  });

  it('a hand-out rating and a drill result', () => {
    expect(ratingOf({ caseNumber: 'X', level: 'satisfied', at: '2026-12-01T10:00:00+08:00', channel: 'onSite' })).toEqual({ caseNumber: 'X', level: 'satisfied', at: '2026-12-01T10:00:00+08:00', channel: 'onSite' });
    expect(trainingScoreOf({ traineeId: 'C1', total: 120, finishedAt: '2026-12-01T20:00:00Z', centreCode: '330106' })).toEqual({ clerkId: 'C1', score: 100, date: '2026-12-02', centreCode: '330106' });
    expect(trainingScoreOf({ traineeId: 'C1', finishedAt: '2026-12-01T20:00:00Z' })).toBeNull();
  });
});

describe('metricsTable', () => {
  const base: MetricCase = {
    id: '00000000-0000-4000-8000-000000000001',
    caseNumber: null,
    centreCode: '330106',
    windowNo: '7',
    clerkId: 'C1',
    itemCodes: ['I1'],
    departmentCodes: [],
    applicantId: null,
    createdAt: '2026-12-01T09:00:00+08:00',
    date: '2026-12-01',
    decidedAt: '2026-12-01T09:10:00+08:00',
    decidedSec: 0,
    decision: 'accept',
    handlingSeconds: 600,
    deferred: false,
    overdueSupplements: 0,
    events: [],
    approvedDate: null,
    promisedDate: null,
    rating: null,
  };
  it('has the CSV columns as numbers, the total last', () => {
    const d = computeDashboard([base, { ...base, id: '00000000-0000-4000-8000-000000000002', decision: 'refuse', handlingSeconds: 1200 }], { groupBy: 'clerk' });
    const t = metricsTable(d, 'zh-CN', { labelOf: (k) => (k === 'C1' ? '王' : undefined) });
    const csv = metricsToCsv(d, 'zh-CN', { labelOf: (k) => (k === 'C1' ? '王' : undefined) });
    expect(csv.replace('\uFEFF', '').split('\r\n')[0]).toBe(t.header.join(','));
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]![0]).toBe('合计');
    const col = (name: string) => t.header.indexOf(name);
    expect(t.rows[0]![col('办件数')]).toBe(2);
    expect(t.rows[0]![col('不予受理率(%)')]).toBe(50);
    expect(t.rows[0]![col('窗口办理时长中位数(分钟)')]).toBe(15);
    expect(t.rows[0]![col('培训平均分')]).toBeNull();
    expect(t.kinds.slice(0, 3)).toEqual(['text', 'text', 'count']);
    expect(t.kinds[col('一次办成率(%)')]).toBe('rate');
  });
});
