/**
 * Batches for department systems: claim-batch (disjoint sets under concurrency,
 * own department only, 204 when empty) and decisions (each on its own: the ones the state
 * machine or another's lease refuse come back refused with the single route's reason, the
 * others become status events for the workstation). Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotelSubject } from '../fixtures/intake';
import { ClaimBatchResponse, DecisionBatchResponse, PushResponse, StatusEventsResponse } from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, hashOf, makeCase, pushed, startEnv } from './helpers';
import type { IntakeCase } from '../../src/core/intake/case';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`department batches — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const push = async (cases: IntakeCase[]) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: cases.map((c) => pushed(c)) } });
      expect(r.status).toBe(200);
      return PushResponse.parse(r.json).results;
    };
    const claimBatch = (token: string, limit: number, worker?: string) =>
      call(env.app, 'POST', '/api/v1/department/dispatches/claim-batch', { token, body: { limit }, ...(worker ? { headers: { 'x-onewindow-worker': worker } } : {}) });
    const decideBatch = (token: string, decisions: unknown[], worker?: string) =>
      call(env.app, 'POST', '/api/v1/department/decisions', { token, body: { decisions }, ...(worker ? { headers: { 'x-onewindow-worker': worker } } : {}) });
    const drain = async (token: string) => {
      for (;;) {
        const r = await claimBatch(token, 100);
        if (r.status === 204) return;
        const ids = ClaimBatchResponse.parse(r.json).dispatches.map((d) => d.dispatchId);
        await decideBatch(token, ids.map((dispatchId) => ({ dispatchId, decision: { kind: 'approved' } })));
      }
    };

    it('claims up to the limit, oldest first, only its own department, and 204 when none is left', async () => {
      await drain(env.dept.SCJG);
      await drain(env.dept.WJJ);
      const cases = Array.from({ length: 7 }, (_, i) => makeCase(i % 2 ? { subject: hotelSubject() } : {}));
      await push(cases);
      const first = await claimBatch(env.dept.WJJ, 2, 'w1');
      expect(first.status).toBe(200);
      const a = ClaimBatchResponse.parse(first.json).dispatches;
      expect(a).toHaveLength(2);
      expect(a.every((d) => d.departmentCode === 'WJJ' && d.state === 'claimed' && d.leaseOwner === 'w1')).toBe(true);
      expect(a[0]!.dispatchId).toBeLessThan(a[1]!.dispatchId);
      const rest = ClaimBatchResponse.parse((await claimBatch(env.dept.WJJ, 50, 'w2')).json).dispatches;
      expect(rest).toHaveLength(1); // three hotels in seven cases go to WJJ too
      expect((await claimBatch(env.dept.WJJ, 50)).status).toBe(204);
      const scjg = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 100)).json).dispatches;
      expect(scjg.map((d) => d.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
      // each case arrives byte for byte as pushed (its Chinese text included): it hashes to what the workstation sent
      for (const d of scjg) {
        const sent = cases.find((c) => c.id === d.caseId)!;
        expect(d.case).toEqual(JSON.parse(JSON.stringify(sent)));
        expect(hashOf(d.case)).toBe(hashOf(sent));
      }
    });

    it('concurrent workers claim disjoint sets, every dispatch exactly once', async () => {
      await drain(env.dept.SCJG);
      const cases = Array.from({ length: 60 }, () => makeCase());
      await push(cases.slice(0, 30));
      await push(cases.slice(30));
      const got = await Promise.all(Array.from({ length: 6 }, (_, w) => claimBatch(env.dept.SCJG, 15, `w${w}`)));
      const ids = got.flatMap((r) => (r.status === 200 ? ClaimBatchResponse.parse(r.json).dispatches.map((d) => d.caseId) : []));
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    });

    it('decides each on its own: refusals carry the reason, the rest become events in order', async () => {
      await drain(env.dept.SCJG);
      const cases = Array.from({ length: 4 }, () => makeCase());
      await push(cases);
      const mine = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 3, 'alice')).json).dispatches;
      const theirs = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 1, 'bob')).json).dispatches;
      const before = StatusEventsResponse.parse((await call(env.app, 'GET', '/api/v1/status-events?after=0&limit=500', { token: env.ws.token })).json).nextCursor;
      const r = await decideBatch(
        env.dept.SCJG,
        [
          { dispatchId: mine[0]!.dispatchId, decision: { kind: 'approved' } },
          { dispatchId: theirs[0]!.dispatchId, decision: { kind: 'approved' } }, // bob's lease
          { dispatchId: mine[1]!.dispatchId, decision: { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '号码有误' }] } },
          { dispatchId: mine[0]!.dispatchId, decision: { kind: 'denied', comment: '重复' } }, // already approved
          { dispatchId: 999_999_999, decision: { kind: 'approved' } },
          { dispatchId: mine[2]!.dispatchId, decision: { kind: 'takenForReview' } },
        ],
        'alice',
      );
      expect(r.status).toBe(200);
      const res = DecisionBatchResponse.parse(r.json).results;
      expect(res.map((x) => x.outcome)).toEqual(['decided', 'refused', 'decided', 'refused', 'refused', 'decided']);
      expect(res[0]).toMatchObject({ state: 'approved', event: { kind: 'approved', caseId: mine[0]!.caseId, resultReady: true } });
      expect(res[1]).toMatchObject({ status: 409, code: 'leaseHeldByOther' });
      expect(res[2]).toMatchObject({ state: 'correctionRequested', event: { fieldComments: [{ path: 'applicant.phone', comment: '号码有误' }] } });
      expect(res[3]).toMatchObject({ status: 409 });
      expect(res[4]).toMatchObject({ status: 404 });
      expect(res[5]).toMatchObject({ state: 'inReview' });
      // the workstation pulls the three events after its cursor, in cursor order
      const ev = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${before}&limit=500`, { token: env.ws.token })).json).events;
      expect(ev.map((e) => e.kind)).toEqual(['approved', 'correctionRequested', 'takenForReview']);
      expect(ev.map((e) => e.cursor)).toEqual([...ev.map((e) => e.cursor)].sort((a, b) => a - b));
    });

    it('another department cannot decide what it does not own; bodies are validated; a bad token is 401', async () => {
      await drain(env.dept.SCJG);
      await push([makeCase()]);
      const d = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 1)).json).dispatches[0]!;
      const other = DecisionBatchResponse.parse((await decideBatch(env.dept.WJJ, [{ dispatchId: d.dispatchId, decision: { kind: 'approved' } }])).json).results;
      expect(other[0]).toMatchObject({ outcome: 'refused', status: 403, code: 'otherDepartment' });
      const bad = await decideBatch(env.dept.SCJG, [{ dispatchId: d.dispatchId, decision: { kind: 'denied' } }]); // a denial needs its reason
      expect(bad.status).toBe(200);
      expect(DecisionBatchResponse.parse(bad.json).results[0]).toMatchObject({ dispatchId: d.dispatchId, outcome: 'refused', status: 400, code: 'invalidBody' });
      expect(bad.json.results[0].message).toContain('decisions[0].decision.comment');
      expect((await decideBatch(env.dept.SCJG, [])).status).toBe(400);
      expect((await call(env.app, 'POST', '/api/v1/department/decisions', { token: env.dept.SCJG, body: { decisions: 'all' } })).status).toBe(400);
      expect((await claimBatch(env.dept.SCJG, 0)).status).toBe(400);
      expect((await claimBatch(env.dept.SCJG, 101)).status).toBe(400);
      expect((await claimBatch('not-a-token', 1)).status).toBe(401);
      expect((await decideBatch('not-a-token', [{ dispatchId: d.dispatchId, decision: { kind: 'approved' } }])).status).toBe(401);
      // nothing changed by the refused attempts
      const ok = DecisionBatchResponse.parse((await decideBatch(env.dept.SCJG, [{ dispatchId: d.dispatchId, decision: { kind: 'approved' } }])).json).results;
      expect(ok[0]).toMatchObject({ outcome: 'decided', state: 'approved' });
    });

    it('a malformed decision is refused on its own: its neighbours in the batch are decided', async () => {
      await drain(env.dept.SCJG);
      await push(Array.from({ length: 3 }, () => makeCase()));
      const ds = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 3)).json).dispatches;
      const r = await decideBatch(env.dept.SCJG, [
        { dispatchId: ds[0]!.dispatchId, decision: { kind: 'approved' } },
        { dispatchId: ds[1]!.dispatchId, decision: { kind: 'denied', comment: '材料\u0000不全' } }, // a control character
        'not a decision',
        { dispatchId: ds[2]!.dispatchId, decision: { kind: 'approved' } },
      ]);
      expect(r.status).toBe(200);
      const res = DecisionBatchResponse.parse(r.json).results;
      expect(res.map((x) => x.outcome)).toEqual(['decided', 'refused', 'refused', 'decided']);
      expect(res[1]).toMatchObject({ dispatchId: ds[1]!.dispatchId, status: 400, code: 'invalidBody' });
      expect(res[2]).toMatchObject({ dispatchId: 0, status: 400, code: 'invalidBody' });
      // the refused dispatch is still open for a proper decision
      const again = DecisionBatchResponse.parse((await decideBatch(env.dept.SCJG, [{ dispatchId: ds[1]!.dispatchId, decision: { kind: 'denied', comment: '材料不全' } }])).json).results;
      expect(again[0]).toMatchObject({ outcome: 'decided', state: 'denied' });
    });

    it('decisions on dispatches of several workstations in one batch each reach their own workstation', async () => {
      await drain(env.dept.SCJG);
      const mine = [makeCase(), makeCase()];
      const other = makeCase({ workstationCode: '3A' });
      await push(mine);
      const r2 = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws2.token, body: { cases: [pushed(other)] } });
      expect(PushResponse.parse(r2.json).results[0]!.outcome).toBe('stored');
      const cursorOf = async (token: string) =>
        StatusEventsResponse.parse((await call(env.app, 'GET', '/api/v1/status-events?after=0&limit=500', { token })).json).nextCursor;
      const [c1, c2] = [await cursorOf(env.ws.token), await cursorOf(env.ws2.token)];
      const ds = ClaimBatchResponse.parse((await claimBatch(env.dept.SCJG, 10)).json).dispatches;
      expect(ds).toHaveLength(3);
      const r = DecisionBatchResponse.parse((await decideBatch(env.dept.SCJG, ds.map((d) => ({ dispatchId: d.dispatchId, decision: { kind: 'approved' } })))).json).results;
      expect(r.every((x) => x.outcome === 'decided')).toBe(true);
      const after = async (token: string, c: number) =>
        StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${c}&limit=500`, { token })).json).events.map((e) => e.caseId);
      expect((await after(env.ws.token, c1)).sort()).toEqual(mine.map((c) => c.id).sort());
      expect(await after(env.ws2.token, c2)).toEqual([other.id]);
    });
  });
}
