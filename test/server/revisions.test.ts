/**
 * Case revisions after a 补正: POST /api/v1/cases/:caseId/revisions and
 * GET /api/v1/department/cases/:caseId/revisions, on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { type CaseChanges, type CaseRevision, makeCaseRevision } from '../../src/core/lifecycle/revision';
import {
  CaseRevisionsResponse,
  DepartmentCaseResponse,
  PushResponse,
  RevisionPushResponse,
  StatusEventsResponse,
} from '../../src/core/sync/protocol';
import { BACKENDS, call, type Env, hashOf, makeCase, pushed, startEnv } from './helpers';

const FIX_AT = '2026-12-01T10:00:00+08:00';

function revise(previous: IntakeCase | CaseRevision, changes: CaseChanges, at = FIX_AT): CaseRevision {
  const r = makeCaseRevision(previous, changes, at, 'C0107', { reason: { kind: 'correction', eventCursors: [1], departmentCodes: ['SCJG'] } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

const bodyOf = (r: CaseRevision, training = false) => ({
  revision: r.revision,
  previousContentHash: r.previousContentHash,
  contentHash: r.contentHash,
  training,
  case: r.case,
  changedPaths: r.changedPaths,
  reason: r.reason,
  at: r.at,
});

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`case revisions — ${name}`, () => {
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
    const dispatchOf = async (caseId: string, token = env.dept.SCJG) =>
      DepartmentCaseResponse.parse((await call(env.app, 'GET', `/api/v1/department/cases/${caseId}`, { token })).json).dispatch;
    const returnForCorrection = async (c: IntakeCase) => {
      const d = await dispatchOf(c.id);
      expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/claim`, { token: env.dept.SCJG })).status).toBe(200);
      const r = await call(env.app, 'POST', `/api/v1/department/dispatches/${d.dispatchId}/decision`, {
        token: env.dept.SCJG,
        body: { kind: 'correctionRequested', fieldComments: [{ path: 'applicant.phone', comment: '联系电话无法接通，请核实' }] },
      });
      expect(r.status).toBe(200);
      return d.dispatchId;
    };
    const send = (caseId: string, body: unknown, token = env.ws.token) => call(env.app, 'POST', `/api/v1/cases/${caseId}/revisions`, { token, body });

    it('a fix on top of the latest version is stored once, the department reviews again and sees the field diff', async () => {
      const c = makeCase();
      await push(c);
      const dispatchId = await returnForCorrection(c);
      const r2 = revise(c, { applicant: { phone: '13912345678' } });
      expect(r2.previousContentHash).toBe(hashOf(c));

      const first = await send(c.id, bodyOf(r2));
      expect(first.status).toBe(201);
      expect(RevisionPushResponse.parse(first.json)).toEqual({ caseId: c.id, revision: 2, outcome: 'stored', departments: ['SCJG'] });
      // a retry after a lost answer
      const again = await send(c.id, bodyOf(r2));
      expect(again.status).toBe(200);
      expect(again.json.outcome).toBe('alreadyHave');
      // the same number with other content
      const other = revise(c, { applicant: { phone: '13900001111' } });
      const clash = await send(c.id, bodyOf(other));
      expect(clash.status).toBe(409);
      expect(clash.json.error.code).toBe('conflict');

      // back to review at the department, and a `resubmitted` event for the workstation
      expect((await dispatchOf(c.id)).state).toBe('inReview');
      const events = StatusEventsResponse.parse((await call(env.app, 'GET', '/api/v1/status-events?limit=500', { token: env.ws.token })).json).events.filter(
        (e) => e.caseId === c.id,
      );
      expect(events.map((e) => e.kind)).toEqual(['received', 'dispatched', 'correctionRequested', 'resubmitted']);
      expect(events[3]).toMatchObject({ departmentCode: 'SCJG', caseNumber: c.caseNumber });

      const list = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.dept.SCJG });
      expect(list.status).toBe(200);
      const v = CaseRevisionsResponse.parse(list.json);
      expect(v.versions.map((x) => x.revision)).toEqual([1, 2]);
      expect(v.versions[1]!.previousContentHash).toBe(v.versions[0]!.contentHash);
      expect(v.versions[1]!.case.applicant?.phone).toBe('13912345678');
      expect(v.diffs).toHaveLength(1);
      expect(v.diffs[0]!.changes).toEqual([
        expect.objectContaining({ path: 'applicant.phone', change: 'changed', before: expect.objectContaining({ 'zh-CN': c.applicant!.phone }), after: expect.objectContaining({ 'zh-CN': '13912345678' }) }),
      ]);

      // the department's own view of the case (and the approval's answer) shows the fixed version, not the one first pushed
      const view = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}`, { token: env.dept.SCJG });
      expect(view.status).toBe(200);
      expect(view.json.dispatch.case.applicant.phone).toBe('13912345678');

      // the department decides as usual after the fix
      const approve = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatchId}/decision`, { token: env.dept.SCJG, body: { kind: 'approved' } });
      expect(approve.status).toBe(200);
      expect(approve.json.dispatch.state).toBe('approved');
      expect(approve.json.dispatch.case.applicant.phone).toBe('13912345678');

      // revision 3 links to revision 2
      const r3 = revise(r2, { applicant: { address: '杭州市西湖区文三路 100 号' } }, '2026-12-02T09:00:00+08:00');
      const third = await send(c.id, bodyOf(r3));
      expect(third.status).toBe(201);
      expect(third.json.departments).toEqual([]);
      const all = CaseRevisionsResponse.parse((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.dept.SCJG })).json);
      expect(all.diffs.map((d) => [d.fromRevision, d.toRevision, d.changes.map((x) => x.path)])).toEqual([
        [1, 2, ['applicant.phone']],
        [2, 3, ['applicant.address']],
      ]);
    });

    it('refuses a stale or skipped version, a wrong hash, a rewritten decision, training, another workstation or centre', async () => {
      const c = makeCase();
      await push(c);
      await returnForCorrection(c);
      const r2 = revise(c, { applicant: { phone: '13912345678' } });
      // skipped number
      const skipped = await send(c.id, { ...bodyOf(r2), revision: 3 });
      expect(skipped.status).toBe(409);
      expect(skipped.json.error.code).toBe('staleRevision');
      // linked to something else
      const unlinked = await send(c.id, { ...bodyOf(r2), previousContentHash: 'a'.repeat(64) });
      expect(unlinked.status).toBe(409);
      // hash not of the case
      const badHash = await send(c.id, { ...bodyOf(r2), contentHash: 'b'.repeat(64) });
      expect(badHash.status).toBe(400);
      expect(badHash.json.error.paths).toEqual(['contentHash']);
      // the decision is never rewritten
      const rewritten = { ...r2.case, decision: { ...r2.case.decision!, by: 'C9999' } } as IntakeCase;
      const rd = await send(c.id, { ...bodyOf(r2), case: rewritten, contentHash: hashOf(rewritten) });
      expect(rd.status).toBe(400);
      expect(rd.json.error.paths).toEqual(['case.decision']);
      // the URL's case
      expect((await send(makeCase().id, bodyOf(r2))).status).toBe(400);
      // training
      const tr = await send(c.id, bodyOf(r2, true));
      expect(tr.status).toBe(403);
      expect(tr.json.error.code).toBe('training');
      // another workstation of the centre, another centre
      expect((await send(c.id, bodyOf(r2), env.ws2.token)).status).toBe(403);
      expect((await send(c.id, bodyOf(r2), env.wsOther.token)).status).toBe(404);
      // a department cannot push, a workstation cannot read the department view
      expect((await send(c.id, bodyOf(r2), env.dept.SCJG)).status).toBe(403);
      expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.ws.token })).status).toBe(403);
      // a department without a dispatch of the case sees nothing
      expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.dept.YBJ })).status).toBe(404);
      // nothing was stored
      const v = CaseRevisionsResponse.parse((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}/revisions`, { token: env.dept.SCJG })).json);
      expect(v.versions).toHaveLength(1);
      expect((await dispatchOf(c.id)).state).toBe('correctionRequested');
      // and the right one still goes in
      expect((await send(c.id, bodyOf(r2))).status).toBe(201);
    });
  });
}
