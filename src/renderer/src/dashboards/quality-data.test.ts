import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordDecision, type IntakeCase } from '@core/intake/case';
import { AT, FOOD, foodSubject, IDS, makeClerk, makeDraft, personApplicant } from '../../../../test/fixtures/intake';
import { computeDashboard } from '@core/quality/metrics';
import { caseRecordFrom } from '../cases/cases-store';
import { WorkstationDb } from '../store/db';
import { loadQualityData } from './quality-data';

function accepted(id: string, idNumber: string, at: string, caseNumber: string, deferred = false): IntakeCase {
  const d = makeDraft({ id, subject: foodSubject(), clerk: makeClerk({ clerkId: 'C0042', name: '王晓梅', windowNo: '7' }), applicant: { ...personApplicant(), idNumber }, agent: null });
  return recordDecision(d, {
    kind: 'accept',
    at,
    by: 'C0042',
    caseNumber,
    promisedDates: [{ basicCode: FOOD, itemName: '食品经营许可', handlingItemCodes: [`${FOOD}-01`], limit: { kind: 'workingDays', days: 5 }, date: '2026-12-07', provisional: false }],
    received: [],
    ...(deferred
      ? {
          deferral: {
            schemaVersion: 1,
            caseId: id,
            caseNumber,
            acceptedAt: at,
            acceptedBy: 'C0042',
            materials: [{ key: 'm', name: '材料', itemCodes: [FOOD], type: 'original', forms: ['paper'], copies: 1, acceptanceStandard: '齐全', problem: 'missing', reason: '未提交' }],
            deadline: { date: '2026-12-02', workingDays: 1, provisional: false, limitDays: 5, limitItemCodes: [FOOD] },
            commitment: { signedAt: at, applicantName: '张伟', signedBy: 'applicant' },
            consequences: '逾期视为撤回',
            approvalRequired: false,
            supplements: [],
          },
        }
      : {}),
  });
}

describe('loadQualityData', () => {
  it("reads decided cases with their events, ratings and 容缺 records; training ratings and drafts never count", async () => {
    const db = new WorkstationDb('quality-data-test');
    const a = accepted('00000000-0000-4000-8000-00000000000a', IDS.zhangWei, '2026-11-30T09:30:00+08:00', '330106-261130-7K0001-1', true);
    const b = accepted('00000000-0000-4000-8000-00000000000b', IDS.wangFang, '2026-11-30T10:30:00+08:00', '330106-261130-7K0002-X');
    const draft = makeDraft({ id: '00000000-0000-4000-8000-00000000000c' });
    await db.cases.bulkPut([a, b, draft].map((c) => caseRecordFrom(c, '食品经营许可', new Date())));
    await db.statusEvents.bulkPut([
      { cursor: 1, caseId: a.id, caseNumber: a.caseNumber!, kind: 'dispatched', departmentCode: 'SCJG', at: '2026-11-30T11:00:00+08:00', receivedAt: 0 },
      { cursor: 2, caseId: a.id, caseNumber: a.caseNumber!, kind: 'correctionRequested', departmentCode: 'SCJG', at: '2026-11-30T12:00:00+08:00', receivedAt: 0 },
    ]);
    const rating = (caseNumber: string, level: string, training: boolean) =>
      ({ id: crypto.randomUUID(), caseId: a.id, caseNumber, trigger: 'afterAcceptance', state: 'sent', rating: { caseNumber, level, at: AT, channel: 'onSite' }, followUp: null, createdAt: 0, training }) as never;
    await db.ratings.bulkPut([rating(a.caseNumber!, 'satisfied', false), rating(b.caseNumber!, 'veryDissatisfied', true)]);
    const data = await loadQualityData(db, new Date('2026-12-10T00:00:00Z'));
    expect(data.cases.map((c) => c.id).sort()).toEqual([a.id, b.id]);
    expect(data.clerkNames.get('C0042')).toBe('王晓梅');
    expect(data.itemNames.get(FOOD)).toBe('食品经营许可');
    const total = computeDashboard(data.cases, { groupBy: 'clerk' }).total;
    expect(total).toMatchObject({ cases: 2, accepted: 2, deferred: 1, overdueSupplements: 1, dispatched: 1, departmentReturns: 1, rated: 1 });
    expect(total.ratings.satisfied).toBe(1);
    expect(total.ratings.veryDissatisfied).toBe(0);
  });
});
