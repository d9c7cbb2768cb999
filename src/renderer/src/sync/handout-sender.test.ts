import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDOUT_SCHEMA_VERSION, ResultHandout } from '@core/lifecycle/handout';
import { RATING_SCHEMA_VERSION, Rating } from '@core/lifecycle/rating';
import { IDS } from '../../../../test/fixtures/intake';
import { makeCaseNumber } from '@core/intake/caseNumber';
import { WorkstationDb } from '../store/db';
import { saveHandout, saveRating, loadHandoutQueue } from '../handouts/handout-store';
import { sendHandoutsAndRatings } from './handout-sender';

const CASE = '6f1d2c7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
const made = makeCaseNumber({ centreCode: '330106', date: '2026-11-30', workstationCode: '7K', sequence: 1 });
if (!made.ok) throw new Error(made.reason);
const NUMBER = made.value;

let db: WorkstationDb;
beforeEach(async () => {
  db = new WorkstationDb(`t-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const handout = (): ResultHandout =>
  ResultHandout.parse({
    schemaVersion: HANDOUT_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    caseId: CASE,
    caseNumber: NUMBER,
    at: '2026-11-30T10:00:00+08:00',
    by: 'C0107',
    departmentCodes: ['SCJG'],
    delivery: { method: 'inPerson', recipientName: '张伟', recipientIdType: 'residentId', recipientIdNumber: IDS.zhangWei, relation: 'applicant', idCheckedBy: 'cardReader' },
  });

const rating = (): Rating =>
  Rating.parse({
    schemaVersion: RATING_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    caseNumber: NUMBER,
    caseId: CASE,
    trigger: 'afterHandout',
    at: '2026-11-30T10:05:00+08:00',
    channel: 'onSite',
    enteredVia: 'applicantFacing',
    level: 'veryDissatisfied',
    tags: ['poorAttitude'],
    clerkId: 'C0107',
    centreCode: '330106',
  });

function fakeServer(answer: (url: string) => { status: number; body: unknown } | 'down') {
  const calls: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const a = answer(url);
    if (a === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchFn };
}

const target = { serverUrl: 'http://127.0.0.1:1', token: 'ow_ws_x' };

describe('handout sender', () => {
  it('sends hand-outs before ratings and marks them sent; a 差评 keeps its follow-up deadlines', async () => {
    const h = handout();
    const r = rating();
    await saveRating(r, CASE, 2, undefined, db);
    await saveHandout(h, 1, db);
    const rec = await db.ratings.get(r.id);
    expect(rec?.followUp).toMatchObject({ callBackBy: '2026-12-01', fixBy: '2026-12-21' });
    const s = fakeServer((url) =>
      url.endsWith('/handouts')
        ? { status: 201, body: { id: h.id, caseId: CASE, outcome: 'stored' } }
        : { status: 201, body: { id: r.id, caseId: CASE, outcome: 'stored', followUp: null } },
    );
    const report = await sendHandoutsAndRatings(db, target, { fetch: s.fetchFn });
    expect(report).toEqual({ sent: 2, refused: 0, failed: false });
    expect(s.calls.map((u) => u.split('/').at(-1))).toEqual(['handouts', 'ratings']);
    expect((await db.handouts.get(h.id))?.state).toBe('sent');
    expect((await db.ratings.get(r.id))?.state).toBe('sent');
    // nothing left: a second run sends nothing
    expect((await sendHandoutsAndRatings(db, target, { fetch: s.fetchFn })).sent).toBe(0);
  });

  it('a refusal marks needsFix with the reason; a network failure leaves everything queued', async () => {
    const h = handout();
    await saveHandout(h, 1, db);
    const down = fakeServer(() => 'down');
    expect((await sendHandoutsAndRatings(db, target, { fetch: down.fetchFn })).failed).toBe(true);
    expect((await db.handouts.get(h.id))?.state).toBe('queued');
    const refuse = fakeServer(() => ({ status: 409, body: { error: { code: 'notReady', message: 'the result cannot be handed out (notFinished)' } } }));
    await sendHandoutsAndRatings(db, target, { fetch: refuse.fetchFn });
    expect(await db.handouts.get(h.id)).toMatchObject({ state: 'needsFix', error: expect.stringContaining('notFinished') });
  });

  it('a rating never goes ahead of its case’s hand-out: while the hand-out is held (needs fix) the rating waits', async () => {
    const h = handout();
    const r = rating();
    await saveHandout(h, 1, db);
    await saveRating(r, CASE, 2, undefined, db);
    const s = fakeServer((url) => (url.endsWith('/handouts') ? { status: 409, body: { error: { code: 'notReady', message: 'the result cannot be handed out (notFinished)' } } } : { status: 201, body: { id: r.id, caseId: CASE, outcome: 'stored', followUp: null } }));
    await sendHandoutsAndRatings(db, target, { fetch: s.fetchFn });
    expect(s.calls.map((u) => u.split('/').at(-1))).toEqual(['handouts']);
    expect((await db.ratings.get(r.id))?.state).toBe('queued');
    // the clerk fixes it; the server takes the hand-out now: the rating follows
    await db.handouts.update(h.id, { state: 'queued' });
    const ok = fakeServer((url) => (url.endsWith('/handouts') ? { status: 201, body: { id: h.id, caseId: CASE, outcome: 'stored' } } : { status: 201, body: { id: r.id, caseId: CASE, outcome: 'stored', followUp: null } }));
    expect(await sendHandoutsAndRatings(db, target, { fetch: ok.fetchFn })).toEqual({ sent: 2, refused: 0, failed: false });
  });

  it('the queue comes from the local status events: 办结 with a result ready, gone once handed out', async () => {
    const base = { caseId: CASE, caseNumber: NUMBER, receivedAt: 0 };
    await db.statusEvents.bulkPut([
      { ...base, cursor: 1, kind: 'received', departmentCode: null, at: '2026-11-30T01:00:00.000Z' },
      { ...base, cursor: 2, kind: 'dispatched', departmentCode: 'SCJG', at: '2026-11-30T01:00:00.000Z' },
      { ...base, cursor: 3, kind: 'approved', departmentCode: 'SCJG', at: '2026-12-02T01:00:00.000Z', resultReady: true },
    ]);
    expect((await loadHandoutQueue(db)).map((e) => e.caseNumber)).toEqual([NUMBER]);
    await saveHandout(handout(), 1, db);
    expect(await loadHandoutQueue(db)).toEqual([]);
  });
});
