/**
 * The training area: POST/GET /api/v1/training/results, on PGlite and on
 * PostgreSQL — idempotent by result id, per centre, zod-checked, and never touching the
 * department queues (cases, dispatches, status events stay as they were).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainingResultsPushResponse, TrainingResultsResponse, type TrainingResult, trainingResultOf } from '../../src/core/training/protocol';
import { attemptFromExpected, scoreDrill } from '../../src/core/training/scoring';
import { makeTrainingCaseNumber } from '../../src/core/training/isolation';
import { defaultCatalog, scenario } from '../fixtures/training';
import { createWorkstation } from '../../src/server/adminCommands';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv, uuid } from './helpers';

function result(o: { id?: string; traineeId?: string; total?: 'model' | 'mistake'; finishedAt?: string; caseNumber?: string | null } = {}): TrainingResult {
  const s = scenario('social-card-first');
  const attempt = attemptFromExpected(s);
  if (o.total === 'mistake') attempt.materialStates = { ...attempt.materialStates, 'shared/applicant-id-card': { status: 'missing' } };
  const score = scoreDrill(s, attempt, defaultCatalog());
  const n = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-12-01', sequence: 1 });
  if (!n.ok) throw new Error(n.reason);
  return trainingResultOf({
    id: o.id ?? uuid(),
    traineeId: o.traineeId ?? 'C0042',
    traineeName: '王晓梅',
    packId: 'default-onboarding',
    scenarioId: s.id,
    scenarioTitle: s.title,
    level: s.level,
    coached: false,
    startedAt: attempt.startedAt,
    finishedAt: o.finishedAt ?? attempt.finishedAt,
    caseNumber: o.caseNumber === undefined ? n.value : o.caseNumber,
    score,
  });
}

async function queueCounts(env: Env) {
  const [c] = await env.db.query<{ cases: number | string; dispatches: number | string; events: number | string }>(
    `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM dispatches) AS dispatches, (SELECT count(*) FROM status_events) AS events`,
  );
  return { cases: Number(c!.cases), dispatches: Number(c!.dispatches), events: Number(c!.events) };
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`training results — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    it('stores results, idempotent by id; another body under the same id is a conflict', async () => {
      const r = result();
      const first = await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [r] } });
      expect(first.status).toBe(201);
      expect(TrainingResultsPushResponse.parse(first.json).results).toEqual([{ id: r.id, outcome: 'stored' }]);
      const again = await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [r] } });
      expect(again.status).toBe(200);
      expect(TrainingResultsPushResponse.parse(again.json).results[0]!.outcome).toBe('alreadyHave');
      const other = await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [{ ...r, total: 1 }] } });
      expect(TrainingResultsPushResponse.parse(other.json).results[0]!.outcome).toBe('conflict');
    });

    it("a trainer reads every trainee of the workstation's centre, oldest first; never another centre's", async () => {
      const a = result({ traineeId: 'T0001', total: 'mistake', finishedAt: '2026-12-01T09:05:00+08:00' });
      const b = result({ traineeId: 'T0002', finishedAt: '2026-12-01T09:03:00+08:00' });
      // from the centre's other workstation
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws2.token, body: { results: [a, b] } })).status).toBe(201);
      const other = result({ traineeId: 'T9999' });
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.wsOther.token, body: { results: [other] } })).status).toBe(201);

      const read = await call(env.app, 'GET', '/api/v1/training/results?centre=330106', { token: env.ws.token });
      expect(read.status).toBe(200);
      const rows = TrainingResultsResponse.parse(read.json).results;
      const ids = rows.map((x) => x.id);
      expect(ids).toContain(a.id);
      expect(ids).toContain(b.id);
      expect(ids).not.toContain(other.id);
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
      const ra = rows.find((x) => x.id === a.id)!;
      expect(ra.centreCode).toBe('330106');
      expect(ra.workstationCode).toBe('3A');
      expect(ra.total).toBe(a.total);
      expect(ra.total).toBeLessThan(100);
      expect(ra.mistakes.some((m) => m.kind === 'material' && m.key === 'shared/applicant-id-card')).toBe(true);

      const one = TrainingResultsResponse.parse((await call(env.app, 'GET', '/api/v1/training/results?centre=330106&trainee=T0002', { token: env.ws.token })).json).results;
      expect(one.map((x) => x.id)).toEqual([b.id]);
      expect((await call(env.app, 'GET', '/api/v1/training/results?centre=330102', { token: env.ws.token })).status).toBe(403);
      expect((await call(env.app, 'GET', '/api/v1/training/results?centre=33', { token: env.ws.token })).status).toBe(400);
    });

    it('refuses what is not a training result: bad shapes, live case numbers, department tokens, no token', async () => {
      const bad = { ...result(), total: 130 };
      const r1 = await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [bad] } });
      expect(r1.status).toBe(400);
      expect(JSON.stringify(r1.json)).toContain('total');
      const live = result({ caseNumber: '330106-261201-7K0001-0' });
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [live] } })).status).toBe(400);
      const extra = { ...result(), applicant: { name: '何佳琪' } };
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [extra] } })).status).toBe(400);
      const r = result();
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [r, r] } })).status).toBe(400);
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.dept.SCJG, body: { results: [result()] } })).status).toBe(403);
      expect((await call(env.app, 'POST', '/api/v1/training/results', { body: { results: [result()] } })).status).toBe(401);
      expect((await call(env.app, 'GET', '/api/v1/training/results?centre=330106', { token: env.dept.SCJG })).status).toBe(403);
    });

    it('the reserved training workstation code PX cannot be given to a live workstation', async () => {
      await expect(createWorkstation(env.db, '330106', 'PX')).rejects.toThrow(/reserved for training/);
      await expect(createWorkstation(env.db, '330106', 'px')).rejects.toThrow(/reserved for training/);
    });

    it('never touches the department queues; and the live push still refuses a training case', async () => {
      const before = await queueCounts(env);
      expect((await call(env.app, 'POST', '/api/v1/training/results', { token: env.ws.token, body: { results: [result(), result({ total: 'mistake' })] } })).status).toBe(201);
      expect(await queueCounts(env)).toEqual(before);
      const training = { ...makeCase(), training: true as const };
      const push = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(training, true)] } });
      expect(JSON.stringify(push.json)).toMatch(/training/);
      // a PX (training) case number is refused even when the training flag was lost
      const n = makeTrainingCaseNumber({ centreCode: '330106', date: '2026-11-30', sequence: 7 });
      if (!n.ok) throw new Error(n.reason);
      const base = makeCase();
      const px = { ...base, caseNumber: n.value, decision: { ...base.decision!, caseNumber: n.value } } as typeof base;
      const push2 = await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(px)] } });
      expect((push2.json as { results: { outcome: string }[] }).results[0]!.outcome).toBe('refused');
      expect(await queueCounts(env)).toEqual(before);
    });
  });
}
