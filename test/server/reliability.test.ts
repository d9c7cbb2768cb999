/**
 * Reliability of the service's side of sync: a push that fails half-way leaves nothing
 * behind and its retry lands exactly once; the same batch sent twice (one after the other,
 * or both at once) is stored once; the same case pushed by two workstations at the same
 * moment is stored once; a poisoned case never blocks the others; a workstation pulling
 * while departments decide never skips an event; a backlog of 1,000 cases drains with
 * every case queued once per department; malformed and oversized requests are 4xx with a
 * reason and write no row; a wrong token or another department's token is 401/403 and
 * changes nothing. On PGlite and PostgreSQL. (The server killed for real in the middle of
 * a batch: crash.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotelSubject } from '../fixtures/intake';
import { MAX_BODY_BYTES, MAX_PUSH_BATCH, type PushResult, PushResponse, type StatusEvent, StatusEventsResponse } from '../../src/core/sync/protocol';
import { createDepartment, createWorkstation, revokeToken } from '../../src/server/adminCommands';
import { buildServer, type OneWindowServer } from '../../src/server/app';
import type { Db, Queryable } from '../../src/server/db';
import { BACKENDS, call, type Env, hashOf, makeCase, pushed, startEnv } from './helpers';

/** The Db with a switch that makes the status-event insert of a push throw (a crash half-way through). */
function failingDb(db: Db): Db & { fail: boolean } {
  const wrap = (q: Queryable, self: { fail: boolean }): Queryable => ({
    query: (text, params) => {
      if (self.fail && text.includes('INSERT INTO status_events')) return Promise.reject(new Error('simulated crash'));
      return q.query(text, params);
    },
    exec: (sql) => q.exec(sql),
  });
  const self = {
    fail: true,
    kind: db.kind,
    where: db.where,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx, self))),
    close: () => db.close(),
  };
  return self as Db & { fail: boolean };
}

