/**
 * The 补正 loop must always be resolvable, on PGlite and on PostgreSQL:
 * - a return with only a general comment is answered by the clerk's reply alone, which reaches
 *   the department (its versions view) and the window (the `resubmitted` event's comment);
 * - a department may return a case again while it waits for the fix (待补正);
 * - a department points at the case's own fields and materials by name
 *   (GET …/correction-points), and a point naming nothing of the case is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { type CaseRevision, makeCaseRevision } from '../../src/core/lifecycle/revision';
import {
  CaseRevisionsResponse,
  CorrectionPointsResponse,
  DecisionBatchResponse,
  DepartmentCaseResponse,
  PushResponse,
  StatusEventsResponse,
} from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

const FIX_AT = '2026-12-01T10:00:00+08:00';
const REPLY = '经营场所为申请人自有房产，不动产权证书原件已于受理时核验。';

const bodyOf = (r: CaseRevision) => ({
  revision: r.revision,
  previousContentHash: r.previousContentHash,
  contentHash: r.contentHash,
  training: false,
  case: r.case,
  changedPaths: r.changedPaths,
  reason: r.reason,
  at: r.at,
});

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`补正 always resolvable — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const push = async (c: IntakeCase) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(c)] } });
      expect(PushResponse.parse(r.json).results[0]!.outcome).toBe('stored');
    };
    const dispatchOf = async (caseId: string) =>
      DepartmentCaseResponse.parse((await call(env.app, 'GET', `/api/v1/department/cases/${caseId}`, { token: env.dept.SCJG })).json).dispatch;
    const claimed = async (c: IntakeCase) => {
      await push(c);
      const d = await dispatchOf(c.id);
      expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/claim`, { token: env.dept.SCJG })).status).toBe(200);
      return d.dispatchId;
    };
    const decide = (dispatchId: number, body: unknown) => call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token: env.dept.SCJG, body });
    const eventsOf = async (caseId: string) =>
      StatusEventsResponse.parse((await call(env.app, 'GET', '/api/v1/status-events?limit=500', { token: env.ws.token })).json).events.filter((e) => e.caseId === caseId);

    it('a general comment alone is answered by a reply alone; the department and the window see the reply', async () => {
      const c = makeCase();
      const dispatchId = await claimed(c);
      expect((await decide(dispatchId, { kind: 'correctionRequested', comment: '请说明经营场所是否为自有房产' })).status).toBe(200);

      const cursor = (await eventsOf(c.id)).find((e) => e.kind === 'correctionRequested')!.cursor;
      const r = makeCaseRevision(c, {}, FIX_AT, 'C0107', { reason: { kind: 'correction', eventCursors: [cursor], departmentCodes: ['SCJG'], reply: REPLY } });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.record.changedPaths).toEqual([]);
      const sent = await call(env.app, 'POST', `/api/v1/cases/${c.id}/revisions`, { token: env.ws.token, body: bodyOf(r.record) });
      expect(sent.status).toBe(201);
      expect(sent.json.departments).toEqual(['SCJG']);
      expect((await dispatchOf(c.id)).state).toBe('inReview');

      const events = await eventsOf(c.id);
      expect(events.map((e) => e.kind)).toEqual(['received', 'dispatched', 'correctionRequested', 'resubmitted']);
      expect(events[3]).toMatchObject({ departmentCode: 'SCJG', comment: REPLY });

      const v = CaseRevisionsResponse.parse((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.dept.SCJG })).json);
      expect(v.versions.map((x) => [x.revision, x.reply ?? null])).toEqual([
        [1, null],
        [2, REPLY],
      ]);
      expect(v.diffs).toEqual([{ fromRevision: 1, toRevision: 2, changes: [] }]);
    });

    it('a version that changes nothing and brings no reply is refused', async () => {
      const c = makeCase();
      const dispatchId = await claimed(c);
      expect((await decide(dispatchId, { kind: 'correctionRequested', comment: '请补正' })).status).toBe(200);
      const r = makeCaseRevision(c, {}, FIX_AT, 'C0107', { reason: { kind: 'correction', eventCursors: [1], departmentCodes: ['SCJG'], reply: REPLY } });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const { reply: _, ...noReply } = r.record.reason as { reply?: string };
      const refused = await call(env.app, 'POST', `/api/v1/cases/${c.id}/revisions`, { token: env.ws.token, body: { ...bodyOf(r.record), reason: noReply } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.paths).toEqual(['changedPaths']);
      const malformed = await call(env.app, 'POST', `/api/v1/cases/${c.id}/revisions`, { token: env.ws.token, body: { ...bodyOf(r.record), reason: { kind: 'correction', reply: REPLY } } });
      expect(malformed.status).toBe(400);
      expect((await dispatchOf(c.id)).state).toBe('correctionRequested');
    });

    it('a department may return the case again while it waits (待补正); one fix answers both', async () => {
      const c = makeCase();
      const dispatchId = await claimed(c);
      expect((await decide(dispatchId, { kind: 'correctionRequested', comment: '请说明经营场所用途' })).status).toBe(200);
      const waiting = await dispatchOf(c.id);
      expect(waiting.state).toBe('correctionRequested');
      expect(waiting.allowedDecisions).toContain('correctionRequested');
      const again = await decide(dispatchId, { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '联系电话为空号' }] });
      expect(again.status).toBe(200);
      expect(again.json.dispatch.state).toBe('correctionRequested');
      expect((await eventsOf(c.id)).map((e) => e.kind)).toEqual(['received', 'dispatched', 'correctionRequested', 'correctionRequested']);

      const r = makeCaseRevision(c, { applicant: { phone: '13912345678' } }, FIX_AT, 'C0107', {
        reason: { kind: 'correction', eventCursors: [1, 2], departmentCodes: ['SCJG'], reply: '场所用于餐饮服务。' },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect((await call(env.app, 'POST', `/api/v1/cases/${c.id}/revisions`, { token: env.ws.token, body: bodyOf(r.record) })).status).toBe(201);
      expect((await dispatchOf(c.id)).state).toBe('inReview');
      expect((await eventsOf(c.id)).at(-1)).toMatchObject({ kind: 'resubmitted', comment: '场所用于餐饮服务。' });
    });

    it("lists the case's fields and materials by name, and refuses a point that names nothing of the case", async () => {
      const c = makeCase();
      const dispatchId = await claimed(c);
      const points = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/correction-points`, { token: env.dept.SCJG });
      expect(points.status).toBe(200);
      const p = CorrectionPointsResponse.parse(points.json);
      const label = (path: string) => p.points.find((x) => x.path === path)?.label['zh-CN'];
      expect(label('applicant.phone')).toBe('联系电话');
      expect(label('applicant.idNumber')).toBe('证件号码');
      expect(label('shared/application-form')).toBe('食品经营许可申请书');
      expect(p.points.every((x) => !x.label['zh-CN'].includes('/'))).toBe(true);
      // only for a department with a dispatch of the case
      expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/correction-points`, { token: env.dept.YBJ })).status).toBe(404);
      expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/correction-points`, { token: env.ws.token })).status).toBe(403);

      const bad = await decide(dispatchId, {
        kind: 'correctionRequested',
        fieldComments: [
          { path: 'applicant.phone', comment: '空号' },
          { path: 'shared/id-photo', comment: '照片不清晰' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('unknownCorrectionPoint');
      expect(bad.json.error.paths).toEqual(['fieldComments[1].path']);
      expect((await dispatchOf(c.id)).state).toBe('claimed'); // nothing was decided
      expect((await eventsOf(c.id)).map((e) => e.kind)).toEqual(['received', 'dispatched']);

      // the batch refuses that one decision and takes the others
      const other = makeCase();
      const otherId = await claimed(other);
      const batch = await call(env.app, 'POST', '/api/v1/department/decisions', {
        token: env.dept.SCJG,
        body: {
          decisions: [
            { dispatchId, decision: { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.favouriteColour', comment: '？' }] } },
            { dispatchId: otherId, decision: { kind: 'correctionRequested', fieldComments: [{ path: 'shared/application-form', comment: '缺少签名' }] } },
          ],
        },
      });
      expect(batch.status).toBe(200);
      const results = DecisionBatchResponse.parse(batch.json).results;
      expect(results.map((x) => [x.dispatchId, x.outcome])).toEqual([
        [dispatchId, 'refused'],
        [otherId, 'decided'],
      ]);
      expect(results[0]).toMatchObject({ status: 400, code: 'unknownCorrectionPoint' });
      expect((await dispatchOf(other.id)).state).toBe('correctionRequested');
    });
  });
}
