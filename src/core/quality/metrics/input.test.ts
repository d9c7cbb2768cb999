import { describe, expect, it } from 'vitest';
import type { AcceptDecision, IntakeCase } from '../../intake/case';
import { recordDecision } from '../../intake/case';
import { makeCaseNumber } from '../../intake/caseNumber';
import { makeRefusal } from '../../intake/decision';
import { AT, CASE_ID, FOOD, HYGIENE, IDS, USCCS, hotelSubject, makeDraft, organisationApplicant, personApplicant } from '../../../../test/fixtures/intake';
import type { StatusEvent } from '../../sync/protocol';
import { epochSeconds } from '../stats';
import { applicantIdOf, toMetricCase } from './input';
import type { Rating } from './ratings';

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