for (const { name, backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`reliability — ${name}`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await startEnv(backend);
    }, 60_000);
    afterAll(async () => {
      await env?.close();
    });

    const count = async (sql: string, params: unknown[] = []) => Number((await env.db.query<{ n: number }>(sql, params))[0]!.n);
    const pushAs = async (token: string, cases: unknown[]) => {
      const r = await call(env.app, 'POST', '/api/v1/cases/push', { token, body: { cases } });
      expect(r.status).toBe(200);
      return PushResponse.parse(r.json).results;
    };

    /** Rows of every table but the audit (which records each request by design). */
    const dataRows = async (): Promise<Record<string, number>> => {
      const tables = (
        await env.db.query<{ t: string }>(
          `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
             AND table_name NOT IN ('audit', 'schema_migrations') ORDER BY 1`,
        )
      ).map((r) => r.t);
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = await count(`SELECT count(*) AS n FROM ${t}`);
      return out;
    };
    const eventsOf = (ids: string[]) =>
      count(`SELECT count(*) AS n FROM status_events WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(ids)]);

    it('the same batch sent twice — one after the other, then both at once — is stored once', async () => {
      const batch = Array.from({ length: MAX_PUSH_BATCH }, (_, i) => pushed(makeCase(i % 2 ? { subject: hotelSubject() } : {})));
      const ids = batch.map((b) => b.caseId);
      const first = await pushAs(env.ws.token, batch);
      expect(first.every((r) => r.outcome === 'stored')).toBe(true);
      const rows = await dataRows();
      const events = await eventsOf(ids);
      expect(events).toBe(MAX_PUSH_BATCH + MAX_PUSH_BATCH / 2 + MAX_PUSH_BATCH); // received + one dispatched per department
      const again = await pushAs(env.ws.token, batch);
      expect(again.map((r) => r.outcome)).toEqual(batch.map(() => 'alreadyHave'));
      expect(again.map((r) => r.departments)).toEqual(first.map((r) => r.departments));
      const [x, y] = await Promise.all([pushAs(env.ws.token, batch), pushAs(env.ws.token, batch)]);
      expect([...x, ...y].every((r) => r.outcome === 'alreadyHave')).toBe(true);
      expect(await dataRows()).toEqual(rows);
      expect(await eventsOf(ids)).toBe(events);

      // a new batch sent twice at once: one of the two stores each case, the other has it already
      const fresh = Array.from({ length: 20 }, () => pushed(makeCase()));
      const [a, b] = await Promise.all([pushAs(env.ws.token, fresh), pushAs(env.ws.token, fresh)]);
      for (let i = 0; i < fresh.length; i++) expect([a[i]!.outcome, b[i]!.outcome].sort()).toEqual(['alreadyHave', 'stored']);
      expect(await eventsOf(fresh.map((f) => f.caseId))).toBe(40);
    });

    it('a poisoned case never blocks the others: every kind of bad entry in one batch, the rest stored', async () => {
      const bad = makeCase();
      const badBody = { ...bad, applicant: { kind: 'person', name: '', idType: 'residentId', idNumber: '330106199003071236', phone: '1' } };
      const training = makeCase();
      const poisoned: { entry: unknown; outcome: string }[] = [
        { entry: 42, outcome: 'invalid' },
        { entry: { caseId: 'not-a-uuid' }, outcome: 'invalid' },
        { entry: { caseId: bad.id, contentHash: hashOf(badBody), training: false, case: badBody }, outcome: 'invalid' },
        { entry: { ...pushed(makeCase()), contentHash: 'a'.repeat(64) }, outcome: 'invalid' },
        { entry: pushed(makeCase({ catalogVersion: '2099.1.1' })), outcome: 'invalid' },
        { entry: pushed(training, true), outcome: 'refused' },
        { entry: pushed(makeCase({ status: 'draft' })), outcome: 'refused' },
        { entry: pushed(makeCase({ centreCode: '330102' })), outcome: 'refused' },
      ];
      const good = Array.from({ length: MAX_PUSH_BATCH - poisoned.length }, () => pushed(makeCase()));
      // the poisoned entries spread through the batch
      const batch: unknown[] = [...good];
      poisoned.forEach((p, i) => batch.splice(i * 5 + 1, 0, p.entry));
      const before = await count('SELECT count(*) AS n FROM cases');
      const rs = await pushAs(env.ws.token, batch);
      expect(rs).toHaveLength(MAX_PUSH_BATCH);
      for (const [i, p] of poisoned.entries()) {
        const r = rs[i * 5 + 1]!;
        expect(r.outcome).toBe(p.outcome);
        expect(r.reason).toBeTruthy();
      }
      expect(rs.filter((r) => r.outcome === 'stored')).toHaveLength(good.length);
      expect(await count('SELECT count(*) AS n FROM cases')).toBe(before + good.length);
      expect(await count('SELECT count(*) AS n FROM dispatches WHERE case_id = ANY($1::uuid[])', [good.map((g) => g.caseId)])).toBe(good.length);
    });

    it('malformed and oversized requests: 4xx with a reason, and no row written anywhere', async () => {
      const c = makeCase();
      await pushAs(env.ws.token, [pushed(c)]);
      const [dispatch] = await env.db.query<{ id: number }>(`SELECT id FROM dispatches WHERE case_id = $1`, [c.id]);
      const before = await dataRows();
      const push = (body: unknown, headers?: Record<string, string>) => call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body, ...(headers ? { headers } : {}) });
      const dept = (path: string, body?: unknown) => call(env.app, 'POST', `/api/v1/department/dispatches/${path}`, { token: env.dept.SCJG, ...(body !== undefined ? { body } : {}) });
      const refused = [
        ['invalid JSON', await push('{"cases": [', { 'content-type': 'application/json' }), 400, 'invalidJson'],
        ['no body', await call(env.app, 'POST', '/api/v1/cases/push', { token: env.ws.token, headers: { 'content-type': 'application/json' } }), 400, 'invalidBody'],
        ['not an object', await push([pushed(makeCase())]), 400, 'invalidBody'],
        ['no cases', await push({ cases: [] }), 400, 'invalidBody'],
        ['cases not a list', await push({ cases: pushed(makeCase()) }), 400, 'invalidBody'],
        [`over ${MAX_PUSH_BATCH} cases`, await push({ cases: Array.from({ length: MAX_PUSH_BATCH + 1 }, () => pushed(makeCase())) }), 400, 'invalidBody'],
        ['not JSON', await push('cases', { 'content-type': 'text/plain' }), 415, 'unsupportedMediaType'],
        ['over 5 MB', await push({ cases: [{ ...pushed(makeCase()), padding: 'x'.repeat(MAX_BODY_BYTES) }] }), 413, 'bodyTooLarge'],
        ['a decision without a kind', await dept(`${dispatch!.id}/decision`, { comment: '?' }), 400, 'invalidBody'],
        ['a denial without its reason', await dept(`${dispatch!.id}/decision`, { kind: 'denied' }), 400, 'invalidBody'],
        ['a dispatch id that is no number', await dept('abc/claim'), 400, 'invalidBody'],
        ['a bad cursor', await call(env.app, 'GET', '/api/v1/status-events?after=-1', { token: env.ws.token }), 400, 'invalidBody'],
      ] as const;
      for (const [what, r, status, code] of refused) {
        expect(r.status, what).toBe(status);
        expect(r.json?.error?.code, what).toBe(code);
        expect(String(r.json?.error?.message ?? ''), what).not.toBe('');
      }
      expect(await dataRows()).toEqual(before);
    });

    it('a wrong token, or another department’s token: 401/403 and nothing changes', async () => {
      const c = makeCase();
      await pushAs(env.ws.token, [pushed(c)]);
      const [dispatch] = await env.db.query<{ id: number }>(`SELECT id FROM dispatches WHERE case_id = $1 AND department_code = 'SCJG'`, [c.id]);
      const gone = await createWorkstation(env.db, '330106', '9C');
      await revokeToken(env.db, 'workstation', gone.id);
      const revoked = gone.token;
      const before = await dataRows();
      const fresh = pushed(makeCase());
      const denied = [
        ['no token', await call(env.app, 'POST', '/api/v1/cases/push', { body: { cases: [fresh] } }), 401, 'missingToken'],
        ['a made-up token', await call(env.app, 'POST', '/api/v1/cases/push', { token: `ow_ws_${'A'.repeat(43)}`, body: { cases: [fresh] } }), 401, 'invalidToken'],
        ['a revoked token', await call(env.app, 'POST', '/api/v1/cases/push', { token: revoked, body: { cases: [fresh] } }), 401, 'revokedToken'],
        ['a department pushing', await call(env.app, 'POST', '/api/v1/cases/push', { token: env.dept.SCJG, body: { cases: [fresh] } }), 403, 'forbidden'],
        ['a workstation claiming', await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/claim`, { token: env.ws.token }), 403, 'forbidden'],
        ['another department claiming', await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/claim`, { token: env.dept.YBJ }), 403, 'otherDepartment'],
        [
          'another department deciding',
          await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/decision`, { token: env.dept.WJJ, body: { kind: 'approved' } }),
          403,
          'otherDepartment',
        ],
        ['a made-up department token', await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: `ow_dp_${'B'.repeat(43)}` }), 401, 'invalidToken'],
      ] as const;
      for (const [what, r, status, code] of denied) {
        expect(r.status, what).toBe(status);
        expect(r.json?.error?.code, what).toBe(code);
        expect(String(r.json?.error?.message ?? ''), what).not.toBe('');
      }
      // claim and decision look the token up in their own statement: the same answers
      const dp = await createDepartment(env.db, 'GONE', '已撤销部门');
      await revokeToken(env.db, 'department', 'GONE');
      const fake = `ow_dp_${'C'.repeat(43)}`;
      const inline = [
        ['a revoked department claiming next', await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: dp.token }), 401, 'revokedToken'],
        ['a revoked department claiming', await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/claim`, { token: dp.token }), 401, 'revokedToken'],
        [
          'a revoked department deciding',
          await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/decision`, { token: dp.token, body: { kind: 'approved' } }),
          401,
          'revokedToken',
        ],
        ['a made-up token with a bad body', await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/decision`, { token: fake, body: { kind: '?' } }), 401, 'invalidToken'],
        ['a made-up token with bad JSON', await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/decision`, { token: fake, body: '{', headers: { 'content-type': 'application/json' } }), 401, 'invalidToken'],
        ['a made-up token with a bad worker header', await call(env.app, 'POST', '/api/v1/department/dispatches/claim-next', { token: fake, headers: { 'x-onewindow-worker': '%E0%A4%A' } }), 401, 'invalidToken'],
        ['a made-up token, bad dispatch id', await call(env.app, 'POST', '/api/v1/department/dispatches/abc/claim', { token: fake }), 401, 'invalidToken'],
      ] as const;
      for (const [what, r, status, code] of inline) {
        expect(r.status, what).toBe(status);
        expect(r.json?.error?.code, what).toBe(code);
        expect(r.headers['www-authenticate'], what).toBe('Bearer');
      }
      expect(await dataRows()).toEqual({ ...before, departments: before.departments! + 1 });
      expect((await env.db.query<{ state: string }>('SELECT state FROM dispatches WHERE id = $1', [dispatch!.id]))[0]!.state).toBe('queued');
      // a refusal on such a route still names its actor in the audit
      const early = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/decision`, { token: env.dept.SCJG, body: { kind: 'approved' } });
      expect(early.json.error.code).toBe('notClaimed');
      await env.app.flushAudit();
      const [last] = await env.db.query<{ actor_kind: string; actor_id: string; status: number }>('SELECT actor_kind, actor_id, status FROM audit ORDER BY id DESC LIMIT 1');
      expect(last).toEqual({ actor_kind: 'department', actor_id: 'SCJG', status: 409 });
      const ok = await call(env.app, 'POST', `/api/v1/department/dispatches/${dispatch!.id}/claim`, { token: env.dept.SCJG, headers: { 'x-onewindow-worker': encodeURIComponent('王敏') } });
      expect(ok.json.dispatch).toMatchObject({ state: 'claimed', leaseOwner: '王敏' });
      await env.app.flushAudit();
      const [claimRow] = await env.db.query('SELECT actor_kind, actor_id, worker, status FROM audit ORDER BY id DESC LIMIT 1');
      expect(claimRow).toEqual({ actor_kind: 'department', actor_id: 'SCJG', worker: '王敏', status: 200 });
      // another department's queue never shows the case; the case page is 404 for it
      const ybj = await call(env.app, 'GET', '/api/v1/department/queue?limit=200', { token: env.dept.YBJ });
      expect(ybj.json.dispatches.map((d: { caseId: string }) => d.caseId)).not.toContain(c.id);
      expect((await call(env.app, 'GET', `/api/v1/department/cases/${c.id}`, { token: env.dept.YBJ })).status).toBe(404);
    });

    it('a push that fails half-way writes nothing; the retry stores every case exactly once', async () => {
      const broken = failingDb(env.db);
      const app: OneWindowServer = await buildServer({ db: broken, now: env.clock.now, rateLimit: false });
      try {
        const batch = Array.from({ length: 10 }, (_, i) => pushed(makeCase(i % 2 ? { subject: hotelSubject() } : {})));
        const ids = batch.map((b) => b.caseId);
        const r = await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } });
        expect(r.status).toBe(500);
        expect(r.json.error.code).toBe('internal');
        const inIds = `SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)`;
        expect(await count(`SELECT count(*) AS n FROM cases WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM dispatches WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(0);

        broken.fail = false;
        const again = PushResponse.parse((await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } })).json).results;
        expect(again.every((x) => x.outcome === 'stored')).toBe(true);
        // and once more (the answer was lost): nothing new
        const third = PushResponse.parse((await call(app, 'POST', '/api/v1/cases/push', { token: env.ws.token, body: { cases: batch } })).json).results;
        expect(third.every((x) => x.outcome === 'alreadyHave')).toBe(true);
        expect(await count(`SELECT count(*) AS n FROM dispatches WHERE case_id IN (${inIds})`, [JSON.stringify(ids)])).toBe(5 * 1 + 5 * 2);
        expect(
          await count(`SELECT count(*) AS n FROM (SELECT case_id, department_code FROM dispatches WHERE case_id IN (${inIds}) GROUP BY 1, 2 HAVING count(*) > 1) x`, [
            JSON.stringify(ids),
          ]),
        ).toBe(0);
      } finally {
        await app.close();
      }
    });

    it('the same cases pushed twice at the same moment (a retry racing its first try) are stored once', async () => {
      const batch = Array.from({ length: 20 }, () => pushed(makeCase({ subject: hotelSubject() })));
      const [a, b] = await Promise.all([pushAs(env.ws.token, batch), pushAs(env.ws.token, batch)]);
      for (let i = 0; i < batch.length; i++) {
        const outcomes = [a[i]!.outcome, b[i]!.outcome].sort();
        expect(outcomes).toEqual(['alreadyHave', 'stored']);
      }
      const ids = JSON.stringify(batch.map((x) => x.caseId));
      expect(await count('SELECT count(*) AS n FROM dispatches WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))', [ids])).toBe(40);
      expect(
        await count(
          `SELECT count(*) AS n FROM status_events WHERE kind = 'received' AND case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`,
          [ids],
        ),
      ).toBe(20);
    });

    it('a workstation pulling while departments decide never skips an event', async () => {
      const cases = Array.from({ length: 40 }, () => makeCase());
      for (let i = 0; i < cases.length; i += 20) await pushAs(env.ws.token, cases.slice(i, i + 20).map((c) => pushed(c)));
      // where the workstation is now
      let cursor = 0;
      for (;;) {
        const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=500`, { token: env.ws.token })).json);
        if (p.events.length === 0) break;
        cursor = p.nextCursor;
      }
      const start = cursor;
      const ids = new Set(cases.map((c) => c.id));
      const dispatchIds = (
        await env.db.query<{ id: number; case_id: string }>(`SELECT id, case_id::text AS case_id FROM dispatches WHERE department_code = 'SCJG' AND state = 'queued'`)
      )
        .filter((d) => ids.has(d.case_id))
        .map((d) => d.id);
      expect(dispatchIds).toHaveLength(40);

      let deciding = true;
      const seen: StatusEvent[] = [];
      const puller = (async () => {
        while (deciding) {
          const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=7`, { token: env.ws.token })).json);
          seen.push(...p.events);
          cursor = p.nextCursor;
          // A real client's next request arrives through the network; in-process `inject` calls
          // would otherwise run as one endless chain of microtasks and starve PGlite's queue.
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      const queue = [...dispatchIds];
      const deciders = Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            const worker = { 'x-onewindow-worker': `w${w}` };
            expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${id}/claim`, { token: env.dept.SCJG, headers: worker })).status).toBe(200);
            for (const kind of ['takenForReview', 'approved'])
              expect((await call(env.app, 'POST', `/api/v1/department/dispatches/${id}/decision`, { token: env.dept.SCJG, headers: worker, body: { kind } })).status).toBe(200);
          }
        }),
      );
      try {
        await deciders;
      } finally {
        deciding = false;
        await puller;
      }
      for (;;) {
        const p = StatusEventsResponse.parse((await call(env.app, 'GET', `/api/v1/status-events?after=${cursor}&limit=500`, { token: env.ws.token })).json);
        if (p.events.length === 0) break;
        seen.push(...p.events);
        cursor = p.nextCursor;
      }
      const all = (await env.db.query<{ pos: string }>('SELECT pos FROM status_events WHERE workstation_id = $1 AND pos > $2 ORDER BY pos', [env.ws.id, start])).map((r) => Number(r.pos));
      expect(all).toHaveLength(80);
      expect(seen.map((e) => e.cursor)).toEqual(all);
    }, 60_000);

    it('a backlog of 1,000 cases drains in batches; each is queued once per department (timed)', async () => {
      const cases = Array.from({ length: 1000 }, (_, i) => makeCase(i % 4 === 0 ? { subject: hotelSubject() } : {}));
      const t0 = performance.now();
      const results: PushResult[] = [];
      for (let i = 0; i < cases.length; i += 50) results.push(...(await pushAs(env.ws.token, cases.slice(i, i + 50).map((c) => pushed(c)))));
      const ms = performance.now() - t0;
      expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1000);
      const ids = JSON.stringify(cases.map((c) => c.id));
      const perDept = await env.db.query<{ department_code: string; n: number; distinct_cases: number }>(
        `SELECT department_code, count(*) AS n, count(DISTINCT case_id) AS distinct_cases FROM dispatches
         WHERE case_id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb)) GROUP BY 1 ORDER BY 1`,
        [ids],
      );
      expect(perDept).toEqual([
        { department_code: 'SCJG', n: 1000, distinct_cases: 1000 },
        { department_code: 'WJJ', n: 250, distinct_cases: 250 },
      ]);
      console.log(`[${name}] 1,000 cases in 20 pushes of 50 (1,250 dispatches): ${ms.toFixed(0)} ms, ${((1000 / ms) * 1000).toFixed(0)} cases/s`);
    }, 120_000);
  });
}
