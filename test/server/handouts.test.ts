/**
 * 统一窗口出件 and 好差评 on the server: POST /api/v1/cases/:caseId/handouts and /ratings —
 * only after 办结 with resultReady (canHandOut over the stored events), idempotent on the
 * workstation's id, the centre's own cases only, training refused; a 差评 opens a follow-up
 * with its deadlines. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { IDS } from '../fixtures/intake';
import { HANDOUT_SCHEMA_VERSION, type ResultHandoutInput } from '../../src/core/lifecycle/handout';
import { RATING_SCHEMA_VERSION, type RatingInput } from '../../src/core/lifecycle/rating';
import { ClaimResponse, HandoutPushResponse, PushResponse, RatingPushResponse } from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv, uuid } from './helpers';

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`hand-outs and ratings — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const push = async (c: IntakeCase) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } });
      expect(r.status).toBe(200);
      expect(PushResponse.parse(r.json).results[0]!.outcome).toBe('stored');
    };
    const approve = async (resultReady: boolean) => {
      const claimed = await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: env.dept.SCJG });
      expect(claimed.status).toBe(200);
      const d = ClaimResponse.parse(claimed.json).dispatch;
      const taken = await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/decision`, { token: env.dept.SCJG, body: { kind: 'takenForReview' } });
      expect(taken.status, JSON.stringify(taken.json)).toBe(200);
      const r = await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/decision`, { token: env.dept.SCJG, body: { kind: 'approved', resultReady, comment: '准予许可' } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    };
    const handout = (c: IntakeCase, o: Partial<ResultHandoutInput> = {}): ResultHandoutInput => ({
      schemaVersion: HANDOUT_SCHEMA_VERSION,
      id: uuid(),
      caseId: c.id,
      caseNumber: c.caseNumber!,
      at: '2026-11-30T10:00:00+08:00',
      by: 'C0107',
      departmentCodes: ['SCJG'],
      delivery: { method: 'inPerson', recipientName: '张伟', recipientIdType: 'residentId', recipientIdNumber: IDS.zhangWei, relation: 'applicant', idCheckedBy: 'cardReader' },
      ...o,
    });
    const rating = (c: IntakeCase, o: Partial<RatingInput> = {}): RatingInput => ({
      schemaVersion: RATING_SCHEMA_VERSION,
      id: uuid(),
      caseNumber: c.caseNumber!,
      caseId: c.id,
      trigger: 'afterHandout',
      at: '2026-11-30T10:05:00+08:00',
      channel: 'onSite',
      enteredVia: 'applicantFacing',
      level: 'satisfied',
      tags: [],
      clerkId: 'C0107',
      centreCode: '330106',
      ...o,
    });
    const postHandout = (c: IntakeCase, h: unknown, token = env.ws.token, training = false) =>
      call(env.app, 'POST', `/api/v1/cases/${c.id}/handouts`, { token, body: { training, handout: h } });
    const postRating = (c: IntakeCase, r: unknown, token = env.ws.token, training = false) =>
      call(env.app, 'POST', `/api/v1/cases/${c.id}/ratings`, { token, body: { training, rating: r } });

    it('a hand-out only after 办结 with resultReady; idempotent on its id; then once only', async () => {
      const c = makeCase();
      await push(c);
      const h = handout(c);
      const early = await postHandout(c, h);
      expect(early.status).toBe(409);
      expect(early.json.error.code).toBe('notReady');
      await approve(true);
      const first = await postHandout(c, h);
      expect(first.status).toBe(201);
      expect(HandoutPushResponse.parse(first.json)).toMatchObject({ id: h.id, outcome: 'stored' });
      const again = await postHandout(c, h);
      expect(again.status).toBe(200);
      expect(again.json.outcome).toBe('alreadyHave');
      const changed = await postHandout(c, { ...h, note: '改了' });
      expect(changed.status).toBe(409);
      expect(changed.json.error.code).toBe('conflict');
      const second = await postHandout(c, handout(c));
      expect(second.status).toBe(409);
      expect(second.json.error.message).toContain('alreadyHandedOut');
      const rows = await env.db.query<{ n: number }>('SELECT count(*) AS n FROM handouts WHERE case_id = $1::uuid', [c.id]);
      expect(Number(rows[0]!.n)).toBe(1);
    });

    it('no hand-out without a ready result; invalid ID or someone else than the applicant is 400', async () => {
      const c = makeCase();
      await push(c);
      await approve(false);
      expect((await postHandout(c, handout(c))).json.error.code).toBe('notReady');
      const c2 = makeCase();
      await push(c2);
      await approve(true);
      const bad = await postHandout(c2, handout(c2, { delivery: { method: 'inPerson', recipientName: '张伟', recipientIdType: 'residentId', recipientIdNumber: '330106199001011235', relation: 'applicant', idCheckedBy: 'manual' } }));
      expect(bad.status).toBe(400);
      expect(bad.json.error.paths.join(' ')).toContain('recipientIdNumber');
      const agentWithout = await postHandout(c2, handout(c2, { delivery: { method: 'inPerson', recipientName: '李四', recipientIdType: 'residentId', recipientIdNumber: IDS.zhangWei, relation: 'agent', idCheckedBy: 'manual' } }));
      expect(agentWithout.status).toBe(400);
      const post = await postHandout(c2, handout(c2, { delivery: { method: 'post', carrier: 'ems', trackingNumber: 'EA123456785CN', recipientName: '张伟', recipientPhone: '13805710123', address: '杭州市西湖区文三路 90 号' } }));
      expect(post.status).toBe(201);
    });

    it('other centres, unknown cases, departments and training are refused', async () => {
      const c = makeCase();
      await push(c);
      await approve(true);
      expect((await postHandout(c, handout(c), env.wsOther.token)).status).toBe(404);
      const unknown = makeCase();
      expect((await postHandout(unknown, handout(unknown))).status).toBe(404);
      expect((await postHandout(c, handout(c), env.dept.SCJG)).status).toBe(403);
      const t = await postHandout(c, handout(c), env.ws.token, true);
      expect(t.status).toBe(403);
      expect(t.json.error.code).toBe('training');
      expect((await postRating(c, rating(c, { trigger: 'afterAcceptance' }), env.ws.token, true)).status).toBe(403);
      expect((await call(env.app, 'POST', `/api/v1/cases/${c.id}/handouts`, { token: env.ws.token, body: { training: false, handout: { id: 'x' } } })).status).toBe(400);
      // the same centre's other workstation may hand it out (统一窗口: any window of the centre)
      expect((await postHandout(c, handout(c), env.ws2.token)).status).toBe(201);
    });

    it('ratings: 一次一评, idempotent; a 差评 opens a follow-up with its call-back and fix deadlines', async () => {
      const c = makeCase();
      await push(c);
      const ok = await postRating(c, rating(c, { trigger: 'afterAcceptance', level: 'verySatisfied', tags: ['efficient'] }));
      expect(ok.status).toBe(201);
      expect(RatingPushResponse.parse(ok.json).followUp).toBeNull();
      expect((await postRating(c, rating(c, { trigger: 'afterAcceptance' }))).json.error.code).toBe('alreadyRated');
      expect((await postRating(c, rating(c))).json.error.code).toBe('notHandedOut');
      await approve(true);
      expect((await postHandout(c, handout(c))).status).toBe(201);
      const noReason = await postRating(c, rating(c, { level: 'dissatisfied' }));
      expect(noReason.status).toBe(400);
      const poor = rating(c, { level: 'dissatisfied', tags: ['longWait'], comment: '等了一个小时' });
      const r = await postRating(c, poor);
      expect(r.status).toBe(201);
      // Monday 2026-11-30: call back by Tuesday, fix within 15 working days
      expect(RatingPushResponse.parse(r.json).followUp).toMatchObject({ ratingId: poor.id, callBackBy: '2026-12-01', fixBy: '2026-12-21' });
      const again = await postRating(c, poor);
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ outcome: 'alreadyHave', followUp: { callBackBy: '2026-12-01' } });
      const rows = await env.db.query<{ call_back_by: string }>('SELECT call_back_by::text AS call_back_by FROM rating_follow_ups WHERE rating_id = $1::uuid', [poor.id]);
      expect(rows).toEqual([{ call_back_by: '2026-12-01' }]);
      expect((await postRating(c, rating(c, { centreCode: '330102' }))).status).toBe(400);
    });
  });
}
