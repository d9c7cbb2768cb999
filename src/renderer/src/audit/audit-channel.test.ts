/**
 * The audit trail as a channel of the outbound pipeline: entries go in chain order, only for
 * cases the server has; an entry the server rejects is held with its reason (needs fix on the
 * Sync page) together with every later entry of its case — a chain never reaches the server
 * with a hole — while other cases flow; "retry all" sends the held ones, in order.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '@core/intake/case';
import { enqueueDecidedCase, onPushResult, onSendStarted } from '@core/sync/outbox';
import { makeCase } from '../../../../test/server/helpers';
import { WorkstationDb } from '../store/db';
import { putCase } from '../store/case-store';
import { auditChannel, auditRating, syncAuditLog } from './audit-hooks';

let db: WorkstationDb;
let n = 0;
const target = { serverUrl: 'http://127.0.0.1:9', token: 'ow_ws_test' };

/** The service's /audit: rejects a case's entries from `rejectFrom` on while `rejecting`. */
function auditServer(reject: { caseId: string; fromSeq: number } | null) {
  const bodies: { caseId: string; seq: number }[][] = [];
  const state = { reject };
  const fetchFn = async (_i: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { entries } = JSON.parse(String(init?.body)) as { entries: { caseId: string; seq: number }[] };
    bodies.push(entries.map(({ caseId, seq }) => ({ caseId, seq })));
    const r = state.reject;
    const results = entries.map((e) =>
      r && e.caseId === r.caseId && e.seq >= r.fromSeq ? { caseId: e.caseId, seq: e.seq, outcome: 'rejected', reason: 'the chain does not follow the stored entries' } : { caseId: e.caseId, seq: e.seq, outcome: 'stored', receivedAt: '2026-12-07T10:00:00+08:00' },
    );
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetchFn, bodies, state };
}

async function acknowledgedCase() {
  const c = makeCase();
  await putCase(createDraft({ id: c.id, clerk: c.clerk, catalogVersion: c.catalogVersion, subject: c.subject, at: c.createdAt }), '食品经营许可', db);
  await putCase(c, '食品经营许可', db);
  const q = enqueueDecidedCase(c, false, Date.now());
  if (!q.ok) throw new Error('not enqueued');
  await db.outbox.put(onPushResult(onSendStarted(q.entry, Date.now()), { outcome: 'stored', departments: ['SCJG'] }, Date.now()));
  return c;
}

const rating = (caseId: string) => ({ id: crypto.randomUUID(), caseId, trigger: 'handout' as const, rating: { level: 5 } } as unknown as Parameters<typeof auditRating>[0]);

beforeEach(() => {
  db = new WorkstationDb(`audit-channel-${++n}`);
});
afterEach(() => db.close());

describe('audit trail through the outbound pipeline', () => {
  it('a rejected entry holds the rest of its chain with the reason; other cases flow; retry all sends the held ones in order', async () => {
    const a = await acknowledgedCase();
    const b = await acknowledgedCase();
    const s = auditServer({ caseId: a.id, fromSeq: 2 });
    const first = await syncAuditLog(db, target, { fetch: s.fetchFn });
    expect(first.failed).toBe(false);
    const ofA = await db.auditLog.where('caseId').equals(a.id).sortBy('seq');
    expect(ofA.filter((e) => e.sent === 1).map((e) => e.seq)).toEqual([1]);
    expect(ofA.filter((e) => e.sent === 0).every((e) => e.error === 'the chain does not follow the stored entries')).toBe(true);
    expect((await db.auditLog.where('caseId').equals(b.id).toArray()).every((e) => e.sent === 1)).toBe(true);
    // each case's entries went in chain order
    for (const id of [a.id, b.id]) {
      const seqs = s.bodies.flat().filter((e) => e.caseId === id).map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }

    // a later entry of the held case waits; one of the other case goes
    await auditRating(rating(a.id), db);
    await auditRating(rating(b.id), db);
    s.bodies.length = 0;
    await syncAuditLog(db, target, { fetch: s.fetchFn });
    expect(s.bodies.flat().map((e) => e.caseId)).toEqual([b.id]);
    const overview = await auditChannel.overview(db);
    expect(overview.needsFix).toBe(ofA.length - 1);
    expect(overview.problems[0]?.reason).toBe('the chain does not follow the stored entries');

    // the clerk retries (the server takes them now): the whole rest of the chain, in order
    s.state.reject = null;
    await auditChannel.retryNeedsFix(db, Date.now());
    s.bodies.length = 0;
    await syncAuditLog(db, target, { fetch: s.fetchFn });
    const sentSeqs = s.bodies.flat().map((e) => e.seq);
    expect(sentSeqs[0]).toBe(2);
    expect(sentSeqs).toEqual([...sentSeqs].sort((x, y) => x - y));
    expect((await db.auditLog.where('sent').equals(0).toArray()).filter((e) => !e.training)).toEqual([]);
  });
});
