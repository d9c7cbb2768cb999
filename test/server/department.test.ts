/**
 * Department side of /api/v1: the queue (own dispatches only), claims with a lease
 * (FOR UPDATE SKIP LOCKED), lease expiry, decisions → status events for the workstation,
 * the dispatch state machine. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOD, HYGIENE, hotelSubject } from '../fixtures/intake';
import {
  ClaimResponse,
  DecisionResponse,
  DepartmentCaseResponse,
  LEASE_SECONDS,
  PushResponse,
  QueueResponse,
  StatusEventsResponse,
} from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';
import type { IntakeCase } from '../../src/core/intake/case';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`department queue — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const push = async (...cases: IntakeCase[]) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: cases.map((c) => pushed(c)) } });
      expect(r.status).toBe(200);
      return PushResponse.parse(r.json).results;
    };
    const queue = async (token: string, query = '') => {
      const r = await call(env.app, 'GET', `/api/v1/department/queue${query}`, { token });
      expect(r.status).toBe(200);
      return QueueResponse.parse(r.json);
    };
    const dispatchOf = async (token: string, caseId: string) => {
      const r = await call(env.app, 'GET', `/api/v1/department/cases/${caseId}`, { token });
      expect(r.status).toBe(200);
      return DepartmentCaseResponse.parse(r.json).dispatch;
    };
    const claim = (token: string, id: number, worker?: string) =>
      call(env.app, 'POST', `/api/v1/department/dispatches/${id}/claim`, { token, ...(worker ? { headers: { 'x-onewindow-worker': encodeURIComponent(worker) } } : {}) });
    const decide = (token: string, id: number, body: unknown, worker?: string) =>
      call(env.app, 'POST', `/api/v1/department/dispatches/${id}/decision`, { token, body, ...(worker ? { headers: { 'x-onewindow-worker': encodeURIComponent(worker) } } : {}) });

    it('a department sees its own dispatches, with the case — never another department’s', async () => {
      const food = makeCase();
      const hotel = makeCase({ subject: hotelSubject() });
      await push(food, hotel);
      const scjg = await queue(env.dept.SCJG, '?limit=200');
      const wjj = await queue(env.dept.WJJ, '?limit=200');
      const ybj = await queue(env.dept.YBJ, '?limit=200');
      expect(scjg.dispatches.map((d) => d.caseId)).toEqual(expect.arrayContaining([food.id, hotel.id]));
      expect(wjj.dispatches.map((d) => d.caseId)).toContain(hotel.id);
      expect(wjj.dispatches.map((d) => d.caseId)).not.toContain(food.id);
      expect(ybj.dispatches).toEqual([]);
      for (const d of scjg.dispatches) expect(d.departmentCode).toBe('SCJG');
      for (const d of wjj.dispatches) expect(d.departmentCode).toBe('WJJ');

      const h = scjg.dispatches.find((d) => d.caseId === hotel.id)!;
      expect(h).toMatchObject({ state: 'queued', basicCodes: [FOOD, HYGIENE], roles: ['implementing', 'coHandling'], caseNumber: hotel.caseNumber, centreCode: '330106' });
      expect(h.case.applicant).toEqual(hotel.applicant);
      expect(h.case.decision?.kind).toBe('accept');

      // the case page: only with a dispatch for this department
      expect((await dispatchOf(env.dept.WJJ, hotel.id)).departmentCode).toBe('WJJ');
      const denied = await call(env.app, 'GET', `/api/v1/department/cases/${food.id}`, { token: env.dept.WJJ });
      expect(denied.status).toBe(404);
      expect(denied.json.error.code).toBe('notFound');
      expect((await call(env.app, 'GET', '/api/v1/department/cases/not-a-uuid', { token: env.dept.WJJ })).status).toBe(404);
      // nor can it claim or decide another department's dispatch
      const foodAtScjg = await dispatchOf(env.dept.SCJG, food.id);
      // (403: dispatch ids are a sequence, so their existence is no secret; the case stays unseen)
      const otherClaim = await claim(env.dept.WJJ, foodAtScjg.dispatchId);
      expect(otherClaim.status).toBe(403);
      expect(otherClaim.json.error.code).toBe('otherDepartment');
      expect(JSON.stringify(otherClaim.json)).not.toContain(food.applicant!.name);
      expect((await decide(env.dept.WJJ, foodAtScjg.dispatchId, { kind: 'approved' })).status).toBe(403);
      expect((await dispatchOf(env.dept.SCJG, food.id)).state).toBe('queued');
    });

    it('paging and state filter', async () => {
      const all = await queue(env.dept.SCJG, '?state=queued&limit=1');
      expect(all.dispatches).toHaveLength(1);
      const next = await queue(env.dept.SCJG, `?state=queued&limit=1&after=${all.nextAfter}`);
      expect(next.dispatches[0]!.dispatchId).toBeGreaterThan(all.nextAfter);
      expect((await call(env.app, 'GET', '/api/v1/department/queue?state=bogus', { token: env.dept.SCJG })).status).toBe(400);
    });

    it('claim → 409 when claimed again; the lease runs out and another worker may claim it', async () => {
      const c = makeCase();
      await push(c);
      const d = await dispatchOf(env.dept.SCJG, c.id);
      const first = await claim(env.dept.SCJG, d.dispatchId, '王敏');
      expect(first.status).toBe(200);
      const claimed = ClaimResponse.parse(first.json).dispatch;
      expect(claimed).toMatchObject({ state: 'claimed', leaseOwner: '王敏' });
      expect(new Date(claimed.leaseUntil!).getTime() - env.clock.now().getTime()).toBe(LEASE_SECONDS * 1000);

      const second = await claim(env.dept.SCJG, d.dispatchId, '陈刚');
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('leased');
      // another worker cannot decide while the lease is live
      const blocked = await decide(env.dept.SCJG, d.dispatchId, { kind: 'takenForReview' }, '陈刚');
      expect(blocked.status).toBe(409);
      expect(blocked.json.error.code).toBe('leaseHeldByOther');

      env.clock.advance(LEASE_SECONDS + 1);
      const again = await claim(env.dept.SCJG, d.dispatchId, '陈刚');
      expect(again.status).toBe(200);
      expect(ClaimResponse.parse(again.json).dispatch.leaseOwner).toBe('陈刚');
      // and now the first worker is the one turned away
      expect((await decide(env.dept.SCJG, d.dispatchId, { kind: 'takenForReview' }, '王敏')).status).toBe(409);
      expect((await decide(env.dept.SCJG, d.dispatchId, { kind: 'takenForReview' }, '陈刚')).status).toBe(200);
    });

    it('two concurrent claims of one dispatch: exactly one wins', async () => {
      const c = makeCase();
      await push(c);
      const d = await dispatchOf(env.dept.SCJG, c.id);
      const rs = await Promise.all([claim(env.dept.SCJG, d.dispatchId, 'a'), claim(env.dept.SCJG, d.dispatchId, 'b'), claim(env.dept.SCJG, d.dispatchId, 'c')]);
      expect(rs.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    });

    it('claim-next with 8 concurrent workers (SKIP LOCKED): every dispatch claimed exactly once', async () => {
      // drain what is claimable first, so the count below is exact
      for (;;) {
        const r = await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: env.dept.YBJ });
        if (r.status === 204) break;
      }
      const cases = Array.from({ length: 20 }, () => makeCase({ subject: { kind: 'item', basicCode: '000119001000', handlingItemCodes: [] } }));
      await push(...cases);
      const claimed: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (;;) {
            const r = await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: env.dept.YBJ, headers: { 'x-onewindow-worker': `w${w}` } });
            if (r.status === 204) return;
            expect(r.status).toBe(200);
            claimed.push(ClaimResponse.parse(r.json).dispatch.dispatchId);
          }
        }),
      );
      expect(claimed).toHaveLength(20);
      expect(new Set(claimed).size).toBe(20);
    });

    it('each decision becomes a status event for the workstation, pulled after its cursor', async () => {
      const c = makeCase({ subject: hotelSubject() });
      await push(c);
      const start = StatusEventsResponse.parse((await call(env.app, 'GET', '/api/v1/status-events?limit=500', { token: env.ws.token })).json);
      let cursor = start.nextCursor;
      for (;;) {
        const more = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=500`, { token: env.ws.token })).json);
        if (more.events.length === 0) break;
        cursor = more.nextCursor;
      }

      const scjg = await dispatchOf(env.dept.SCJG, c.id);
      const wjj = await dispatchOf(env.dept.WJJ, c.id);
      expect((await claim(env.dept.SCJG, scjg.dispatchId)).status).toBe(200);
      expect((await claim(env.dept.WJJ, wjj.dispatchId)).status).toBe(200);

      const steps: [string, number, unknown][] = [
        [env.dept.SCJG, scjg.dispatchId, { kind: 'takenForReview', comment: '已受理' }],
        [env.dept.SCJG, scjg.dispatchId, { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '联系电话为空号' }, { path: 'shared/lease-contract', comment: '租赁合同缺少出租方签章' }] }],
        [env.dept.SCJG, scjg.dispatchId, { kind: 'takenForReview', comment: '补正材料已收到' }],
        [env.dept.SCJG, scjg.dispatchId, { kind: 'approved', comment: '准予许可' }],
        [env.dept.WJJ, wjj.dispatchId, { kind: 'denied', comment: '场所卫生条件不符合《公共场所卫生管理条例》第八条' }],
      ];
      const states: string[] = [];
      for (const [token, id, body] of steps) {
        const r = await decide(token, id, body);
        expect(r.status, JSON.stringify(r.json)).toBe(200);
        const d = DecisionResponse.parse(r.json);
        states.push(d.dispatch.state);
        expect(d.event.caseId).toBe(c.id);
      }
      expect(states).toEqual(['inReview', 'correctionRequested', 'inReview', 'approved', 'denied']);

      const pulled = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}`, { token: env.ws.token })).json);
      expect(pulled.events.map((e) => [e.kind, e.departmentCode])).toEqual([
        ['takenForReview', 'SCJG'],
        ['correctionRequested', 'SCJG'],
        ['takenForReview', 'SCJG'],
        ['approved', 'SCJG'],
        ['denied', 'WJJ'],
      ]);
      expect(pulled.events[1]!.fieldComments).toEqual([
        { path: 'applicant.phone', comment: '联系电话为空号' },
        { path: 'shared/lease-contract', comment: '租赁合同缺少出租方签章' },
      ]);
      expect(pulled.events[3]).toMatchObject({ resultReady: true, comment: '准予许可', caseNumber: c.caseNumber });
      expect(pulled.events[4]!.comment).toMatch(/第八条/);
      expect(pulled.events[0]!.fieldComments).toBeUndefined();
      // the other workstation sees none of it
      const other = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}`, { token: env.ws2.token })).json);
      expect(other.events).toEqual([]);

      // nothing follows a final decision
      const after = await decide(env.dept.SCJG, scjg.dispatchId, { kind: 'returned', comment: '退件' });
      expect(after.status).toBe(409);
      expect(after.json.error.code).toBe('final');
      expect((await claim(env.dept.SCJG, scjg.dispatchId)).json.error.code).toBe('notClaimable');
    });

    it('a decision needs a claim first; a returned case (退件) is final; bad bodies are 400 with paths', async () => {
      const c = makeCase();
      await push(c);
      const d = await dispatchOf(env.dept.SCJG, c.id);
      const early = await decide(env.dept.SCJG, d.dispatchId, { kind: 'approved' });
      expect(early.status).toBe(409);
      expect(early.json.error.code).toBe('notClaimed');
      await claim(env.dept.SCJG, d.dispatchId);
      const noReason = await decide(env.dept.SCJG, d.dispatchId, { kind: 'denied' });
      expect(noReason.status).toBe(400);
      expect(noReason.json.error).toMatchObject({ code: 'invalidBody', paths: ['comment'] });
      const noComment = await decide(env.dept.SCJG, d.dispatchId, { kind: 'correctionRequested', fieldComments: [] });
      expect(noComment.json.error.paths).toEqual(['fieldComments']);
      expect((await decide(env.dept.SCJG, d.dispatchId, { kind: 'maybe' })).status).toBe(400);
      expect((await decide(env.dept.SCJG, d.dispatchId, 'approved')).status).toBe(400);
      const ret = await decide(env.dept.SCJG, d.dispatchId, { kind: 'returned', comment: '申请人撤回申请' });
      expect(DecisionResponse.parse(ret.json).dispatch.state).toBe('returned');
      expect((await decide(env.dept.SCJG, d.dispatchId, { kind: 'takenForReview' })).status).toBe(409);
      // unknown dispatch ids
      expect((await claim(env.dept.SCJG, 999999999)).status).toBe(404);
      expect((await claim(env.dept.SCJG, 'abc' as unknown as number)).status).toBe(400);
    });

    it('closed dispatches leave the default (open) view but stay listable by state', async () => {
      const open = await queue(env.dept.SCJG, '?limit=200');
      expect(open.dispatches.every((d) => ['queued', 'claimed', 'inReview', 'correctionRequested'].includes(d.state))).toBe(true);
      const approved = await queue(env.dept.SCJG, '?state=approved');
      expect(approved.dispatches.length).toBeGreaterThan(0);
      expect(approved.dispatches.every((d) => d.state === 'approved' && d.decidedAt !== null)).toBe(true);
    });
  });
}
