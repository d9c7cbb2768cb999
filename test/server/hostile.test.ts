/**
 * Attacks on the push route that once failed a whole batch or let one workstation act as
 * another: each is reproduced here and must stay answered case by case. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeCase } from '../../src/core/intake/case';
import { FOOD } from '../fixtures/intake';
import { DepartmentCaseResponse, PushResponse, type PushResult } from '../../src/core/sync/protocol';
import { buildServer } from '../../src/server/app';
import type { Db, Queryable } from '../../src/server/db';
import { BACKENDS, call, type Env, makeCase, pushed, startEnv } from './helpers';

/** The Db, with PostgreSQL's "invalid byte sequence" (SQLSTATE 22021) for any insert of cases that holds `poison`. */
function refusingDb(db: Db, poison: string): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: (text, params, options) => {
      if (text.includes('INSERT INTO cases') && JSON.stringify(params ?? []).includes(poison))
        return Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8"'), { code: '22021' }));
      return q.query(text, params, options);
    },
    exec: (sql) => q.exec(sql),
  });
  return { ...db, query: db.query.bind(db), exec: db.exec.bind(db), close: () => db.close(), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) } as Db;
}

/** The case with its applicant's name replaced (hash recomputed: the workstation means it). */
const named = (name: string, o: Parameters<typeof makeCase>[0] = {}): IntakeCase => {
  const c = makeCase(o);
  return { ...c, applicant: { ...c.applicant!, name } } as IntakeCase;
};

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`hostile pushes — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const results = async (cases: unknown[], token = env.ws.token): Promise<PushResult[]> => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token, body: { cases } });
      expect(r.status).toBe(200);
      return PushResponse.parse(r.json).results;
    };
    const storedIds = async (ids: string[]) =>
      (await env.db.query<{ id: string }>('SELECT case_id::text AS id FROM cases WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))', [JSON.stringify(ids)])).map(
        (r) => r.id,
      );

    /** A batch good, bad, good: the bad one is invalid at `path`, its neighbours are stored. */
    async function poisonBetweenGood(bad: unknown, badId: string, path: string | RegExp) {
      const [a, b] = [makeCase(), makeCase()];
      const r = await results([pushed(a), bad, pushed(b)]);
      expect(r[0]).toMatchObject({ caseId: a.id, outcome: 'stored' });
      expect(r[2]).toMatchObject({ caseId: b.id, outcome: 'stored' });
      expect(r[1]!.outcome).toBe('invalid');
      expect(r[1]!.caseId).toBe(badId);
      expect(r[1]!.paths!.some((p) => (typeof path === 'string' ? p === path : path.test(p)))).toBe(true);
      expect(await storedIds([a.id, badId, b.id])).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(await storedIds([badId])).toEqual([]);
    }

    it('a NUL in a name is that case’s invalid, not a 500 for the batch', async () => {
      const c = named('张\u0000伟');
      await poisonBetweenGood(pushed(c), c.id, 'case.applicant.name');
    });

    it('an unpaired surrogate in a name is that case’s invalid', async () => {
      const c = named('张\uD800伟');
      await poisonBetweenGood(pushed(c), c.id, 'case.applicant.name');
    });

    it('an unknown key nested 6,000 deep is that case’s invalid, with a path', async () => {
      const c = makeCase();
      let deep: unknown = 'x';
      for (let i = 0; i < 6_000; i++) deep = { k: deep };
      const hostile = { ...c, extra: deep };
      await poisonBetweenGood({ caseId: c.id, contentHash: '0'.repeat(64), training: false, case: hostile }, c.id, /^case\.extra\.k/);
    });

    it('a 4.5 MB name and a name of zero-width spaces are refused', async () => {
      const huge = named('张'.repeat(4_500_000 / 3));
      const [r] = await results([pushed(huge)]);
      expect(r).toMatchObject({ outcome: 'invalid', paths: expect.arrayContaining(['case.applicant.name']) });
      const blank = named('\u200B\u200B\u200B');
      await poisonBetweenGood(pushed(blank), blank.id, 'case.applicant.name');
    });

    it('a workstation cannot push a case numbered as another workstation’s, of its centre or another', async () => {
      const mine = makeCase({ workstationCode: '3A' });
      const posing = makeCase(); // numbered 7K, pushed with 3A's token
      const r = await results([pushed(mine), pushed(posing)], env.ws2.token);
      expect(r[0]!.outcome).toBe('stored');
      expect(r[1]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/belongs to workstation 330106-7K/) });
      const otherCentre = makeCase({ centreCode: '330102' }); // 330102-…-7K: clerk and number of the other centre
      expect((await results([pushed(otherCentre)]))[0]!.outcome).toBe('refused');
      expect(await storedIds([posing.id, otherCentre.id])).toEqual([]);
    });

    it('a case number names one case: a second case under it is a conflict, in one batch or two', async () => {
      const first = makeCase();
      const twin = { ...makeCase(), caseNumber: first.caseNumber, decision: { ...makeCase().decision!, caseNumber: first.caseNumber! } } as IntakeCase;
      const [a, b] = await results([pushed(first), pushed(twin)]);
      expect(a!.outcome).toBe('stored');
      expect(b!.outcome).toBe('conflict');
      const later = { ...twin, id: crypto.randomUUID() };
      const [c] = await results([pushed(later)]);
      expect(c).toMatchObject({ outcome: 'conflict', paths: ['case.caseNumber'] });
      const n = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE case_number = $1', [first.caseNumber]);
      expect(n[0]!.n).toBe(1);
      // and the retry of the first is still alreadyHave
      expect((await results([pushed(first)]))[0]!.outcome).toBe('alreadyHave');
    });

    it('stores the case as its schema parsed it: unknown fields are dropped', async () => {
      const c = makeCase();
      const withExtras = { ...c, smuggled: { payload: 'x'.repeat(1000) }, applicant: { ...c.applicant!, nickname: '阿伟' } };
      const [r] = await results([{ caseId: c.id, contentHash: pushed(withExtras as IntakeCase).contentHash, training: false, case: withExtras }]);
      expect(r!.outcome).toBe('stored');
      const [row] = await env.db.query<{ body: Record<string, unknown> }>('SELECT body FROM cases WHERE case_id = $1', [c.id]);
      const body = typeof row!.body === 'string' ? JSON.parse(row!.body) : row!.body;
      expect(body.smuggled).toBeUndefined();
      expect(body.applicant.nickname).toBeUndefined();
      expect(body.applicant.name).toBe(c.applicant!.name);
    });

    it('a case the database refuses is that case’s invalid; the rest of its batch is stored', async () => {
      const [a, poison, b] = [makeCase(), makeCase(), makeCase()];
      const app = await buildServer({ db: refusingDb(env.db, poison.id), now: env.clock.now, rateLimit: false });
      try {
        const r = await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: [pushed(a), pushed(poison), pushed(b)] } });
        expect(r.status).toBe(200);
        expect(PushResponse.parse(r.json).results.map((x) => x.outcome)).toEqual(['stored', 'invalid', 'stored']);
        expect(await storedIds([a.id, poison.id, b.id])).toEqual(expect.arrayContaining([a.id, b.id]));
        expect(await storedIds([poison.id])).toEqual([]);
      } finally {
        await app.close();
      }
    });

    it('departments read the catalog’s item names, not the names the workstation wrote', async () => {
      const c = makeCase();
      const decision = c.decision as Extract<NonNullable<IntakeCase['decision']>, { kind: 'accept' }>;
      const lying = { ...c, decision: { ...decision, promisedDates: decision.promisedDates.map((p) => ({ ...p, itemName: '免审批快速通道' })) } } as IntakeCase;
      expect((await results([pushed(lying)]))[0]!.outcome).toBe('stored');
      const r = await call(env.app, 'GET', `/api/v1/department/cases/${c.id}`, { token: env.dept.SCJG });
      const d = DepartmentCaseResponse.parse(r.json).dispatch;
      expect(d.basicCodes).toEqual([FOOD]);
      expect(d.itemNames).toEqual(['食品经营许可']);
    });
  });
}
