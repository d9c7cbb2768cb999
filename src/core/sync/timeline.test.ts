import { describe, expect, it } from 'vitest';
import { StatusEvent, type StatusEventKind } from './protocol';
import { caseTimeline, notificationsFor, orderedEvents, timelinesByCase } from './timeline';

const CASE_A = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CASE_B = '7f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function ev(cursor: number, kind: StatusEventKind, departmentCode: string | null, extra: Partial<StatusEvent> = {}): StatusEvent {
  return StatusEvent.parse({
    cursor,
    caseId: CASE_A,
    caseNumber: '330106-261130-7K0001-X',
    kind,
    departmentCode,
    // clocks deliberately out of order: the cursor decides
    at: new Date(Date.UTC(2026, 10, 30, 12, 0, 0) - cursor * 60_000).toISOString(),
    ...extra,
  });
}

describe('caseTimeline', () => {
  it('orders events by cursor, not by their clocks, and drops duplicates', () => {
    const t = caseTimeline([ev(5, 'takenForReview', 'SCJG'), ev(1, 'received', null), ev(3, 'dispatched', 'SCJG'), ev(5, 'takenForReview', 'SCJG')]);
    expect(t.events.map((e) => e.cursor)).toEqual([1, 3, 5]);
    expect(t.caseId).toBe(CASE_A);
  });

  it('keeps the current status per department (the latest cursor wins)', () => {
    const t = caseTimeline([
      ev(1, 'received', null),
      ev(2, 'dispatched', 'SCJG'),
      ev(3, 'dispatched', 'WJW'),
      ev(7, 'approved', 'SCJG', { resultReady: true }),
      ev(4, 'takenForReview', 'SCJG'),
      ev(6, 'correctionRequested', 'SCJG', { fieldComments: [{ path: 'applicant.phone', comment: '空号' }] }),
    ]);
    expect(t.currentDepartmentStatus['SCJG']).toMatchObject({ kind: 'approved', cursor: 7, resultReady: true });
    expect(t.currentDepartmentStatus['WJW']).toMatchObject({ kind: 'dispatched', cursor: 3 });
    expect(Object.keys(t.currentDepartmentStatus).sort()).toEqual(['SCJG', 'WJW']);
    expect(t.overall).toBe('inProgress');
  });

  it('overall status: none, received, correction first, approved only when every department approved', () => {
    expect(caseTimeline([]).overall).toBe('none');
    expect(caseTimeline([ev(1, 'received', null)]).overall).toBe('received');
    expect(caseTimeline([ev(1, 'received', null), ev(2, 'dispatched', 'A'), ev(3, 'correctionRequested', 'A', { comment: '补' })]).overall).toBe('correctionRequested');
    expect(caseTimeline([ev(2, 'approved', 'A'), ev(3, 'approved', 'B')]).overall).toBe('approved');
    expect(caseTimeline([ev(2, 'approved', 'A'), ev(3, 'denied', 'B', { comment: 'x' })]).overall).toBe('denied');
    expect(caseTimeline([ev(2, 'approved', 'A'), ev(3, 'returned', 'B', { comment: 'x' })]).overall).toBe('returned');
    expect(caseTimeline([ev(2, 'correctionRequested', 'A', { comment: 'x' }), ev(3, 'denied', 'B', { comment: 'x' })]).overall).toBe('correctionRequested');
  });

  it('a 补正 followed by a resubmission and 办结 ends approved', () => {
    const t = caseTimeline([ev(2, 'dispatched', 'A'), ev(3, 'correctionRequested', 'A', { comment: '补' }), ev(4, 'takenForReview', 'A'), ev(5, 'approved', 'A')]);
    expect(t.overall).toBe('approved');
  });

  it('ignores events of another case', () => {
    const t = caseTimeline([ev(1, 'received', null), ev(2, 'approved', 'A', { caseId: CASE_B })]);
    expect(t.events).toHaveLength(1);
  });

  it('timelinesByCase groups many cases', () => {
    const m = timelinesByCase([ev(1, 'received', null), ev(2, 'received', null, { caseId: CASE_B }), ev(3, 'approved', 'A', { caseId: CASE_B })]);
    expect(m.get(CASE_A)?.overall).toBe('received');
    expect(m.get(CASE_B)?.overall).toBe('approved');
  });

  it('orderedEvents keeps the first of a duplicate cursor', () => {
    expect(orderedEvents([ev(2, 'received', null), ev(2, 'approved', 'A')]).map((e) => e.kind)).toEqual(['received']);
  });
});

describe('notificationsFor', () => {
  const events = [
    ev(1, 'received', null),
    ev(2, 'dispatched', 'A'),
    ev(3, 'takenForReview', 'A'),
    ev(4, 'correctionRequested', 'A', { fieldComments: [{ path: 'applicant.phone', comment: '空号' }], comment: '请补正' }),
    ev(5, 'denied', 'B', { comment: '不符合条件' }),
    ev(6, 'returned', 'C', { comment: '退件' }),
    ev(7, 'approved', 'A', { resultReady: true }),
  ];

  it('only 补正 and 办结 notify, one per event, in cursor order', () => {
    const n = notificationsFor([...events].reverse());
    expect(n.map((x) => [x.cursor, x.kind])).toEqual([
      [4, 'correctionRequested'],
      [7, 'approved'],
    ]);
    expect(n[0]).toMatchObject({ caseId: CASE_A, comment: '请补正', fieldCommentCount: 1, departmentCode: 'A' });
    expect(n[1]).toMatchObject({ resultReady: true, fieldCommentCount: 0 });
  });

  it('events already notified (at or before the cursor) are not new', () => {
    expect(notificationsFor(events, 4).map((x) => x.cursor)).toEqual([7]);
    expect(notificationsFor(events, 7)).toEqual([]);
  });

  it('a duplicate in one pull notifies once', () => {
    expect(notificationsFor([events[6]!, events[6]!])).toHaveLength(1);
  });

  it('nothing for nothing', () => {
    expect(notificationsFor([])).toEqual([]);
  });
});
